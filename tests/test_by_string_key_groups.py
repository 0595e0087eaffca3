"""``by``/``bysort`` on string keys form their groups with numpy's loop over the texts
(sorted_codes.neighbours_differ, by_groups._steps) and egen's by() codes with text_codes: the
same groups, row for row, as pandas gives on random keys with ties, empty and missing strings,
unicode, trailing blanks and case differences."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.by_groups import _sort_codes, _steps, by_groups, is_sorted
from mlmcli.dataset import Dataset
from mlmcli.sorted_codes import neighbours_differ

POOL = ["", "a", "a ", "A", "ab", "é", "e\u0301", "日本", "Zz", "z", "1", "10", "9", " a", "ß"]


def _keys(rng, n, missing=True):
    values = np.empty(n, dtype=object)
    values[:] = [POOL[i] for i in rng.integers(0, len(POOL), n)]
    if missing:
        holes = rng.random(n) < 0.1
        values[holes] = None
    return values


def _frame(seed, n=400, missing=True):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"s": _keys(rng, n, missing), "t": _keys(rng, n, missing=False),
                         "k": rng.integers(0, 3, n).astype(float), "y": rng.normal(size=n)})


def _text(v):
    return "" if v is None or v != v else v


def _reference(df, keys):
    """Stata's answer by pandas: a stable sort on the keys (a missing text is ""), then
    _n, _N and the group's first y within each run of equal keys."""
    work = df.copy()
    for k in keys:
        if work[k].dtype.kind not in "fi":
            work[k] = np.array([_text(v) for v in work[k]], dtype=object)
    work = work.sort_values(keys, kind="stable")
    grouped = work.groupby(keys, sort=False)
    work["n"] = grouped.cumcount() + 1.0
    work["N"] = grouped["y"].transform("size").astype(float)
    work["f"] = grouped["y"].transform("first")
    work["m"] = grouped["y"].transform("mean")
    return work.reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("keys", [["s"], ["s", "t"], ["k", "s"], ["s", "k", "t"]])
def test_bysort_string_keys_match_pandas(do, seed, keys):
    df = _frame(seed)
    by = " ".join(keys)
    rc, printed, session = do(f"bysort {by}: gen n = _n\nby {by}: gen N = _N\nby {by}: gen double f = y[1]\n"
                              f"egen m = mean(y), by({by})", df=df)
    assert rc == 0, printed
    got = session.data.df
    want = _reference(df, keys)
    for k in keys:
        texts = [_text(v) for v in got[k]] if got[k].dtype.kind not in "fi" else got[k]
        assert list(texts) == list(want[k])
    np.testing.assert_array_equal(got["y"].to_numpy(), want["y"].to_numpy())
    for col in ["n", "N", "f"]:
        np.testing.assert_array_equal(got[col].to_numpy(dtype=float), want[col].to_numpy(), err_msg=col)
    np.testing.assert_allclose(got["m"].to_numpy(dtype=float), want["m"].to_numpy(), rtol=1e-6)


def test_by_string_key_sorted_check(do):
    df = _frame(4, missing=False)
    rc, printed, _ = do("by s: gen n = _n", df=df)
    assert rc == 5 and "not sorted" in printed
    ordered = df.sort_values("s", kind="stable").reset_index(drop=True)
    rc, printed, session = do("by s: gen n = _n", df=ordered)
    assert rc == 0, printed
    want = ordered.groupby("s", sort=False).cumcount().to_numpy() + 1.0
    np.testing.assert_array_equal(session.data.df["n"].to_numpy(dtype=float), want)


def test_by_string_key_loop_groups(do):
    """A command run once per group (``by s: summarize y``) sees each run of equal texts."""
    df = _frame(5, n=60)
    df = df.iloc[np.argsort([_text(v) for v in df["s"]], kind="stable")].reset_index(drop=True)
    data = Dataset(df=df.copy())
    labels = [(label, int(mask.sum())) for label, mask in by_groups(data, ["s"])]
    texts = pd.Series([_text(v) for v in df["s"]], dtype=object)
    want = [(f"s = {k}", len(g)) for k, g in texts.groupby(texts, sort=False)]
    assert labels == want


@pytest.mark.parametrize("seed", range(6))
def test_steps_and_sorted_agree_with_sort_codes(seed):
    """Pairwise comparison of texts orders them as the sort's codes do (code points)."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"s": _keys(rng, 300)})
    data = Dataset(df=df.copy())
    codes = _sort_codes(data, "s")
    np.testing.assert_array_equal(_steps(data, "s"), np.sign(codes[1:] - codes[:-1]))
    assert is_sorted(data, ["s"]) == bool((np.diff(codes) >= 0).all())
    data.df = data.df.iloc[np.argsort(codes, kind="stable")].reset_index(drop=True)
    assert is_sorted(data, ["s"])


def test_neighbours_differ_matches_python_loop():
    rng = np.random.default_rng(7)
    values = _keys(rng, 500)
    values[::37] = np.nan
    want = np.array([a != b for a, b in zip(values[1:], values[:-1])], dtype=bool)
    got = neighbours_differ(values)
    assert got.dtype == bool
    np.testing.assert_array_equal(got, want)
    x = np.array([1.0, 1.0, np.nan, np.nan, 2.0])
    np.testing.assert_array_equal(neighbours_differ(x), x[1:] != x[:-1])
    assert neighbours_differ(np.array([], dtype=object)).shape == (0,)
    assert neighbours_differ(np.array(["a"], dtype=object)).shape == (0,)
