"""heckprob's ML start (hp100): heckprob.ado's, checked on weak, absent and strong exclusion
restrictions against a hand-written likelihood maximised by scipy.

The ado starts from "Fitting starting values:", the probit of the outcome on the selected rows
with the selection probit's Mills ratio phi(zg)/Phi(zg) as one more regressor: its coefficients,
the selection probit's, athrho = atanh(Mills coefficient clipped to +-0.85); ln L missing there
-> "note:  default initial values infeasible; starting from B=0".  mlm started from the separate
probits with athrho 0, which on a weak exclusion restriction stops on a lower local maximum than
the ado's start reaches.  The likelihood below is written from Owen's T (not mlm's Genz code).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special, stats

from mlmcli.glm import heckman_selection


def phi2(h, k, r):
    """Phi2(h, k; r) from Owen's T function."""
    h = np.where(h == 0, 1e-10, h)  # Phi2 is continuous: off the axes, within 1e-10
    k = np.where(k == 0, 1e-10, k)
    s = np.sqrt(1 - r * r)
    beta = np.where(h * k > 0, 0.0, 0.5)  # h k = 0 is gone above
    return (0.5 * (special.ndtr(h) + special.ndtr(k)) - special.owens_t(h, (k - r * h) / (h * s))
            - special.owens_t(k, (h - r * k) / (k * s)) - beta)


def loglik(theta, y, sel, X, Z):
    """ln Phi(-zg) unselected; ln Phi2(q xb, zg, q rho) selected, q = 2y - 1."""
    kx, kz = X.shape[1], Z.shape[1]
    m, z, r = X @ theta[:kx], Z @ theta[kx:kx + kz], np.tanh(theta[-1])
    q = np.where(y != 0, 1.0, -1.0)
    P = phi2(q[sel] * m[sel], z[sel], q[sel] * r)
    return float(special.log_ndtr(-z[~sel]).sum() + np.log(P).sum())


def probit(y, X):
    q = np.where(y != 0, 1.0, -1.0)
    res = optimize.minimize(lambda b: -special.log_ndtr(q * (X @ b)).sum(), np.zeros(X.shape[1]),
                            jac=lambda b: -(X.T @ (q * np.exp(stats.norm.logpdf(q * (X @ b)) - special.log_ndtr(q * (X @ b))))),
                            method="BFGS", options={"gtol": 1e-9})
    return res.x, -res.fun


def make(seed, n, x2_effect, rho):
    rng = np.random.default_rng(seed)
    x1, x2, e1, v = rng.standard_normal((4, n))
    e2 = rho * e1 + np.sqrt(1 - rho * rho) * v
    s = (0.3 + 0.5 * x1 + x2_effect * x2 + e2 > 0).astype(np.int8)
    y = (0.2 + 0.7 * x1 + e1 > 0).astype(np.int8)
    return pd.DataFrame({"y": y, "s": s, "x1": x1, "x2": x2})


def balanced(seed, n):
    """x2 alternating +-1 within the selected and within the others (one selected row 1.1): the
    selection probit's x2 coefficient ~ 1e-5, its Mills ratio constant to five digits."""
    df = make(seed, n, 0.0, 0.5)
    x2 = np.empty(n)
    for group in (df.s == 1, df.s == 0):
        rows = np.flatnonzero(group)
        x2[rows] = np.where(np.arange(len(rows)) % 2 == 0, 1.0, -1.0)
    x2[np.flatnonzero(df.s == 1)[0]] = 1.1
    return df.assign(x2=x2)


@pytest.fixture
def fit(new_session, run, tmp_path):
    """``fit(df, select) -> (session, printed, (y, sel, X, Z))``: heckprob y x1, select(s = ...)."""

    def call(df, select):
        path = tmp_path / "hp.dta"
        df.to_stata(path, write_index=False)
        session = new_session()
        printed = run(session, f'use "{path}", clear\nheckprob y x1, select(s = {select})')[0]
        one = np.ones(len(df))
        X = np.column_stack([df.x1, one])
        Z = np.column_stack([*(df[v] for v in select.split()), one])
        return session, printed, (df.y.to_numpy(float), df.s.to_numpy() != 0, X, Z)

    return call


