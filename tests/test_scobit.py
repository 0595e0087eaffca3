"""scobit: numbers against R (tests/fractional_reference/scobit.R: the skewed logit likelihood,
optim, numDeriv's Hessian and scores; glm()'s logit for e(ll_c)), scobit.ado's layout (header,
/lnalpha and alpha rows, the LR test of alpha=1 and its note), predict (scob_p) and margins
against the formula, errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit
from scipy.stats import chi2

from tests.fractional_values import data, estimates, reference

DATA = data("scobit")
REF = reference("scobit")
ORDER = [2, 0, 1, 3]  # x z _cons lnalpha -> R's (Intercept) x z lnalpha


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return (printed, s, *estimates(s, ORDER))


def test_oim_fit_lr_test_and_layout(do):
    printed, s, b, se = _fit(do, "scobit y x z")
    np.testing.assert_allclose(b, REF[("oim", "b")], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, REF[("oim", "se")], rtol=1e-4)
    ll, ll_c = REF[("oim", "ll")][0], REF[("oim", "ll_c")][0]
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(ll_c, abs=1e-6)
    assert s.e.scalars["alpha"] == pytest.approx(np.exp(REF[("oim", "b")][3]), rel=1e-5)
    assert s.e.matrices["b"].colnames == ("y:x", "y:z", "y:_cons", "lnalpha:_cons")
    lines = printed.split("\n")
    at = lines.index(next(line for line in lines if line.startswith("Skewed logistic regression")))
    assert lines[at] == "Skewed logistic regression                      Number of obs     =        500"
    assert lines[at + 1] == " " * 48 + "Zero outcomes     =        410"
    assert lines[at + 2] == "Log likelihood = -206.6282".ljust(48) + "Nonzero outcomes  =         90"
    c = 2 * (ll - ll_c)
    test = next(line for line in lines if line.startswith("LR test of alpha=1"))
    assert test == f"LR test of alpha=1: chi2(1) = {c:.2f}".ljust(58) + f"Prob > chi2 = {chi2.sf(c, 1):6.4f}"
    assert "Note: Likelihood-ratio tests are recommended for inference with scobit models." in printed
    assert "    /lnalpha |" in printed and "       alpha |" in printed
    assert lines.index("Fitting logistic model:") < lines.index("Fitting full model:")


@pytest.mark.parametrize("key, options", [("robust", "vce(robust)"), ("cluster", "vce(cluster cl)")])
def test_sandwich(do, key, options):
    printed, s, b, se = _fit(do, f"scobit y x z, {options} nolog")
    np.testing.assert_allclose(se, REF[(key, "se")], rtol=1e-4)
    assert "LR test of alpha=1" not in printed and "Note: Likelihood" not in printed
    assert "Log pseudolikelihood" in printed


def test_frequency_weights(do):
    _, s, b, se = _fit(do, "scobit y x z [fw=w], nolog")
    np.testing.assert_allclose(b, REF[("fw", "b")], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, REF[("fw", "se")], rtol=1e-4)
    assert s.e.scalars["N"] == DATA.w.sum()


def test_predict_and_margins(do):
    printed, s, b, _ = _fit(do, "scobit y x z, nolog\npredict p\nmargins, dydx(x)\nscalar ame = r(b)[1,1]\n"
                                "scalar se = sqrt(r(V)[1,1])")
    assert "(option pr assumed; Pr(y))" in printed
    alpha = np.exp(b[3])
    xb = b[0] + b[1] * DATA.x + b[2] * DATA.z
    p = 1 - (1 + np.exp(xb)) ** (-alpha)
    np.testing.assert_allclose(s.data.df.p, p, rtol=1e-6)
    dp = alpha * expit(xb) * (1 + np.exp(xb)) ** (-alpha)
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * dp), rel=1e-6)
    # the delta method's standard error by numerical derivatives of the average effect
    V = s.e.matrices["V"].values[np.ix_(ORDER, ORDER)]

    def ame(t):
        e = t[0] + t[1] * DATA.x + t[2] * DATA.z
        a = np.exp(t[3])
        return np.mean(t[1] * a * expit(e) * (1 + np.exp(e)) ** (-a))
    h = 1e-6
    grad = np.array([(ame(b + h * np.eye(4)[j]) - ame(b - h * np.eye(4)[j])) / (2 * h) for j in range(4)])
    assert s.scalars["se"] == pytest.approx(np.sqrt(grad @ V @ grad), rel=1e-5)


@pytest.mark.parametrize("text, message, rc", [
    ("replace y = 1\nscobit y x", "outcome does not vary; remember:", 2000),
    ("scobit y x, score(a b)", "option score() not supported by mlmcli with scobit", 198),
    ("scobit y x [aw=w]", "aweights not allowed", 101),
    ("scobit", "last estimates not found", 301),
])
def test_errors(do, text, message, rc):
    code, printed, _ = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed


def test_margins_with_an_offset(do):
    _, s, b, _ = _fit(do, "scobit y x z, offset(z) nolog\nmargins, dydx(x)\nscalar ame = r(b)[1,1]")
    alpha = np.exp(b[3])
    xb = b[0] + b[1] * DATA.x + b[2] * DATA.z + DATA.z
    assert s.scalars["ame"] == pytest.approx(np.mean(b[1] * alpha * expit(xb) * (1 + np.exp(xb)) ** (-alpha)),
                                             rel=1e-5)
