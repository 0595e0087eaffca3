"""``robust.cluster_sandwich``: the clustered meat q sum_c s_c s_c' against loops over the
clusters written here, fweights against the expanded rows, the one-cluster and adjust=False
cases, and ``cluster_index`` against np.unique's inverse (numbers, text, missing)."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich, cluster_sums, clustered_meat, sandwich


def _scores(seed=1, n=60, k=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, k)), rng.integers(0, 9, n)


def _loop_meat(S, labels):
    groups = sorted(set(labels.tolist()))
    M = sum(np.outer(S[labels == g].sum(0), S[labels == g].sum(0)) for g in groups)
    return M, len(groups)


def test_cluster_sums_and_meat_match_a_loop_over_the_clusters():
    S, labels = _scores()
    codes, G = cluster_index(labels)
    M, G_loop = _loop_meat(S, labels)
    assert G == G_loop
    sums = cluster_sums(S, codes)
    np.testing.assert_allclose(sums.T @ sums, M, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(clustered_meat(S, codes), G / (G - 1) * M, rtol=1e-13, atol=1e-13)
    extra = 59 / 57  # regress's (N-1)/(N-k)
    np.testing.assert_allclose(clustered_meat(S, codes, extra=extra), G / (G - 1) * extra * M, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(clustered_meat(S, codes, adjust=False), M, rtol=1e-13, atol=1e-13)


def test_robust_meat_is_each_row_its_own_cluster():
    S, _ = _scores(2)
    n = len(S)
    np.testing.assert_allclose(clustered_meat(S), n / (n - 1) * S.T @ S, rtol=1e-13)
    np.testing.assert_allclose(clustered_meat(S), clustered_meat(S, np.arange(n)), rtol=1e-13)
    # a caller's N (regress's integer part of summed iweights) replaces the rows' count
    np.testing.assert_allclose(clustered_meat(S, n_clusters=41.0), 41 / 40 * S.T @ S, rtol=1e-13)


def test_fweights_equal_the_expanded_rows():
    rng = np.random.default_rng(4)
    s = rng.normal(size=(25, 2))  # unweighted scores
    w = rng.integers(1, 4, 25).astype(float)
    expanded = np.repeat(s, w.astype(int), axis=0)
    np.testing.assert_allclose(clustered_meat(s * w[:, None], fweight=w), clustered_meat(expanded), rtol=1e-12)


def test_one_cluster_is_missing_unless_the_caller_says_otherwise():
    S, _ = _scores(3)
    codes = np.zeros(len(S), np.int64)
    assert np.isnan(clustered_meat(S, codes)).all()
    M = S.sum(0)[:, None] * S.sum(0)[None, :]
    np.testing.assert_allclose(clustered_meat(S, codes, one_cluster=1.0), M, rtol=1e-13)


def test_sandwich_is_bread_meat_bread():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(3, 3))
    bread = A @ A.T + 3 * np.eye(3)
    S, labels = _scores(6)
    codes, G = cluster_index(labels)
    V = cluster_sandwich(bread, S, codes)
    np.testing.assert_allclose(V, bread @ (G / (G - 1) * _loop_meat(S, labels)[0]) @ bread, rtol=1e-12)
    np.testing.assert_allclose(V, sandwich(bread, clustered_meat(S, codes)), rtol=1e-14)


@pytest.mark.parametrize("values", [
    np.array([3.0, 1.0, 3.0, 2.5, 1.0]),
    np.array([7, -2, 7, 0, 11]),
    np.array(["b", "a", "é", "b", ""], dtype=object),
    np.array([1.0, np.nan, 1.0, 2.0, np.nan]),
])
def test_cluster_index_is_np_uniques_inverse(values):
    codes, G = cluster_index(values)
    kind = values.astype(str) if values.dtype == object else values
    uniq, inverse = np.unique(kind, return_inverse=True)
    np.testing.assert_array_equal(codes, inverse.reshape(-1))
    assert G == len(uniq)
