"""hetprob: numbers against R (tests/fractional_reference/hetprob.R: the heteroskedastic probit
likelihood written out, optim, numDeriv's Hessian and scores), the LR test against R's probit,
Stata 13's hetprob.ado layout (header from column 49, lnsigma2, the test line), predict (hetpr_p)
against scipy, e() and errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr
from scipy.stats import chi2

from tests.fractional_values import data, estimates, reference

DATA = data("hetprob")
REF = reference("hetprob")
ORDER = [1, 0, 2]  # x _cons z -> R's (Intercept) x z


def _fit(do, text):
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    return (printed, s, *estimates(s, ORDER))


def test_oim_fit_lr_test_and_layout(do):
    printed, s, b, se = _fit(do, "hetprob y x, het(z)")
    np.testing.assert_allclose(b, REF[("oim", "b")], rtol=2e-5)  # optim (BFGS) stops near 1e-6
    np.testing.assert_allclose(se, REF[("oim", "se")], rtol=1e-5)
    ll, ll_c = REF[("oim", "ll")][0], REF[("oim", "ll_c")][0]
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(ll_c, abs=1e-6)
    assert s.e.scalars["chi2_c"] == pytest.approx(2 * (ll - ll_c), abs=1e-5)
    assert s.e.scalars["N_s"] == DATA.y.sum() and s.e.scalars["N_f"] == len(DATA) - DATA.y.sum()
    assert s.e.matrices["b"].colnames == ("y:x", "y:_cons", "lnsigma2:z")
    lines = printed.split("\n")
    at = lines.index(next(line for line in lines if line.startswith("Heteroskedastic probit model")))
    assert lines[at] == "Heteroskedastic probit model                    Number of obs     =        400"
    assert lines[at + 1] == " " * 48 + "Zero outcomes     =        165"
    assert lines[at + 2] == " " * 48 + "Nonzero outcomes  =        235"
    assert lines[at + 4].startswith(" " * 48 + "Wald chi2(1)      =      ")
    assert lines[at + 5].startswith("Log likelihood = -236.8875") and "Prob > chi2       =     0.0000" in lines[at + 5]
    p = chi2.sf(2 * (ll - ll_c), 1)
    test = next(line for line in lines if line.startswith("LR test of lnsigma2=0"))
    assert test == f"LR test of lnsigma2=0: chi2(1) = {2 * (ll - ll_c):.2f}".ljust(58) + f"Prob > chi2 = {p:6.4f}"
    assert lines.index("Fitting probit model:") < lines.index("Fitting full model:")
    assert "lnsigma2     |" in printed and "y            |" in printed
    assert "           y |      Coef.   Std. Err." in printed


@pytest.mark.parametrize("key, options", [("robust", "vce(robust)"), ("cluster", "vce(cluster cl)")])
def test_sandwich(do, key, options):
    printed, s, b, se = _fit(do, f"hetprob y x, het(z) {options} nolog")
    np.testing.assert_allclose(se, REF[(key, "se")], rtol=1e-5)
    assert "Wald test of lnsigma2=0" in printed and s.e.macros["chi2_ct"] == "Wald"
    assert "Log pseudolikelihood" in printed and "Iteration" not in printed


def test_frequency_weights(do):
    _, s, b, se = _fit(do, "hetprob y x [fw=w], het(z)")
    np.testing.assert_allclose(b, REF[("fw", "b")], rtol=2e-5)
    np.testing.assert_allclose(se, REF[("fw", "se")], rtol=1e-5)
    assert s.e.scalars["N"] == DATA.w.sum()


def test_predict(do):
    printed, s, b, _ = _fit(do, "hetprob y x, het(z) nolog\npredict p\npredict sg, sigma\npredict xb, xb")
    assert "(option pr assumed; Pr(y))" in printed
    xb = b[0] + b[1] * DATA.x
    sigma = np.exp(b[2] * DATA.z)
    df = s.data.df
    np.testing.assert_allclose(df.xb, xb, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(df.sg, sigma, rtol=1e-6)
    np.testing.assert_allclose(df.p, ndtr(xb / sigma), rtol=1e-6)
    assert s.data.var_labels["p"] == "Pr(y)" and s.data.var_labels["sg"] == "Sigma"


@pytest.mark.parametrize("text, message, rc", [
    ("hetprob y x", "option het() required", 198),
    ("replace y = 1\nhetprob y x, het(z)", "outcome does not vary; remember:", 2000),
    ("hetprob y x, het(z) noskip", "option noskip not supported by mlmcli with hetprob", 198),
    ("hetprob y x, het(z)\npredict a, cm", "option cm not allowed", 198),
    ("hetprob y x [aw=w], het(z)", "aweights not allowed", 101),
])
def test_errors(do, text, message, rc):
    code, printed, _ = do(text, DATA.copy())
    assert code == rc, printed
    assert message in printed


def test_margins_read_the_variance_equation(do):
    printed, s, b, _ = _fit(do, "hetprob y x, het(z) nolog\nmargins, dydx(*)\nmatrix m = r(b)\n"
                                "matrix v = r(V)")
    xb, zg = b[0] + b[1] * DATA.x, b[2] * DATA.z
    t = xb / np.exp(zg)
    dens = np.exp(-0.5 * t * t) / np.sqrt(2 * np.pi)
    ame = s.matrices["m"].values.ravel()
    assert ame[0] == pytest.approx(np.mean(dens * b[1] / np.exp(zg)), rel=1e-6)
    assert ame[1] == pytest.approx(np.mean(-dens * t * b[2]), rel=1e-4)
    V = s.e.matrices["V"].values[np.ix_(ORDER, ORDER)]

    def ame_x(th):
        tt = (th[0] + th[1] * DATA.x) / np.exp(th[2] * DATA.z)
        return np.mean(np.exp(-0.5 * tt * tt) / np.sqrt(2 * np.pi) * th[1] / np.exp(th[2] * DATA.z))
    h = 1e-6
    grad = np.array([(ame_x(b + h * np.eye(3)[j]) - ame_x(b - h * np.eye(3)[j])) / (2 * h) for j in range(3)])
    assert s.matrices["v"].values[0, 0] == pytest.approx(grad @ V @ grad, rel=1e-4)
    assert "Expression   : Pr(y), predict()" in printed and "dy/dx w.r.t. : x z" in printed
