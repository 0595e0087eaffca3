"""The bit-for-bit rewrites of branch pf95 (the glmm engine's per-evaluation overhead): each
new path against the code it replaced, written out here as it was."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.family import Family
from mlmcli.glmm import node_arithmetic as na
from mlmcli.glmm.levels import ATANH_BOUND, LNSD_FLOOR, clip_estimation_metric
from mlmcli.glmm.single_level import SingleLevelModel
from mlmcli.mixed.random_effects_term import TermCovariance


def _clip_elementwise(cov, est):
    """clip_estimation_metric before pf95: Python's max/min element by element."""
    est = np.asarray(est, float).copy()
    for i, name in enumerate(cov.est_names()):
        if name.startswith("lns"):
            est[i] = max(est[i], LNSD_FLOOR)
        else:
            est[i] = min(max(est[i], -ATANH_BOUND), ATANH_BOUND)
    return est


@pytest.mark.parametrize("kind,q", [("unstructured", 3), ("unstructured", 2), ("exchangeable", 3),
                                    ("independent", 2), ("identity", 1)])
def test_clip_matches_elementwise_max_min(kind, q):
    cov = TermCovariance(kind, tuple(f"x{i}" for i in range(q)))
    rng = np.random.default_rng(95)
    k = cov.n_est
    for est in [rng.normal(scale=30, size=k), np.full(k, np.nan), np.full(k, -0.0),
                np.array([LNSD_FLOOR - 1, ATANH_BOUND + 1, -ATANH_BOUND - 5, 3.0, np.inf, -np.inf][:k])]:
        got, want = clip_estimation_metric(cov, est), _clip_elementwise(cov, est)
        assert got.tobytes() == want.tobytes()
        assert got is not est


def test_est_names_cached_but_a_fresh_list():
    cov = TermCovariance("unstructured", ("a", "b", "c"), level=2, eq=1)
    names = cov.est_names()
    assert names == ["lns2_1_1", "lns2_1_2", "lns2_1_3", "atr2_1_1_2", "atr2_1_1_3", "atr2_1_2_3"]
    names.append("changed")  # a caller's list is its own
    assert cov.est_names()[-1] == "atr2_1_2_3" and cov.n_est == 6


def _grams_by_entry(L, rows):
    G, q, _ = L.shape
    M = L if rows else L.transpose(0, 2, 1)
    out = np.empty((G, q, q))
    for a in range(q):
        for c in range(q):
            terms = [M[:, a, j] * M[:, c, j] for j in range(q)]
            out[:, a, c] = na._add_terms(terms) if rows else na._left_to_right(terms)
    return out


@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_vectorised_grams_and_quadratic_form_bitwise(q):
    if not na._explicit(q):
        pytest.skip("einsum's order is kept for this q on this machine")
    rng = np.random.default_rng(q)
    G, K = 13, 4 ** q
    mu, R, T = rng.normal(size=(G, q)), np.tril(rng.normal(size=(G, q, q))), rng.normal(size=(K, q))
    cols = na.node_columns(mu, R, T)
    if q > na.EXPLICIT_Q:
        assert np.array_equal(na.row_grams(R), _grams_by_entry(R, True))
        assert np.array_equal(na.column_grams(R), _grams_by_entry(R, False))
    B = np.stack(cols, axis=-1)
    eye = np.eye(q)
    assert np.array_equal(na.quadratic_forms(B, eye, cols), na.quadratic_forms(B, eye))


def _model(Z, G=6, seed=0):
    rng = np.random.default_rng(seed)
    n = len(Z)
    group = np.arange(n) % G
    y = (rng.random(n) < 0.5).astype(float)
    fam = Family("bernoulli", "logit", y)
    X = np.column_stack([np.ones(n), rng.normal(size=n)])
    return SingleLevelModel(fam, X, np.zeros(n), None, group, G, Z, None)


def test_sym_gathers_the_packed_triangle():
    rng = np.random.default_rng(1)
    n, q = 40, 3
    m = _model(rng.normal(size=(n, q)))
    packed = rng.normal(size=(6, len(m._tri)))
    want = np.empty((6, q, q))
    for k, (a, b) in enumerate(m._tri):
        want[:, a, b] = want[:, b, a] = packed[:, k]
    assert np.array_equal(m._sym(packed), want)


def test_sparse_design_flag_follows_the_design():
    """The sparse-rows check is made once per design: whitening a dummy-slope design (two
    nonzero entries a row) with a full Cholesky factor fills its rows, and the quadrature must
    then take the dense path -- same values as a model built on the whitened design itself."""
    rng = np.random.default_rng(2)
    n, G = 48, 6
    d = rng.random(n) < 0.5
    Z0 = np.column_stack([d, ~d, np.ones(n)]).astype(float)  # cons + one of two dummies
    m = _model(Z0, G)
    beta, anc = np.array([0.2, -0.3]), ()
    Lfull = np.linalg.cholesky(np.array([[1.0, 0.3, 0.2], [0.3, 1.0, 0.4], [0.2, 0.4, 1.0]]))
    for L in (np.eye(3), Lfull, np.diag([1.0, 2.0, 0.5])):
        Sigma = L @ L.T
        got = m.group_logliks(beta, anc, Sigma, "mcaghermite", 3, L=L)
        fresh = _model(Z0 @ L, G)
        want = fresh.group_logliks(beta, anc, np.eye(3), "mcaghermite", 3, L=np.eye(3))
        assert np.allclose(got, want, rtol=1e-12, atol=0)
        assert m._sparse == {} or all(v == na.sparse_rows(m.Z[lo:hi]) for (lo, hi), v in m._sparse.items())
