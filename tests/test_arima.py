"""arima: numbers against R (tests/time_series_reference/arima.R: stats::arima's exact ML, the OPG
standard errors from a Kalman filter written out in R and numDeriv), the layout of arima.ado and
_tsheadr.ado (Stata 16 tree) and the options mlm refuses."""
from __future__ import annotations


import numpy as np
import pytest

from time_series_helpers import SERIES, reference, run_tsset

REF = reference("arima")
SERIES = SERIES.assign(s2=lambda d: d.s - 2)

CASES = [("s_arma11", "arima s, ar(1) ma(1)"), ("y_x_ar1", "arima y x1 x2, ar(1)"),
         ("z_arima110", "arima z, arima(1,1,0)"), ("s_ma2_nocons", "arima s2, ma(1/2) noconstant")]


def _fit(do, text):
    return run_tsset(do, text, data=SERIES)


@pytest.mark.parametrize("case,cmd", CASES)
def test_against_r(do, case, cmd):
    _, s = _fit(do, cmd)
    ref = REF[case]
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b, ref["params"], rtol=2e-5, atol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se_opg"], rtol=2e-3)
    assert s.e.macros["vcetype"] == "OPG"


@pytest.mark.parametrize("case,cmd", CASES[:2])
def test_oim(do, case, cmd):
    _, s = _fit(do, cmd + " vce(oim)")
    se = np.sqrt(np.diag(s.e.matrices["V"].values))[:-1]
    np.testing.assert_allclose(se, REF[case]["se_oim_coef"], rtol=2e-3)
    assert s.e.macros["vcetype"] == "OIM"


def test_wald_test_and_names(do):
    _, s = _fit(do, "arima y x1 x2, ar(1)")
    names = s.e.matrices["b"].colnames
    assert names == ("y:x1", "y:x2", "y:_cons", "ARMA:L.ar", "sigma:_cons")
    b = s.e.matrices["b"].values.ravel()[[0, 1, 3]]
    V = s.e.matrices["V"].values[np.ix_([0, 1, 3], [0, 1, 3])]
    assert s.e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.solve(V, b)), rel=1e-9)
    assert s.e.scalars["df_m"] == 3


def test_layout(do):
    printed, s = _fit(do, "arima s, ar(1) ma(1)")
    lines = printed.split("\n")
    assert lines[lines.index("(setting optimization to BHHH)") + 1].startswith("Iteration 0:   log likelihood = ")
    i = lines.index("(switching optimization to BFGS)")
    assert lines[i - 1].startswith("Iteration 4:   ") and lines[i + 1].startswith("Iteration 5:   ")
    h = lines.index("ARIMA regression")
    ll = s.e.scalars["ll"]
    assert lines[h - 1] == "" and lines[h + 1] == ""
    assert lines[h + 2] == "Sample:  1 - 60                                 Number of obs     =         60"
    assert lines[h + 3] == " " * 48 + f"Wald chi2(2)      = {s.e.scalars['chi2']:10.2f}"
    assert lines[h + 4].startswith("Log likelihood =  -93.1908") and lines[h + 4].endswith(
        f"Prob > chi2       =     {s.e.scalars['p']:.4f}")
    assert lines[h + 6:h + 10] == ["-" * 78, "             |                 OPG",
                                   "           s |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]",
                                   "-------------+" + "-" * 64]
    body = "\n".join(lines[h + 10:])
    assert body.startswith("s            |\n       _cons |")
    assert "ARMA         |\n          ar |\n         L1. |" in body
    assert "             |\n          ma |\n         L1. |" in body
    assert "-------------+" + "-" * 64 + "\n      /sigma |" in body
    assert body.rstrip().endswith("Note: The test of the variance against zero is one sided, and the two-sided\n"
                                  "      confidence interval is truncated at zero.")


def test_nolog_replay_and_postestimation(do):
    printed, s = _fit(do, "arima y x1 x2, ar(1) nolog\narima\nlincom x1 + x2\ntest x1 x2")
    assert "Iteration" not in printed and printed.count("ARIMA regression") == 2
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    assert s.r["chi2"] == pytest.approx(float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2])), rel=1e-9)


