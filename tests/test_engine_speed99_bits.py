"""Round ts99's engine speed-ups give the old bits (docs/ci_time.md, round ts99).

- Cox (``survival.cox.PartialLikelihood._exit_sums``): the risk-set sums of [r, r x, r x x']
  built column by column (each column's running sum along a contiguous row) against the
  row-wise suffix sums of the concatenated columns (``_risk_sums``, the path they replace):
  ``array_equal`` over ties, weights, scaled and constant columns, with and without the
  derivatives' columns; and a check that the comparison sees a product taken another way.
- Newton (``glm.newton.maximize``): the polish reuses the converged iterate's direction;
  the result is the one of a polish that factors -H again.
- Cox's fit (``fit_cox``): the Hessian at the optimum read from the shared evaluation equals
  a fresh evaluation there.
- ``glmm.quadrature.logsumexp_rows`` and ``adaptive_nodes.logdet_chol`` by ndarray methods
  against numpy's functions written out (infinite rows included).
"""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm import newton
from mlmcli.glmm.quadrature import logsumexp_rows
from mlmcli.glmm.adaptive_nodes import logdet_chol
from mlmcli.survival import cox
from mlmcli.survival.cox import CoxData, PartialLikelihood, fit_cox


def _cox_data(seed: int, n: int = 180, p: int = 3, weights: bool = False, scale: float = 1.0) -> CoxData:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * scale * np.array([1.0, 40.0, 0.01])[:p]
    X[:, -1] = np.round(X[:, -1] * 1e3) / 1e3  # ties in a covariate
    t = np.round(rng.exponential(size=n) * 20)  # tied failure and censoring times
    d = (rng.random(n) < 0.7).astype(float)
    w = rng.integers(1, 4, n).astype(float) if weights else np.ones(n)
    return CoxData(np.zeros(n), t + 1, d, X, w)


def _row_wise_sums(lik: PartialLikelihood, r: np.ndarray, X: np.ndarray, derivatives: bool) -> np.ndarray:
    """The sums as evaluate took them before: [r, r x, r x x'] side by side, row-wise suffix sums."""
    n, p = X.shape
    rx = r[:, None] * X
    parts = [r[:, None], rx] + ([(rx[:, :, None] * X[:, None, :]).reshape(n, p * p)] if derivatives else [])
    return lik._risk_sums(np.concatenate(parts, axis=1))


@pytest.mark.parametrize("seed, weights, scale", [(1, False, 1.0), (2, True, 1.0), (3, False, 1e5), (4, True, 1e-4)])
@pytest.mark.parametrize("derivatives", [True, False])
def test_cox_exit_sums_are_the_row_wise_suffix_sums(seed, weights, scale, derivatives):
    data = _cox_data(seed, weights=weights, scale=scale)
    lik = PartialLikelihood(data)
    assert lik._rows is None and not lik._entries  # the path _exit_sums takes
    rng = np.random.default_rng(seed + 10)
    for _ in range(3):
        b = rng.normal(size=data.X.shape[1]) / (np.abs(data.X).max(axis=0) + 1)
        eta = data.X @ b
        r = data.w * np.exp(eta - eta.max())
        assert np.array_equal(lik._exit_sums(r, data.X, derivatives), _row_wise_sums(lik, r, data.X, derivatives))


def test_the_comparison_sees_a_product_taken_another_way():
    """r (x x') instead of (r x) x': some sums differ in the last bits, so the test above would
    fail on an engine that formed them so."""
    data = _cox_data(5, weights=True)
    lik = PartialLikelihood(data)
    X = data.X
    r = data.w * np.exp(X @ np.array([0.3, 0.01, 20.0]))
    r = r / r.max()
    n, p = X.shape
    other = np.concatenate([r[:, None], r[:, None] * X, r[:, None] * (X[:, :, None] * X[:, None, :]).reshape(n, p * p)],
                           axis=1)
    assert not np.array_equal(lik._risk_sums(other), lik._exit_sums(r, X, True))


def test_cox_fit_is_the_row_wise_fit(monkeypatch):
    """The whole fit with the old sums (evaluate's other path forced) and a fresh final
    Hessian: the same b, V, ll bit for bit."""
    data = _cox_data(6, weights=True)
    _, res, V, ll0 = fit_cox(data)

    def old_sums(self, r, X, derivatives):
        return _row_wise_sums(self, r, X, derivatives)

    monkeypatch.setattr(PartialLikelihood, "_exit_sums", old_sums)
    monkeypatch.setattr(cox, "SHARE_DERIVATIVES", False)  # the final Hessian evaluated again
    _, res0, V0, ll00 = fit_cox(data)
    assert np.array_equal(res.x, res0.x) and res.f == res0.f and ll0 == ll00 and np.array_equal(V, V0)


