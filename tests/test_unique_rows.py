"""``sorted_codes.unique_rows`` / ``matrix_row_codes`` (nu100) give what ``np.unique(M, axis=0,
...)`` gives -- distinct rows (order, values, dtype), inverse and counts -- on random 2-D arrays,
with NaN, +-0, infinities, ties, no rows and no columns."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from mlmcli.sorted_codes import matrix_row_codes, unique_rows

_FLOATS = st.sampled_from([-2.5, -0.0, 0.0, 0.5, 1.0, 3.0, 1e300, np.inf, -np.inf, np.nan])
_SHAPES = st.tuples(st.integers(0, 40), st.integers(0, 4))


def _same(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype or (g.dtype.kind == w.dtype.kind == "i")
        np.testing.assert_array_equal(g.reshape(w.shape) if g.size == w.size else g, w)
        assert g.shape == w.shape or (g.ndim == 1 and g.size == w.size)
    u = got[0]  # signs of zeros as np.unique keeps them
    if u.dtype.kind == "f":
        np.testing.assert_array_equal(np.signbit(u), np.signbit(want[0]))


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.float64, _SHAPES, elements=_FLOATS))
def test_unique_rows_is_np_unique_for_floats(m):
    want = np.unique(m, axis=0, return_inverse=True, return_counts=True)
    _same(unique_rows(m, return_inverse=True, return_counts=True), want)
    np.testing.assert_array_equal(unique_rows(m), want[0])
    np.testing.assert_array_equal(matrix_row_codes(m), want[1].reshape(-1))
    assert matrix_row_codes(m).dtype == np.int64


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([np.int8, np.int32, np.int64, np.uint16, np.bool_]).flatmap(
    lambda t: hnp.arrays(t, _SHAPES, elements=st.booleans() if t is np.bool_ else st.integers(0, 3))))
def test_unique_rows_is_np_unique_for_integers(m):
    want = np.unique(m, axis=0, return_inverse=True, return_counts=True)
    got = unique_rows(m, return_inverse=True, return_counts=True)
    assert got[0].dtype == want[0].dtype
    _same(got, want)
    u, c = unique_rows(m, return_counts=True)
    np.testing.assert_array_equal(u, want[0])
    np.testing.assert_array_equal(c, want[2])


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 300), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_matrix_row_codes_on_wide_ranges_and_fractions(n, k, seed):
    rng = np.random.default_rng(seed)
    kinds = [lambda: rng.integers(0, 5, n).astype(float), lambda: rng.normal(size=n).round(1) + 0.0,
             lambda: rng.integers(-10**9, 10**9, n).astype(float)]  # short range, fractions, wide range
    m = np.column_stack([kinds[(j + seed) % 3]() for j in range(k)])
    m = np.vstack([m, m[: n // 2]])  # ties
    want = np.unique(m, axis=0, return_inverse=True, return_counts=True)
    _same(unique_rows(m, return_inverse=True, return_counts=True), want)
    np.testing.assert_array_equal(matrix_row_codes(m), want[1].reshape(-1))
