"""range, compare and cf ([D] range, [D] compare, [D] cf): values against their formulas,
Stata's layouts (range.ado, compare.ado, cf.ado) and messages; data unchanged on errors."""
from __future__ import annotations

import numpy as np
import pandas as pd


# ----------------------------------------------------------------------------- range
def test_range_fills_adds_observations_and_stores_float(do):
    rc, out, s = do("range x 0 12.56 5\nrange y 1 2 3\nrange z 0 1 8")
    assert rc == 0
    assert out.splitlines()[0] == "obs was 0, now 5"
    assert "(2 missing values generated)" in out and "obs was 5, now 8" in out
    x = s.data.numeric("x")
    expected = np.float32(np.arange(5) / 4 * 12.56).astype(float)  # range.ado's formula, in float
    np.testing.assert_array_equal(x[:5], expected)
    assert np.isnan(x[5:]).all() and s.data.types["x"] == "float"
    np.testing.assert_array_equal(s.data.numeric("y")[:3], [1.0, 1.5, 2.0])
    np.testing.assert_array_equal(s.data.numeric("z"), np.float32(np.arange(8) / 7).astype(float))


def test_range_uses_the_observations_there_are(do):
    rc, out, s = do("range t -1 1", pd.DataFrame({"a": [1.0, 2.0, 3.0]}))
    assert rc == 0 and out == "" and list(s.data.numeric("t")) == [-1.0, 0.0, 1.0]


def test_range_errors_leave_the_data(do):
    for line, rc, message in (("range a 1", 198, "invalid syntax"), ("range a 1 2 3 4", 198, "invalid syntax"),
                              ("range a 0 1", 198, "invalid syntax"), ("range a 0 1 2.5", 198, "invalid syntax")):
        got, out, s = do(line)
        assert got == rc and message in out and s.data.nobs == 0, (line, out)
    got, out, s = do("range a 0 1", pd.DataFrame({"a": [1.0]}))
    assert got == 110 and "variable a already defined" in out and list(s.data.df["a"]) == [1.0]


# ----------------------------------------------------------------------------- compare
def _pairs():
    from mlmcli.dataset import Dataset

    df = pd.DataFrame({"x": [1.0, 2.0, np.nan, 5.0, np.nan, 7.5], "y": [1.0, 3.0, 4.0, 2.0, np.nan, 7.0],
                       "s": ["a", "b", "", "e", "", "f"], "t": ["a", "c", "d", "", "", "f"]})
    return Dataset(df=df, types={"x": "float", "y": "float", "s": "str1", "t": "str1"})


# compare.ado's columns: labels at 1, %9.0f count at 25, %9.0g min/mean/max at 39, 52, 64
COMPARE_XY = """
                                        ---------- difference ----------
                            count       minimum      average     maximum
------------------------------------------------------------------------
x<y                             1            -1           -1          -1
x=y                             1
x>y                             2            .5         1.75           3
                       ----------
jointly defined                 4            -1         .625           3
x missing only                  1
jointly missing                 1
                       ----------
total                           6
"""


def test_compare_numeric_layout_and_differences(do):
    rc, out, s = do("compare x y", _pairs())
    assert rc == 0 and out == COMPARE_XY
    x, y = _pairs().df["x"].to_numpy(), _pairs().df["y"].to_numpy()
    d = (x - y)[~np.isnan(x - y)]  # the jointly defined row from first principles
    assert (d.min(), d.mean(), d.max()) == (-1.0, 0.625, 3.0)


def test_compare_strings_and_if(do):
    rc, out, s = do("compare s t", _pairs())
    assert out == """
                            count
---------------------------------
s<t                             1
s=t                             2
                       ----------
jointly defined                 3
s missing only                  1
t missing only                  1
jointly missing                 1
                       ----------
total                           6
"""
    rc, out, s = do("compare x y if y < 4", _pairs())
    assert out.splitlines()[-1] == "total                           3" and "x missing only" not in out
    rc, out, s = do("compare s x", _pairs())  # string against numeric: only the joint counts
    assert "jointly defined                 4" in out and "jointly missing                 2" in out


def test_compare_errors(do):
    rc, out, s = do("compare x", _pairs())
    assert rc == 102 and "too few variables specified" in out
    rc, out, s = do("compare x y s", _pairs())
    assert rc == 103 and "too many variables specified" in out


# ----------------------------------------------------------------------------- cf
def test_cf_reports_mismatches_all_verbose_and_r9(do, tmp_path):
    path = tmp_path / "orig.dta"
    lines = f"""save "{path}"
replace x = 9 in 2
replace s = "zz" in 1
gen z = 1
cap noi cf x y s using "{path}", all
local rc1 = _rc
cap noi cf x y s z using "{path}", verbose
local rc2 = _rc
display `rc1' `rc2' r(Nsum)
cf y using "{path}"
"""
    rc, out, s = do(lines, _pairs())
    assert rc == 0
    assert """               x:  1 mismatch
               y:  match
               s:  1 mismatch
""" in out
    assert """               x:  1 mismatch
                   obs 2. 9 in master; 2 in using
               s:  1 mismatch
                   obs 1. zz in master; a in using
               z:  does not exist in using
""" in out
    assert "\n992\n" in out  # both r(9), two mismatches


def test_cf_observation_count_and_type(do, tmp_path):
    path = tmp_path / "orig.dta"
    rc, out, s = do(f'save "{path}"\ndrop in 1\ncf _all using "{path}"', _pairs())
    assert rc == 9 and "master has 5 obs., using 6\nr(9);" in out
    path = tmp_path / "second.dta"
    rc, out, s = do(f'save "{path}"\ntostring y, replace\ncf y using "{path}"', _pairs())
    assert rc == 9 and "               y:  str1 in master but float in using" in out
    path = tmp_path / "third.dta"
    rc, out, s = do(f'save "{path}"\ncf _all using "{path}"', _pairs())
    assert rc == 0 and s.r["Nsum"] == "0"
    rc, out, s = do(f'cf x using "{tmp_path / "none.dta"}"', _pairs())
    assert rc == 601
