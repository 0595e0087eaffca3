"""sureg and mvreg: numbers against R (tests/systems_reference/sureg_mvreg.R: systemfit's SUR with
methodResidCov noDfCor/geomean, restrict.matrix, rows repeated for fweights; lm's multivariate
fit), the layout of reg3.ado/mvreg.ado (Stata 13), predict (reg3_p), test/lincom and errors."""
from __future__ import annotations

import numpy as np
import pytest
from systems_helpers import DATA, check_b_V, check_error, reference, run_ok

REF = reference("sureg_mvreg")
THREE = "sureg (y1 x1 x2) (y2 x1 x3) (y3 x2)"
TWO = "sureg (y1 x1 x2) (y2 x1 x3)"


_fit, _check = run_ok, check_b_V


def test_sureg_against_systemfit(do):
    printed, s = _fit(do, THREE)
    _check(s, REF["sure"])
    np.testing.assert_allclose(s.e.matrices["Sigma"].values, np.array(REF["sure"]["Sigma"]), rtol=1e-8)
    assert s.e.matrices["b"].colnames == ("y1:x1", "y1:x2", "y1:_cons", "y2:x1", "y2:x3", "y2:_cons",
                                          "y3:x2", "y3:_cons")
    assert s.e.macros["cmd"] == "sureg" and s.e.macros["method"] == "sure" and s.e.macros["predict"] == "reg3_p"
    assert s.e.scalars["N"] == 48 and s.e.scalars["k_eq"] == 3 and s.e.scalars["ic"] == 0
    # the equation summary: Wald chi2 of each equation's slopes, from e(b) and e(V) here
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    chi2 = float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2]))
    assert s.e.scalars["chi2_1"] == pytest.approx(chi2, rel=1e-10) and s.e.scalars["df_m3"] == 1


def test_sureg_log_likelihood(do):
    # [R] sureg, Methods and formulas: ll = -N/2 (m ln(2 pi) + ln|Sigma^| + m), Sigma^ = E'E/N of the
    # final residuals
    _, s = _fit(do, TWO)
    b = s.e.matrices["b"].values.ravel()
    E = np.column_stack([DATA.y1 - (b[0] * DATA.x1 + b[1] * DATA.x2 + b[2]),
                         DATA.y2 - (b[3] * DATA.x1 + b[4] * DATA.x3 + b[5])])
    ll = -24 * (2 * np.log(2 * np.pi) + np.log(np.linalg.det(E.T @ E / 48)) + 2)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-10)


def test_sureg_layout(do):
    printed, s = _fit(do, THREE)
    lines = printed.splitlines()
    at = lines.index("Seemingly unrelated regression")
    assert lines[at + 1] == "-" * 70
    assert lines[at + 2] == 'Equation          Obs  Parms        RMSE    "R-sq"       chi2        P'
    row = lines[at + 4]
    assert row.startswith("y1                 48      2    ") and len(row) == 70
    assert lines[at + 7] == "-" * 70 and lines[at + 8] == ""
    assert lines[at + 10].endswith("z    P>|z|     [95% Conf. Interval]")
    assert lines[at + 12] == "y1           |"
    rmse = np.sqrt(s.e.scalars["rss_1"] / 48)
    assert s.e.scalars["rmse_1"] == pytest.approx(rmse)


def test_sureg_small_dfk_corr(do):
    printed, s = _fit(do, TWO + ", small dfk corr")
    _check(s, REF["sure_dfk"])
    assert s.e.scalars["df_r"] == 2 * 48 - 6 and s.e.macros["small"] == "small" and s.e.macros["dfk"] == "dfk"
    assert '"R-sq"     F-Stat        P' in printed and "t    P>|t|" in printed
    # the test is on e(Sigma), the FGLS step's covariance: the OLS residuals' correlation
    E = [DATA[y] - np.column_stack([DATA[a], DATA[c], np.ones(48)]) @ np.linalg.lstsq(
        np.column_stack([DATA[a], DATA[c], np.ones(48)]), DATA[y], rcond=None)[0]
         for y, a, c in (("y1", "x1", "x2"), ("y2", "x1", "x3"))]
    r = (E[0] @ E[1]) / np.sqrt((E[0] @ E[0]) * (E[1] @ E[1]))
    assert s.e.scalars["chi2_bp"] == pytest.approx(48 * r ** 2, rel=1e-8) and s.e.scalars["df_bp"] == 1
    assert "Correlation matrix of residuals:" in printed
    assert f"Breusch-Pagan test of independence: chi2(1) = {48 * r ** 2:9.3f}, Pr = " in printed


def test_isure_iterates_to_the_ml_fixed_point(do):
    printed, s = _fit(do, TWO + ", isure")
    _check(s, REF["isure"], rtol=1e-5)
    assert "Seemingly unrelated regression, iterated" in printed and "Iteration 1:   tolerance = " in printed
    assert s.e.scalars["ic"] >= 2 and s.e.macros["method"] == "isure"


