"""Time-series operators in expressions ([U] 13.9): values by time value within panel,
checked against hand computation; errors against Stata's messages."""
import math

import pytest

DATA = """clear
input id t y
1 1 1
1 2 3
1 3 6
1 5 10
1 6 15
2 1 2
2 2 4
2 3 8
end
"""
M = math.nan


def _same(a, b):
    assert len(a) == len(b)
    for u, v in zip(a, b):
        assert (math.isnan(u) and math.isnan(v)) or u == v, (a, b)


def _col(do, text, name="v"):
    rc, out, s = do(text)
    assert rc == 0, out
    return list(s.data.numeric(name))


@pytest.mark.parametrize("expr, expected", [
    ("L.y", [M, 1, 3, M, 10, M, 2, 4]),       # t=5 follows a gap: no t=4
    ("F.y", [3, 6, M, 15, M, 4, 8, M]),
    ("l2.y", [M, M, 1, 6, M, M, M, 2]),       # case-insensitive; t=5 lags to t=3
    ("D.y", [M, 2, 3, M, 5, M, 2, 4]),
    ("D2.y", [M, M, 1, M, M, M, M, 2]),
    ("LD.y", [M, M, 2, M, M, M, M, 2]),
    ("DL.y", [M, M, 2, M, M, M, M, 2]),
    ("S2.y", [M, M, 5, 4, M, M, M, 6]),
    ("L0.y + F2.y", [7, M, 16, M, M, 10, M, M]),
])
def test_generate_values(do, expr, expected):
    _same(_col(do, DATA + f"quietly xtset id t\ngen v = {expr}\n"), expected)


def test_replace_and_if(do):
    got = _col(do, DATA + "quietly xtset id t\ngen v = 0\nreplace v = 1 if D.y == 2\n")
    _same(got, [0, 1, 0, 0, 0, 0, 1, 0])


def test_time_series_without_panel(do):
    got = _col(do, DATA + "keep if id == 1\nquietly tsset t\ngen v = L.y\n")
    _same(got, [M, 1, 3, M, 10])


def test_rows_out_of_time_order(do):
    got = _col(do, DATA + "quietly xtset id t\ngsort -t\ngen v = L.y\nsort id t\n")
    _same(got, [M, 1, 3, M, 10, M, 2, 4])


def test_strings_untouched(do):
    rc, out, s = do(DATA + 'quietly xtset id t\ngen str5 s = "L.y"\n')
    assert rc == 0 and s.data.df["s"].iloc[0] == "L.y"


def test_not_tsset(do):
    rc, out, _ = do(DATA + "gen v = L.y\n")
    assert rc == 111 and "time variable not set, use tsset varname ...\nr(111);" in out


REG = """clear
set obs 40
gen id = ceil(_n/10)
gen t = mod(_n-1,10)+1
drop if _n == 15
gen y = sin(_n) + _n/7
gen x = cos(_n*3) + mod(_n,4)
quietly xtset id t
quietly gen double ly = L.y
quietly gen double dx = D.x
quietly gen l2x = L2.x
"""


def test_regress_lags_equal_generated_variables(do):
    rc, out, s = do(REG + "regress y L.y D.x\nmatrix b1 = e(b)\nscalar n1 = e(N)\n"
                    "regress y ly dx\nmatrix b2 = e(b)\nscalar n2 = e(N)\n")
    assert rc == 0, out
    assert s.scalars["n1"] == s.scalars["n2"] == 34  # rows with a missing lag are left out
    b1, b2 = s.matrices["b1"], s.matrices["b2"]
    assert list(b1.colnames) == ["L.y", "D.x", "_cons"]
    assert max(abs(float(u) - float(v)) for u, v in zip(b1.values.ravel(), b2.values.ravel())) < 1e-10


def test_regress_ranges_and_groups_table(do):
    rc, out, s = do(REG + "regress y L(0/2).x l.(y)\nmatrix b = e(b)\n")
    assert rc == 0, out
    assert list(s.matrices["b"].colnames) == ["x", "L.x", "L2.x", "L.y", "_cons"]
    table = out[out.index("Coef."):]
    assert "\n           x |\n         --. |" in table
    assert "\n         L1. |" in table and "\n         L2. |" in table
    assert "\n           y |\n         L1. |" in table


def test_regress_not_tsset(do):
    rc, out, _ = do("clear\nset obs 5\ngen y = _n\nregress y L.y\n")
    assert rc == 111 and "time variable not set, use tsset varname ...\nr(111);" in out


def test_summarize_list_and_refusal(do):
    rc, out, _ = do(DATA + "quietly xtset id t\nsummarize L.y\nlist L.y in 2\n")
    assert rc == 0, out
    assert "         L.y |         5           4    3.535534          1         10" in out  # 1 3 10 2 4
    assert "  2. |   1 |" in out
    rc, out, _ = do(DATA + "quietly xtset id t\ndrop L.y\n")
    assert rc == 101 and "time-series operators not allowed\nr(101);" in out
