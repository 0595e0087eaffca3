"""glm with aweights and iweights (glm.ado's syntax ``[fw aw pw iw]``): aweights scaled to mean 1
over the sample, then, like iweights, the log likelihood's prior weights; e(N) the rows (ml's
count for all but fweights); _rmcoll's ``(sum of wgt is ...)`` line before an aweighted fit.
References: Newton's method for the weighted Poisson likelihood and weighted least squares
written here in numpy; factor levels under their variable's heading as after regress."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 200
    a = rng.integers(1, 4, n)
    x = rng.normal(size=n)
    w = rng.uniform(0.5, 2, n)
    y = rng.poisson(np.exp(0.2 + 0.3 * x + 0.2 * (a == 2) - 0.3 * (a == 3)))
    return pd.DataFrame({"a": a, "x": x, "w": w, "y": y})


def _poisson(X, y, w):
    b = np.zeros(X.shape[1])
    for _ in range(50):
        mu = np.exp(X @ b)
        b = b + np.linalg.solve(X.T @ (X * (w * mu)[:, None]), X.T @ (w * (y - mu)))
    mu = np.exp(X @ b)
    V = np.linalg.inv(X.T @ (X * (w * mu)[:, None]))
    ll = float(np.sum(w * (y * np.log(mu) - mu - gammaln(y + 1))))
    return b, V, ll


def _x_y_w(data):
    """X (x and the constant), y and the aweights scaled to mean 1, as glm.ado scales them."""
    X = np.column_stack([data.x, np.ones(len(data))])
    return X, data.y.to_numpy(float), data.w.to_numpy() / data.w.mean()


def _table(s):
    b = s.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("kind", ["aw", "iw"])
def test_poisson_weighted_likelihood(do, data, kind):
    rc, out, s = do(f"glm y x i.a [{kind}=w], family(poisson)", df=data)
    assert rc == 0, out
    w = data.w.to_numpy()
    if kind == "aw":
        w = w / w.mean()
        assert f"(sum of wgt is {data.w.sum():12.4e})\n" in out
        assert out.index("(sum of wgt") < out.index("Iteration 0")
    else:
        assert "sum of wgt" not in out
    X = np.column_stack([data.x, data.a == 2, data.a == 3, np.ones(len(data))]).astype(float)
    b, V, ll = _poisson(X, data.y.to_numpy(float), w)
    got = s.e.matrices["b"].values.ravel()
    names = list(s.e.matrices["b"].colnames)
    at = [names.index(f"y:{c}") for c in ("x", "2.a", "3.a", "_cons")]
    np.testing.assert_allclose(got[at], b, rtol=1e-7)
    np.testing.assert_allclose(s.e.matrices["V"].values[np.ix_(at, at)], V, rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    assert s.e.scalars["N"] == 200 and s.e.scalars["df"] == 196
    assert s.e.macros["wtype"] == {"aw": "aweight", "iw": "iweight"}[kind]
    # the factor levels sit under their variable's heading, as regress shows them
    lines = out.splitlines()
    head = lines.index("           a |")
    assert lines[head + 1].startswith("          2  |") and lines[head + 2].startswith("          3  |")
    assert not any(l.lstrip().startswith(("2.a", "3.a")) for l in lines)


def test_gaussian_aweights_are_weighted_least_squares(do, data):
    rc, out, s = do("glm y x [aw=w], nolog", df=data)
    assert rc == 0, out
    X, y, w = _x_y_w(data)
    b = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (w * y))
    r = y - X @ b
    phi = np.sum(w * r ** 2) / (len(y) - 2)
    se = np.sqrt(np.diag(phi * np.linalg.inv(X.T @ (X * w[:, None]))))
    coef, stderr = _table(s)
    np.testing.assert_allclose(coef, b, rtol=1e-8)
    np.testing.assert_allclose(stderr, se, rtol=1e-7)
    assert s.e.scalars["deviance"] == pytest.approx(np.sum(w * r ** 2), rel=1e-9)
    assert s.e.scalars["phi"] == pytest.approx(phi, rel=1e-9)


def test_robust_and_refusals(do, data):
    rc, out, s = do("glm y x [aw=w], family(poisson) vce(robust) nolog", df=data)
    assert rc == 0, out
    X, y, w = _x_y_w(data)
    b, Vm, _ = _poisson(X, y, w)
    S = X * (w * (y - np.exp(X @ b)))[:, None]
    n = len(y)
    V = Vm @ (S.T @ S) @ Vm * n / (n - 1)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-6)
    for opt in ("vce(opg)", "vce(jackknife1)"):
        rc, out, _ = do(f"glm y x [iw=w], family(poisson) {opt}", df=data)
        assert rc == 198 and "only fweights (if any) are available for non-hessian" in out
    rc, out, _ = do("glm y x [aw=w], family(nbinomial ml)", df=data)
    assert rc == 101 and "aweights not allowed" in out
