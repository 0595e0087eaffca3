"""stgen, stvary and stfill on a small multiple-record dataset: each function's values worked
out here by hand from stgen.ado's definitions (missing compares as Stata compares it), stvary's
counts and table layout (stvary.ado's DispHdr), stfill's messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

NAN = np.nan
DATA = pd.DataFrame({"id": [1, 1, 1, 2, 2, 3], "t": [2, 5, 7, 3, 6, 4], "died": [0, 0, 1, 0, 0, 1],
                     "x": [1, NAN, 2, 0, 0, NAN], "z": [NAN, 3, 4, 1, NAN, NAN],
                     "birth": [-10, -10, -10, -20, -20, -5]})
SETUP = "stset t, failure(died) id(id)\n"


@pytest.mark.parametrize("fn,expected", [
    ("ever(x==2)", [1, 1, 1, 0, 0, 0]),
    ("never(x==2)", [0, 0, 0, 1, 1, 1]),
    ("always(x<5)", [0, 0, 0, 1, 1, 0]),            # missing < 5 is false
    ("max(z)", [4, 4, 4, 1, 1, NAN]),
    ("min(z)", [3, 3, 3, 1, 1, NAN]),
    ("when(x==0)", [NAN, NAN, NAN, 3, 3, NAN]),       # the first time (in t's units) x==0
    ("count(x!=.)", [0, 1, 1, 0, 1, 0]),             # earlier records with x present
    ("count0(x!=.)", [1, 1, 2, 1, 2, 0]),            # ... including the record itself
    ("nfailures()", [0, 0, 0, 0, 0, 0]),
    ("maxage(birth)", [12, 15, 17, 23, 26, 9]),      # _t - birth
    ("minage(birth)", [10, 12, 15, 20, 23, 5]),      # _t0 - birth
    ("avgage(birth)", [11, 13.5, 16, 21.5, 24.5, 7]),
    ("gaplen()", [0, 0, 0, 0, 0, 0]),
    ("hasgap()", [0, 0, 0, 0, 0, 0]),
    ("ngaps()", [0, 0, 0, 0, 0, 0]),
])
def test_stgen_functions(do, fn, expected):
    rc, out, s = do(SETUP + f"stgen v = {fn}", df=DATA)
    assert rc == 0, out
    got = s.data.numeric("v")
    assert np.allclose(got, expected, equal_nan=True), (fn, got)
    missing = int(np.isnan(np.asarray(expected, float)).sum())
    assert (f"({missing} missing value" in out) == bool(missing)


def test_stgen_type_and_sort_order(do):
    shuffled = DATA.iloc[[5, 2, 0, 4, 1, 3]].reset_index(drop=True)
    rc, out, s = do(SETUP + "stgen double v = count0(x!=.)", df=shuffled)
    assert rc == 0 and s.data.types["v"] == "double"
    # the data end sorted by _st id _t, as stgen.ado leaves them
    assert list(s.data.numeric("id")) == [1, 1, 1, 2, 2, 3] and list(s.data.numeric("t")) == [2, 5, 7, 3, 6, 4]
    assert np.allclose(s.data.numeric("v"), [1, 1, 2, 1, 2, 0])


def test_stgen_errors(do):
    rc, out, _ = do(SETUP + "stgen v = median(x)", df=DATA)
    assert rc == 133 and "unknown function median()" in out
    rc, out, _ = do(SETUP + "stgen long v = ever(x)", df=DATA)
    assert rc == 198 and "long invalid storage type" in out
    rc, out, _ = do(SETUP + "stgen x = ever(x)", df=DATA)
    assert rc == 110


def test_stvary(do):
    rc, out, s = do(SETUP + "stvary x z", df=DATA)
    assert rc == 0
    expected = """
               subjects for whom the variable is
                                                 never    always   sometimes
    variable |  constant    varying             missing   missing   missing
-------------+--------------------------------------------------------------
           x |         1          1                   1         1         1
           z |         1          1                   0         1         2"""
    assert expected in out
    assert s.r == {"cons": 1.0, "varies": 1.0, "never": 0.0, "always": 1.0, "miss": 2.0}


def test_stfill(do):
    rc, out, s = do(SETUP + "stfill x, forward", df=DATA)
    assert rc == 0 and "replace missing values with previously observed values:" in out
    assert "               x:  1 real change  made" in out
    assert np.allclose(s.data.numeric("x"), [1, 1, 2, 0, 0, NAN], equal_nan=True)
    rc, out, s = do(SETUP + "stfill z, baseline", df=DATA)
    assert "               z:  3 real changes made; 2 to missing" in out
    assert np.allclose(s.data.numeric("z"), [NAN, NAN, NAN, 1, 1, NAN], equal_nan=True)
    rc, out, _ = do(SETUP + "stfill z", df=DATA)
    assert rc == 198 and "must specify either baseline or forward" in out
    rc, out, _ = do("stset t, failure(died)\nstfill z, forward", df=DATA)
    assert rc == 0 and "(note: stfill with single-record data amounts to a request to do nothing)" in out