def ado_start(y, sel, X, Z):
    g, _ = probit(sel, Z)
    zg = Z[sel] @ g
    lam = np.exp(stats.norm.logpdf(zg) - special.log_ndtr(zg))
    b, ll = probit(y[sel], np.column_stack([X[sel], lam]))
    return np.concatenate([b[:-1], g, [np.arctanh(np.clip(b[-1], -0.85, 0.85))]]), ll


def separate_start(y, sel, X, Z):
    return np.concatenate([probit(y[sel], X[sel])[0], probit(sel, Z)[0], [0.0]])


def scipy_maximum(data, starts):
    best = None
    for x0 in starts:
        res = optimize.minimize(lambda t: -loglik(t, *data), x0, method="BFGS", options={"gtol": 1e-6})
        if best is None or res.fun < best.fun:
            best = res
    return best.x, -best.fun


def full_model_log(printed):
    full = printed.split("Fitting full model:")[1].split("Probit model with sample selection")[0]
    return [float(v) for v in re.findall(r"^Iteration +\d+: +log likelihood = +(\S+)", full, re.M)]


def test_owens_t_bivariate_normal():
    h, k = np.array([-1.2, 0.3, 2.0, -0.4, -1.37, 2.5]), np.array([0.5, -0.7, 1.1, -2.2, 2.14, -0.3])
    r = np.array([0.6, -0.3, 0.9, -0.85, -0.38, 0.2])
    for i in range(len(h)):
        expected = stats.multivariate_normal(cov=[[1, r[i]], [r[i], 1]]).cdf([h[i], k[i]])
        assert phi2(h[i:i + 1], k[i:i + 1], r[i])[0] == pytest.approx(expected, abs=1e-6)


def test_strong_exclusion_starts_where_the_ado_does(fit):
    s, out, data = fit(make(3, 3000, 1.0, 0.5), "x1 x2")
    heads = re.findall(r"^(Fitting [^\n]*:|Comparison:)", out, re.M)
    assert heads == ["Fitting probit model:", "Fitting selection model:", "Comparison:",
                     "Fitting starting values:", "Fitting full model:"]
    start, start_ll = ado_start(*data)
    values = out.split("Fitting starting values:")[1].split("Fitting full model:")[0]
    last = float(re.findall(r"log likelihood = +(\S+)", values)[-1])
    assert last == pytest.approx(start_ll, rel=1e-7)
    logged = full_model_log(out)
    assert logged[0] == pytest.approx(loglik(start, *data), rel=1e-7)
    assert len(logged) <= 8
    x_best, ll_best = scipy_maximum(data, [start])
    assert s.e.scalars["ll"] == pytest.approx(ll_best, abs=1e-5)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), x_best, atol=2e-3)


def test_weak_exclusion_reaches_the_higher_maximum(fit, count_calls):
    """x2 does not move selection: ln L is bimodal in athrho.  The separate probits' start (mlm's
    before) climbs to a local maximum at rho ~ .4; the ado's start to the higher supremum at
    rho -> 1 (athrho in the tens, its s.e. huge), in a few iterations."""
    counts = count_calls(heckman_selection.ProbitSelectionLikelihood, "loglik", "grad_hess")
    s, out, data = fit(make(35, 4000, 0.0, 0.5), "x1 x2")
    assert len(full_model_log(out)) <= 20 and s.e.scalars["converged"] == 1
    assert counts["grad_hess"] <= 30 and counts["loglik"] <= 60, counts
    x_sep, ll_sep = scipy_maximum(data, [separate_start(*data)])
    x_ado, ll_ado = scipy_maximum(data, [ado_start(*data)[0], np.append(x_sep[:-1], 3.0)])
    assert ll_ado > ll_sep + 0.5  # two maxima: the start decides
    assert s.e.scalars["ll"] >= ll_ado - 1e-4
    assert s.e.scalars["rho"] > 0.99


