"""margins after sem (mlmcli/sem/sem_margins.py), and after gsem's Gaussian path models: x b of an
observed endogenous variable, with
delta-method SEs from e(V).  Checked here against independent computations: the equations'
least-squares coefficients (statsmodels OLS, which sem's ML equals for a recursive path model
of observed variables), x b averaged with numpy, a central-difference Jacobian over e(b) times
e(V) (also for the nonlinear eyex()), and statsmodels' HC0 sandwich for vce(robust)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from margins_delta_helpers import check_margin, covariate_slope, delta_reference


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20)
    n = 240
    x1, x2 = rng.normal(size=n), rng.normal(1.0, 2.0, size=n)
    g = rng.integers(1, 4, n)
    y1 = 1.0 + 0.5 * x1 + rng.normal(size=n)
    y2 = 2.0 + 0.3 * y1 - 0.4 * x2 + 0.2 * g + rng.normal(size=n)
    return pd.DataFrame(dict(y1=y1, y2=y2, x1=x1, x2=x2, g=g.astype(float)))


SEM = "quietly sem (y1 <- x1) (y2 <- y1 x2)\n"


def _xb(eq):
    """x b of ``eq``'s paths from e(b) on the rows (sem_p's xb: the observed regressors)."""
    def fn(coef, df):
        out = coef[f"{eq}:_cons"] + 0.0 * df.x1.values
        for name, value in coef.items():
            head, _, var = name.partition(":")
            if head == eq and var != "_cons" and "[" not in var:  # gsem's latent variables: mean 0
                out = out + value * df[var].values
        return out
    return fn


def test_xb_of_the_second_equation_at_values(do, data):
    rc, out, s = do(SEM + "margins, predict(xb(y2)) at(x2=(0 1))", df=data)
    assert rc == 0, out
    assert "Expression   : Linear prediction (y2), predict(xb(y2))" in out
    assert "Model VCE    : OIM" in out
    ols = sm.OLS(data.y2, sm.add_constant(data[["y1", "x2"]])).fit()
    # sem's ML coefficients are the equation's least squares: the margins are regress's margins
    want = [ols.params["const"] + ols.params["y1"] * data.y1.mean() + ols.params["x2"] * v for v in (0.0, 1.0)]
    got = s.r["b"].values[0]
    assert got == pytest.approx(want, rel=1e-9)
    for col, v in enumerate((0.0, 1.0)):
        check_margin(s, delta_reference(s, data.assign(x2=v), _xb("y2")), col)


def test_dydx_is_the_path_coefficient(do, data):
    rc, out, s = do(SEM + "margins, predict(xb(y2)) dydx(*)", df=data)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x1 y1 x2" in out
    got = dict(zip(s.r["b"].colnames, s.r["b"].values[0]))
    ols = sm.OLS(data.y2, sm.add_constant(data[["y1", "x2"]])).fit()
    for v in ("y1", "x2"):  # the direct effect: x b holds the observed y1 fixed
        assert got[v] == pytest.approx(ols.params[v], rel=1e-8)
    assert got["x1"] == pytest.approx(0.0, abs=1e-10)  # x1 is not on y2's paths
    for col, v in ((1, "y1"), (2, "x2")):
        check_margin(s, delta_reference(s, data, covariate_slope(_xb("y2"), v)), col)


def test_first_equation_over_groups_and_nonlinear_eyex(do, data):
    rc, out, s = do(SEM + "margins, predict(xb(y1)) over(g)", df=data)
    assert rc == 0, out
    for col, k in enumerate((1.0, 2.0, 3.0)):
        check_margin(s, delta_reference(s, data[data.g == k], _xb("y1")), col)
    rc, out, s = do("margins, predict(xb(y2)) eyex(x2)", session=s)
    assert rc == 0, out

    def elasticity(coef, df):  # d ln xb / d ln x2 = b_x2 x2 / xb, averaged: nonlinear in e(b)
        return coef["y2:x2"] * df.x2.values / _xb("y2")(coef, df)

    check_margin(s, delta_reference(s, data, elasticity))


def test_robust_vce_is_the_sandwich(do, data):
    rc, out, s = do("quietly sem (y1 <- x1) (y2 <- y1 x2), vce(robust)\nmargins, predict(xb(y2)) at(x2=2)", df=data)
    assert rc == 0, out
    assert "Model VCE    : Robust" in out
    n = len(data)
    X = sm.add_constant(data[["y1", "x2"]])
    hc0 = sm.OLS(data.y2, X).fit(cov_type="HC0").cov_params().values * n / (n - 1)
    a = np.array([1.0, data.y1.mean(), 2.0])  # d margin / d (cons, y1, x2)
    se = np.sqrt(s.r["V"].values[0, 0])
    assert se == pytest.approx(np.sqrt(a @ hc0 @ a), rel=1e-6)


def test_default_predictions(do, data):
    # version 14 or later: e(marginsdefault), x b of each observed endogenous variable; with a
    # constant on every path the average x b is the variable's mean
    rc, out, s = do("version 14\n" + SEM + "margins", df=data)
    assert rc == 0, out
    assert s.e.macros["marginsdefault"] == "predict(xb(y1)) predict(xb(y2))"
    assert "1._predict   : Linear prediction (y1), predict(xb(y1))" in out
    assert "2._predict   : Linear prediction (y2), predict(xb(y2))" in out
    assert s.r["b"].values[0] == pytest.approx([data.y1.mean(), data.y2.mean()], rel=1e-9)
    # version 13: predict's default, xb of every observed endogenous variable into one variable
    rc, out, s = do("version 13\n" + SEM + "margins", df=data)
    assert rc == 102 and "too few variables specified" in out
    rc, out, s = do('label variable y1 "outcome one"\nquietly sem (y1 <- x1 x2)\nmargins', df=data)
    assert rc == 0, out
    assert "Expression   : Linear prediction (outcome one), predict()" in out
    assert s.r["b"].values[0] == pytest.approx([data.y1.mean()], rel=1e-9)


@pytest.mark.parametrize("text, rc, message", [
    ("predict(xb)", 322, "predict option xb not appropriate with margins"),
    ("predict(xblatent)", 322, "predict option xblatent not appropriate with margins"),
    ("predict(latent(y1))", 322, "predict option latent1 not appropriate with margins"),
    ("predict(scores)", 322, "predict option scores not appropriate with margins"),
    ("predict(xb(y1 y2))", 102, "too few variables specified"),
    ("predict(xb(x1))", 111, "'x1' is not an observed endogenous variable in the fitted model"),
    ("predict(xb(y))", 111, "'y' is not an observed endogenous variable in the fitted model"),
    ("predict(xb(y1 y1))", 198, "duplicate variables not allowed"),
    ("predict(mu)", 198, "option mu not allowed"),
])
def test_refusals(do, data, text, rc, message):
    got, out, _ = do(SEM + f"margins, {text}", df=data)
    assert got == rc and message in out


def test_gsem_gaussian_paths(do, data):
    """gsem's Gaussian paths (the same engine): mu and eta of outcome() are x b, the first
    depvar's by default; e(marginsdefault) is mu of each outcome; pr is refused."""
    rc, out, s = do("quietly gsem (y1 <- x1) (y2 <- y1 x2)\nmargins, predict(eta outcome(y2)) at(x2=1)", df=data)
    assert rc == 0, out
    assert "Expression   : Linear prediction (y2), predict(eta outcome(y2))" in out
    check_margin(s, delta_reference(s, data.assign(x2=1.0), _xb("y2")))
    assert s.e.macros["marginsdefault"] == "predict(mu outcome(y1)) predict(mu outcome(y2))"
    rc, out, s = do("margins", session=s)
    assert rc == 0, out
    assert "Expression   : Predicted mean (y1), predict()" in out
    check_margin(s, delta_reference(s, data, _xb("y1")))
    for text, message in (("predict(pr)", "option pr not allowed"), ("predict(mu outcome(x1))", "outcome(x1) invalid")):
        rc, out, _ = do(f"margins, {text}", session=s)
        assert rc == 198 and message in out


def test_gsem_gaussian_random_intercepts_mean_is_the_fixed_portion(do, data):
    df = data.assign(id=np.arange(len(data)) // 8)
    rc, out, s = do("quietly gsem (y1 <- x1 M1[id]) (y2 <- y1 x2 M2[id])\n"
                    "margins, predict(mu outcome(y2) conditional(fixedonly)) over(g)", df=df)
    assert rc == 0, out
    assert "Predicted mean (y2), fixed portion only" in out
    for col, k in enumerate((1.0, 2.0, 3.0)):
        check_margin(s, delta_reference(s, df[df.g == k], _xb("y2")), col)
    fixed = s.r["table"].values[:2].copy()
    rc, out, s = do("margins, predict(mu outcome(y2)) over(g)", session=s)  # marginal: E(u) = 0
    assert rc == 0, out
    assert "fixed portion only" not in out
    assert s.r["table"].values[:2] == pytest.approx(fixed, rel=1e-12)
