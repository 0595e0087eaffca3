"""constraints() on meglm family(gaussian)'s residual variance ``var(e.y):_cons`` (e(b)'s name;
the engine fits ln sigma): var(e.y) = # fixes ln sigma at ln(#)/2, var(e.y) = var(_cons[id])
ties the two ln sds; a constraint not linear in the ln sds is refused by name.

Checked against the exact marginal likelihood of the random-intercept linear model written
here (y_j ~ N(X_j b, s_u^2 J + s_e^2 I), summed over groups; mvaghermite is exact for it up to
its adaptation), maximised with scipy over the free parameters only, standard errors from a
central-difference Hessian of that function and the delta method to the variance."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(83)
    rows = []
    for g in range(25):
        u = rng.normal(0, 1.1)
        for _ in range(8):
            x = rng.normal()
            rows.append((g + 1.0, x, 1.0 + 0.5 * x + u + rng.normal(0, 1.4)))
    return pd.DataFrame(rows, columns=["id", "x", "y"])


def _loglik(df, b0, b1, var_u, var_e):
    total = 0.0
    for _, grp in df.groupby("id"):
        r = grp["y"].to_numpy() - b0 - b1 * grp["x"].to_numpy()
        n = len(r)
        S = var_u * np.ones((n, n)) + var_e * np.eye(n)
        _, logdet = np.linalg.slogdet(S)
        total += -0.5 * (n * np.log(2 * np.pi) + logdet + r @ np.linalg.solve(S, r))
    return float(total)


def _hessian(f, x, h=1e-4):
    k = len(x)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            e_i, e_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (f(x + e_i + e_j) - f(x + e_i - e_j) - f(x - e_i + e_j) + f(x - e_i - e_j)) / (4 * h * h)
    return H


def _fit(f, x0):
    res = minimize(lambda a: -f(a), x0, method="BFGS", options={"gtol": 1e-8})
    return res.x, -res.fun, np.linalg.inv(-_hessian(f, res.x))


def _b(s):
    return dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))


def _se(s):
    V = s.e.matrices["V"].values
    return dict(zip(s.e.matrices["V"].colnames, np.sqrt(np.maximum(np.diag(V), 0))))


def test_residual_variance_fixed(do, data):
    rc, out, s = do("constraint 1 _b[var(e.y):_cons] = 2\nmeglm y x || id:, constraints(1) nolog", df=data)
    assert rc == 0, out
    f = lambda a: _loglik(data, a[0], a[1], np.exp(2 * a[2]), 2.0)  # noqa: E731
    a, ll, V = _fit(f, np.array([1.0, 0.5, 0.0]))
    b, se = _b(s), _se(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["y:_cons"] == pytest.approx(a[0], abs=1e-5) and b["y:x"] == pytest.approx(a[1], abs=1e-5)
    assert b["var(_cons[id]):_cons"] == pytest.approx(np.exp(2 * a[2]), rel=1e-5)
    assert b["var(e.y):_cons"] == pytest.approx(2.0, rel=1e-12) and se["var(e.y):_cons"] == 0
    assert se["y:x"] == pytest.approx(np.sqrt(V[1, 1]), rel=1e-3)
    assert se["var(_cons[id]):_cons"] == pytest.approx(2 * np.exp(2 * a[2]) * np.sqrt(V[2, 2]), rel=1e-3)
    assert " ( 1)  [var(e.y)]_cons = 2" in out
    assert any(ln.split() == ["var(e.y)|", "2", "(constrained)"] for ln in out.splitlines())
    # e(Cns) over e(b)'s columns in its metric: y:x y:_cons var(_cons[id]) var(e.y) | r
    np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[0, 0, 0, 1, 2]])


def test_stata14_slash_name(do, data):
    rc, out, s = do("constraint 2 _b[/var(e.y)] = 1.5\nmeglm y x || id:, constraints(2) nolog", df=data)
    assert rc == 0, out
    f = lambda a: _loglik(data, a[0], a[1], np.exp(2 * a[2]), 1.5)  # noqa: E731
    a, ll, _ = _fit(f, np.array([1.0, 0.5, 0.0]))
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert _b(s)["var(e.y):_cons"] == pytest.approx(1.5, rel=1e-12)


def test_residual_equals_random_intercept_variance(do, data):
    rc, out, s = do("constraint 3 [var(e.y)]_cons = [var(_cons[id])]_cons\n"
                    "meglm y x || id:, constraints(3) nolog", df=data)
    assert rc == 0, out
    f = lambda a: _loglik(data, a[0], a[1], np.exp(2 * a[2]), np.exp(2 * a[2]))  # noqa: E731
    a, ll, V = _fit(f, np.array([1.0, 0.5, 0.3]))
    b, se = _b(s), _se(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["var(e.y):_cons"] == pytest.approx(np.exp(2 * a[2]), rel=1e-5)
    assert b["var(_cons[id]):_cons"] == pytest.approx(b["var(e.y):_cons"], rel=1e-10)
    assert se["var(e.y):_cons"] == pytest.approx(2 * np.exp(2 * a[2]) * np.sqrt(V[2, 2]), rel=1e-3)
    np.testing.assert_array_equal(s.e.matrices["Cns"].values, [[0, 0, -1, 1, 0]])


def test_variance_ratio(do, data):
    """2 var(e.y) = var(_cons[id]): linear in the ln sds (ln sd_u = ln sd_e + ln(2)/2)."""
    rc, out, s = do("constraint 6 2*_b[var(e.y):_cons] = _b[var(_cons[id]):_cons]\n"
                    "meglm y x || id:, constraints(6) nolog", df=data)
    assert rc == 0, out
    f = lambda a: _loglik(data, a[0], a[1], 2 * np.exp(2 * a[2]), np.exp(2 * a[2]))  # noqa: E731
    a, ll, _ = _fit(f, np.array([1.0, 0.5, 0.3]))
    b = _b(s)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)
    assert b["var(e.y):_cons"] == pytest.approx(np.exp(2 * a[2]), rel=1e-5)
    assert b["var(_cons[id]):_cons"] == pytest.approx(2 * b["var(e.y):_cons"], rel=1e-10)


def test_random_and_residual_variance_both_fixed(do, data):
    rc, out, s = do("constraint 1 _b[var(e.y):_cons] = 2\nconstraint 2 _b[var(_cons[id]):_cons] = 1\n"
                    "meglm y x || id:, constraints(1 2) nolog", df=data)
    assert rc == 0, out
    f = lambda a: _loglik(data, a[0], a[1], 1.0, 2.0)  # noqa: E731
    _, ll, _ = _fit(f, np.array([1.0, 0.5]))
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-8)


@pytest.mark.parametrize("text", ["[var(e.y)]_cons + [var(_cons[id])]_cons = 3",
                                  "_b[var(e.y):_cons] = 0", "_b[var(e.y):_cons] = _b[x]",
                                  "_b[var(e.y):_cons] - _b[var(_cons[id]):_cons] = 1"])
def test_nonlinear_in_the_ln_sds_refused_by_name(do, data, text):
    rc, out, s = do(f"constraint 4 {text}\nmeglm y x || id:, constraints(4) nolog", df=data)
    assert rc == 198 and "not supported by mlmcli" in out and "var(e.y)" in out


def test_lnsigma_is_not_an_eb_name(do, data):
    """e(b) holds var(e.y), not ln sigma: a constraint on [lnsigma]_cons names nothing the model
    has (makecns' note, the constraint dropped)."""
    rc, out, s = do("constraint 5 [lnsigma]_cons = 0\nmeglm y x || id:, constraints(5) nolog", df=data)
    assert rc == 0, out
    assert "(note: constraint number 5 caused error r(111))" in out
    assert "(constrained)" not in out
