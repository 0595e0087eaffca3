"""mi impute pmm's donors (posterior_draws.nearest_donors): the k observed predictions nearest each
missing row's, found in a window of 2k around where it sorts, are those of a distance to every
observed row (the dense missing x observed matrix the draw used before): the same k distances,
and the same rows under the stated tie rule, with ties, repeats and targets past either end."""
import numpy as np
import pytest

from mlmcli.mi.posterior_draws import draw_pmm, nearest_donors


def _brute_force(observed, targets, k):
    """Every observed row's distance; ties by nearness in sorted order to where the target
    sorts, then by sorted position: the rule nearest_donors states."""
    order = np.argsort(observed, kind="stable")
    ranked = observed[order]
    out = []
    for t in targets:
        inserted = np.searchsorted(ranked, t)
        position = np.arange(len(ranked))
        keys = sorted(position, key=lambda j: (abs(ranked[j] - t), abs(j - inserted + 0.5), j))
        out.append(order[keys[:k]])
    return np.array(out)


@pytest.mark.parametrize("n, m, k, discrete", [(40, 25, 1, False), (40, 25, 3, False), (57, 30, 5, True),
                                               (12, 20, 11, True), (9, 15, 4, False), (300, 60, 7, True)])
def test_the_k_nearest_are_those_of_every_distance(n, m, k, discrete):
    rng = np.random.default_rng(n * 100 + k)
    observed = rng.normal(size=n)
    targets = rng.normal(size=m) * 1.5  # some past either end
    if discrete:  # predictions of a few distinct values: ties within and across the two sides
        observed = np.round(observed * 2) / 2
        targets = np.concatenate([np.round(targets[: m // 2] * 4) / 4, targets[m // 2:]])
    got = nearest_donors(observed, targets, k)
    assert got.shape == (m, k)
    full = np.sort(np.abs(observed[None, :] - targets[:, None]), axis=1)[:, :k]
    np.testing.assert_array_equal(np.abs(observed[got] - targets[:, None]), full)  # the k smallest
    np.testing.assert_array_equal(got, _brute_force(observed, targets, k))
    assert all(len(set(row)) == k for row in got)


def test_pmm_draws_take_one_of_the_k_nearest_donors_each():
    rng_data = np.random.default_rng(7)
    n = 200
    X = np.column_stack([rng_data.normal(size=n), np.ones(n)])
    y = X @ np.array([1.0, 2.0]) + rng_data.normal(size=n)
    Xmis = np.column_stack([rng_data.normal(size=30) * 2, np.ones(30)])
    rng = np.random.default_rng(11)
    values = draw_pmm(rng, X, y, Xmis, knn=4)
    # the same stream again: b, beta* drawn as draw_pmm draws them
    again = np.random.default_rng(11)
    from mlmcli.mi.posterior_draws import _posterior_ols
    b, beta, _ = _posterior_ols(again, X, y, None)
    donors = nearest_donors(X @ b, Xmis @ beta, 4)
    assert all(v in y[row] for v, row in zip(values, donors))
    # and the dense matrix's k nearest hold every donor drawn
    dense = np.argsort(np.abs((X @ b)[None, :] - (Xmis @ beta)[:, None]), axis=1, kind="stable")[:, :4]
    assert all(v in y[row] for v, row in zip(values, dense))