def test_polish_with_the_direction_given_is_the_polish_that_factors_again(monkeypatch):
    data = _cox_data(7)
    lik = PartialLikelihood(data)
    fun, grad_hess = newton.objective_of(lik.evaluate)
    b0 = np.zeros(data.X.shape[1])
    res = newton.maximize(fun, grad_hess, b0)
    real_polish = newton._polish

    def polish_without(fun_, grad_hess_, x, f, H, rounds, g=None, direction=None):
        return real_polish(fun_, grad_hess_, x, f, H, rounds, g)

    monkeypatch.setattr(newton, "_polish", polish_without)
    res0 = newton.maximize(fun, grad_hess, b0)
    assert res.converged and np.array_equal(res.x, res0.x) and res.f == res0.f
    assert np.array_equal(res.hessian, res0.hessian)


def test_logsumexp_rows_and_logdet_chol_by_methods():
    rng = np.random.default_rng(8)
    A = rng.normal(size=(40, 12)) * 30
    A[3] = -np.inf  # a row of zero weights: its shift is 0, ln 0 = -inf
    A[5, 2] = np.inf
    m = np.max(A, axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.log(np.sum(np.exp(A - m), axis=-1)) + m[..., 0]
        got = logsumexp_rows(A)
    assert np.array_equal(got, expected, equal_nan=True)
    L = np.tril(rng.random((9, 3, 3))) + np.eye(3)
    assert np.array_equal(logdet_chol(L), np.sum(np.log(np.diagonal(L, axis1=-2, axis2=-1)), axis=-1))


@pytest.mark.parametrize("p", [1, 2, 3, 6, 12])
def test_newton_direction_is_numpys_cholesky_and_solves(p):
    rng = np.random.default_rng(p)
    for scale in (1.0, 1e-8, 1e8):
        M = rng.normal(size=(p, p + 2)) * scale
        A = M @ M.T
        g = rng.normal(size=p) * scale
        L = np.linalg.cholesky(A)
        expected = np.linalg.solve(L.T, np.linalg.solve(L, g))
        d, concave = newton.newton_direction(g, -A)
        assert concave and np.array_equal(d, expected)


@pytest.mark.parametrize("H", [np.array([[-1.0, 0.0], [0.0, 1.0]]), np.array([[-1.0, np.nan], [np.nan, -1.0]]),
                               np.zeros((2, 2)), -np.ones((3, 3))])
def test_newton_direction_off_the_cholesky_path_as_before(H):
    """Not positive definite (or not finite): the same fallback as numpy's LinAlgError gave."""
    g = np.arange(1.0, len(H) + 1)
    d, concave = newton.newton_direction(g, H)
    A = -H
    try:
        L = np.linalg.cholesky(A)
        expected = np.linalg.solve(L.T, np.linalg.solve(L, g)), True
    except np.linalg.LinAlgError:
        if not np.all(np.isfinite(A)):
            expected = g / max(np.max(np.abs(g)), 1.0), False
        else:
            w, V = np.linalg.eigh(A)
            w = np.maximum(np.abs(w), 1e-6 * max(np.max(np.abs(w)), 1e-12))
            expected = V @ ((V.T @ g) / w), False
    assert concave == expected[1] and np.array_equal(d, expected[0], equal_nan=True)


def test_newton_direction_of_no_parameters():
    d, concave = newton.newton_direction(np.zeros(0), np.zeros((0, 0)))
    assert concave and d.shape == (0,)


@pytest.mark.parametrize("ties, weights", [("exactp", False), ("exactm", False), ("exactm", True)])
def test_exact_ties_with_the_rows_kept_are_the_rows_gathered(monkeypatch, ties, weights):
    """cox_exact.ExactLikelihood keeps each failure time's rows of X (and the tied times' products
    and alive records) across evaluations: the same ll, gradient and Hessian bit for bit as
    gathering them at each evaluation (CACHED_ELEMENTS 0), and as the fit."""
    from mlmcli.survival import cox_exact

    data = _cox_data(9, n=120, weights=weights)
    data.ties = ties
    rng = np.random.default_rng(9)
    bs = [rng.normal(size=3) / (np.abs(data.X).max(axis=0) + 1) for _ in range(3)]
    kept = cox_exact.ExactLikelihood(data)
    assert sum(len(D) > 1 for D in kept.dead) > 3 and kept._time_rows() is not None
    got = [kept.evaluate(b) for b in bs] + [kept.evaluate(bs[0])]
    fit = fit_cox(data, likelihood=cox_exact.ExactLikelihood(data))
    monkeypatch.setattr(cox_exact, "CACHED_ELEMENTS", 0)
    gathered = cox_exact.ExactLikelihood(data)
    assert gathered._time_rows() is None
    expected = [gathered.evaluate(b) for b in bs] + [gathered.evaluate(bs[0])]
    for (ll, g, H), (ll0, g0, H0) in zip(got, expected):
        assert ll == ll0 and np.array_equal(g, g0) and np.array_equal(H, H0)
    fit0 = fit_cox(data, likelihood=cox_exact.ExactLikelihood(data))
    assert np.array_equal(fit[1].x, fit0[1].x) and np.array_equal(fit[2], fit0[2]) and fit[1].f == fit0[1].f
