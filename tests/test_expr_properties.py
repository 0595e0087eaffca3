"""Property tests: the expression engine's missing-value rules are Stata's.

Stata: a numeric missing value is larger than every number (and equal to
itself), so comparisons never return missing; arithmetic with a missing
operand is missing; a missing value is true in logical context.
"""
from __future__ import annotations

import io
import math
import operator

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.expr import evaluate, evaluate_scalar
from mlmcli.session import Output, Session

numbers = st.one_of(
    st.just(float("nan")),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-5, max_value=5).map(float),
)

CMP = {"==": operator.eq, "!=": operator.ne, "~=": operator.ne, "<": operator.lt,
       "<=": operator.le, ">": operator.gt, ">=": operator.ge}
ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def stata_key(v: float) -> float:
    return math.inf if math.isnan(v) else v


def literal(v: float) -> str:
    return "." if math.isnan(v) else f"({v!r})"


def session_with(a, b) -> Session:
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"a": a, "b": b}))
    return s


@settings(max_examples=300, deadline=None)
@given(numbers, numbers, st.sampled_from(sorted(CMP)))
def test_comparisons_treat_missing_as_largest(a, b, op):
    got = evaluate_scalar(Session(out=Output(io.StringIO())), f"{literal(a)} {op} {literal(b)}")
    assert got == float(CMP[op](stata_key(a), stata_key(b)))


@settings(max_examples=300, deadline=None)
@given(numbers, numbers, st.sampled_from(sorted(ARITH)))
def test_arithmetic_propagates_missing(a, b, op):
    got = evaluate_scalar(Session(out=Output(io.StringIO())), f"{literal(a)} {op} {literal(b)}")
    if math.isnan(a) or math.isnan(b) or (op == "/" and b == 0):
        assert math.isnan(got)
        return
    with np.errstate(all="ignore"):
        want = float(ARITH[op](np.float64(a), np.float64(b)))
    if math.isfinite(want):
        assert got == want
    else:  # overflow: Stata gives missing
        assert math.isnan(got)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(numbers, numbers), min_size=1, max_size=20), st.sampled_from(sorted(CMP)))
def test_column_comparisons_and_logic(pairs, op):
    a = [p[0] for p in pairs]
    b = [p[1] for p in pairs]
    s = session_with(a, b)
    got = evaluate(s, f"a {op} b")
    want = [float(CMP[op](stata_key(x), stata_key(y))) for x, y in pairs]
    assert list(got) == want
    # logical operators: missing is true (it is not zero)
    got_and = evaluate(s, "a & b")
    assert list(got_and) == [float(x != 0 and y != 0) for x, y in pairs]
    got_not = evaluate(s, "!a")
    assert list(got_not) == [float(x == 0) for x in a]
    assert not np.isnan(got).any()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(numbers, numbers), min_size=1, max_size=20))
def test_missing_function_and_if_condition_agree(pairs):
    a = [p[0] for p in pairs]
    b = [p[1] for p in pairs]
    s = session_with(a, b)
    assert list(evaluate(s, "missing(a, b)")) == [float(math.isnan(x) or math.isnan(y)) for x, y in pairs]
    assert list(evaluate(s, "a >= .")) == [float(math.isnan(x)) for x in a]


# ----- matrix elements in scalar expressions ([U] 14.10) and matrix expressions ([P] matrix define)

def _matrix_session(values: np.ndarray) -> Session:
    from mlmcli.results.matrix import Matrix

    s = Session(out=Output(io.StringIO()))
    r, c = values.shape
    s.matrices["A"] = Matrix(values, tuple(f"r{i}" for i in range(1, r + 1)), tuple(f"c{j}" for j in range(1, c + 1)))
    return s


small = st.integers(min_value=-9, max_value=9).map(float)
shapes = st.tuples(st.integers(1, 4), st.integers(1, 4))


@settings(max_examples=200, deadline=None)
@given(shapes.flatmap(lambda rc: st.tuples(st.just(rc), st.lists(small, min_size=rc[0] * rc[1],
                                                                  max_size=rc[0] * rc[1]))),
       st.integers(0, 5), st.integers(0, 5))
def test_matrix_elements_and_el_agree_and_are_missing_out_of_range(data, i, j):
    (r, c), flat = data
    values = np.array(flat).reshape(r, c)
    s = _matrix_session(values)
    inside = 1 <= i <= r and 1 <= j <= c
    for text in (f"A[{i},{j}]", f"el(A,{i},{j})", f"A[{i},{j}] + 0"):
        got = evaluate_scalar(s, text)
        assert (got == values[i - 1, j - 1]) if inside else math.isnan(got)
    assert evaluate_scalar(s, "rowsof(A)*10 + colsof(A)") == r * 10 + c


@settings(max_examples=150, deadline=None)
@given(shapes.flatmap(lambda rc: st.lists(small, min_size=rc[0] * rc[1], max_size=rc[0] * rc[1]).map(
    lambda flat: np.array(flat).reshape(rc))), small)
def test_matrix_expressions_match_numpy(values, k):
    from mlmcli.expr.matrix_expression import evaluate_matrix

    s = _matrix_session(values)
    got = evaluate_matrix(s, f"A'*A + ({k!r})*A'*A - A'#(1) * A")
    assert np.allclose(got.values, values.T @ values + k * values.T @ values - values.T @ values)
    joined = evaluate_matrix(s, "(A, A \\ A, A)'")
    assert np.allclose(joined.values, np.block([[values, values], [values, values]]).T)
