"""heckman's ML start when the two-step is degenerate (pl101).

A selection equation whose regressor does not move selection leaves the Mills ratio nearly
collinear with the outcome's constant: the two-step lambda is huge, its rho outside [-1, 1],
and heckman.ado's start from it (rho truncated, sigma = |lambda|, athrho at +-0.85) lies
hundreds of ln L units below the maximum on the rho -> +-1 ridge.  mlm then crept through 347
"(not concave)" iterations to r(430), 735 below the maximum (66 s on 20,000 rows).  Now the start
of the equations fitted separately is taken when its ln L is higher: a handful of iterations to
the maximum, which an independent optimiser (scipy, a hand-written ln L) confirms.  A regular
two-step keeps heckman.ado's start (the first logged ln L is the one at it), and the ml fits
behind maximize_with_variance stop after newton's NOT_CONCAVE_STALL "(not concave)" steps.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import optimize, stats

from mlmcli.glm import heckman_selection
from mlmcli.glm.newton import NOT_CONCAVE_STALL
from mlmcli.glm.zero_inflated import maximize_with_variance

DEGENERATE = """\
clear
set seed 4711
set obs 4000
generate id = ceil(_n/50)
generate x1 = rnormal()
generate x2 = rnormal()
bysort id: generate u = rnormal() if _n==1
by id: replace u = u[1]
generate y = 1 + 0.5*x1 - 0.3*x2 + u + rnormal()
generate yb = runiform() < invlogit(-0.5 + x1 + u)
"""

REGULAR = """\
clear
set seed 2027
set obs 1500
generate x1 = rnormal()
generate x2 = rnormal()
matrix C = (1, .5 \\ .5, 1)
drawnorm e1 e2, corr(C)
generate yb = 0.3 + x2 + 0.5*x1 + e2 > 0
generate y = 1 + 0.5*x1 + e1
"""


@pytest.fixture
def fit(new_session, run):
    """``fit(data, command) -> (session, printed)``: ``data`` (do-file text) run, then ``command``."""

    def call(data, command):
        session = new_session()
        run(session, data)
        return session, run(session, command)[0]

    return call


def arrays(s):
    col = {v: np.asarray(s.data.numeric(v), float) for v in ("y", "yb", "x1", "x2")}
    sel = col["yb"] != 0
    n = len(sel)
    return col["y"], sel, np.column_stack([col["x1"], np.ones(n)]), np.column_stack([col["x2"], np.ones(n)])


def loglik(theta, y, sel, X, Z):
    """heckman's ln L written out: ln Phi(-zg) unselected; ln Phi((zg + rho e)/sqrt(1-rho^2)) +
    ln phi(e) - ln sigma selected, e = (y - xb)/sigma."""
    kx, kz = X.shape[1], Z.shape[1]
    b, g, a, ls = theta[:kx], theta[kx:kx + kz], theta[-2], theta[-1]
    rho, sigma = np.tanh(a), np.exp(ls)
    zg = Z @ g
    e = (y[sel] - X[sel] @ b) / sigma
    return (stats.norm.logcdf(-zg[~sel]).sum()
            + (stats.norm.logcdf((zg[sel] + rho * e) / np.sqrt(1 - rho * rho)) + stats.norm.logpdf(e) - ls).sum())


def probit(sel, Z):
    q = np.where(sel, 1.0, -1.0)
    res = optimize.minimize(lambda g: -stats.norm.logcdf(q * (Z @ g)).sum(), np.zeros(Z.shape[1]),
                            jac=lambda g: -(Z.T @ (q * np.exp(stats.norm.logpdf(q * (Z @ g)) - stats.norm.logcdf(q * (Z @ g))))),
                            method="BFGS", options={"gtol": 1e-10})
    return res.x


def separate_start(y, sel, X, Z):
    g = probit(sel, Z)
    b = np.linalg.lstsq(X[sel], y[sel], rcond=None)[0]
    r = y[sel] - X[sel] @ b
    return np.concatenate([b, g, [0.0, 0.5 * np.log(r @ r / sel.sum())]])


def best_maximum(y, sel, X, Z, starts):
    best = None
    for x0 in starts:
        res = optimize.minimize(lambda t: -loglik(t, y, sel, X, Z), x0, method="BFGS",
                                options={"gtol": 1e-7, "maxiter": 2000})
        res = optimize.minimize(lambda t: -loglik(t, y, sel, X, Z), res.x, method="Nelder-Mead",
                                options={"xatol": 1e-9, "fatol": 1e-10, "maxiter": 20000})
        if best is None or res.fun < best.fun:
            best = res
    return best.x, -best.fun


def test_two_step_is_degenerate_on_these_data(fit):
    s, out = fit(DEGENERATE, "heckman y x1, select(yb = x2) twostep")
    assert s.e.scalars["rho"] == -1.0  # truncated: the two-step rho was below -1
    assert abs(s.e.scalars["lambda"]) > 20


def test_degenerate_two_step_reaches_the_maximum_in_few_evaluations(fit, count_calls):
    counts = count_calls(heckman_selection.HeckmanLikelihood, "loglik", "grad_hess")
    s, out = fit(DEGENERATE, "heckman y x1, select(yb = x2)")
    assert "r(430)" not in out and "convergence not achieved" not in out
    iterations = re.findall(r"^Iteration +(\d+):", out, re.M)
    assert 3 <= len(iterations) <= 25  # was 348 lines, then r(430)
    assert counts["grad_hess"] <= 30 and counts["loglik"] <= 80, counts
    y, sel, X, Z = arrays(s)
    b = s.e.matrices["b"].values.ravel()
    start = separate_start(y, sel, X, Z)
    rng = np.random.default_rng(5)
    x_best, ll_best = best_maximum(y, sel, X, Z, [start, start + rng.normal(scale=0.1, size=6)])
    assert s.e.scalars["ll"] == pytest.approx(ll_best, abs=1e-5)
    assert s.e.scalars["ll"] >= ll_best - 1e-6
    assert loglik(b, y, sel, X, Z) == pytest.approx(s.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(b, x_best, atol=2e-3)
    assert s.e.scalars["converged"] == 1


def local_maxima_data(path):
    """8,000 rows (numpy's generator, seed 1) on which heckman.ado's start -- even with sigma =
    |lambda| -- climbs to a local maximum 17.7 below the one the separate equations' start reaches."""
    import pandas as pd

    rng = np.random.default_rng(1)
    n = 8000
    u = np.repeat(rng.normal(size=n // 50), 50)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = 1 + 0.5 * x1 - 0.3 * x2 + u + rng.normal(size=n)
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(-(-0.5 + x1 + u)))).astype(np.int8)
    pd.DataFrame({"y": y, "yb": yb, "x1": x1, "x2": x2}).to_stata(path, write_index=False)


def test_the_higher_of_two_maxima(fit, tmp_path):
    local_maxima_data(tmp_path / "lm.dta")
    s, out = fit(f'use "{tmp_path / "lm.dta"}", clear', "heckman y x1, select(yb = x2)")
    assert len(re.findall(r"^Iteration +(\d+):", out, re.M)) <= 20 and s.e.scalars["converged"] == 1
    y, sel, X, Z = arrays(s)
    b = s.e.matrices["b"].values.ravel()
    # heckman.ado's start: two-step b and g, rho truncated to -1 then clipped to -0.85, sigma |lambda|
    g = probit(sel, Z)
    zg = Z[sel] @ g
    lam = np.exp(stats.norm.logpdf(zg) - stats.norm.logcdf(zg))
    coef = np.linalg.lstsq(np.column_stack([X[sel], lam]), y[sel], rcond=None)[0]
    ado = np.concatenate([coef[:-1], g, [np.arctanh(-0.85), np.log(abs(coef[-1]))]])
    x_best, ll_best = best_maximum(y, sel, X, Z, [separate_start(y, sel, X, Z), ado])
    assert s.e.scalars["ll"] == pytest.approx(ll_best, abs=1e-5)
    np.testing.assert_allclose(b, x_best, atol=2e-3)


def test_regular_two_step_keeps_heckman_ado_start(fit):
    s, out = fit(REGULAR, "heckman y x1, select(yb = x2)")
    y, sel, X, Z = arrays(s)
    # the two-step by hand: probit, lambda = phi/Phi, OLS of y on (x, lambda) on the selected rows
    g = probit(sel, Z)
    zg = Z[sel] @ g
    lam = np.exp(stats.norm.logpdf(zg) - stats.norm.logcdf(zg))
    Xs = np.column_stack([X[sel], lam])
    coef = np.linalg.lstsq(Xs, y[sel], rcond=None)[0]
    resid = y[sel] - Xs @ coef
    sigma = np.sqrt(resid @ resid / sel.sum() + np.mean(lam * (lam + zg)) * coef[-1] ** 2)
    rho = coef[-1] / sigma
    assert abs(rho) < 0.85
    start = np.concatenate([coef[:-1], g, [np.arctanh(rho), np.log(sigma)]])
    first = re.search(r"^Iteration 0: +log likelihood = +(\S+)", out, re.M).group(1)
    assert float(first) == pytest.approx(loglik(start, y, sel, X, Z), rel=1e-7)
    assert s.e.scalars["converged"] == 1


class _Ridge:
    """ln L = -x0^2 + x1: ascent for ever along x1 with a singular Hessian ("not concave")."""

    def loglik(self, x):
        return float(-x[0] ** 2 + x[1])

    def grad_hess(self, x):
        return np.array([-2 * x[0], 1.0]), np.array([[-2.0, 0.0], [0.0, 0.0]])

    def scores(self, x):
        return np.zeros((1, 2))


def test_ml_fits_stop_after_the_not_concave_stall():
    res, _ = maximize_with_variance(_Ridge(), np.array([1.0, 0.0]), np.ones(1), {"iterate": 16000})
    assert not res.converged and not res.limit_reached
    assert len(res.steps) == NOT_CONCAVE_STALL + 1
    assert all(step.note == "(not concave)" for step in res.steps[1:])
    # a caller's own stall is kept
    res, _ = maximize_with_variance(_Ridge(), np.array([1.0, 0.0]), np.ones(1), {"iterate": 16000, "stall": 7})
    assert len(res.steps) == 8
