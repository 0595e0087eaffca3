"""The quadrature's fast paths give the same bits as the formulas they replace.

``glmm.node_arithmetic`` writes out einsum's contractions for one or two random effects (and
the posterior moments, and the nodes as contiguous columns gathered into work arrays), the
ordinal log density evaluates each observation's own category term only, the log density can
be written over its argument, and 1 x 1 Cholesky factors are square roots.  A changed last bit would move the optimiser's path and so the
printed results, so these compare with ``array_equal``, not a tolerance: against einsum,
LAPACK, and the plain formula ln(F(kappa_y - eta) - F(kappa_{y-1} - eta)) computed for every
category and then selected."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.family import Family, log_cdf, log_sf
from mlmcli.glmm.node_arithmetic import (design_dot, design_dot_into, node_columns, nodes_at, posterior_moments,
                                          quadratic_forms)
from mlmcli.glmm.adaptive_nodes import batched_cholesky


def _scaled(rng, shape):
    return rng.normal(size=shape) * rng.choice([1e-3, 1.0, 30.0], size=shape)


@pytest.mark.parametrize("q", [1, 2, 3])
@pytest.mark.parametrize("seed", range(6))
def test_contractions_equal_einsum_bitwise(q, seed):
    rng = np.random.default_rng(seed)
    G, K, n = 37, [7, 49, 343][q - 1], 150
    mu, R, T = _scaled(rng, (G, q)), np.tril(_scaled(rng, (G, q, q))), _scaled(rng, (K, q))
    B = nodes_at(mu, R, T)
    assert np.array_equal(B, mu[:, None, :] + np.einsum("gab,kb->gka", R, T))
    A = rng.normal(size=(q, q))
    for S in (np.eye(q), A @ A.T):
        assert np.array_equal(quadratic_forms(B, S), np.einsum("...a,ab,...b->...", B, S, B))
        assert np.array_equal(quadratic_forms(mu, S), np.einsum("ga,ab,gb->g", mu, S, mu))
    g = np.sort(rng.integers(0, G, n))
    Z = _scaled(rng, (n, q))
    assert np.array_equal(design_dot(Z, B, g), np.einsum("iq,ikq->ik", Z, B[g]))
    assert np.array_equal(design_dot(Z, mu, g), np.einsum("iq,iq->i", Z, mu[g]))
    cols = node_columns(mu, R, T)
    assert all(c.flags.c_contiguous for c in cols)
    assert np.array_equal(np.stack(cols, axis=-1), B)
    out, scratch = np.empty((n, K)), np.empty((n, K))
    assert np.array_equal(design_dot_into(Z, cols, g, out, scratch), design_dot(Z, B, g))
    half = [c[:, K // 2:] for c in cols]  # a range of nodes (node_ranges)
    out, scratch = np.empty((n, K - K // 2)), np.empty((n, K - K // 2))
    assert np.array_equal(design_dot_into(Z, half, g, out, scratch), design_dot(Z, B[:, K // 2:], g))


@pytest.mark.parametrize("q", [3, 4, 6])
@pytest.mark.parametrize("seed", range(4))
def test_design_with_two_nonzeros_a_row_equals_einsum_bitwise(q, seed):
    """Dummy slopes and R.f (a nonzero or two a row) take the sparse path; a third nonzero
    in one row sends the whole block back to einsum."""
    rng = np.random.default_rng(seed)
    G, K, n = 5, 7 ** 3, 120
    mu, R, T = _scaled(rng, (G, q)), np.tril(_scaled(rng, (G, q, q))), _scaled(rng, (K, q))
    cols = node_columns(mu, R, T)
    g = np.sort(rng.integers(0, G, n))
    Z = _scaled(rng, (n, q))
    for i in range(n):  # 0, 1 or 2 nonzeros, in any columns
        Z[i, rng.permutation(q)[rng.integers(0, 3):]] = 0.0
    want = np.einsum("iq,ikq->ik", Z, np.stack(cols, axis=-1)[g])
    out, scratch = np.empty((n, K)), np.empty((n, K))
    assert np.array_equal(design_dot_into(Z, cols, g, out, scratch), want)
    Z[n // 2] = _scaled(rng, q)
    out, scratch = np.empty((n, K)), np.empty((n, K))
    assert np.array_equal(design_dot_into(Z, cols, g, out, scratch),
                          np.einsum("iq,ikq->ik", Z, np.stack(cols, axis=-1)[g]))


@pytest.mark.parametrize("q", [1, 2, 3])
@pytest.mark.parametrize("seed", range(6))
def test_posterior_moments_equal_einsum_bitwise(q, seed):
    rng = np.random.default_rng(seed)
    for G in (1, 2, 37):
        for K in (1, 7, 49):
            p = rng.random((G, K))
            p[rng.random((G, K)) < 0.2] = 0.0
            p /= np.maximum(p.sum(axis=1, keepdims=True), 1e-300)
            B = _scaled(rng, (G, K, q))
            m, D, S = posterior_moments(p, B)
            m0 = np.einsum("gk,gka->ga", p, B)
            D0 = B - m0[:, None, :]
            assert np.array_equal(m, m0)
            assert np.array_equal(D, D0)
            assert np.array_equal(S, np.einsum("gk,gka,gkb->gab", p, D0, D0))


@pytest.mark.parametrize("family,link", [("bernoulli", "logit"), ("bernoulli", "probit"), ("poisson", "log")])
def test_log_density_written_over_eta_is_logf(family, link):
    rng = np.random.default_rng(11)
    n = 300
    y = rng.integers(0, 2 if family == "bernoulli" else 6, n).astype(float)
    eta = _scaled(rng, (n, 7))
    eta.flat[::53] = np.inf
    eta.flat[::59] = -np.inf
    eta.flat[::61] = np.nan
    fam = Family(family, link, y)
    with np.errstate(all="ignore"):
        want = fam.logf(eta)
        for scratch in (None, np.empty_like(eta)):
            work = eta.copy()
            assert fam.logf_over(work, (), scratch) is work
            assert np.array_equal(work, want, equal_nan=True)


def _plain_ordinal_logf(link, y, eta, kappa):
    """Every category's term for every observation, then the observation's own."""
    cuts = np.concatenate([[-np.inf], kappa, [np.inf]])
    k = y.astype(int)
    K = len(cuts) - 1
    with np.errstate(all="ignore"):
        a = cuts[k][:, None] - eta
        c = cuts[k - 1][:, None] - eta
        a_f, c_f = np.where(np.isfinite(a), a, 1.0), np.where(np.isfinite(c), c, 0.0)
        upper = c_f > 0
        la = np.where(upper, log_sf(link, c_f), log_cdf(link, a_f))
        lc = np.where(upper, log_sf(link, a_f), log_cdf(link, c_f))
        mid = la + np.log(-np.expm1(np.minimum(lc - la, 0.0)))
        return np.where(k[:, None] == 1, log_cdf(link, a), np.where(k[:, None] == K, log_sf(link, c), mid))


@pytest.mark.parametrize("link", ["logit", "probit", "cloglog"])
@pytest.mark.parametrize("ncat", [2, 3, 5])
def test_ordinal_log_density_equals_the_plain_formula_bitwise(link, ncat):
    rng = np.random.default_rng(ncat)
    n = 500
    y = rng.integers(1, ncat + 1, n).astype(float)
    kappa = np.sort(rng.normal(size=ncat - 1)) * 2
    eta = _scaled(rng, (n, 7))
    eta.flat[::61] = np.inf
    eta.flat[::67] = -np.inf
    eta.flat[::71] = np.nan
    with np.errstate(all="ignore"):  # the infinite eta are deliberate
        got = Family("ordinal", link, y, ncat=ncat).logf(eta, kappa)
        one_node = Family("ordinal", link, y, ncat=ncat).logf(eta[:, 0], kappa)
    assert np.array_equal(got, _plain_ordinal_logf(link, y, eta, kappa), equal_nan=True)
    assert np.array_equal(one_node, got[:, 0], equal_nan=True)


def test_one_by_one_cholesky_is_lapacks():
    rng = np.random.default_rng(3)
    A = np.exp(rng.normal(size=(500, 1, 1)) * 5)
    assert np.array_equal(batched_cholesky(A), np.linalg.cholesky(A))
    A[7] = -1.0  # not positive definite: lifted as before, not a NaN root
    assert np.all(np.isfinite(batched_cholesky(A)))
