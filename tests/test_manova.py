"""manova: the four multivariate tests of each term and of the model against R's anova.mlm
(tests/systems_reference/manova.R: full against reduced model in sum-to-zero coding), the table's
layout, e() and test/predict after it, and manova.ado's errors."""
from __future__ import annotations

import numpy as np
import pytest
from systems_helpers import DATA, check_error, reference, run_ok

REF = reference("manova")
CASES = {"oneway": "g", "twoway": "g##h", "ancova": "g h c.x1"}
R_NAMES = ("Wilks", "Pillai", "Hotelling-Lawley", "Roy")


_fit = run_ok


@pytest.mark.parametrize("case", sorted(CASES))
def test_tests_against_anova_mlm(do, case):
    _, s = _fit(do, f"manova y1 y2 y3 = {CASES[case]}")
    ref = REF[case]
    np.testing.assert_allclose(s.e.matrices["E"].values, np.array(ref["E"]), rtol=1e-9)
    assert s.e.scalars["df_r"] == ref["df_r"]
    k = 1
    while f"term_{k}" in s.e.macros:
        stat = s.e.matrices[f"stat_{k}"].values
        for row, name in zip(stat, R_NAMES):
            np.testing.assert_allclose(row[:5], ref[s.e.macros[f"term_{k}"]][name], rtol=1e-7)
        k += 1
    assert k - 1 == len(ref) - 3
    for row, name in zip(s.e.matrices["stat_m"].values, R_NAMES):
        np.testing.assert_allclose(row[:5], ref["Model"][name], rtol=1e-7)


def test_oneway_layout(do):
    printed, s = _fit(do, "manova y1 y2 y3 = g")
    lines = printed.splitlines()
    at = lines.index(" " * 27 + "Number of obs =      48")
    assert lines[at + 2] == " " * 27 + "W = Wilks' lambda      L = Lawley-Hotelling trace"
    assert lines[at + 3] == " " * 27 + "P = Pillai's trace     R = Roy's largest root"
    assert lines[at + 5] == " " * 18 + "Source |  Statistic     df   F(df1,    df2) =   F   Prob>F"
    assert lines[at + 6] == " " * 14 + "-" * 11 + "+" + "-" * 50
    st = s.e.matrices["stat_1"].values
    w = st[0]
    assert list(st[:, 5]) == [1, 0, 0, 0]  # exact flags: W with s = 2, the others approximate
    assert lines[at + 7] == (" " * 23 + f"g | W{w[0]:9.4f}      2{w[2]:8.1f}{w[3]:8.1f}{w[1]:9.2f}{w[4]:7.4f} e")
    assert lines[at + 10].endswith(" u") and lines[at + 10].startswith(" " * 25 + "| R")
    assert lines[at + 11] == " " * 25 + "|" + "-" * 50
    assert lines[at + 12] == " " * 16 + "Residual |" + " " * 16 + "45"
    assert lines[at + 14] == " " * 19 + "Total |" + " " * 16 + "47"
    assert lines[at + 16] == " " * 27 + "e = exact, a = approximate, u = upper bound on F"
    assert "Model |" not in printed


def test_several_terms_show_the_model_first(do):
    printed, _ = _fit(do, "manova y1 y2 y3 = g##h")
    order = [ln.split("|")[0].strip() for ln in printed.splitlines() if "| W" in ln or "Residual |" in ln]
    assert order == ["Model", "Residual", "g", "h", "g#h", "Residual"]


def test_coefficients_test_and_predict(do):
    printed, s = _fit(do, "manova y1 y2 y3 = g c.x1\ntest [y1]x1\npredict r, eq(y1) residuals")
    b = s.e.matrices["b"].values.ravel()
    names = s.e.matrices["b"].colnames
    X = np.column_stack([(DATA.g == 2), (DATA.g == 3), DATA.x1, np.ones(48)]).astype(float)
    coef = np.linalg.lstsq(X, DATA.y1.values, rcond=None)[0]
    np.testing.assert_allclose(b[[names.index("y1:2.g"), names.index("y1:3.g"), names.index("y1:x1"),
                                  names.index("y1:_cons")]], coef, rtol=1e-9)
    resid = DATA.y1.values - X @ coef
    np.testing.assert_allclose(s.data.df.r, resid, atol=1e-6)
    se = np.sqrt(resid @ resid / 44 * np.linalg.inv(X.T @ X)[2, 2])
    assert f"F(  1,    44) = {(coef[2] / se) ** 2:7.2f}" in printed
    assert s.e.macros["cmd"] == "manova" and s.e.macros["depvar"] == "y1 y2 y3"


