"""ivtobit: the numbers against R (tests/ivtobit_reference/ivtobit.R: Stata 13's ivtob_1_lf
likelihood written out, optim + Newton on numDeriv's derivatives, OIM and cluster variances;
Newey's two-step with hand-written tobits), the layout against ivtobit.ado / ivtobit_footnote.ado
1.0 / ivreg_footnote.ado, predict, replay and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted
from scipy.stats import chi2

HERE = Path(__file__).parent / "ivtobit_reference"
REF = json.loads((HERE / "ivtobit.json").read_text())
DATA = pd.read_csv(HERE / "ivtobit.csv").astype(float)
MODEL = "ivtobit y x (y2 = z1 z2), ll(0) ul(4)"


def test_ml_matches_r(do):
    printed, s = fitted(do, MODEL, DATA)
    ref = REF["ml"]
    b, se = b_and_se(s)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["chi2_exog"] == pytest.approx(ref["chi2_exog"], rel=1e-4)
    assert s.e.matrices["b"].colnames[-3:] == ("alpha:_cons", "lns:_cons", "lnv:_cons")
    assert (s.e.scalars["N_lc"], s.e.scalars["N_unc"], s.e.scalars["N_rc"]) == (119, 251, 30)
    a, sd_e, sd_v = ref["coef"][7], np.exp(ref["coef"][8]), np.exp(ref["coef"][9])
    np.testing.assert_allclose(s.e.matrices["Sigma"].values,
                               [[sd_e ** 2 + a * a * sd_v ** 2, a * sd_v ** 2], [a * sd_v ** 2, sd_v ** 2]], rtol=1e-5)
    lines = printed.rstrip().split("\n")
    for line in ("Fitting exogenous tobit model", "Fitting full model",
                 "Tobit model with endogenous regressors          Number of obs      =       400",
                 "          y2 |   .7029038   .0727446     9.66   0.000      .560327    .8454807",
                 "      /alpha |   .2685223   .0821487     3.27   0.001     .1075138    .4295308",
                 "           s |   1.144585   .0536301                      1.044154    1.254676",
                 "Instrumented:  y2", "Instruments:   x z1 z2",
                 "  Observation summary:       119  left-censored observations at y<=0"):
        assert line in lines, line
    w = ref["chi2_exog"]
    assert f"Wald test of exogeneity (/alpha = 0): chi2(1) = {w:8.2f}".ljust(58) + \
        f"Prob > chi2 = {chi2.sf(w, 1):6.4f}" in lines


def test_ml_cluster_matches_r(do):
    printed, s = fitted(do, MODEL + " vce(cluster g) nolog", DATA)
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, REF["ml"]["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, REF["ml"]["se_cluster"], rtol=1e-4)
    assert "(Std. Err. adjusted for 40 clusters in g)" in printed


def test_two_step_matches_newey(do):
    printed, s = fitted(do, "ivtobit y x (y2 = z1 z2), ll ul twostep", DATA)
    ref = REF["twostep"]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["chi2_exog"] == pytest.approx(ref["chi2_exog"], rel=1e-4)
    assert s.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-4)
    assert "Two-step tobit with endogenous regressors         Number of obs   =       400" in printed


def test_predictions(do):
    ref = REF["ml"]
    rc, printed, s = do(f"quietly {MODEL}\npredict xb\npredict sf, stdf", DATA.copy())
    assert rc == 0, printed
    c, V = np.asarray(ref["coef"]), np.asarray(ref["V"])
    X = np.column_stack([DATA.y2, DATA.x, np.ones(len(DATA))])
    np.testing.assert_allclose(s.data.numeric("xb"), X @ c[:3], rtol=1e-5, atol=1e-6)
    stdp2 = np.einsum("ij,jk,ik->i", X, V[:3, :3], X)
    s11 = np.exp(2 * c[8]) + c[7] ** 2 * np.exp(2 * c[9])
    np.testing.assert_allclose(s.data.numeric("sf"), np.sqrt(stdp2 + s11), rtol=1e-5)
    assert s.data.var_labels["sf"] == "S.E. of the forecast"


@pytest.mark.parametrize("text,message,code", [
    ("ivtobit y x (y2 = z1 z2)", "must specify censoring point", 198),
    ("ivtobit y x (y2 = z1 z2), ll(5) ul(4)", "no uncensored observations", 2000),
    ("ivtobit y x (y2 = z1 z2), ll twostep vce(robust)", "two-step estimator only allows the first and level() options",
     198),
    ("quietly ivtobit y x (y2 = z1 z2), ll twostep\npredict p, pr(0,1)", "pr() not available with two-step estimator",
     198),
    ("ivtobit", "last estimates not found", 301),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)
