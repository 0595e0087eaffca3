"""Weighted multilevel fits in fewer, cheaper steps, with the same estimates.

- mixed: a scaled steepest-descent step clipped onto a Lambda diagonal's bound 0 (a saddle of
  the profiled deviance, even in that diagonal) is taken half way to the bound when the
  deviance is lower there (``optimizer._short_of_bound``).  Checked: the same estimates as
  without it, fewer deviance evaluations on a two-level pweighted fit whose first step hit
  the bound, and the pseudo-likelihood optimum of an independent scipy optimisation.
- mixed's sandwich: the beta scores in closed form equal the central differences of the
  per-group log likelihoods they replace; a vanished sd (tiny, not -inf) no longer makes
  every robust SE missing.
- the me commands' optimizer keeps its last gradient (polish asks twice at the same point).
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import optimize

from mlmcli.mixed import optimizer as mixed_optimizer
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def _two_level_pweighted(G=40, per=12, seed=100, w_scale=1.0, slope_sd=0.5):
    """y = 1 + 0.5 x + u0 + u1 x + e; pweights per observation and per group."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(G), per)
    n = len(g)
    x = rng.normal(size=n)
    u = rng.normal(size=(G, 2)) * np.array([0.9, slope_sd])
    y = 1 + 0.5 * x + u[g, 0] + u[g, 1] * x + rng.normal(size=n)
    w1 = w_scale * np.exp(rng.normal(0, 0.4, n))
    w2 = w_scale * np.exp(rng.normal(0, 0.4, G))[g]
    term = RandomTerm("id", g, np.column_stack([x, np.ones(n)]), ("x", "_cons"), "unstructured", G,
                      pweight=w2)
    return MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")),
                     (term,), pweight=w1), (y, x, g, w1, w2[np.r_[0:n:per]])


