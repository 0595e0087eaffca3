"""cross ([D] cross): every pairwise combination (itertools.product order: master observation,
then using observation), master values kept for common variables, labels brought along."""
from __future__ import annotations

import itertools

import pandas as pd

from mlmcli.dataset import Dataset


def test_cross_pairs_every_observation(do, tmp_path):
    ages = tmp_path / "ages.dta"
    other = Dataset(df=pd.DataFrame({"agecat": [20.0, 30.0, 40.0], "sex": ["x", "y", "z"]}),
                    types={"agecat": "byte", "sex": "str1"}, value_labels={"ag": {20.0: "twenties"}},
                    value_label_of={"agecat": "ag"})
    rc, out, s = do(f'save "{ages}"', other)
    assert rc == 0
    master = Dataset(df=pd.DataFrame({"sex": ["m", "f"], "w": [1.0, 2.0]}), types={"sex": "str1", "w": "float"})
    rc, out, s = do(f'cross using "{ages}"', master)
    assert rc == 0 and out == ""
    want = list(itertools.product([("m", 1.0), ("f", 2.0)], [20.0, 30.0, 40.0]))
    got = list(zip(zip(s.data.df["sex"], s.data.df["w"]), s.data.df["agecat"]))
    assert got == want and s.data.varnames == ["sex", "w", "agecat"]
    assert s.data.value_label_of["agecat"] == "ag" and s.data.types["agecat"] == "byte"


def test_cross_errors_leave_data(do, tmp_path):
    master = pd.DataFrame({"w": [1.0, 2.0]})
    for line, want_rc in ((f'cross using "{tmp_path / "none.dta"}"', 601), ("cross", 100), ("cross w using x", 198)):
        rc, out, s = do(line, master)
        assert rc == want_rc and list(s.data.df["w"]) == [1.0, 2.0], (line, out)
