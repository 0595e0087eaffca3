"""gnbreg: the numbers against R (tests/gnbreg_reference/gnbreg.R: the negative binomial
likelihood with ln(alpha) = z g written out with dnbinom and maximised by optim, numDeriv's
Hessian and scores for the OIM and cluster variances; MASS::glm.nb for the constant-alpha
model), the layout against gnbreg.ado/ml display, predict, margins, replay and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import b_and_se, check_error, fitted
from scipy.stats import chi2

HERE = Path(__file__).parent / "gnbreg_reference"
REF = json.loads((HERE / "gnbreg.json").read_text())
DATA = pd.read_csv(HERE / "gnbreg.csv").astype(float)
MODEL = "gnbreg y x1 x2, lnalpha(z1) exposure(t)"




def test_lnalpha_and_exposure_match_r(do):
    printed, s = fitted(do, MODEL, DATA)
    ref = REF["full"]
    b, se = b_and_se(s)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["ll_0"] == pytest.approx(REF["ll_0"], abs=1e-6)
    lr = 2 * (ref["ll"] - REF["ll_0"])
    assert s.e.scalars["chi2"] == pytest.approx(lr, rel=1e-6) and s.e.macros["chi2type"] == "LR"
    assert s.e.scalars["r2_p"] == pytest.approx(1 - ref["ll"] / REF["ll_0"], rel=1e-6)
    assert s.e.matrices["b"].colnames == ("y:x1", "y:x2", "y:_cons", "lnalpha:z1", "lnalpha:_cons")
    assert s.e.macros["offset1"] == "ln(t)" and s.e.macros["predict"] == "gnbreg_p"
    lines = printed.split("\n")
    for line in ("Fitting constant-only model:", "Fitting full model:",
                 "Generalized negative binomial regression          Number of obs   =        300",
                 f"                                                  LR chi2(2)      =      {lr:5.2f}",
                 "                                                  Prob > chi2     =     0.0000",
                 "       ln(t) |          1  (exposure)",
                 "lnalpha      |",
                 "          z1 |   .8475089   .1851035     4.58   0.000     .4847127    1.210305"):
        assert line in lines, line
    assert f"Log likelihood = {ref['ll']:.8g}".ljust(50) + "Pseudo R2       =     0.0412" in lines
    assert chi2.sf(lr, 2) < 5e-5


def test_cluster_matches_r(do):
    printed, s = fitted(do, "gnbreg y x1 x2, lnalpha(z1) vce(cluster g) nolog", DATA)
    ref = REF["no_exposure"]
    b, se = b_and_se(s)
    np.testing.assert_allclose(b, ref["coef"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(se, ref["se_cluster"], rtol=1e-4)
    assert "(Std. Err. adjusted for 30 clusters in g)" in printed and "Log pseudolikelihood" in printed
    assert s.e.macros["chi2type"] == "Wald" and "Fitting" not in printed
    idx = [0, 1]
    V = s.e.matrices["V"].values[np.ix_(idx, idx)]
    bb = np.asarray(ref["coef"])[idx]
    assert s.e.scalars["chi2"] == pytest.approx(float(bb @ np.linalg.solve(V, bb)), rel=1e-6)


def test_constant_alpha_is_nbreg(do):
    """Without lnalpha() the model is nbreg's (MASS::glm.nb)."""
    printed, s = fitted(do, "gnbreg y x1 x2, nolog", DATA)
    ref = REF["glm_nb"]
    b, _ = b_and_se(s)
    np.testing.assert_allclose(b[:3], [ref["coef"][1], ref["coef"][2], ref["coef"][0]], rtol=1e-5)
    assert b[3] == pytest.approx(ref["lnalpha"], rel=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)


def test_predictions_and_margins(do):
    ref = REF["full"]
    rc, printed, s = do(f"quietly {MODEL}\npredict n\npredict ir, ir\npredict a, alpha\npredict la, lnalpha\n"
                        "predict sl, stdplna\npredict n0, n nooffset\nmargins", DATA.copy())
    assert rc == 0, printed
    assert "(option n assumed; predicted number of events)" in printed
    c, V = np.asarray(ref["coef"]), np.asarray(ref["V"])
    X = np.column_stack([DATA.x1, DATA.x2, np.ones(len(DATA))])
    Z = np.column_stack([DATA.z1, np.ones(len(DATA))])
    d = s.data
    np.testing.assert_allclose(d.numeric("n"), np.exp(X @ c[:3]) * DATA.t, rtol=1e-5)
    np.testing.assert_allclose(d.numeric("ir"), np.exp(X @ c[:3]), rtol=1e-5)
    np.testing.assert_allclose(d.numeric("n0"), np.exp(X @ c[:3]), rtol=1e-5)
    np.testing.assert_allclose(d.numeric("a"), np.exp(Z @ c[3:]), rtol=1e-5)
    np.testing.assert_allclose(d.numeric("la"), Z @ c[3:], rtol=1e-5, atol=1e-6)
    se_la = np.sqrt(np.einsum("ij,jk,ik->i", Z, V[3:, 3:], Z))
    np.testing.assert_allclose(d.numeric("sl"), se_la, rtol=1e-4)
    assert d.var_labels["a"] == "Predicted alpha" and d.var_labels["sl"] == "S.E. predicted ln(alpha)"
    mu = np.exp(X @ c[:3]) * DATA.t
    grad = np.concatenate([(mu.to_numpy()[:, None] * X).mean(axis=0), [0, 0]])  # d mean(mu)/d theta
    table = s.r["table"].values
    assert table[0, 0] == pytest.approx(mu.mean(), rel=1e-5)
    assert table[1, 0] == pytest.approx(np.sqrt(grad @ V @ grad), rel=1e-4)


def test_replay(do):
    rc, printed, s = do(f"quietly {MODEL}\ngnbreg, level(90)\ntest [lnalpha]z1", DATA.copy())
    assert rc == 0, printed
    assert "[90% Conf. Interval]" in printed and "Fitting" not in printed
    z = REF["full"]["coef"][3] / REF["full"]["se"][3]
    assert f"chi2(  1) = {z * z:7.2f}" in printed


@pytest.mark.parametrize("text,message,code", [
    ("gen w = -y\ngnbreg w x1", "w must be greater than or equal to zero", 459),
    ("gen w = 0\ngnbreg w x1", "w is zero for all observations", 498),
    ("gnbreg y x1, irr", "option irr not supported by mlmcli with gnbreg", 198),
    ("gnbreg y, noconstant", "independent variables required with option noconstant", 100),
    ("gnbreg y x1, offset(x2) exposure(t)", "options offset() and exposure() may not be specified together", 198),
    ("gnbreg y x1 [aw=t]", "aweights not allowed", 101),
    ("gnbreg y x1, lnalpha(nosuch)", "variable nosuch not found", 111),
    ("gnbreg", "last estimates not found", 301),
    ("quietly gnbreg y x1\npredict q, scores", "option scores not supported by mlmcli after gnbreg", 198),
    ("quietly gnbreg y x1\nmargins, predict(stdp)", None, 498),
])
def test_errors(do, text, message, code):
    check_error(do, DATA, text, message, code)