def _three_level_pweighted(seed=8):
    """The shape of the zwier corpus fits: || top: x || mid:, pweight() (weights ~20 per
    school), whose first steepest-descent step put the school level's theta on its bound
    (bench/bench_weighted_speed100.py's data)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_weighted_speed100 import three_level

    df = three_level(seed)
    n, x = len(df), df["x"].to_numpy()
    top, mid = df["top"].to_numpy() - 1, df["mid"].to_numpy() - 1
    terms = (RandomTerm("top", top, np.column_stack([x, np.ones(n)]), ("x", "_cons"), "independent",
                        top.max() + 1),
             RandomTerm("mid", mid, np.ones((n, 1)), ("_cons",), "identity", mid.max() + 1,
                        pweight=df["w2"].to_numpy()))
    return MixedSpec("y", df["y"].to_numpy(), np.column_stack([x, np.ones(n)]),
                     (CoefLabel("x"), CoefLabel("_cons")), terms, pweight=df["w1"].to_numpy())


def _counting_fit(spec):
    calls = []
    original = mixed_optimizer._Objective.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        calls.append(self)

    mixed_optimizer._Objective.__init__ = init
    try:
        fit = fit_mixed(spec)
    finally:
        mixed_optimizer._Objective.__init__ = original
    return fit, sum(o.count for o in calls)


def _without_short_of_bound(monkeypatch):
    monkeypatch.setattr(mixed_optimizer, "_short_of_bound",
                        lambda obj, x, step, lower, xn, fn, share=0.5: (xn, fn))


def _same_estimates(a, b):
    assert a.loglik == pytest.approx(b.loglik, rel=1e-11, abs=1e-9)
    np.testing.assert_allclose(a.beta, b.beta, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(a.phi, b.phi, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(np.sqrt(np.diag(a.V_beta)), np.sqrt(np.diag(b.V_beta)), rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(a.V_phi)), np.sqrt(np.diag(b.V_phi)), rtol=1e-5)


def test_three_level_pweighted_fit_takes_fewer_evaluations_same_estimates(monkeypatch):
    spec = _three_level_pweighted()
    new, n_new = _counting_fit(spec)
    _without_short_of_bound(monkeypatch)
    old, n_old = _counting_fit(spec)
    _same_estimates(new, old)
    assert n_new <= 0.8 * n_old  # 43 against 63


@pytest.mark.parametrize("seed", [100, 101, 102])
def test_two_level_pweighted_fit_same_estimates_as_without_the_rule(monkeypatch, seed):
    spec, _ = _two_level_pweighted(seed=seed, w_scale=30.0)
    new, n_new = _counting_fit(spec)
    _without_short_of_bound(monkeypatch)
    old, n_old = _counting_fit(spec)
    _same_estimates(new, old)
    assert n_new <= n_old + 3  # never many more: one value where the clipped step is kept


def _scipy_pseudo_loglik(params, y, x, g, w1, w2):
    """sum_j w_j ln int prod_i f(y_ij | u_j)^w_ij N(u_j; 0, Sigma) du_j in closed form
    (Gaussian integral), written from the formula, not from mlmcli."""
    b1, b0, ln_s1, ln_s0, a_rho, ln_se = params
    s1, s0, rho, se2 = np.exp(ln_s1), np.exp(ln_s0), np.tanh(a_rho), np.exp(2 * ln_se)
    Sigma = np.array([[s1 * s1, rho * s1 * s0], [rho * s1 * s0, s0 * s0]])
    Sinv = np.linalg.inv(Sigma)
    _, logdet_S = np.linalg.slogdet(Sigma)
    total = 0.0
    for j in range(g.max() + 1):
        m = g == j
        w, r = w1[m], y[m] - b1 * x[m] - b0
        Z = np.column_stack([x[m], np.ones(m.sum())])
        A = Z.T @ (w[:, None] * Z) / se2 + Sinv
        bvec = Z.T @ (w * r) / se2
        _, logdet_A = np.linalg.slogdet(A)
        lj = (-0.5 * w.sum() * np.log(2 * np.pi * se2) - 0.5 * (w * r * r).sum() / se2
              - 0.5 * logdet_S - 0.5 * logdet_A + 0.5 * bvec @ np.linalg.solve(A, bvec))
        total += w2[j] * lj
    return total


def test_pweighted_random_slope_fit_is_the_scipy_pseudo_likelihood_optimum():
    spec, (y, x, g, w1, w2) = _two_level_pweighted(G=25, per=8, seed=104, w_scale=30.0)
    fit = fit_mixed(spec)
    # phi order: lns x, lns _cons, atr, lnsig_e; beta: x, _cons
    start = np.array([0.3, 0.8, np.log(0.4), np.log(0.8), 0.0, 0.0])
    res = optimize.minimize(lambda p: -_scipy_pseudo_loglik(p, y, x, g, w1, w2), start, method="BFGS",
                            options={"gtol": 1e-6, "maxiter": 2000})
    ours = np.concatenate([fit.beta, fit.phi])
    assert fit.loglik == pytest.approx(-res.fun, rel=1e-9)
    assert fit.loglik >= -res.fun - 1e-7
    np.testing.assert_allclose(ours, res.x, rtol=2e-4, atol=2e-4)
    assert _scipy_pseudo_loglik(ours, y, x, g, w1, w2) == pytest.approx(fit.loglik, rel=1e-12)


def test_sandwich_beta_scores_are_the_differences_they_replace():
    spec, _ = _two_level_pweighted(seed=105)
    fit = fit_mixed(spec)
    model, p = fit.model, fit.model.p
    x0 = np.concatenate([fit.beta, fit.phi])
    exact = model.group_beta_scores(fit.beta, fit.phi)
    for i in range(p):
        h = 0.1 * np.sqrt(fit.V_beta[i, i])
        e = np.zeros(len(x0))
        e[i] = h
        diff = (model.group_logliks(x0 + e) - model.group_logliks(x0 - e)) / (2 * h)
        np.testing.assert_allclose(exact[i], diff, rtol=1e-6, atol=1e-9 * np.abs(diff).max())


def test_sandwich_beta_scores_without_random_effects():
    rng = np.random.default_rng(106)
    n = 50
    x = rng.normal(size=n)
    y = 1 + x + rng.normal(size=n)
    w = np.exp(rng.normal(0, 0.3, n))
    spec = MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")), (),
                     pweight=w)
    fit = fit_mixed(spec)
    s2 = np.exp(2 * fit.phi[-1])
    r = y - np.column_stack([x, np.ones(n)]) @ fit.beta
    np.testing.assert_allclose(fit.model.group_beta_scores(fit.beta, fit.phi),
                               np.vstack([w * r * x, w * r]) / s2, rtol=1e-12)


def test_robust_se_with_a_vanished_sd_left_tiny():
    """A variance zero to the likelihood but left at a tiny positive sd (ln sd 30 below ln
    sigma_e) gives the other parameters' robust SEs of the -inf boundary, not all missing."""
    from mlmcli.mixed.fit import _vanished_sd
    from mlmcli.mixed.sandwich import robust_vce

    spec, _ = _two_level_pweighted(seed=107)
    term = dataclasses.replace(spec.terms[0], covariance="independent")
    spec = dataclasses.replace(spec, terms=(term,))
    fit = fit_mixed(spec)
    model = fit.model
    at_inf, tiny = fit.phi.copy(), fit.phi.copy()
    at_inf[0], tiny[0] = -np.inf, fit.phi[-1] - 30.0  # var(x) to zero
    results = []
    for phi in (at_inf, tiny):
        finite = np.flatnonzero(np.isfinite(phi) & ~_vanished_sd(model, phi))
        assert list(finite) == [1, 2]
        results.append(robust_vce(model, fit.beta, phi, fit.V_beta, model.loglik_full(
            np.concatenate([fit.beta, phi])), finite))
    (Vb_inf, Vp_inf, *_), (Vb_tiny, Vp_tiny, *_) = results
    assert np.all(np.isfinite(Vb_tiny)) and np.all(np.isfinite(Vp_tiny[1:, 1:]))
    np.testing.assert_allclose(Vb_tiny, Vb_inf, rtol=1e-6)
    np.testing.assert_allclose(Vp_tiny[1:, 1:], Vp_inf[1:, 1:], rtol=1e-5)


