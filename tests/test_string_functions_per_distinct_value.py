"""String functions computed once per distinct value (mlmcli.expr.distinct_values) give, row
for row, what computing each observation on its own gives: random columns with few repeated
values, missing values ``.`` and ``.a``-``.z``, ``-0``, huge and tiny numbers, non-ASCII text,
empty strings and strL-long text."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from mlmcli.expr.distinct_values import all_python_strings, apply_distinct
from mlmcli.expr.functions import FUNCTIONS as CORE
from mlmcli.expr.string_functions import FUNCTIONS as STRINGS
from mlmcli.missing import extended

EDGE_NUMBERS = [math.nan, extended("a"), extended("z"), -0.0, 0.0, 1e300, -1e-300, 8.98846567431158e307,
                5e-324, 123456789012.0, 0.5, -2.25, 1.0, 100.0, 1e15, 1e-5, 0.1 + 0.2]
EDGE_TEXTS = ["", " ", "a", " ab Cé ü  x ", "ABC", "1.5", " 2e3 ", "nan", "inf", "x" * 3000,
              "日本語", "a\tb", "  lead", "trail  ", ".a", "-0", "Zz", "a,b"]

numbers = st.one_of(st.sampled_from(EDGE_NUMBERS), st.floats(allow_nan=False, allow_infinity=False),
                    st.integers(-1000, 1000).map(float))
texts = st.one_of(st.sampled_from(EDGE_TEXTS), st.text(max_size=8))
number_columns = st.lists(numbers, min_size=1, max_size=5).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), min_size=1, max_size=60))
text_columns = st.lists(texts, min_size=1, max_size=5).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), min_size=1, max_size=60))


def _num_column(values):
    return np.array(values, dtype=float)


def _text_column(values):
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _same(a, b) -> bool:
    """Equal values, numbers compared by their bits (so .a is not ., -0 is not 0)."""
    if isinstance(a, float) or isinstance(b, float):
        return np.float64(a).tobytes() == np.float64(b).tobytes()
    return type(a) is type(b) and a == b


def _check(impl, columns, ctx=None):
    """impl over whole columns against impl on each observation's scalars."""
    n = next(len(c) for c in columns if isinstance(c, np.ndarray))
    ctx = ctx or SimpleNamespace(nobs=n, scalar=False)
    whole = impl(ctx, *columns)
    assert len(whole) == n
    for i in range(n):
        row = [c[i].item() if isinstance(c, np.ndarray) and c.dtype.kind == "f"
               else (c[i] if isinstance(c, np.ndarray) else c) for c in columns]
        one = impl(SimpleNamespace(nobs=1, scalar=True), *row)
        assert _same(whole[i], one), (i, row, whole[i], one)


SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(number_columns, st.sampled_from([None, "%9.2f", "%12.4g", "%10.3e", "%20.0g", "%15.0fc", "%03.0f",
                                        "%9.0g", "%21x", "%td"]))
def test_string_of_numbers(values, fmt):
    x = _num_column(values)
    for name in ("string", "strofreal"):
        _check(CORE[name][2], [x] if fmt is None else [x, fmt])


@SETTINGS
@given(number_columns)
def test_char_of_numbers(values):
    _check(CORE["char"][2], [_num_column(values)])


@SETTINGS
@given(text_columns)
def test_one_text_argument(values):
    s = _text_column(values)
    for table, name in [(CORE, "real"), (CORE, "strtrim"), (CORE, "trim"), (CORE, "itrim"), (CORE, "ltrim"),
                        (CORE, "wordcount"), (STRINGS, "strlen"), (STRINGS, "ustrlen"), (STRINGS, "upper"),
                        (STRINGS, "lower"), (STRINGS, "ustrupper"), (STRINGS, "strproper"),
                        (STRINGS, "strreverse"), (STRINGS, "udstrlen"), (STRINGS, "soundex")]:
        _check(table[name][2], [s])


@SETTINGS
@given(text_columns, number_columns, number_columns)
def test_substr_and_subinstr_with_column_arguments(values, starts, lengths):
    n = min(len(values), len(starts), len(lengths))
    s = _text_column(values[:n])
    n1, n2 = _num_column(starts[:n]), _num_column(lengths[:n])
    n1 = np.where(np.abs(n1) < 1e9, np.trunc(n1), n1)  # keep int() of the positions finite
    n2 = np.where(np.abs(n2) < 1e9, np.trunc(n2), n2)
    for name in ("substr", "usubstr", "udsubstr"):
        _check(STRINGS[name][2], [s, n1, n2])
        _check(STRINGS[name][2], [s, 2.0, math.nan])
    _check(CORE["subinstr"][2], [s, "a", "ZZ", math.nan])
    _check(CORE["subinstr"][2], [s, " ", "", n2])
    _check(CORE["word"][2], [s, n1])
    _check(STRINGS["strpos"][2], [s, "a"])


@SETTINGS
@given(text_columns, text_columns)
def test_two_text_columns(left, right):
    n = min(len(left), len(right))
    a, b = _text_column(left[:n]), _text_column(right[:n])
    _check(STRINGS["strpos"][2], [a, b])
    _check(STRINGS["ustrpos"][2], [a, b])
    _check(CORE["strmatch"][2], [a, "*a*"])


def test_scalar_text_with_column_argument():
    n = np.array([1.0, 2.0, math.nan, -1.0, 2.0, 1.0])
    _check(CORE["word"][2], ["one two three", n])
    _check(STRINGS["substr"][2], ["abcdef", n, 2.0])


def test_repeated_values_are_computed_once():
    calls = []

    def f(v):
        calls.append(v)
        return str(v)
    x = np.tile(np.array([1.0, -0.0, 0.0, math.nan, extended("b")]), 1000)
    out = apply_distinct(f, [x], len(x))
    assert len(calls) == 5
    assert list(out[:5]) == ["1.0", "-0.0", "0.0", "nan", "nan"]
    assert np.float64(calls[4]).tobytes() == np.float64(extended("b")).tobytes()


def test_columns_other_than_floats_and_strings_go_row_by_row():
    mixed = _text_column(["a", None, 1, True, "a"])
    assert not all_python_strings(mixed)
    out = apply_distinct(lambda v: repr(v), [mixed], 5)
    assert list(out) == ["'a'", "None", "1", "True", "'a'"]
    assert all_python_strings(_text_column(["a", "", "é"]))
    assert list(apply_distinct(lambda v: v, [np.array([], dtype=float)], 0)) == []


def test_the_function_error_still_raises():
    from mlmcli.errors import StataError

    def f(v):
        if v > 1:
            raise StataError("bad", 198)
        return "ok"
    with pytest.raises(StataError):
        apply_distinct(f, [np.array([0.0, 2.0, 0.0])], 3)


def test_columns_of_all_different_values_go_row_by_row():
    calls = []

    def f(v):
        calls.append(v)
        return str(v)
    x = np.arange(30000, dtype=float) / 7
    out = apply_distinct(f, [x], len(x))
    assert len(calls) == len(x)
    assert list(out) == [str(v) for v in x]
    # each value three times, in random order: coded, computed once each
    repeated = np.random.default_rng(5).permutation(np.repeat(x[:10000], 3))
    calls.clear()
    assert list(apply_distinct(f, [repeated], len(repeated))) == [str(v) for v in repeated]
    assert len(calls) == 10000
