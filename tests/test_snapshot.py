"""``snapshot`` ([D] snapshot): save, list, label, restore and erase, following the manual's
example; a restore replaces the data (by design) and leaves the snapshot for another restore;
unknown numbers and subcommands leave the data as they were."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import data_state
import pytest

LINE = re.compile(r"^  snapshot (\d+)(?: \((.*)\))? created at \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d$")


@pytest.fixture
def s(new_session):
    return new_session(pd.DataFrame({"mpg": [22.0, 17.0, 31.0]}))


def _listed(run, s, text="snapshot list"):
    out, rc = run(s, text)
    assert rc == 0, out
    return [LINE.match(ln).groups() for ln in out.splitlines()]


def test_manual_example_sequence(s, run):
    out, rc = run(s, 'snapshot save, label("before changes")')
    assert rc == 0 and LINE.match(out.rstrip("\n")).groups() == ("1", "before changes")
    assert s.r == {"snapshot": 1}
    run(s, 'generate gpm = 1/mpg\nlabel variable gpm "gallons per mile"')
    run(s, 'snapshot save, label("after changes")')
    assert s.r == {"snapshot": 2}
    run(s, "drop gpm")
    assert _listed(run, s) == [("1", "before changes"), ("2", "after changes")]
    assert run(s, "snapshot restore 2") == ("", 0)
    np.testing.assert_allclose(s.data.df["gpm"], 1 / np.array([22.0, 17.0, 31.0]), rtol=1e-7)
    assert s.data.var_labels["gpm"] == "gallons per mile"
    run(s, 'snapshot label 2 "good changes"\nsnapshot erase 1')
    assert _listed(run, s) == [("2", "good changes")]
    run(s, "drop _all")
    run(s, "snapshot restore 2\nsnapshot restore 2")  # kept for another restore
    assert s.data.varnames == ["mpg", "gpm"]


def test_numbering_and_erase_all(s, run):
    run(s, "snapshot save\nsnapshot save\nsnapshot save\nsnapshot erase 2")
    assert _listed(run, s) == [("1", None), ("3", None)]
    run(s, "snapshot save")
    assert s.r == {"snapshot": 4}  # one above the highest kept
    assert _listed(run, s, "snapshot list 3/4") == [("3", None), ("4", None)]
    run(s, "snapshot erase _all")
    assert run(s, "snapshot list") == ("", 0)
    run(s, "snapshot save")
    assert s.r == {"snapshot": 1}


@pytest.mark.parametrize("line, rc, message", [
    ("snapshot restore 5", 111, "snapshot 5 not found"),
    ("snapshot erase 1 5", 111, "snapshot 5 not found"),
    ("snapshot restore", 198, "invalid syntax"),
    ("snapshot", 198, "invalid syntax"),
    ("snapshot keep", 198, "invalid snapshot subcommand keep"),
    ("snapshot save, name(x)", 198, "option name() not allowed"),
])
def test_errors_leave_data(s, run, line, rc, message):
    run(s, "snapshot save")
    run(s, "replace mpg = 0 in 1")
    before = data_state.snapshot(s)
    out, got = run(s, line)
    assert got == rc and message in out, out
    data_state.assert_unchanged(s, before)
    assert list(s.snapshots) == [1]
