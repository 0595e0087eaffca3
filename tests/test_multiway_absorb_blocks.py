"""multiway_absorb._demean sweeps cache-sized blocks of columns, each to the first iteration at
which every block is below the tolerance: the result and the iteration count must be those of
sweeping all columns at once (the alternating projections written out here), bit for bit."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.panel.multiway_absorb import _demean


def all_at_once(M, codes, tol, maxiter, w):
    """The sweep over every column together, stopping when no column moved by tol of its scale."""
    M = M.copy()
    sizes = [np.bincount(c, weights=w) for c in codes]
    scale = np.maximum(np.abs(M).max(axis=0), 1.0)
    for it in range(1, maxiter + 1):
        before = M.copy()
        for c, n in zip(codes, sizes):
            sums = np.zeros((n.size, M.shape[1]))
            np.add.at(sums, c, M * w[:, None])
            M -= (sums / n[:, None])[c]
        if len(codes) == 1 or np.max(np.abs(M - before) / scale) < tol:
            return M, it
    raise AssertionError("no convergence")


def problem(seed, n=400, k=13, sorted_first=True, weighted=False):
    rng = np.random.default_rng(seed)
    codes = [np.unique(rng.integers(0, g, n), return_inverse=True)[1].astype(np.int64) for g in (60, 9)]
    if sorted_first:
        codes[0] = np.sort(codes[0])  # a panel's ids in order: the repeated-means path
    w = rng.uniform(.5, 2, n) if weighted else np.ones(n)
    # columns on very different scales converge at different iterations
    M = rng.normal(size=(n, k)) * np.geomspace(1e-3, 1e3, k) + (codes[0] % 5)[:, None]
    return M, codes, w


@pytest.mark.parametrize("seed, sorted_first, weighted", [(1, True, False), (2, False, False), (3, True, True)])
@pytest.mark.parametrize("width", [1, 3, 5, 100])
def test_blocks_give_the_all_at_once_numbers_and_iterations(seed, sorted_first, weighted, width):
    M, codes, w = problem(seed, sorted_first=sorted_first, weighted=weighted)
    expected, iterations = all_at_once(M, codes, 1e-10, 10000, w)
    got, its = _demean(M, codes, 1e-10, 10000, w, width=width)
    assert its == iterations
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12 * np.abs(M).max())


def test_one_fixed_effect_is_one_sweep_and_nonconvergence_is_r430():
    M, codes, w = problem(4)
    got, its = _demean(M, codes[:1], 1e-10, 10000, w, width=4)
    assert its == 1
    np.testing.assert_allclose(got, all_at_once(M, codes[:1], 1e-10, 10000, w)[0], atol=1e-9)
    with pytest.raises(StataError) as err:
        _demean(M, codes, 1e-14, 2, w, width=4)
    assert err.value.rc == 430
