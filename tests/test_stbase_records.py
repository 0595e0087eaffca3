"""stbase without at() (stbase.ado's BaseST): the baseline records of multiple-record st data,
worked out here by hand from the ado's rules (spells cut after a failure or a gap; each spell
its first record with the last _t; later spells as copies of the first record with _d = 1)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

RECORDS = pd.DataFrame({"id": [1, 1, 2, 2, 2, 3, 3, 4], "t1": [5, 9, 4, 8, 12, 3, 7, 6],
                        "died": [0, 1, 0, 1, 1, 1, 0, 1], "x": [10, 11, 20, 21, 22, 30, 31, 40]})


def _frame(ds, names):
    return [tuple(float(ds.numeric(v)[i]) for v in names) for i in range(ds.nobs)]


def test_multiple_failures(do):
    rc, out, s = do("stset t1, id(id) failure(died) exit(time .)\nstbase, replace", RECORDS.copy())
    assert rc == 0, out
    # (id, t1, died, x, _d, _t, _t0): id 1 one spell (its first record's _d, the last time and
    # died); id 2 spells {4, 8} and {12}; id 3 spells {3} and {7}; the copies keep x at baseline
    assert _frame(s.data, ["id", "t1", "died", "x", "_d", "_t", "_t0"]) == [
        (1, 9, 1, 10, 0, 9, 0), (2, 8, 1, 20, 0, 8, 0), (2, 12, 1, 20, 1, 12, 8),
        (3, 3, 1, 30, 1, 3, 0), (3, 7, 0, 30, 1, 7, 3), (4, 6, 1, 40, 1, 6, 0)]
    assert out.splitlines()[-5:] == [
        "notes:", "    1.  no gaps", "    2.  there were multiple failures or reentries after failures",
        "    3.  baseline data have multiple records per id(id)",
        "    4.  all records have covariate values at baseline"]
    assert s.data.chars["st_set"] == "may not streset after running stbase"
    assert "records now baseline (stbase run)" in s.data.chars.values()
    assert s.data.chars.get("_dta") == "st"


def test_single_failure_with_if(do):
    rc, out, s = do("stset t1, id(id) failure(died)\nstbase if id != 4, replace noshow", RECORDS.copy())
    assert rc == 0, out
    # single-failure: the records after id 2's and 3's first failure are not in the st sample
    assert _frame(s.data, ["id", "t1", "x", "_d", "_t"]) == [(1, 9, 10, 0, 9), (2, 8, 20, 0, 8), (3, 3, 30, 1, 3)]
    assert out.splitlines()[-4:] == ["notes:", "    1.  no gaps",
                                     "    2.  no multiple failures or reentries after failures",
                                     "    3.  baseline data have one record per id(id)"]


def test_nothing_to_do(do):
    rc, out, s = do("stset t1, failure(died)\nstbase, replace noshow", RECORDS.copy())
    assert rc == 0 and "nothing to do; single-record st data already baseline" in out and s.data.nobs == 8
    one = RECORDS.drop_duplicates("id")
    rc, out, s = do("stset t1, id(id) failure(died)\nstbase, replace noshow", one.copy())
    assert rc == 0 and "nothing to do; data have one record per id(id) and so is already baseline" in out


def test_changed_data_refused(do):
    rc, out, s = do("stset t1, id(id) failure(died)\nstbase", RECORDS.copy())
    assert rc == 4 and s.data.nobs == 8


def test_gap_from_if(do):
    """Leaving out id 2's middle record makes a gap: its later spell is a copy of the first
    record with _d = 1 and the spell's own entry and exit."""
    rc, out, s = do("stset t1, id(id) failure(died) exit(time .)\nstbase if !(id == 2 & t1 == 8), replace noshow",
                    RECORDS.copy())
    assert rc == 0, out
    assert _frame(s.data, ["id", "died", "x", "_d", "_t", "_t0"])[1:3] == [(2, 0, 20, 0, 4, 0), (2, 1, 20, 1, 12, 8)]
    assert "    1.  there were gaps" in out


def test_streset_refused_after_stbase(do):
    rc, out, s = do("stset t1, id(id) failure(died) exit(time .)\nstbase, replace noshow\nstset", RECORDS.copy())
    assert rc == 119 and "may not streset after running stbase" in out
    rc, out, s = do("stset t1, id(id) failure(died) exit(time .)\nstbase, replace noshow\nstset t1, failure(died)",
                    RECORDS.copy())
    assert rc == 0 and "st_set" not in s.data.chars