def test_gaps_filtered(do):
    rc, printed, s = do("tsset tg\narima s, ar(1) nolog", SERIES.copy())
    assert rc == 0, printed
    assert "Number of gaps in sample:  2\n(note: filtering over missing observations)" in printed
    assert "Sample:  1 - 62, but with gaps" in printed and s.e.scalars["N"] == 60


@pytest.mark.parametrize("text,rc,message", [
    ("arima s, arima(1,0,1) ar(1)", 198, "ar() and ma() not allowed with arima()"),
    ("arima s, ar(1) condition", 198, "option condition of arima is not implemented in mlmcli"),
    ("arima s, ar(1) diffuse", 198, "option diffuse of arima is not implemented in mlmcli"),
    ("arima s, ar(0)", 125, "ar() invalid -- invalid numlist has elements outside of allowed range"),
    ("regress s x1\narima", 301, "results of arima not found"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do("tsset t\n" + text, SERIES.copy())
    assert got == rc and message in printed, printed


@pytest.mark.parametrize("case,cmd,depvar", [("y_x_ar1", "arima y x1 x2, ar(1) nolog", "y"),
                                             ("s_arma11", "arima s, ar(1) ma(1) nolog", "s")])
def test_predict_against_r(do, case, cmd, depvar):
    printed, s = _fit(do, cmd + "\npredict double p\npredict double r, residuals\npredict double q, structural")
    assert "(option xb assumed; predicted values)" in printed
    # R's residuals() are the innovations over sqrt(f_t); Stata's (and mlm's) are depvar - xb
    np.testing.assert_allclose(s.data.numeric("r") / np.sqrt(REF[case]["f"]), REF[case]["resid"], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(s.data.numeric("p") + s.data.numeric("r"), SERIES[depvar], rtol=1e-12)
    b = s.e.matrices["b"].values.ravel()
    structural = (SERIES[["x1", "x2"]].to_numpy() @ b[:2] + b[2]) if depvar == "y" else np.full(60, b[0])
    np.testing.assert_allclose(s.data.numeric("q"), structural, rtol=1e-12)


def test_predict_refusals(do):
    rc, printed, _ = do("tsset t\narima s, ar(1) nolog\npredict m, mse", SERIES.copy())
    assert rc == 198 and "predict option mse after arima is not implemented in mlmcli" in printed


def test_no_arma_terms_no_regressors(do):
    """Only a constant: arima.ado runs no Wald test (e(df_m) missing, "Wald chi2(.)"); the ML
    estimates are the mean and the standard deviation with divisor N."""
    printed, s = _fit(do, "arima s, nolog")
    assert " " * 48 + "Wald chi2(.)      =          ." in printed
    b = s.e.matrices["b"].values.ravel()
    assert b[0] == pytest.approx(SERIES.s.mean(), rel=1e-6)
    assert b[1] == pytest.approx(SERIES.s.std(ddof=0), rel=1e-5)


def test_forecasts_after_tsappend_against_r(do):
    """Rows past the sample's end (tsappend) get the filter's forecasts: predict.Arima's."""
    _, s = _fit(do, "arima s, ar(1) ma(1) nolog\ntsappend, add(3)\npredict double g")
    np.testing.assert_allclose(s.data.numeric("g")[60:], REF["forecast_s"], rtol=1e-5)
    _, s = _fit(do, "arima y x1 x2, ar(1) nolog\ntsappend, add(3)\nreplace x1 = 0.5 if t > 60\n"
                    "replace x2 = 1 if t > 60\npredict double f\npredict double q, structural")
    np.testing.assert_allclose(s.data.numeric("f")[60:], REF["forecast_y"], rtol=1e-5)
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(s.data.numeric("q")[60:], 0.5 * b[0] + b[1] + b[2], rtol=1e-12)


def test_predict_y_undifferences(do):
    _, s = _fit(do, "arima z, arima(1,1,0) nolog\npredict double xb\npredict double yy, y\npredict double ry, yresiduals\n"
                    "predict double r, residuals")
    z = SERIES.z.to_numpy()
    lag = np.concatenate([[np.nan], z[:-1]])
    np.testing.assert_allclose(s.data.numeric("yy"), s.data.numeric("xb") + lag, rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("ry"), s.data.numeric("r"), rtol=1e-9, atol=1e-12)
