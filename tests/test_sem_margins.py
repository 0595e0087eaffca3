"""margins after sem (mlmcli/sem/sem_margins.py): x b of an observed endogenous variable, with
delta-method SEs from e(V).  Checked here against independent computations: the equations'
least-squares coefficients (statsmodels OLS, which sem's ML equals for a recursive path model
of observed variables), x b averaged with numpy, a central-difference Jacobian over e(b) times
e(V) (also for the nonlinear eyex()), and statsmodels' HC0 sandwich for vce(robust)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


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


def _theta(s):
    return list(s.e.matrices["b"].colnames), s.e.matrices["b"].values[0].copy(), s.e.matrices["V"].values


def _delta(margin, b, V):
    m0 = np.atleast_1d(margin(b))
    J = np.zeros((len(m0), len(b)))
    for j in range(len(b)):
        h = 1e-6 * max(1.0, abs(b[j]))
        up, down = b.copy(), b.copy()
        up[j] += h
        down[j] -= h
        J[:, j] = (np.atleast_1d(margin(up)) - np.atleast_1d(margin(down))) / (2 * h)
    return m0, J @ V @ J.T


def _xb_y2(cols, theta, y1, x2):
    b = {c: theta[i] for i, c in enumerate(cols)}
    return b["y2:_cons"] + b["y2:y1"] * y1 + b["y2:x2"] * x2


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
    cols, b, V = _theta(s)
    m, mV = _delta(lambda t: [np.mean(_xb_y2(cols, t, data.y1.values, v)) for v in (0.0, 1.0)], b, V)
    assert got == pytest.approx(m, rel=1e-9)
    assert s.r["V"].values == pytest.approx(mV, rel=1e-6)


def test_dydx_is_the_path_coefficient(do, data):
    rc, out, s = do(SEM + "margins, predict(xb(y2)) dydx(*)", df=data)
    assert rc == 0, out
    assert "dy/dx w.r.t. : x1 y1 x2" in out
    cols, b, V = _theta(s)
    got = dict(zip(s.r["b"].colnames, s.r["b"].values[0]))
    se = dict(zip(s.r["V"].colnames, np.sqrt(np.diag(s.r["V"].values))))
    ols = sm.OLS(data.y2, sm.add_constant(data[["y1", "x2"]])).fit()
    for v in ("y1", "x2"):  # the direct effect: x b holds the observed y1 fixed
        assert got[v] == pytest.approx(ols.params[v], rel=1e-8)
        assert se[v] == pytest.approx(np.sqrt(V[cols.index(f"y2:{v}"), cols.index(f"y2:{v}")]), rel=1e-6)
    assert got["x1"] == pytest.approx(0.0, abs=1e-10)  # x1 is not on y2's paths


def test_first_equation_over_groups_and_nonlinear_eyex(do, data):
    rc, out, s = do(SEM + "margins, predict(xb(y1)) over(g)", df=data)
    assert rc == 0, out
    cols, b, V = _theta(s)

    def by_group(t):
        xb = t[cols.index("y1:_cons")] + t[cols.index("y1:x1")] * data.x1.values
        return [xb[data.g.values == k].mean() for k in (1.0, 2.0, 3.0)]

    m, mV = _delta(by_group, b, V)
    assert s.r["b"].values[0] == pytest.approx(m, rel=1e-9)
    assert s.r["V"].values == pytest.approx(mV, rel=1e-6)
    rc, out, s = do("margins, predict(xb(y2)) eyex(x2)", session=s)
    assert rc == 0, out

    def elasticity(t):  # mean of d ln xb / d ln x2 = b_x2 x2 / xb
        return np.mean(t[cols.index("y2:x2")] * data.x2.values / _xb_y2(cols, t, data.y1.values, data.x2.values))

    m, mV = _delta(elasticity, b, V)
    assert s.r["b"].values[0] == pytest.approx(m, rel=1e-6)
    assert s.r["V"].values == pytest.approx(mV, rel=1e-4)


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


def test_gsem_gaussian_paths_still_refused(do, data):
    rc, out, _ = do("quietly gsem (y1 <- x1) (y2 <- y1 x2)\nmargins", df=data)
    assert rc == 321
