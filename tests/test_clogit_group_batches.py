"""conditional_group_batches stacks the groups of one size and one count of positives and runs
the conditional-logit recursion once for all of them: each group's (l, s, H) must be the
single-group recursion's (clogit_group_terms), in any chunking, on any slice of the grouping."""
from __future__ import annotations

import numpy as np
import pytest

import mlmcli.conditional_group_batches as batches
from mlmcli.conditional_likelihood import clogit_group_terms


def _grouped(seed: int, n_groups: int, p: int, max_size: int = 8, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, max_size + 1, size=n_groups)
    starts = np.r_[0, np.cumsum(sizes)]
    n = int(starts[-1])
    X = rng.normal(scale=scale, size=(n, p))
    b = rng.normal(size=p)
    y = np.zeros(n)
    for j in range(n_groups):
        s, e = starts[j], starts[j + 1]
        k = rng.integers(0, e - s + 1)  # 0 .. all positive
        y[s + rng.choice(e - s, size=k, replace=False)] = 1.0
    order = rng.permutation(n)  # groups hold scattered rows, as group_index gives them
    y = y[np.argsort(order)]  # so that y[order] is the grouped outcome built above
    return X, y, order, starts, b


@pytest.mark.parametrize("p, scale", [(1, 1.0), (3, 1.0), (5, 0.01), (2, 8.0)])
def test_each_group_as_the_single_group_recursion(p, scale):
    X, y, order, starts, b = _grouped(p * 11, 240, p, scale=scale)
    lls, scores, hessians = batches.clogit_terms_of_groups(X, y, order, starts, b)
    for j in range(len(starts) - 1):
        rows = order[starts[j]:starts[j + 1]]
        ll, score, hess = clogit_group_terms(X[rows], y[rows], b)
        np.testing.assert_allclose(lls[j], ll, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(scores[j], score, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(hessians[j], hess, rtol=1e-12, atol=1e-12)


def test_a_slice_of_the_grouping_counts_only_its_own_rows():
    X, y, order, starts, b = _grouped(7, 60, 2)
    whole = batches.clogit_terms_of_groups(X, y, order, starts, b)
    for lo, hi in ((0, 1), (10, 25), (59, 60), (30, 60)):
        part = batches.clogit_terms_of_groups(X, y, order, starts[lo:hi + 1], b)
        for a, w in zip(part, whole):
            np.testing.assert_array_equal(a, w[lo:hi])


def test_sums_in_group_order_whatever_the_chunks(monkeypatch):
    X, y, order, starts, b = _grouped(3, 300, 3)
    ll, score, hess = 0.0, np.zeros(3), np.zeros((3, 3))
    for j in range(len(starts) - 1):  # the per-group loop the sums replace
        rows = order[starts[j]:starts[j + 1]]
        a, s, h = clogit_group_terms(X[rows], y[rows], b)
        ll, score, hess = ll + a, score + s, hess + h
    wide = batches.clogit_sums(X, y, order, starts, b)
    monkeypatch.setattr(batches, "_CHUNK_ELEMENTS", 40)  # a few groups per chunk
    narrow = batches.clogit_sums(X, y, order, starts, b)
    for got in (wide, narrow):
        np.testing.assert_allclose(got[0], ll, rtol=1e-13)
        np.testing.assert_allclose(got[1], score, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(got[2], hess, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(narrow[0], wide[0], rtol=1e-14)


def test_no_groups():
    X = np.zeros((0, 2))
    lls, scores, hessians = batches.clogit_terms_of_groups(X, np.zeros(0), np.zeros(0, int), np.array([0]), np.ones(2))
    assert lls.shape == (0,) and scores.shape == (0, 2) and hessians.shape == (0, 2, 2)
