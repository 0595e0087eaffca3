"""betareg: numbers against R (tests/fractional_reference/betareg.R: dbeta's log likelihood,
optim, numDeriv's Hessian and scores), the LR test against the constants-only fit, the layout of
betareg.ado's Head, predict (betareg_p) against scipy, margins, errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import digamma, expit, ndtr

from tests.fractional_values import data, estimates, reference

DATA = data("betareg")
REF = reference("betareg")


def _fit(do, text, order):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return (printed, s, *estimates(s, order))


@pytest.mark.parametrize("key, null, text, order", [
    ("logit_const", "null", "betareg y x", [1, 0, 2]),
    ("probit_z", "null_probit", "betareg y x, scale(z) link(probit)", [1, 0, 3, 2]),
    ("logit_root_robust", None, "betareg y x, scale(z) slink(root) vce(robust)", [1, 0, 3, 2]),
    ("cloglog_fw", None, "betareg y x [fw=w], scale(z) link(cloglog)", [1, 0, 3, 2]),
])
def test_against_r(do, key, null, text, order):
    printed, s, b, se = _fit(do, text, order)
    np.testing.assert_allclose(b, REF[(key, "b")], rtol=2e-5, atol=1e-7)
    np.testing.assert_allclose(se, REF[(key, "se")], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(REF[(key, "ll")][0], abs=1e-6)
    if null:
        ll_0 = REF[(null, "ll")][0]
        assert s.e.scalars["ll_0"] == pytest.approx(ll_0, abs=1e-6)
        assert s.e.scalars["chi2"] == pytest.approx(2 * (REF[(key, "ll")][0] - ll_0), abs=1e-5)
        assert s.e.macros["chi2type"] == "LR"
    if "robust" in key:
        assert s.e.macros["chi2type"] == "Wald" and "Log pseudolikelihood =" in printed


def test_layout(do):
    printed, s, *_ = _fit(do, "betareg y x", [0])
    lines = printed.split("\n")
    at = lines.index(next(line for line in lines if line.startswith("Beta regression")))
    assert lines[at] == "Beta regression                                 Number of obs     =        250"
    assert lines[at + 1] == " " * 48 + "LR chi2(1)        =     137.53"
    assert lines[at + 2] == " " * 48 + "Prob > chi2       =     0.0000"
    assert lines[at + 4] == "Link function  :  g(u) = log(u/(1-u))           [Logit]"
    assert lines[at + 5] == "Slink function :  g(u) = log(u)                 [Log]"
    assert lines[at + 7] == "Log likelihood =  109.83796"
    assert "scale        |" in printed and "y            |" in printed
    assert s.e.matrices["b"].colnames == ("y:x", "y:_cons", "scale:_cons")


def test_predict_and_margins(do):
    printed, s, b, _ = _fit(do, "betareg y x, scale(z) link(probit) nolog\npredict m\npredict v, cvariance\n"
                                "predict xs, xbscale\npredict xb, xb\nmargins, dydx(x)\nscalar ame = r(b)[1,1]",
                            [1, 0, 3, 2])
    assert "(option cmean assumed)" in printed
    xb = b[0] + b[1] * DATA.x
    phi = np.exp(b[2] + b[3] * DATA.z)
    mu = ndtr(xb)
    df = s.data.df
    np.testing.assert_allclose(df.m, mu, rtol=1e-6)
    np.testing.assert_allclose(df.v, mu * (1 - mu) / (1 + phi), rtol=1e-5)
    np.testing.assert_allclose(df["xs"], b[2] + b[3] * DATA.z, rtol=1e-6)
    assert s.data.var_labels["m"] == "Conditional mean of y"
    assert s.data.var_labels["xb"] == "Linear prediction in y equation"
    dens = np.exp(-0.5 * xb ** 2) / np.sqrt(2 * np.pi)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * dens), rel=1e-6)


def test_scores_sum_to_zero(do):
    printed, s, b, _ = _fit(do, "betareg y x, nolog\npredict s*, scores", [1, 0, 2])
    df = s.data.df
    mu, phi, y = expit(b[0] + b[1] * DATA.x), np.exp(b[2]), DATA.y
    d_mu = phi * (np.log(y / (1 - y)) - digamma(mu * phi) + digamma((1 - mu) * phi))
    np.testing.assert_allclose(df.s1, d_mu * mu * (1 - mu), rtol=1e-5, atol=1e-8)
    assert abs(df.s1.sum()) < 1e-4 and abs((df.s1 * DATA.x).sum()) < 1e-4 and abs(df.s2.sum()) < 1e-4
    assert s.data.var_labels["s2"] == "equation-level for [scale] score from betareg"


@pytest.mark.parametrize("text, message, rc", [
    ("replace y = 1 in 1\nbetareg y x", "y must be greater than zero and less than one", 459),
    ("betareg y x, link(foo)", "unrecognized link() function: foo", 199),
    ("betareg y x, slink(log root)", "only one of log, root, or identity is allowed", 198),
    ("betareg y x\nmargins, predict(stdp)", "predict option stdp not appropriate with margins", 322),
    ("betareg y x [aw=w]", "aweights not allowed", 101),
    ("betareg", "results for betareg not found", 301),
])
def test_errors(do, text, message, rc):
    code, printed, _ = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed


def test_margins_of_the_variance_and_loglog(do):
    printed, s, b, _ = _fit(do, "betareg y x, scale(z) nolog\nmargins, predict(cvariance)\nscalar v = r(b)[1,1]",
                            [1, 0, 3, 2])
    mu = expit(b[0] + b[1] * DATA.x)
    assert s.scalars["v"] == pytest.approx(np.mean(mu * (1 - mu) / (1 + np.exp(b[2] + b[3] * DATA.z))), rel=1e-7)
    printed, s, b, _ = _fit(do, "betareg y x, link(loglog) nolog\nmargins, dydx(x)\nscalar ame = r(b)[1,1]",
                            [1, 0, 2])
    e = np.exp(-(b[0] + b[1] * DATA.x))
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * e * np.exp(-e)), rel=1e-6)