def test_constraints_and_fweights(do):
    _, s = _fit(do, "constraint 1 [y1]x1 = [y2]x1\n" + TWO + ", constraints(1)")
    _check(s, REF["sure_cns"], rtol=1e-7)
    b = s.e.matrices["b"].values.ravel()
    assert b[0] == pytest.approx(b[3], rel=1e-12)
    _, s = _fit(do, TWO + " [fw=fw]")
    _check(s, REF["sure_fw"])
    assert s.e.scalars["N"] == DATA.fw.sum() and s.e.macros["wtype"] == "fweight"


def test_aweights(do):
    _, s = _fit(do, TWO + " [aw=fw]")
    _check(s, REF["sure_aw"])
    assert s.e.scalars["N"] == 48 and s.e.macros["wtype"] == "aweight"


def test_test_and_lincom_after_sureg(do):
    printed, s = _fit(do, TWO + "\ntest [y1]x1 = [y2]x1\nlincom [y1]x1 + [y2]x1")
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    d = b[0] - b[3]
    chi2 = d ** 2 / (V[0, 0] + V[3, 3] - 2 * V[0, 3])
    assert f"chi2(  1) = {chi2:11.2f}".replace(" ", "") in printed.replace(" ", "")
    se = np.sqrt(V[0, 0] + V[3, 3] + 2 * V[0, 3])
    assert f"{se:.6f}"[:7].lstrip("0") in printed


def test_mvreg_against_lm(do):
    printed, s = _fit(do, "mvreg y1 y2 y3 = x1 x2 x3")
    ref = REF["mvreg"]
    _check(s, ref)
    np.testing.assert_allclose(s.e.matrices["Sigma"].values, np.array(ref["Sigma"]), rtol=1e-8)
    assert s.e.scalars["df_r"] == ref["df_r"] and s.e.scalars["k"] == 4
    np.testing.assert_allclose([float(v) for v in s.e.macros["r2"].split()], ref["r2"], atol=5e-5)
    np.testing.assert_allclose([float(v) for v in s.e.macros["F"].split()], ref["F"], rtol=1e-6)
    lines = printed.splitlines()
    at = lines.index('Equation          Obs  Parms        RMSE    "R-sq"          F        P')
    assert lines[at + 1] == "-" * 70 and lines[at + 2].startswith("y1                 48      4    ")
    assert lines[at + 5] == "" and "t    P>|t|" in lines[at + 7]


def test_mvreg_corr_and_replay(do):
    printed, s = _fit(do, "mvreg y1 y2 y3 = x1 x2 x3\nmvreg, notable noheader corr")
    assert s.e.scalars["chi2"] == pytest.approx(REF["mvreg"]["bp_chi2"], rel=1e-8) and s.e.scalars["df_chi2"] == 3
    assert printed.count("Breusch-Pagan test of independence: chi2(3) = ") == 1


def test_predict_after_mvreg(do):
    _, s = _fit(do, "mvreg y1 y2 y3 = x1 x2 x3\npredict p, equation(y2)\npredict sp, eq(#2) stdp\n"
                    "predict r, eq(y2) residuals\npredict d, eq(#1,#2) difference")
    df = s.data.df
    np.testing.assert_allclose(df.p[:3], REF["mvreg"]["xb_y2"], rtol=1e-6)
    np.testing.assert_allclose(df.sp[:3], REF["mvreg"]["stdp_y2"], rtol=1e-6)
    np.testing.assert_allclose(df.r, DATA.y2 - df.p, atol=1e-6)
    assert s.data.var_labels["r"] == "Residuals: y2"


def test_predict_defaults_and_errors(do):
    rc, printed, s = do(TWO + "\npredict p", DATA.copy())
    assert rc == 0 and "(option xb assumed; fitted values)" in printed
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(s.data.df.p, b[0] * DATA.x1 + b[1] * DATA.x2 + b[2], rtol=1e-6)
    rc, printed, _ = do(TWO + "\npredict q, eq(y9)", DATA.copy())
    assert rc == 303 and "equation y9 not found" in printed
    rc, printed, _ = do(TWO + "\npredict q, difference", DATA.copy())
    assert rc == 198


@pytest.mark.parametrize("text, rc, message", [
    ("sureg y1 x1", 198, "invalid syntax"),
    ("sureg (y1 x1) (y2 x1), dfk dfk2", 198, "cannot specify both dfk and dfk2"),
    ("sureg (a: y1 x1) (a: y2 x1)", 198, "may not specify duplicate equation names: a"),
    ("sureg (y1 x1, nocons bogus)", 198, "option bogus not allowed"),
    ("sureg (y1 nosuch)", 111, "variable nosuch not found"),
    ("mvreg y1 y1 = x1", 498, "cannot specify the same dependent variable more than once"),
    ("mvreg y1 y2 x1", 198, "invalid syntax"),
    ("sureg", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    check_error(do, text, rc, message)


def test_equation_names_and_noconstant(do):
    _, s = _fit(do, "sureg (first: y1 x1, noconstant) (y1 = x2)")
    assert s.e.macros["eqnames"] == "first y1"
    assert s.e.matrices["b"].colnames == ("first:x1", "y1:x2", "y1:_cons")
    assert s.e.scalars["cons_1"] == 0 and s.e.scalars["cons_2"] == 1