def test_near_collinear_mills_ratio_starts_from_zero(fit):
    """select(s = x2) with x2 all but orthogonal to selection: the starting probit's coefficients
    run to the thousands and ln L is missing there: the ado's B = 0, then a few iterations."""
    s, out, data = fit(balanced(2, 4000), "x2")
    assert "note:  default initial values infeasible; starting from B=0" in out
    logged = full_model_log(out)
    assert logged[0] == pytest.approx(loglik(np.zeros(5), *data), rel=1e-8)
    assert len(logged) <= 15 and s.e.scalars["converged"] == 1
    rng = np.random.default_rng(0)
    sep = separate_start(*data)
    x_best, ll_best = scipy_maximum(data, [sep, sep + rng.normal(scale=0.2, size=5), np.zeros(5)])
    assert s.e.scalars["ll"] == pytest.approx(ll_best, abs=1e-4)
    assert s.e.scalars["ll"] >= ll_best - 1e-5


def test_engine_start_matches_the_ado_rule():
    """probit_selection_start on a Mills ratio exactly collinear with the constant (a selection
    equation of a constant alone): the ratio omitted, athrho 0."""
    rng = np.random.default_rng(2)
    n = 500
    x = rng.standard_normal(n)
    sel = rng.uniform(size=n) < 0.6
    y = (0.3 * x + rng.standard_normal(n) > 0).astype(float)
    one = np.ones(n)
    d = heckman_selection.SelectionData(sel, y, np.column_stack([x, one]), one[:, None], np.zeros(n), np.zeros(n), one)
    g = np.array([stats.norm.ppf(sel.mean())])
    start = heckman_selection.probit_selection_start(d, g)
    b, _ = probit(y[sel], np.column_stack([x[sel], one[sel]]))
    assert not start.infeasible
    np.testing.assert_allclose(start.theta, np.concatenate([b, g, [0.0]]), atol=1e-6)


def test_biprobit_start_is_the_ado_and_reaches_the_maximum(new_session, run, tmp_path):
    """biprobit.ado starts from the two comparison probits and athrho 0 (no Mills ratio, nothing
    to degenerate): the first logged ln L is their sum, and a few iterations reach the maximum
    even at rho = .95 with the same regressor in both equations."""
    rng = np.random.default_rng(12)
    n = 3000
    x1, e1, v = rng.standard_normal((3, n))
    e2 = 0.95 * e1 + np.sqrt(1 - 0.95 ** 2) * v
    y1, y2 = (0.2 + 0.6 * x1 + e1 > 0).astype(np.int8), (-0.1 + 0.4 * x1 + e2 > 0).astype(np.int8)
    path = tmp_path / "bp.dta"
    pd.DataFrame({"y1": y1, "y2": y2, "x1": x1}).to_stata(path, write_index=False)
    s = new_session()
    out = run(s, f'use "{path}", clear\nbiprobit y1 y2 x1')[0]
    X = np.column_stack([x1, np.ones(n)])
    (b1, ll1), (b2, ll2) = probit(y1, X), probit(y2, X)
    full = out.split("Fitting full model:")[1].split("Seemingly unrelated")[0]
    logged = [float(v) for v in re.findall(r"log likelihood = +(\S+)", full)]
    assert logged[0] == pytest.approx(ll1 + ll2, rel=1e-7) and len(logged) <= 10

    def bll(t):
        q1, q2 = 2.0 * y1 - 1, 2.0 * y2 - 1
        return float(np.log(phi2(q1 * (X @ t[:2]), q2 * (X @ t[2:4]), q1 * q2 * np.tanh(t[4]))).sum())

    res = optimize.minimize(lambda t: -bll(t), np.concatenate([b1, b2, [0.0]]), method="L-BFGS-B",
                            bounds=[(None, None)] * 4 + [(-4, 4)], options={"ftol": 1e-14, "gtol": 1e-8})
    assert s.e.scalars["ll"] == pytest.approx(-res.fun, abs=1e-4)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), res.x, atol=2e-3)
