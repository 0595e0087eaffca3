"""The engine's fast paths of issue 16 on small generated data:

- ``small_blocks``: per-group algebra on group-last arrays equals numpy's stacked
  matrix functions;
- the outermost level eliminated by chunks of groups (``GROUP_CHUNK``) gives the same
  deviance and gradient as in one pass;
- the crossed Schur complement with scalar second-block terms (the ``lam2`` path, as
  InstEval), and its pair pattern compacted (rows beyond ``DIRECT_ROWS``), give the
  deviance of the dense formula and a gradient equal to central differences.
"""
from __future__ import annotations

import numpy as np
import pytest

import mlmcli.mixed.profiled_deviance as pdv
import mlmcli.mixed.pair_pattern as sc
from mlmcli.mixed import small_blocks as sb
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.likelihood import MixedModel
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def _stack(X):
    """(a, b, G) group-last -> (G, a, b)."""
    return np.moveaxis(X, 2, 0)


@pytest.mark.parametrize("q", [1, 2, 3])
def test_small_block_algebra_equals_stacked_numpy(q):
    rng = np.random.default_rng(q)
    G = 7
    X, Y = rng.normal(size=(q, q, G)), rng.normal(size=(q, 4, G))
    M = rng.normal(size=(q, q))
    np.testing.assert_allclose(_stack(sb.bmm(X, Y)), _stack(X) @ _stack(Y))
    np.testing.assert_allclose(_stack(sb.btmm(X, Y)), np.swapaxes(_stack(X), 1, 2) @ _stack(Y))
    np.testing.assert_allclose(_stack(sb.lmul(M, Y)), M @ _stack(Y))
    np.testing.assert_allclose(_stack(sb.rmul(X, M)), _stack(X) @ M)
    np.testing.assert_allclose(sb.sum_outer(Y, Y), np.einsum("gak,gbk->ab", _stack(Y), _stack(Y)))
    np.testing.assert_allclose(sb.sum_inner(X, Y), np.einsum("gka,gkb->ab", _stack(X), _stack(Y)))
    A = _stack(X) @ np.swapaxes(_stack(X), 1, 2) + np.eye(q)  # positive definite blocks
    L = sb.cholesky(np.moveaxis(A, 0, 2))
    np.testing.assert_allclose(_stack(L), np.linalg.cholesky(A), atol=1e-12)
    np.testing.assert_allclose(_stack(sb.tri_inverse(L)), np.linalg.inv(np.linalg.cholesky(A)), atol=1e-10)
    parent = np.array([0, 0, 1, 2, 2, 2, 1])
    want = np.stack([_stack(Y)[parent == k].sum(axis=0) for k in range(3)])
    np.testing.assert_allclose(_stack(sb.parent_sum(Y, parent, 3)), want)


def test_cholesky_of_a_block_not_positive_definite_is_nan():
    A = np.moveaxis(np.array([[[2.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [2.0, 1.0]]]), 0, 2)
    L = sb.cholesky(A)
    assert np.all(np.isfinite(L[:, :, 0])) and np.isnan(L[1, 1, 1])


def _slope_spec(groups=40, n=400, seed=7):
    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + rng.normal(size=groups)[g] + 0.4 * rng.normal(size=groups)[g] * x + rng.normal(size=n)
    Z = np.column_stack([x, np.ones(n)])
    term = RandomTerm("g", g, Z, ("x", "_cons"), "unstructured", groups)
    return MixedSpec("y", y, Z.copy(), (CoefLabel("x"), CoefLabel("_cons")), (term,))


def _central(f, x, h=1e-6):
    return np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))])


def test_outermost_level_by_chunks_equals_one_pass(monkeypatch):
    spec = _slope_spec()
    theta = np.array([0.9, 0.3, 0.5])
    d0, g0 = MixedModel(spec).deviance_gradient(theta)
    monkeypatch.setattr(pdv, "GROUP_CHUNK", 6)  # 40 groups in 7 chunks, the last one short
    d1, g1 = MixedModel(spec).deviance_gradient(theta)
    assert d1 == pytest.approx(d0, rel=1e-13)
    np.testing.assert_allclose(g1, g0, rtol=1e-11)


