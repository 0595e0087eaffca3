"""Columns of (nearly) all different values skip apply_distinct's coding and go row by row
(``map`` over the columns): the same answers, element for element and of the same types, as
calling the function on every row; and ``longest_bytes``' ASCII shortcut measures as the
byte-by-byte count does."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.expr import distinct_values
from mlmcli.expr.distinct_values import apply_distinct
from mlmcli.text_bytes import byte_length, byte_slice, longest_bytes

N = 4 * distinct_values.SAMPLE + 123  # large enough for the sample check to run


def _texts(rng, n):
    words = ["", "é", "日本", "a b", "ß", "Zz "]
    out = np.empty(n, dtype=object)
    out[:] = [f"{words[i % len(words)]}{v:.6f}" for i, v in enumerate(rng.normal(size=n))]
    return out


def _direct(f, values, n):
    cols = [v if isinstance(v, np.ndarray) else [v] * n for v in values]
    return [f(*row) for row in zip(*cols)]


def _same(got, want):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert type(a) is type(b) and (a == b or (a != a and b != b)), (a, b)


def test_all_distinct_goes_row_by_row_with_the_plain_answers():
    rng = np.random.default_rng(11)
    s = _texts(rng, N)
    x = rng.normal(size=N)
    x[::97] = np.nan
    assert distinct_values._row_codes([s], N) is None  # the sample check sends it row by row
    _same(list(apply_distinct(str.upper, [s], N)), _direct(str.upper, [s], N))
    sub = lambda t, a, b: byte_slice(t, int(a) - 1, int(a) - 1 + int(b))  # noqa: E731
    _same(list(apply_distinct(sub, [s, 2.0, np.float64(3)], N)), _direct(sub, [s, np.float64(2.0), np.float64(3)], N))
    seen = []
    out = apply_distinct(lambda v, t: seen.append(type(v)) or (len(t) if v == v else np.nan), [x, s], N,
                         numeric_out=True)
    assert out.dtype == float and set(seen) == {np.float64}
    np.testing.assert_array_equal(out, [len(t) if v == v else np.nan for v, t in zip(x, s)])


def test_repeated_values_still_coded_once_each():
    rng = np.random.default_rng(12)
    pool = np.array(["a", "é", "", "日本", "x y"], dtype=object)
    s = pool[rng.integers(0, len(pool), N)]
    calls = []
    out = apply_distinct(lambda t: calls.append(t) or t[::-1], [s], N)
    assert len(calls) == len(set(s))
    _same(list(out), [t[::-1] for t in s])


@pytest.mark.parametrize("extra", [[], ["é" * 700], ["x" * 2100], [None], [3.5]])
def test_longest_bytes_shortcut(extra):
    rng = np.random.default_rng(13)
    values = np.array([f"{v:.9f}" for v in rng.normal(size=5000)] + extra, dtype=object)
    assert longest_bytes(values) == max(byte_length(str(v)) for v in values)
    assert longest_bytes(list(values)) == max(byte_length(str(v)) for v in values)
    assert longest_bytes(np.array([], dtype=object)) == 0
