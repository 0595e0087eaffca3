"""Sorting on string keys codes the texts in pandas' own (Arrow) array (sorted_codes.text_codes
given a Series, by_groups._sort_codes): the same codes as np.unique's inverse -- code-point
order, "" first, texts ending in NUL and missing values through the old path -- and the same
row order from sort, gsort and bysort as a Python sort of the texts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.sorted_codes import stable_lexsort, text_codes

POOL = ["", "a", "b", "ab", "B", "é", "z z", "ä", "a\u0301", "a\x00", "\x00", "\U0001f600", "ｚ", "a ", " a", "A"]


def _unique_inverse(values) -> np.ndarray:
    return np.unique(np.asarray(values, dtype=str), return_inverse=True)[1].reshape(-1)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("dtype", ["str", object])
def test_codes_are_np_unique_inverse(seed, dtype):
    rng = np.random.default_rng(seed)
    values = np.array(POOL, dtype=object)[rng.integers(0, len(POOL), 200)]
    series = pd.Series(values, dtype=dtype)
    want = _unique_inverse(values)
    assert np.array_equal(text_codes(series), want)
    assert np.array_equal(text_codes(series.array), want)
    assert np.array_equal(text_codes(values), want)


def test_texts_without_nul_take_the_arrow_path_and_agree():
    rng = np.random.default_rng(9)
    pool = [p for p in POOL if not p.endswith("\x00")]
    values = np.array(pool, dtype=object)[rng.integers(0, len(pool), 500)]
    series = pd.Series(values, dtype="str")
    codes = text_codes(series)
    assert codes.dtype == np.int64
    ranked = sorted(set(values))  # Python's str order: code points
    assert np.array_equal(codes, np.array([ranked.index(v) for v in values]))


def test_missing_in_an_object_column_falls_back():
    series = pd.Series(["b", np.nan, "a", ""], dtype=object)
    assert np.array_equal(text_codes(series), _unique_inverse(series.to_numpy(dtype=object)))


def test_stable_lexsort_one_integer_key_is_lexsort():
    rng = np.random.default_rng(4)
    for size, high in ((0, 1), (1, 3), (1000, 5), (70000, 70000), (5000, 2 ** 40)):
        key = rng.integers(-3 if size % 2 else 0, high, size)
        assert np.array_equal(stable_lexsort([key]), np.lexsort([key]))


def _words(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    pool = [p for p in POOL if not p.endswith("\x00")]  # Stata's str types hold no NUL
    return [pool[i] for i in rng.integers(0, len(pool), n)]


def test_sort_gsort_bysort_order(new_session, run):
    words = _words(300, 5)
    x = np.arange(300, dtype=float)
    df = pd.DataFrame({"w": pd.Series(words, dtype="str"), "x": x})
    s = new_session(df, types={"w": "str8", "x": "double"})
    out, rc = run(s, "sort w")
    assert rc == 0, out
    order = sorted(range(300), key=lambda i: words[i])  # Python's sort is stable
    assert s.data.df["x"].tolist() == [float(i) for i in order]
    out, rc = run(s, "gsort -w x")
    assert rc == 0, out
    got = s.data.df
    assert got["w"].tolist() == sorted(words, reverse=True)  # code points, descending
    for _, group in got.groupby("w", sort=False):
        assert group["x"].is_monotonic_increasing
    s = new_session(df.sample(frac=1.0, random_state=1).reset_index(drop=True), types={"w": "str8", "x": "double"})
    out, rc = run(s, "bysort w (x): gen r = _n")
    assert rc == 0, out
    got = s.data.df
    assert got["w"].tolist() == sorted(words)
    for _, group in got.groupby("w", sort=False):
        assert group["x"].is_monotonic_increasing and group["r"].tolist() == list(range(1, len(group) + 1))