def _crossed_intercepts(seed=11, n=700, na=60, nb=25, nc=4):
    rng = np.random.default_rng(seed)
    a, b, c = rng.integers(0, na, n), rng.integers(0, nb, n), rng.integers(0, nc, n)
    x = rng.normal(size=n)
    y = (1 + 0.3 * x + 0.7 * rng.normal(size=na)[a] + 0.5 * rng.normal(size=nb)[b]
         + 0.4 * rng.normal(size=nc)[c] + rng.normal(size=n))
    one = np.ones((n, 1))
    terms = (RandomTerm("_all", a, one, ("R.a",), "identity", na),
             RandomTerm("_all", b, one, ("R.b",), "identity", nb),
             RandomTerm("_all", c, one, ("R.c",), "identity", nc))
    return MixedSpec("y", y, np.column_stack([x, np.ones(n)]), (CoefLabel("x"), CoefLabel("_cons")), terms)


def _dense_deviance(spec, theta):
    """-2 profiled ML log likelihood from V = sigma^2 (I + Z Lambda Lambda' Z'), no blocking."""
    n = len(spec.y)
    cols = []
    for t, th in zip(spec.terms, theta):
        Z = np.zeros((n, t.n_groups))
        Z[np.arange(n), t.group] = th
        cols.append(Z)
    ZL = np.hstack(cols)
    V = np.eye(n) + ZL @ ZL.T
    X, y = np.asarray(spec.X), np.asarray(spec.y)
    Vi = np.linalg.inv(V)
    beta = np.linalg.solve(X.T @ Vi @ X, X.T @ Vi @ y)
    r = y - X @ beta
    r2 = r @ Vi @ r
    return np.linalg.slogdet(V)[1] + n * (1 + np.log(2 * np.pi * r2 / n))


@pytest.mark.parametrize("compact", [False, True])
def test_crossed_scalar_terms_deviance_and_gradient(monkeypatch, compact):
    if compact:  # cells numbered by np.unique instead of a table of positions
        monkeypatch.setattr(sc, "DIRECT_ROWS", 3)
    spec = _crossed_intercepts()
    model = MixedModel(spec)
    Q2 = model.blocked.Q2
    cells = model.blocked.schur.cell_positions()
    assert np.all(np.diff(cells) > 0) and np.all(cells // Q2 >= cells % Q2)
    theta_scaled = np.array([0.8, 0.45, 0.3])
    d, g = model.deviance_gradient(theta_scaled)
    lams = model.lambdas(theta_scaled)
    assert d == pytest.approx(_dense_deviance(spec, [float(lam[0, 0]) for lam in lams]), rel=1e-10)
    gn = _central(model.deviance, theta_scaled)
    assert np.abs(g - gn).max() <= 1e-6 * np.abs(gn).max()


def test_crossed_scalar_fit_agrees_with_compacted_pairs(monkeypatch):
    spec = _crossed_intercepts(seed=12)
    direct = fit_mixed(spec)
    monkeypatch.setattr(sc, "DIRECT_ROWS", 3)
    compacted = fit_mixed(spec)
    assert compacted.loglik == pytest.approx(direct.loglik, rel=1e-12)
    np.testing.assert_allclose(compacted.phi, direct.phi, rtol=1e-7)
    np.testing.assert_allclose(compacted.V_phi, direct.V_phi, rtol=1e-5)


def test_crossed_pairs_stored_as_counts_by_cell(monkeypatch):
    """Beyond COMPACT_PAIRS the pairs are kept by cell with their values as counts (one
    byte each here): the same deviance, gradient and fit as the float64 matrix by column."""
    spec = _crossed_intercepts(seed=13)
    theta = np.array([0.8, 0.45, 0.3])
    d0, g0 = MixedModel(spec).deviance_gradient(theta)
    direct = fit_mixed(spec)
    monkeypatch.setattr(sc, "COMPACT_PAIRS", 10)
    monkeypatch.setattr(sc, "PAIR_CHUNK", 50)  # several chunks of cells
    model = MixedModel(spec)
    pairs = model.blocked.schur.pairs
    assert pairs.cols.dtype == np.uint16 and len(pairs.chunks) > 3
    # every value a count: those not 1 kept in one byte (here all of them: repeated cells)
    kept = pairs.values if pairs.values is not None else pairs.odd_values
    assert kept.dtype == np.uint8
    d1, g1 = model.deviance_gradient(theta)
    assert d1 == pytest.approx(d0, rel=1e-13)
    np.testing.assert_allclose(g1, g0, rtol=1e-10)
    compact = fit_mixed(spec)
    assert compact.loglik == pytest.approx(direct.loglik, rel=1e-13)
    np.testing.assert_allclose(compact.phi, direct.phi, rtol=1e-9)
    np.testing.assert_allclose(compact.V_phi, direct.V_phi, rtol=1e-6)
