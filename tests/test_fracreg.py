"""fracreg: numbers against R (tests/fractional_reference/fracreg.R: quasibinomial glm for b, the
robust sandwich from numDeriv's Hessian and scores of the Bernoulli quasi-likelihood, optim for
het()), margins against the weighted mean of b p(1-p), predict against scipy, the layout of the
ml header, e() and Stata's errors (fracreg.ado, _fractional_estimates.ado, fracreg_p.ado)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit, ndtr

from tests.fractional_values import data, estimates, reference

DATA = data("frac")
REF = reference("fracreg")


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _b_se(s):
    return estimates(s, slice(None))


def test_probit_robust_against_observed_hessian_sandwich(do):
    printed, s = _fit(do, "fracreg probit y x1 x2 i.g")
    b, se = _b_se(s)
    keep = [0, 1, 3, 4, 5]  # x1 x2 (1b.g) 1.g 2.g _cons -> R's order (Intercept) x1 x2 g1 g2
    order = [4, 0, 1, 2, 3]
    np.testing.assert_allclose(b[keep][order], REF[("probit", "b")], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(se[keep][order], REF[("probit", "se")], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF[("probit", "ll")][0], abs=1e-6)
    assert s.e.scalars["ll_0"] == pytest.approx(REF[("probit", "ll0")][0], abs=1e-6)
    assert s.e.scalars["r2_p"] == pytest.approx(1 - REF[("probit", "ll")][0] / REF[("probit", "ll0")][0], rel=1e-6)
    assert s.e.matrices["b"].colnames == ("y:x1", "y:x2", "y:0b.g", "y:1.g", "y:2.g", "y:_cons")
    assert s.e.macros["vcetype"] == "Robust" and s.e.macros["estimator"] == "probit"
    lines = printed.split("\n")
    at = lines.index(next(line for line in lines if line.startswith("Fractional probit regression")))
    assert lines[at] == "Fractional probit regression                      Number of obs   =        200"
    assert lines[at + 1] == " " * 50 + "Wald chi2(4)    =      83.03"
    assert lines[at + 3] == "Log pseudolikelihood = -125.29239                 Pseudo R2       =     0.0788"
    assert "             |               Robust" in lines
    assert printed.count("log pseudolikelihood =") >= 2  # the full model's log only


def test_logit_pweights_cluster_and_margins(do):
    printed, s = _fit(do, "fracreg logit y x1 x2 [pw=w], vce(cluster cl)\nmargins, dydx(x1)\n"
                          "scalar ame = r(b)[1,1]\nmargins\nscalar m = r(b)[1,1]")
    b, se = _b_se(s)
    np.testing.assert_allclose(b[[2, 0, 1]], REF[("logit_pw_cluster", "b")], rtol=1e-6)
    np.testing.assert_allclose(se[[2, 0, 1]], REF[("logit_pw_cluster", "se")], rtol=1e-5)
    np.testing.assert_allclose(se[[2, 0, 1]], REF[("logit_pw_cluster", "se_sandwich_pkg")], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF[("logit_pw_cluster", "ll")][0], abs=1e-6)
    assert s.e.scalars["ll_0"] == pytest.approx(REF[("logit_pw_cluster", "ll0")][0], abs=1e-6)
    assert s.e.scalars["N_clust"] == 20 and s.e.macros["clustvar"] == "cl"
    assert s.scalars["ame"] == pytest.approx(REF[("logit_pw_cluster", "ame_x1")][0], rel=1e-6)
    assert s.scalars["m"] == pytest.approx(REF[("logit_pw_cluster", "margin")][0], rel=1e-6)
    assert "(Std. Err. adjusted for 20 clusters in cl)" in printed
    assert "Expression   : Conditional mean of y, predict()" in printed


def test_het_probit_against_optim(do):
    printed, s = _fit(do, "fracreg probit y x1 x2, het(z)\npredict sg, sigma\npredict m\npredict xb, xb")
    b, se = _b_se(s)
    order = [2, 0, 1, 3]
    np.testing.assert_allclose(b[order], REF[("het", "b")], rtol=2e-5, atol=2e-6)
    np.testing.assert_allclose(se[order], REF[("het", "se")], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(REF[("het", "ll")][0], abs=1e-6)
    assert s.e.scalars["ll_0"] == pytest.approx(REF[("het", "ll0")][0], abs=1e-6)
    assert s.e.matrices["b"].colnames == ("y:x1", "y:x2", "y:_cons", "lnsigma:z")
    assert s.e.macros["estimator"] == "hetprobit" and s.e.scalars["k_eq"] == 2
    assert "Fractional heteroskedastic probit regression      Number of obs   =        200" in printed
    assert "lnsigma      |" in printed and "y            |" in printed
    assert "           y |      Coef.   Std. Err." in printed  # ml display: the one depvar over both equations
    df = s.data.df
    sigma = np.exp(b[3] * DATA.z)
    xb = b[0] * DATA.x1 + b[1] * DATA.x2 + b[2]
    np.testing.assert_allclose(df.sg, sigma, rtol=1e-6)
    np.testing.assert_allclose(df.m, ndtr(xb / sigma), rtol=1e-6)
    assert s.data.var_labels["sg"] == "Sigma" and s.data.var_labels["m"] == "Conditional mean of y"


def test_predict_statistics(do):
    printed, s = _fit(do, "fracreg logit y x1 x2, nolog\npredict m\npredict xb, xb\npredict sp, stdp\n"
                          "predict sc, scores")
    assert "(option cm assumed)" in printed
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    X = np.column_stack([DATA.x1, DATA.x2, np.ones(len(DATA))])
    df = s.data.df
    np.testing.assert_allclose(df.xb, X @ b, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(df.m, expit(X @ b), rtol=1e-6)
    np.testing.assert_allclose(df.sp, np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)
    np.testing.assert_allclose(df.sc, DATA.y - expit(X @ b), rtol=1e-5, atol=1e-7)
    assert s.data.var_labels["sc"] == "equation-level score from fractional logit"


def test_or_replay_and_frequency_weights(do):
    printed, s = _fit(do, "fracreg logit y x1 x2, or nolog\nfracreg, level(90) or\nfracreg")
    assert printed.count("Odds Ratio") == 2 and printed.count("Coef.") == 1 and "[90% Conf. Interval]" in printed
    assert "Iteration" not in printed
    expanded = DATA.loc[DATA.index.repeat(DATA.w.astype(int))]
    _, s1 = _fit(do, "fracreg probit y x1 [fw=w], nolog")
    rc, _, s2 = do("fracreg probit y x1, nolog", expanded.reset_index(drop=True))
    assert rc == 0 and s1.e.scalars["N"] == len(expanded)
    np.testing.assert_allclose(_b_se(s1)[0], _b_se(s2)[0], rtol=1e-8)
    np.testing.assert_allclose(_b_se(s1)[1], _b_se(s2)[1], rtol=1e-8)


@pytest.mark.parametrize("text, message, rc", [
    ("fracreg probit y x1, vce(oim)", "vcetype oim not allowed; default vcetype for fracreg is robust", 198),
    ("fracreg hetprobit y x1", "hetprobit not a valid estimator", 198),
    ("fracreg logit y x1, het(z)", "option het() only valid with probit", 198),
    ("fracreg probit y x1, or", "option or only valid with logit", 198),
    ("fracreg probit y x1 [aw=w]", "aweights not allowed", 101),
    ("gen y2 = 2*y\nfracreg probit y2 x1", "invalid outcome variable", 2000),
    ("gen one = 1\nfracreg probit one x1", "outcome variable one does not vary", 2000),
    ("fracreg probit y x1\npredict s, sigma", "option sigma invalid", 198),
    ("fracreg probit y x1\npredict a, xb stdp", "only one statistic may be specified", 198),
    ("fracreg probit y x1\nmargins, predict(sigma)", "option sigma invalid", 198),
    ("fracreg probit y x1\nmargins, predict(stdp)", "predict option stdp not appropriate with margins", 322),
    ("fracreg probit y nosuch", "variable nosuch not found", 111),
])
def test_errors(do, text, message, rc):
    code, printed, s = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed


def test_margins_after_het_and_offset_read_the_rows(do):
    printed, s = _fit(do, "fracreg probit y x1 x2, het(z) nolog\nmargins, dydx(x1 z)\nmatrix m = r(b)\n"
                          "margins, predict(sigma)\nscalar sg = r(b)[1,1]")
    b = s.e.matrices["b"].values.ravel()
    xb = b[0] * DATA.x1 + b[1] * DATA.x2 + b[2]
    sigma = np.exp(b[3] * DATA.z)
    dens = np.exp(-0.5 * (xb / sigma) ** 2) / np.sqrt(2 * np.pi)
    ame = s.matrices["m"].values.ravel()
    assert ame[0] == pytest.approx(np.mean(dens * b[0] / sigma), rel=1e-6)
    assert ame[1] == pytest.approx(np.mean(dens * -(xb / sigma) * b[3]), rel=1e-4)
    assert s.scalars["sg"] == pytest.approx(np.mean(sigma), rel=1e-7)
    assert "dy/dx w.r.t. : x1 z" in printed
    _, s = _fit(do, "fracreg logit y x1 x2, offset(z) nolog\nmargins, dydx(x1)\nscalar ame = r(b)[1,1]")
    b = s.e.matrices["b"].values.ravel()
    p = expit(b[0] * DATA.x1 + b[1] * DATA.x2 + b[2] + DATA.z)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[0] * p * (1 - p)), rel=1e-6)
