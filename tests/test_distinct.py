"""``distinct`` (community command, ``ssc install distinct``): layout, missing values,
joint, minimum/maximum, abbreviation, r() and errors."""
from __future__ import annotations

import pandas as pd

DATA = 'input id str3 s x\n1 "a" 1\n1 "a" .\n2 "" 3\n3 "b" 3\nend\n'


def test_layout_per_variable_leaves_missing_out(do):
    rc, out, s = do(DATA + "distinct")
    assert rc == 0, out
    assert out.split("\n")[-7:] == [
        "       |        Observations",
        "       |      total   distinct",
        "-------+----------------------",
        "    id |          4          3",
        "     s |          3          2",
        "     x |          3          2",
        "",
    ]
    assert s.r == {"N": 3.0, "ndistinct": 2.0}


def test_missing_joint_if_and_bounds(do):
    rc, out, s = do(DATA + "distinct s, missing")
    assert out.endswith("     s |          4          3\n") and s.r["ndistinct"] == 3
    rc, out, s = do(DATA + "distinct id x, joint")
    assert out.endswith("\n        Observations\n      total   distinct\n          3          3\n")
    rc, out, s = do(DATA + "distinct id x if id < 3, min(3) max(2)")
    assert "min(3) max(2) interpreted as min(2) max(3)" in out
    assert "    id |          3          2" in out and s.r["N"] == 2  # x: obs 1 and 3 (obs 2 missing)
    rc, out, s = do(DATA + "distinct id x, max(2)")
    assert "    id |" not in out and "     x |          3          2" in out


def test_abbreviation_of_long_names(do):
    df = pd.DataFrame({"averylongname": [1, 2, 2]})
    rc, out, _ = do("distinct averylongname, abbrev(6)", df=df)
    assert out.split("\n")[-2] == " aver~e |          3          2"
    rc, out, _ = do("distinct averylongname", df=df)
    assert out.split("\n")[-2] == " averylongname |          3          2"


def test_errors(do):
    assert do(DATA + "distinct nothere")[0] == 111
    assert do(DATA + "distinct id, min(x)")[0] == 198
    assert do(DATA + "distinct id, frob")[0] == 198
    assert do("distinct")[0] == 111