def test_replay_and_weights(do):
    printed, s = _fit(do, "manova y1 y2 y3 = g [fw=fw]\nmanova")
    assert printed.count("Number of obs =     104") == 2
    big = DATA.loc[DATA.index.repeat(DATA.fw.astype(int))].reset_index(drop=True)
    rc, _, t = do("manova y1 y2 y3 = g", big)
    np.testing.assert_allclose(s.e.matrices["stat_1"].values, t.e.matrices["stat_1"].values, rtol=1e-9)


@pytest.mark.parametrize("text, rc, message", [
    ("manova y1 y2 g", 198, "equal sign required between dependent variables and terms of the model"),
    ("manova = g", 198, "at least one dependent variable required"),
    ("manova y1 y2 =", 198, "at least one independent variable required"),
    ("manova y1 y2 = g, category(g)", 198, "option category(g) not allowed"),
    ("manova y1 y1 = g", 506, "collinearity among the dependent variables"),
    ("manova", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    check_error(do, text, rc, message)


def test_manovatest_terms_together_and_ytransform(do):
    base = "manova y1 y2 y3 = g##h\n"
    _, s = _fit(do, base + "manovatest g h")
    for row, name in zip(s.r["stat"].values, R_NAMES):
        np.testing.assert_allclose(row[:5], REF["manovatest_gh"][name], rtol=1e-7)
    assert s.r["df"] == 3 and s.r["df_r"] == 42
    printed, s = _fit(do, base + "matrix c = (1,-1,0 \\ 0,1,-1)\nmanovatest g, ytransform(c)")
    for row, name in zip(s.r["stat"].values, R_NAMES):
        np.testing.assert_allclose(row[:5], REF["manovatest_g_ytrans"][name], rtol=1e-7)
    assert "Transformations of the dependent variables\n (1) y1 - y2\n (2) y2 - y3\n" in printed


def test_manovatest_term_equals_the_manova_row(do):
    _, s = _fit(do, "manova y1 y2 y3 = g h c.x1\nmanovatest c.x1")
    np.testing.assert_allclose(s.r["stat"].values, s.e.matrices["stat_3"].values, rtol=1e-12)


def test_manovatest_test_matrix_from_first_principles(do):
    printed, s = _fit(do, "manova y1 y2 y3 = g c.x1\nmanovatest, showorder\nmatrix L = (0,1,-1,0,0)\n"
                          "manovatest, test(L)")
    assert "Order of columns in the design matrix" in printed and "(g==2)" in printed and ": _cons" in printed
    X = np.column_stack([(DATA.g == 2), (DATA.g == 3), DATA.x1, np.ones(48)]).astype(float)
    Y = DATA[["y1", "y2", "y3"]].values
    B = np.linalg.lstsq(X, Y, rcond=None)[0]
    R = Y - X @ B
    E = R.T @ R
    L = np.array([[1.0, -1.0, 0, 0]])
    LB = L @ B
    H = LB.T @ np.linalg.inv(L @ np.linalg.inv(X.T @ X) @ L.T) @ LB
    wilks = np.linalg.det(E) / np.linalg.det(E + H)
    assert s.r["stat"].values[0, 0] == pytest.approx(wilks, rel=1e-9) and s.r["df"] == 1
    assert "manovatest | W" in printed


@pytest.mark.parametrize("text, rc, message", [
    ("manovatest zz", 111, "zz not found in the model"),
    ("manovatest", 198, "a term list or option test() required"),
    ("matrix L = (1,2)\nmanovatest, test(L)", 503, "L must have 5 columns"),
])
def test_manovatest_errors(do, text, rc, message):
    check_error(do, text, rc, message, setup="manova y1 y2 y3 = g c.x1\n")


def test_manovatest_needs_manova(do):
    got, printed, _ = do("regress y1 x1\nmanovatest x1", DATA.copy())
    assert got == 321
