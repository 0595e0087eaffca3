"""biprobit: the numbers against R (tests/biprobit_reference/biprobit.R: the bivariate probit
likelihood written out with mvtnorm's Phi2 and maximised by optim, numDeriv's Hessian and
scores for the OIM, robust and cluster variances, glm's probits for the comparison; VGAM's
binom2.rho as a second fit), the layout against biprobit.ado/ml display, predict, margins,
replay and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted
from scipy.stats import chi2, multivariate_normal

HERE = Path(__file__).parent / "biprobit_reference"
REF = json.loads((HERE / "biprobit.json").read_text())
DATA = pd.read_csv(HERE / "biprobit.csv").astype(float)
COMMON = "biprobit y1 y2 x1 x2"
SU = "biprobit (y1 = x1 x2) (y2 = x1 z1)"




def test_common_regressors_match_r(do):
    printed, s = fitted(do, COMMON, DATA)
    ref = REF["common"]
    b, se = b_and_se(s)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    v = ref["vgam_coef"]  # VGAM: (Intercept):1, (Intercept):2, rho, x1:1, x1:2, x2:1, x2:2
    np.testing.assert_allclose(b[[0, 1, 2, 3, 4, 5]], [v[3], v[5], v[0], v[4], v[6], v[1]], rtol=1e-4, atol=1e-5)
    assert s.e.scalars["rho"] == pytest.approx(v[2], rel=1e-4)
    assert s.e.scalars["ll_c"] == pytest.approx(ref["ll_c"], abs=1e-6)
    lr = 2 * (ref["ll"] - ref["ll_c"])
    assert s.e.scalars["chi2_c"] == pytest.approx(lr, rel=1e-6)
    assert s.e.matrices["b"].colnames == ("y1:x1", "y1:x2", "y1:_cons", "y2:x1", "y2:x2", "y2:_cons", "athrho:_cons")
    assert s.e.macros["chi2_ct"] == "LR" and s.e.macros["depvar"] == "y1 y2" and s.e.macros["predict"] == "bipr_p"
    # the header's Wald test: every coefficient but the constants (ml's wald(2))
    idx = [0, 1, 3, 4]
    bb, V = np.asarray(ref["coef"])[idx], s.e.matrices["V"].values[np.ix_(idx, idx)]
    assert s.e.scalars["chi2"] == pytest.approx(float(bb @ np.linalg.solve(V, bb)), rel=1e-4)
    assert s.e.scalars["df_m"] == 4


def test_common_layout(do):
    printed, s = fitted(do, COMMON, DATA)
    lines = printed.split("\n")
    for heading in ("Fitting comparison equation 1:", "Fitting comparison equation 2:", "Fitting full model:"):
        assert heading in lines
    assert f"Comparison:    log likelihood = {REF['common']['ll_c']:.8g}"[:40] in printed
    assert "Bivariate probit regression                       Number of obs   =        300" in lines
    assert "                                                  Wald chi2(4)    =      99.74" in lines
    assert "Log likelihood = -317.41767                       Prob > chi2     =     0.0000" in lines
    assert "     /athrho |   .4289697   .1199598     3.58   0.000     .1938528    .6640866" in lines
    assert "         rho |   .4044599   .1003358                      .1914605    .5810766" in lines
    lr = 2 * (REF["common"]["ll"] - REF["common"]["ll_c"])
    test_line = f"LR test of rho=0: chi2(1) = {lr:.6g}".ljust(58) + f"Prob > chi2 = {chi2.sf(lr, 1):6.4f}"
    assert printed.rstrip().split("\n")[-1] == test_line


@pytest.mark.parametrize("vce,key", [("vce(robust)", "se_robust"), ("vce(cluster g)", "se_cluster")])
def test_seemingly_unrelated_sandwich_matches_r(do, vce, key):
    printed, s = fitted(do, f"{SU}, {vce} nolog", DATA)
    ref = REF["su"]
    b, se = b_and_se(s)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref[key], rtol=1e-4)
    assert "Seemingly unrelated bivariate probit" in printed and "Log pseudolikelihood" in printed
    assert "ll_c" not in s.e.scalars and s.e.macros["chi2_ct"] == "Wald"
    wald = (ref["coef"][-1] / ref[key][-1]) ** 2
    assert s.e.scalars["chi2_c"] == pytest.approx(wald, rel=2e-4)
    assert printed.rstrip().split("\n")[-1].startswith("Wald test of rho=0: chi2(1) = ")
    if key == "se_cluster":
        assert "(Std. Err. adjusted for 30 clusters in g)" in printed and s.e.scalars["N_clust"] == 30


def test_seemingly_unrelated_oim_and_equation_names(do):
    printed, s = fitted(do, "biprobit (first: y1 x1 x2) (y2 = x1 z1), nolog", DATA)
    ref = REF["su"]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.matrices["b"].colnames[:4] == ("first:x1", "first:x2", "first:_cons", "y2:x1")
    assert "first        |" in printed and "Fitting" not in printed


def test_predictions_match_r(do):
    ref = REF["su"]
    rc, printed, s = do(f"quietly {SU}\npredict p11\npredict p10, p10\npredict p01, p01\npredict p00, p00\n"
                        "predict m1, pmarg1\npredict m2, pmarg2\npredict c1, pcond1\npredict c2, pcond2\n"
                        "predict x1b, xb1\npredict s2, stdp2", DATA.copy())
    assert rc == 0, printed
    assert "(option p11 assumed; Pr(y1=1,y2=1))" in printed
    d = s.data
    for name, key in (("p11", "p11"), ("p10", "p10"), ("p01", "p01"), ("p00", "p00"), ("m1", "pmarg1"),
                      ("m2", "pmarg2")):
        np.testing.assert_allclose(d.numeric(name)[:5], ref[key], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(d.numeric("c1")[:5], np.divide(ref["p11"], ref["pmarg2"]), rtol=1e-5)
    np.testing.assert_allclose(d.numeric("c2")[:5], np.divide(ref["p11"], ref["pmarg1"]), rtol=1e-5)
    x1b = ref["coef"][0] * DATA.x1 + ref["coef"][1] * DATA.x2 + ref["coef"][2]
    np.testing.assert_allclose(d.numeric("x1b"), x1b, rtol=1e-5, atol=1e-6)
    assert d.var_labels["p10"] == "Pr(y1=1,y2=0)" and d.var_labels["c1"] == "Pr(y1=1|y2=1)"
    assert d.var_labels["s2"] == "S.E. of prediction of y2"


def test_margins_default_p11_matches_r(do):
    ref = REF["su"]
    rc, printed, s = do(f"quietly {SU}\nmargins", DATA.copy())
    assert rc == 0, printed
    assert "Expression   : Pr(y1=1,y2=1), predict()" in printed
    table = s.r["table"].values
    assert table[0, 0] == pytest.approx(ref["margin_p11"], rel=1e-5)
    assert table[1, 0] == pytest.approx(ref["margin_p11_se"], rel=1e-4)  # numDeriv's gradient
    # an independent Phi2 (scipy's) for the margin itself
    c = np.asarray(ref["coef"])
    m1 = c[0] * DATA.x1 + c[1] * DATA.x2 + c[2]
    m2 = c[3] * DATA.x1 + c[4] * DATA.z1 + c[5]
    mvn = multivariate_normal(mean=[0, 0], cov=[[1, np.tanh(c[6])], [np.tanh(c[6]), 1]])
    assert ref["margin_p11"] == pytest.approx(np.mean([mvn.cdf([a, b]) for a, b in zip(m1, m2)]), rel=1e-5)


def test_replay_test_and_estimates(do):
    rc, printed, s = do(f"quietly {COMMON}\nbiprobit, level(90)\ntest [y1]x1 = [y2]x1\nestimates store a\n"
                        "quietly probit y1 x1\nestimates restore a\nbiprobit", DATA.copy())
    assert rc == 0, printed
    assert "[90% Conf. Interval]" in printed and "Fitting" not in printed
    c, V = np.asarray(REF["common"]["coef"]), s.e.matrices["V"].values
    diff = c[0] - c[3]
    w = diff ** 2 / (V[0, 0] + V[3, 3] - 2 * V[0, 3])
    assert f"chi2(  1) = {w:7.2f}" in printed
    assert s.e.cmd == "biprobit"


@pytest.mark.parametrize("text,message,code", [
    ("gen z = 1\nbiprobit y1 z x1", "z is never zero", 2000),
    ("gen z = 0\nbiprobit z y2 x1", "z is always zero", 2000),
    ("biprobit y1 y2 x1, partial", "option partial not supported by mlmcli with biprobit", 198),
    ("biprobit (y1 = x1)", "two equations required", 110),
    ("biprobit y1", "varlist required", 100),
    ("biprobit y1 y2 nosuch", "variable nosuch not found", 111),
    ("biprobit y1 y2 x1 [aw=x2]", "aweights not allowed", 101),
    ("biprobit (y1 = x1) (y2 = z1), noconstant", "option noconstant not allowed", 198),
    ("biprobit", "last estimates not found", 301),
    ("quietly biprobit y1 y2 x1\npredict q, scores", "option scores not supported by mlmcli after biprobit", 198),
    ("quietly biprobit y1 y2 x1\nmargins, predict(stdp1)", None, 498),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)
