"""Sort-based grouping (np100): ``mlmcli.sorted_codes`` gives what ``np.unique`` gives (same
values, order, dtype and inverse), and the commands moved onto it (egen group/tag/count/mean,
by-group codes of generate, the panel nesting check) keep their answers, checked against
numpy/pandas computations on small data with missing values, strings and ties."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from mlmcli.panel.groups import nested_in
from mlmcli.sorted_codes import distinct_values, first_of_each, group_sizes, row_codes

_INT_DTYPES = st.sampled_from([np.int8, np.int32, np.int64, np.uint16, np.bool_])
_SMALL_FLOATS = st.sampled_from([-2.5, -0.0, 0.0, 1.0, 3.0, 1e300, np.inf, -np.inf])


@settings(max_examples=150, deadline=None)
@given(hnp.arrays(_INT_DTYPES, st.integers(0, 60)))
def test_distinct_values_is_np_unique_for_integers(a):
    got, want = distinct_values(a), np.unique(a)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


def test_distinct_values_of_floats_and_2d_is_np_unique():
    x = np.array([3.0, np.nan, 1.0, np.nan, 3.0])
    np.testing.assert_array_equal(distinct_values(x), np.unique(x))
    m = np.array([[1, 2], [1, 2], [0, 5]])
    np.testing.assert_array_equal(distinct_values(m), np.unique(m))


def _reference_inverse(keys):
    return np.unique(np.column_stack(keys), axis=0, return_inverse=True)[1].reshape(-1)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 3).flatmap(lambda k: st.integers(0, 40).flatmap(
    lambda n: st.lists(hnp.arrays(np.float64, n, elements=_SMALL_FLOATS), min_size=k, max_size=k))))
def test_row_codes_is_np_unique_inverse_for_floats(keys):
    got = row_codes(keys)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, _reference_inverse(keys))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 50).flatmap(lambda n: st.tuples(
    hnp.arrays(np.int64, n, elements=st.integers(-3, 3)),
    hnp.arrays(np.int32, n, elements=st.integers(0, 2)),
    hnp.arrays(np.float64, n, elements=st.sampled_from([0.5, 1.0, 2.0])))))
def test_row_codes_mixed_dtypes_as_column_stack_promotes(cols):
    ints, small, floats = cols
    for keys in ([ints], [ints, small], [small, floats, ints]):
        np.testing.assert_array_equal(row_codes(keys), _reference_inverse(keys))


def test_row_codes_with_nan_falls_back_to_np_unique():
    keys = [np.array([1.0, np.nan, 1.0, np.nan]), np.array([0.0, 0.0, 0.0, 0.0])]
    np.testing.assert_array_equal(row_codes(keys), _reference_inverse(keys))


def test_row_codes_on_many_groups():
    rng = np.random.default_rng(3)
    a = np.ceil(rng.random(20_000) * 5_000)
    b = rng.integers(0, 4, 20_000).astype(float)
    np.testing.assert_array_equal(row_codes([a]), _reference_inverse([a]))
    np.testing.assert_array_equal(row_codes([a, b]), _reference_inverse([a, b]))


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.int64, st.integers(0, 50), elements=st.integers(0, 6)))
def test_first_of_each_is_np_unique_return_index(codes):
    want = np.sort(np.unique(codes, return_index=True)[1])
    np.testing.assert_array_equal(first_of_each(codes), want)


def test_group_sizes_counts_the_counted_rows_of_each_code():
    codes = np.array([0, 1, 0, -1, 2, 1, 0])
    counted = np.array([True, False, True, True, True, True, False])
    np.testing.assert_array_equal(group_sizes(codes, counted), [2, 1, 2, np.nan, 1, 1, 2])


@pytest.mark.parametrize("inner,outer", [
    ([1, 1, 2, 2, 3], [1, 1, 1, 1, 2]), ([1, 1, 2, 2, 3], [1, 2, 1, 1, 2]), ([], []),
    ([5.0, 5.0, 7.0], [1.0, 1.0, 1.0])])
def test_nested_in_is_the_pairs_check(inner, outer):
    inner, outer = np.asarray(inner, float), np.asarray(outer, float)
    pairs = np.unique(np.column_stack([inner, outer]), axis=0)
    assert nested_in(inner, outer) == (len(np.unique(pairs[:, 0])) == len(pairs))


# ----- commands on small data, against pandas/numpy -----

def _data():
    rng = np.random.default_rng(7)
    n = 60
    a = rng.integers(1, 6, n).astype(float)
    a[[3, 17]] = np.nan
    b = rng.integers(0, 3, n).astype(float)
    s = rng.choice(["x", "y", "", "zz"], n)
    v = rng.normal(size=n).round(2)
    v[[5, 9, 30]] = np.nan
    return pd.DataFrame({"a": a, "b": b, "s": s, "v": v})


@pytest.fixture
def session(new_session):
    return new_session(_data())


def _col(session, name):
    return session.data.df[name].to_numpy(dtype=float)


def test_egen_group_tag_count_mean_by_many_keys(session, run):
    df = _data()
    out, rc = run(session, "egen g = group(a b)\negen t = tag(a b)\negen gs = group(s b)\n"
                  "egen c = count(v), by(a b)\negen m = mean(v), by(b)\negen tb = tag(s), by(b)")
    assert rc == 0, out
    ok = df["a"].notna().to_numpy()
    want_g = np.full(len(df), np.nan)
    want_g[ok] = _reference_inverse([df["a"][ok], df["b"][ok]]) + 1
    np.testing.assert_array_equal(_col(session, "g"), want_g)
    tag = np.zeros(len(df))
    tag[df.index[ok][~df[ok].duplicated(["a", "b"])]] = 1
    np.testing.assert_array_equal(_col(session, "t"), tag)
    ok_s = (df["s"] != "").to_numpy()
    want_gs = np.full(len(df), np.nan)
    want_gs[ok_s] = df[ok_s].groupby(["s", "b"], sort=True).ngroup().to_numpy() + 1
    np.testing.assert_array_equal(_col(session, "gs"), want_gs)
    # by(a b) groups missing a as its own group, as Stata does
    want_c = df.groupby(["a", "b"], dropna=False)["v"].transform("count").to_numpy(dtype=float)
    np.testing.assert_array_equal(_col(session, "c"), want_c)
    want_m = df.groupby("b")["v"].transform("mean").to_numpy(dtype=float)
    np.testing.assert_allclose(_col(session, "m"), want_m.astype(np.float32), rtol=1e-7)  # a float
    tb = np.zeros(len(df))
    tb[df.index[ok_s][~df[ok_s].duplicated(["b", "s"])]] = 1
    np.testing.assert_array_equal(_col(session, "tb"), tb)


def test_egen_count_of_strings_and_if(session, run):
    df = _data()
    out, rc = run(session, 'egen c = count(s), by(b)\negen ci = count(v) if a > 2, by(b)')
    assert rc == 0, out
    want = df.assign(f=(df["s"] != "").astype(float)).groupby("b")["f"].transform("sum").to_numpy()
    np.testing.assert_array_equal(_col(session, "c"), want)
    sel = ((df["a"] > 2) | df["a"].isna()).to_numpy()  # missing is above every number
    want_i = np.full(len(df), np.nan)
    want_i[sel] = df[sel].groupby("b")["v"].transform("count").to_numpy(dtype=float)
    np.testing.assert_array_equal(_col(session, "ci"), want_i)


def test_bysort_generate_by_group_codes(session, run):
    out, rc = run(session, "bysort a b: gen k = _n\nby a b: gen N = _N")
    assert rc == 0, out
    df = session.data.df
    # sorted by a then b (missing last); _n counts within runs of equal (a, b)
    key = list(zip(df["a"].fillna(np.inf), df["b"]))
    assert key == sorted(key)
    frame = pd.DataFrame({"a": df["a"].fillna(np.inf), "b": df["b"]})
    np.testing.assert_array_equal(_col(session, "k"), frame.groupby(["a", "b"]).cumcount() + 1)
    np.testing.assert_array_equal(_col(session, "N"), frame.groupby(["a", "b"])["a"].transform("size"))


def test_xtreg_fe_with_nested_clusters_still_runs(new_session, run):
    rng = np.random.default_rng(11)
    ids = np.repeat(np.arange(1, 31), 4).astype(float)
    df = pd.DataFrame({"id": ids, "cl": np.ceil(ids / 5), "x": rng.normal(size=120)})
    df["y"] = df["x"] + rng.normal(size=120)
    s = new_session(df)
    out, rc = run(s, "xtset id\nxtreg y x, fe vce(cluster cl)")
    assert rc == 0, out
    df["cl"] = rng.integers(1, 4, 120).astype(float)  # panels not within clusters
    s = new_session(df)
    out, rc = run(s, "xtset id\nxtreg y x, fe vce(cluster cl)")
    assert rc == 498 and "panels are not nested within clusters" in out


_WIDE = st.one_of(st.integers(-2**40, 2**40), st.integers(-3, 3), st.sampled_from([2**62, -2**62, 70_000]))


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.integers(1, 60).flatmap(
    lambda n: st.lists(hnp.arrays(np.int64, n, elements=_WIDE), min_size=k, max_size=k))))
def test_row_codes_wide_integer_keys(keys):
    """Keys whose range is far beyond the rows (the sort path, and the combined digits
    densified between columns) and short ranges (the bincount path), mixed."""
    np.testing.assert_array_equal(row_codes(keys), _reference_inverse(keys))
    floats = [k.astype(float) / 4 for k in keys]  # fractions: not whole numbers
    np.testing.assert_array_equal(row_codes(floats), _reference_inverse(floats))


def test_row_codes_many_columns_of_many_values():
    rng = np.random.default_rng(8)
    keys = [rng.integers(0, 3000, 5000) for _ in range(4)] + [rng.integers(0, 2, 5000).astype(bool)]
    np.testing.assert_array_equal(row_codes(keys), _reference_inverse(keys))


@settings(max_examples=80, deadline=None)
@given(hnp.arrays(st.sampled_from([np.int64, np.uint32, np.int16, np.float64]), st.integers(0, 80),
                  elements=st.integers(0, 30_000)))
def test_stable_order_is_stable_argsort(values):
    from mlmcli.sorted_codes import stable_order
    np.testing.assert_array_equal(stable_order(values), np.argsort(values, kind="stable"))
    big = (values.astype(np.int64) * 4099) % (2**32)
    np.testing.assert_array_equal(stable_order(big), np.argsort(big, kind="stable"))


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.int64, st.integers(1, 50), elements=st.integers(0, 6)))
def test_first_rows_is_np_unique_return_index(codes):
    from mlmcli.sorted_codes import first_rows
    dense = np.unique(codes, return_inverse=True)[1].reshape(-1)
    np.testing.assert_array_equal(first_rows(dense, int(dense.max()) + 1), np.unique(dense, return_index=True)[1])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["", "a", "b", "ab", "B", "é", "a ", "a\x00", "\x00", "zz", 3]), max_size=30))
def test_text_codes_are_np_unique_of_str(values):
    from mlmcli.sorted_codes import text_codes
    want = np.unique(np.asarray(values, dtype=str), return_inverse=True)[1].reshape(-1)
    np.testing.assert_array_equal(text_codes(values), want)


_SORT_KEYS = st.integers(1, 4).flatmap(lambda k: st.integers(0, 40).flatmap(lambda n: st.lists(
    st.one_of(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.5, -0.0, 0.0, 2.0, 1e300, 8.9e307])),
              hnp.arrays(np.int64, n, elements=st.integers(-5, 2**40)),
              hnp.arrays(np.int64, n, elements=st.sampled_from([2**62, 2**62 + 1, -2**62, 0])),
              hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0, np.nan]))),
    min_size=k, max_size=k)))


@settings(max_examples=150, deadline=None)
@given(_SORT_KEYS)
def test_stable_lexsort_is_np_lexsort(keys):
    from mlmcli.sorted_codes import stable_lexsort
    np.testing.assert_array_equal(stable_lexsort(keys), np.lexsort(keys))
