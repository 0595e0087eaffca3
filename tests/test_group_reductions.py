"""Per-group statistics computed for all groups at once (``mlmcli.group_reductions``, eg100):
the same bits as the one-group functions they replace in ``egen ..., by()`` (mean_of, sd_of,
sum_of, min/max, stata_percentile), on random groups holding ties, constants, single values,
signed zeros, missing values and values near the largest double."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from mlmcli import group_reductions as grouped
from mlmcli.egen_rowwise import mean_of, sd_of, sum_of
from mlmcli.summary_statistics import stata_percentile

_VALUES = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.5, np.nan, 8.9e307, -8.9e307, 4e307, 1e-310, 1e125]),
    st.floats(-1e6, 1e6, allow_nan=False, width=64),
)


def _data(n_rows):
    return st.tuples(
        st.lists(_VALUES, min_size=n_rows, max_size=n_rows),
        st.lists(st.integers(-1, 5), min_size=n_rows, max_size=n_rows),
    )


_CASES = st.integers(0, 60).flatmap(_data)


def _one_by_one(codes, x, reducer):
    """The reference: each group's non-missing values in row order, one call each."""
    out = {}
    for g in sorted(set(codes.tolist()) - {-1}):
        v = x[(codes == g) & ~np.isnan(x)]
        out[g] = reducer(v)
    return out


def _check(case, statistic, reducer):
    values, codes = case
    x, codes = np.array(values, dtype=float), np.array(codes, dtype=np.int64)
    groups = grouped.Groups(codes, ~np.isnan(x))
    got = groups.spread(statistic(groups, groups.values(x)))
    want = _one_by_one(codes, x, reducer)
    expected = np.array([want[g] if g >= 0 else np.nan for g in codes.tolist()], dtype=float)
    # the same bits: NaN where NaN, and equal values with equal signs (0.0 against -0.0)
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    same = ~np.isnan(got)
    assert np.array_equal(got[same].view(np.int64), expected[same].view(np.int64)), (got, expected)


@settings(max_examples=200, deadline=None)
@given(_CASES)
def test_means_are_mean_of_each_group(case):
    _check(case, grouped.means, mean_of)


@settings(max_examples=200, deadline=None)
@given(_CASES)
def test_sds_are_sd_of_each_group(case):
    _check(case, grouped.sds, sd_of)


@settings(max_examples=200, deadline=None)
@given(_CASES)
def test_sums_are_sum_of_each_group(case):
    _check(case, grouped.sums, sum_of)
    with np.errstate(over="ignore", invalid="ignore"):
        _check(case, lambda g, v: g.sums(v), lambda v: float(v.sum()))


@settings(max_examples=150, deadline=None)
@given(_CASES)
def test_minima_and_maxima(case):
    _check(case, grouped.Groups.minima, lambda v: float(v.min()) if v.size else np.nan)
    _check(case, grouped.Groups.maxima, lambda v: float(v.max()) if v.size else np.nan)


@settings(max_examples=150, deadline=None)
@given(_CASES, st.sampled_from([1, 10, 25, 50, 75, 90, 99, 33.3]))
def test_percentiles_are_stata_percentile_of_each_group(case, p):
    _check(case, lambda g, v: grouped.percentiles(g, v, p), lambda v: stata_percentile(np.sort(v), p))


def test_large_groups_sum_pairwise_as_numpy():
    """Groups longer than numpy's pairwise block (8 and 128 values): the same rounding."""
    rng = np.random.default_rng(4)
    codes = rng.integers(0, 7, 5000)
    x = rng.standard_normal(5000) * 10.0 ** rng.integers(-8, 8, 5000)
    _check((x.tolist(), codes.tolist()), grouped.means, mean_of)
    _check((x.tolist(), codes.tolist()), grouped.sds, sd_of)
    _check((x.tolist(), codes.tolist()), grouped.sums, sum_of)


def test_no_groups():
    groups = grouped.Groups(np.array([-1, -1]), np.array([True, True]))
    assert groups.n_groups == 0
    assert np.isnan(groups.spread(grouped.means(groups, groups.values(np.array([1.0, 2.0]))))).all()


@settings(max_examples=150, deadline=None)
@given(_CASES)
def test_sorted_values_are_lexsort_by_group_then_value(case):
    values, codes = case
    x, codes = np.array(values, dtype=float), np.array(codes, dtype=np.int64)
    groups = grouped.Groups(codes, ~np.isnan(x))
    v = groups.values(x)
    want = v[np.lexsort((v, groups.group))]  # stable: ties (0.0 and -0.0) keep row order
    assert np.array_equal(groups.sorted_values(v).view(np.int64), want.view(np.int64))

