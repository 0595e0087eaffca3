"""Efron's tied-failure correction without a Python loop per tied failure (cox.py's
``_efron_terms``, ``score_residuals``, ``_death_sums``): the same numbers, bit for bit, as the
term-by-term loop it replaced, checked against that loop written out here and against
independent computations (the partial likelihood from its definition, statsmodels' PHReg).
Heavy ties, frequency weights, delayed entry and offsets."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.survival.cox import CoxData, PartialLikelihood


def _data(seed: int, n: int = 300, p: int = 2, weights: bool = False, entry: bool = False, offset: bool = False):
    rng = np.random.default_rng(seed)
    t = np.ceil(rng.exponential(4.0, n))           # a handful of times: many tied failures each
    t0 = np.where(rng.uniform(size=n) < 0.3, np.floor(t * rng.uniform(size=n)), 0.0) if entry else np.zeros(n)
    t0 = np.minimum(t0, t - 0.5)
    d = (rng.uniform(size=n) < 0.75).astype(float)
    X = rng.normal(size=(n, p))
    w = rng.integers(1, 4, n).astype(float) if weights else np.ones(n)
    off = rng.normal(size=n) * 0.3 if offset else None
    return CoxData(t0, t, d, X, w, "efron", off)


def _loop(lik: PartialLikelihood, b: np.ndarray, derivatives: bool = True):
    """evaluate's Efron terms one (failure time, l) at a time, as cox.py summed them before,
    from the same risk-set sums."""
    data = lik.data
    X, w = data.X, data.w
    eta = X @ b + (data.offset if data.offset is not None else 0.0)
    shift = float(eta.max())
    r = w * np.exp(eta - shift)
    rx = r[:, None] * X
    S0, S1 = lik._risk_sums(r), lik._risk_sums(rx)
    S2 = lik._risk_sums(rx[:, :, None] * X[:, None, :])
    dead, g = lik.dead, lik.event_group
    K, p = len(lik.times), X.shape[1]
    E0, E1, E2 = np.zeros(K), np.zeros((K, p)), np.zeros((K, p, p))
    for i in np.flatnonzero(dead):
        E0[g[i]] += r[i]
        E1[g[i]] += rx[i]
        E2[g[i]] += np.outer(rx[i], X[i])
    dw = np.where(dead, w, 0.0)
    ll, grad, H = float(dw @ eta), X.T @ dw, np.zeros((p, p))
    M = np.rint(lik.W).astype(int)
    for k in range(K):
        for l in range(M[k]):
            c = l / M[k]
            phi = S0[k] - c * E0[k]
            ll -= np.log(phi) + shift
            mean = (S1[k] - c * E1[k]) / phi
            grad = grad - mean
            if derivatives:
                H -= (S2[k] - c * E2[k]) / phi - np.outer(mean, mean)
    return ll, grad, H


def _definition_ll(data: CoxData, b: np.ndarray) -> float:
    """Efron's log partial likelihood from its definition, risk set by risk set (records
    expanded by their frequency weights)."""
    eta = data.X @ b + (data.offset if data.offset is not None else 0.0)
    ll = 0.0
    for tau in np.unique(data.t[data.d == 1]):
        at_risk = (data.t0 < tau) & (data.t >= tau)
        failing = (data.d == 1) & (data.t == tau)
        S0 = np.sum(data.w[at_risk] * np.exp(eta[at_risk]))
        E0 = np.sum(data.w[failing] * np.exp(eta[failing]))
        M = int(round(data.w[failing].sum()))
        ll += np.sum(data.w[failing] * eta[failing]) - sum(np.log(S0 - l / M * E0) for l in range(M))
    return ll


@pytest.mark.parametrize("seed, weights, entry, offset", [
    (1, False, False, False), (2, True, False, False), (3, False, True, False), (4, True, True, True),
])
def test_the_loops_numbers_bit_for_bit(seed, weights, entry, offset):
    data = _data(seed, weights=weights, entry=entry, offset=offset)
    b = np.array([0.4, -0.7])
    lik = PartialLikelihood(data)
    for derivatives in (True, False):
        ll, grad, H = lik.evaluate(b, derivatives)
        ll_loop, grad_loop, H_loop = _loop(lik, b, derivatives)
        assert ll == ll_loop  # exact: the same terms subtracted in the same order
        assert np.array_equal(grad, grad_loop)
        assert np.array_equal(H, H_loop)


@pytest.mark.parametrize("seed, weights, entry", [(5, False, False), (6, True, True)])
def test_against_the_definition(seed, weights, entry):
    data = _data(seed, n=150, weights=weights, entry=entry)
    b = np.array([0.3, 0.2])
    lik = PartialLikelihood(data)
    ll, grad, H = lik.evaluate(b)
    assert ll == pytest.approx(_definition_ll(data, b), rel=1e-12)
    # the gradient and Hessian as differences of the definition's ll
    h = 1e-5
    for j in range(2):
        e = np.zeros(2)
        e[j] = h
        assert grad[j] == pytest.approx((_definition_ll(data, b + e) - _definition_ll(data, b - e)) / (2 * h),
                                        rel=1e-6, abs=1e-6)
        numeric = (lik.evaluate(b + e)[1] - lik.evaluate(b - e)[1]) / (2 * h)
        assert np.allclose(H[:, j], numeric, rtol=1e-6, atol=1e-6)


def test_against_statsmodels_phreg():
    sm = pytest.importorskip("statsmodels.duration.hazard_regression")
    data = _data(7, n=400)
    b = np.array([-0.25, 0.5])
    ll, grad, H = PartialLikelihood(data).evaluate(b)
    model = sm.PHReg(data.t, data.X, status=data.d, ties="efron")
    assert ll == pytest.approx(model.loglike(b), rel=1e-12)
    assert np.allclose(grad, model.score(b), rtol=1e-10, atol=1e-10)
    assert np.allclose(H, model.hessian(b), rtol=1e-10, atol=1e-10)


def test_one_huge_tie_and_single_failures():
    """One time where most records fail together, the others failing alone (M = 1: Breslow's
    term) -- and a time whose failures all have weight 0 (M = 0: no term)."""
    rng = np.random.default_rng(8)
    n = 400
    t = np.where(np.arange(n) < 250, 5.0, rng.uniform(1, 10, n).round(6))
    d = np.ones(n)
    X = rng.normal(size=(n, 2))
    w = np.ones(n)
    t[:3], w[:3] = 11.0, 0.0                        # the last failure time: weights 0
    data = CoxData(np.zeros(n), t, d, X, w, "efron")
    lik = PartialLikelihood(data)
    assert lik.W.max() == 247 and lik.W[-1] == 0
    b = np.array([0.1, -0.2])
    ll, grad, H = lik.evaluate(b)
    ll_loop, grad_loop, H_loop = _loop(lik, b)
    assert ll == ll_loop and np.array_equal(grad, grad_loop) and np.array_equal(H, H_loop)


def _score_residuals_loop(lik: PartialLikelihood, b: np.ndarray) -> np.ndarray:
    """score_residuals' Efron weights accumulated one tied term at a time (the replaced loop)."""
    data = lik.data
    X = data.X
    eta = X @ b + (data.offset if data.offset is not None else 0.0)
    e = np.exp(eta - np.max(eta))
    r = data.w * e
    S0, S1 = lik._risk_sums(r), lik._risk_sums(r[:, None] * X)
    E0, E1 = lik._death_sums(r), lik._death_sums(r[:, None] * X)
    K, p = len(lik.times), X.shape[1]
    M = np.rint(lik.W).astype(int)
    a_all, B_all, a_dead, B_dead, mean_death = np.zeros(K), np.zeros((K, p)), np.zeros(K), np.zeros((K, p)), np.zeros((K, p))
    for k in range(K):
        for l in range(M[k]):
            c = l / M[k]
            phi = S0[k] - c * E0[k]
            xbar = (S1[k] - c * E1[k]) / phi
            a_all[k] += 1 / phi
            B_all[k] += xbar / phi
            a_dead[k] += (1 - c) / phi
            B_dead[k] += (1 - c) * xbar / phi
            mean_death[k] += xbar / M[k]
    ca = np.r_[0.0, np.cumsum(a_all)]
    cB = np.vstack([np.zeros((1, p)), np.cumsum(B_all, axis=0)])
    hi = np.searchsorted(lik.times, data.t, "right")
    lo = np.searchsorted(lik.times, data.t0, "right")
    A, B = ca[hi] - ca[lo], cB[hi] - cB[lo]
    dead, g = lik.dead, lik.event_group
    A[dead] += a_dead[g[dead]] - a_all[g[dead]]
    B[dead] += B_dead[g[dead]] - B_all[g[dead]]
    U = -e[:, None] * (X * A[:, None] - B)
    U[dead] += X[dead] - mean_death[g[dead]]
    return U


@pytest.mark.parametrize("seed, weights, entry", [(9, False, False), (10, True, True)])
def test_score_residuals(seed, weights, entry):
    data = _data(seed, weights=weights, entry=entry)
    b = np.array([0.2, -0.4])
    lik = PartialLikelihood(data)
    U = lik.score_residuals(b)
    assert np.array_equal(U, _score_residuals_loop(lik, b))
    # weighted, they add up to the score (Efron's score from evaluate)
    assert np.allclose((U * data.w[:, None]).sum(axis=0), lik.evaluate(b)[1], rtol=1e-9, atol=1e-9)


def test_death_sums_in_record_order():
    data = _data(11, weights=True)
    lik = PartialLikelihood(data)
    values = np.random.default_rng(11).normal(size=(len(data.t), 2, 2))
    expected = np.zeros((len(lik.times), 2, 2))
    np.add.at(expected, lik.event_group[lik.dead], values[lik.dead])
    assert np.array_equal(lik._death_sums(values), expected)
    assert np.array_equal(lik._death_sums(values[:, 0, 0]), expected[:, 0, 0])