def test_me_objective_keeps_its_last_gradient():
    from mlmcli.glmm.optimize import Objective

    calls = []

    def grad(x):
        calls.append(np.array(x))
        return 2 * np.asarray(x)

    obj = Objective(lambda x: float(np.sum(np.asarray(x) ** 2)), 2, grad)
    g1 = obj.gradient(np.array([1.0, 2.0]))
    g1[0] = 99.0  # a caller's change does not reach the kept gradient
    np.testing.assert_array_equal(obj.gradient(np.array([1.0, 2.0])), [2.0, 4.0])
    assert len(calls) == 1
    obj.gradient(np.array([1.0, 2.5]))
    assert len(calls) == 2


def test_robust_se_with_a_correlation_at_one_to_rounding():
    """A zero diagonal of Lambda leaves atanh ~18.7 (not inf) from rounding; the likelihood
    is flat along it, and it used to take every robust SE with it (the ELSA memory-support
    fits: all four variance SEs missing)."""
    from mlmcli.mixed.fit import _off_boundary
    from mlmcli.mixed.sandwich import robust_vce

    spec, _ = _two_level_pweighted(seed=108)
    fit = fit_mixed(spec)
    model = fit.model
    phi = fit.phi.copy()
    phi[2] = 18.7  # atr1_1_2: corr = 1 - 1e-16
    ll = model.loglik_full(np.concatenate([fit.beta, phi]))
    every = np.arange(len(phi))
    kept = _off_boundary(model, phi, every)
    assert list(kept) == [0, 1, 3]
    V_phi = robust_vce(model, fit.beta, phi, fit.V_beta, ll, kept)[1]
    assert np.all(np.isfinite(np.diag(V_phi)[kept])) and np.isnan(V_phi[2, 2])
    assert np.all(np.isnan(np.diag(robust_vce(model, fit.beta, phi, fit.V_beta, ll, every)[1])))
