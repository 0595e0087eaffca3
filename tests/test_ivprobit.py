"""ivprobit: the numbers against R (tests/ivprobit_reference/ivprobit.R: the ML likelihood
written out and maximised by optim with numDeriv's Hessian and cluster scores; Newey's two-step
estimator from first principles with lm and glm probits and their observed information), the
layout against ivprobit.ado 1.6 / ivprobit_footnote.ado / ivreg_footnote.ado, predict, replay
and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted
from scipy.stats import chi2, norm

HERE = Path(__file__).parent / "ivprobit_reference"
REF = json.loads((HERE / "ivprobit.json").read_text())
DATA = pd.read_csv(HERE / "ivprobit.csv").astype(float)
MODEL = "ivprobit y x (y2 = z1 z2)"


def test_ml_matches_r(do):
    printed, s = fitted(do, MODEL, DATA)
    ref = REF["ml"]
    b, se = b_and_se(s)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["chi2_exog"] == pytest.approx(ref["chi2_exog"], rel=1e-4)
    assert s.e.matrices["b"].colnames == ("y:y2", "y:x", "y:_cons", "y2:x", "y2:z1", "y2:z2", "y2:_cons",
                                          "athrho:_cons", "lnsigma:_cons")
    assert s.e.macros["instd"] == "y2" and s.e.macros["insts"] == "x z1 z2" and s.e.macros["depvar"] == "y y2"
    V = np.asarray(ref["V"])[:2, :2]
    bb = np.asarray(ref["coef"])[:2]
    assert s.e.scalars["chi2"] == pytest.approx(float(bb @ np.linalg.solve(V, bb)), rel=1e-4)
    rho, sigma = np.tanh(ref["coef"][7]), np.exp(ref["coef"][8])
    np.testing.assert_allclose(s.e.matrices["Sigma"].values, [[1, rho * sigma], [rho * sigma, sigma ** 2]], rtol=1e-5)


def test_ml_layout(do):
    printed, s = fitted(do, MODEL, DATA)
    lines = printed.rstrip().split("\n")
    ref = REF["ml"]
    for line in ("Fitting exogenous probit model", "Fitting full model",
                 "Probit model with endogenous regressors         Number of obs      =       400",
                 "                                                Wald chi2(2)       =    137.77",
                 "          y2 |  -.4587553   .0503595    -9.11   0.000    -.5574582   -.3600524",
                 "     /athrho |   .6261081   .1169655     5.35   0.000       .39686    .8553562",
                 "Instrumented:  y2", "Instruments:   x z1 z2", "-" * 78):
        assert line in lines, line
    assert any(line.startswith("         rho |   .5553665") for line in lines)
    assert any(line.startswith("       sigma |   1.378696") for line in lines)
    assert lines[-2] == "-" * 78
    w = ref["chi2_exog"]
    assert lines[-1] == f"Wald test of exogeneity (/athrho = 0): chi2(1) = {w:8.2f}".ljust(58) + \
        f"Prob > chi2 = {chi2.sf(w, 1):6.4f}"


def test_ml_cluster_matches_r(do):
    printed, s = fitted(do, MODEL + ", vce(cluster g) nolog", DATA)
    ref = REF["ml"]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref["se_cluster"], rtol=1e-4)
    assert s.e.scalars["chi2_exog"] == pytest.approx(ref["chi2_exog_cluster"], rel=1e-4)
    assert "(Std. Err. adjusted for 40 clusters in g)" in printed and "Log pseudolikelihood" in printed


def test_two_step_matches_newey(do):
    printed, s = fitted(do, MODEL + ", twostep", DATA)
    ref = REF["twostep"]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert s.e.scalars["chi2_exog"] == pytest.approx(ref["chi2_exog"], rel=1e-6)
    assert s.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-6)
    assert s.e.matrices["b"].colnames == ("y2", "x", "_cons") and s.e.macros["method"] == "twostep"
    lines = printed.rstrip().split("\n")
    assert "Two-step probit with endogenous regressors        Number of obs   =       400" in lines
    assert f"                                                  Wald chi2(2)    = {ref['chi2']:9.2f}" in lines
    w = ref["chi2_exog"]
    assert lines[-1] == f"Wald test of exogeneity:     chi2(1) = {w:8.2f}".ljust(58) + \
        f"Prob > chi2 = {chi2.sf(w, 1):6.4f}"


def test_predictions(do):
    ref = REF["ml"]
    rc, printed, s = do(f"quietly {MODEL}\npredict xb\npredict p, pr\npredict se, stdp", DATA.copy())
    assert rc == 0, printed
    assert "(option xb assumed; fitted values)" in printed
    c, V = np.asarray(ref["coef"]), np.asarray(ref["V"])
    X = np.column_stack([DATA.y2, DATA.x, np.ones(len(DATA))])
    np.testing.assert_allclose(s.data.numeric("xb"), X @ c[:3], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(s.data.numeric("p"), norm.cdf(X @ c[:3]), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(s.data.numeric("se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V[:3, :3], X)), rtol=1e-4)
    assert s.data.var_labels["p"] == "Probability of positive outcome"


def test_replay(do):
    rc, printed, s = do(f"quietly {MODEL}\nivprobit, level(90)", DATA.copy())
    assert rc == 0 and "[90% Conf. Interval]" in printed and "Fitting" not in printed


@pytest.mark.parametrize("text,message,code", [
    ("ivprobit y x (y2 x2 = z1 z2)", "variable x2 not found", 111),
    ("ivprobit y x (y2 = x)", "equation not identified; must have at least as many instruments", 481),
    ("replace y2 = 1\nivprobit y x (y2 = z1 z2)", "may not drop an endogenous regressor", 498),
    ("keep in 1/5\nivprobit y x (y2 = z1 z2), twostep", "insufficient observations", 2001),
    ("keep in 1/10\nivprobit y x (y2 = z1 z2), vce(cluster g)", "insufficient observations", 2001),
    ("gen y3 = y2 + z1\nivprobit y x (y2 y3 = z1 z2)", "more than one endogenous regressor not supported", 198),
    ("ivprobit y x (y2 = z1), twostep vce(robust)",
     "two-step estimator only allows the first, level(), and asis options", 198),
    ("ivprobit y x (y2 = z1), mle twostep", "cannot specify both mle and twostep options", 198),
    ("ivprobit y x (y2 = z1 z2) [pw=g], twostep", "may only use fweights with two-step estimator", 498),
    ("ivprobit y x (y2 = z1), first", "option first not supported by mlmcli with ivprobit", 198),
    ("quietly ivprobit y x (y2 = z1 z2), twostep\npredict p, pr",
     "probabilities not available with two-step estimator", 198),
    ("ivprobit", "last estimates not found", 301),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)


def test_margins_pr_matches_r(do):
    """margins, predict(pr): the mean of Phi(x b) and its delta-method SE from R's e(b), e(V)."""
    ref = REF["ml"]
    rc, printed, s = do(f"quietly {MODEL}\nmargins, predict(pr)", DATA.copy())
    assert rc == 0, printed
    c, V = np.asarray(ref["coef"]), np.asarray(ref["V"])
    X = np.column_stack([DATA.y2, DATA.x, np.ones(len(DATA))])
    xb = X @ c[:3]
    grad = (norm.pdf(xb)[:, None] * X).mean(axis=0)
    table = s.r["table"].values
    assert table[0, 0] == pytest.approx(norm.cdf(xb).mean(), rel=1e-6)
    assert table[1, 0] == pytest.approx(np.sqrt(grad @ V[:3, :3] @ grad), rel=1e-4)
    rc, printed, s = do("margins, predict(stdp)", session=s)
    assert rc == 498
