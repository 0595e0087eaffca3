"""Mata's operators on real matrices ([M-2] op_arith, op_colon, op_join, op_logical).

Values are 2-D numpy arrays: float64 for reals (NaN is Mata's missing), object for strings.
- ``A + B``, ``A - B``: same dimensions; ``A * B``: matrix product, or a scalar times a matrix;
  ``A / b``: b a scalar; ``a ^ b``: scalars; ``A # B``: Kronecker product.
- Colon operators ``:+ :- :* :/ :^ :== ...``: element by element between c-conformable
  matrices (the same dimensions, or a scalar, a row or a column vector stretched along the
  other).
- ``A == B`` / ``A != B``: one answer for the whole matrices; ``< > <= >=`` compare scalars.
  Missing is larger than every number, and equal to itself.
- Results that are not finite numbers (1/0, overflow) are missing, as Mata has no infinity.
"""
from __future__ import annotations

import numpy as np

from mlmcli.mata.errors import conformability, type_mismatch


def is_string(value: np.ndarray) -> bool:
    return value.dtype == object


def is_scalar(value: np.ndarray) -> bool:
    return value.shape == (1, 1)


def real(x: float) -> np.ndarray:
    return np.array([[float(x)]])


def _finite(result: np.ndarray) -> np.ndarray:
    result = np.asarray(result, dtype=float)
    result[np.isinf(result)] = np.nan
    return result


def _numbers(*values: np.ndarray) -> None:
    if any(is_string(v) for v in values):
        raise type_mismatch()


def stretch(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """c-conformable operands as numpy broadcasts them (Mata's rule is the same)."""
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise conformability() from None
    return a, b


def order_key(a: np.ndarray) -> np.ndarray:
    """Numbers as they sort in Mata: missing above every number."""
    return np.where(np.isnan(a), np.inf, a)


_ELEMENTWISE = {
    "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power,
}
_COMPARE = {
    "==": np.equal, "!=": np.not_equal, ">": np.greater, "<": np.less, ">=": np.greater_equal,
    "<=": np.less_equal,
}


def binary(op: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a op b`` for every operator of the grammar's binary rules."""
    colon = op.startswith(":")
    base = op[1:] if colon else op
    if base in _COMPARE:
        return _compare(base, a, b, colon)
    if base in ("&", "|"):
        _numbers(a, b)
        if not colon and not (is_scalar(a) and is_scalar(b)):
            raise conformability()
        a, b = stretch(a, b)
        truth = (a != 0) & (b != 0) if base == "&" else (a != 0) | (b != 0)
        return truth.astype(float)
    if base == "+" and is_string(a) and is_string(b):
        a, b = stretch(a, b)
        return np.char.add(a.astype(str), b.astype(str)).astype(object)
    _numbers(a, b)
    with np.errstate(all="ignore"):
        if colon:
            a, b = stretch(a, b)
            return _finite(_ELEMENTWISE[base](a, b))
        if base == "#":
            return _finite(np.kron(a, b))
        if base == "*":
            if is_scalar(a) or is_scalar(b):
                return _finite(a * b)
            if a.shape[1] != b.shape[0]:
                raise conformability()
            return _finite(a @ b)
        if base in ("+", "-"):
            if a.shape != b.shape:
                raise conformability()
            return _finite(_ELEMENTWISE[base](a, b))
        if base == "/":
            if not is_scalar(b):
                raise conformability()
            return _finite(a / b)
        if base == "^":
            if not (is_scalar(a) and is_scalar(b)):
                raise conformability()
            return _finite(np.power(a, b))
    raise conformability()


def _compare(base: str, a: np.ndarray, b: np.ndarray, colon: bool) -> np.ndarray:
    if is_string(a) != is_string(b):
        raise type_mismatch()
    if not is_string(a):
        a, b = order_key(a), order_key(b)
    if colon:
        a, b = stretch(a, b)
        return _COMPARE[base](a, b).astype(float)
    if base in ("==", "!="):
        same = a.shape == b.shape and bool(np.all(a == b))
        return real(same if base == "==" else not same)
    if not (is_scalar(a) and is_scalar(b)):
        raise conformability()
    return real(bool(_COMPARE[base](a[0, 0], b[0, 0])))


def negate(a: np.ndarray) -> np.ndarray:
    _numbers(a)
    return -a


def logical_not(a: np.ndarray) -> np.ndarray:
    _numbers(a)
    return (a == 0).astype(float)


def join(a: np.ndarray, b: np.ndarray, rows: bool) -> np.ndarray:
    """``a \\ b`` (rows) or ``a , b`` (columns); an empty matrix joins anything."""
    if a.size == 0:
        return b
    if b.size == 0:
        return a
    if is_string(a) != is_string(b):
        raise type_mismatch()
    if (a.shape[1] != b.shape[1]) if rows else (a.shape[0] != b.shape[0]):
        raise conformability()
    return np.vstack([a, b]) if rows else np.hstack([a, b])


def truth(value: np.ndarray) -> bool:
    """A condition (``if``, ``while``, ``for``, ``?:``): a real scalar, true unless 0."""
    if is_string(value) or not is_scalar(value):
        raise type_mismatch()
    return bool(value[0, 0] != 0)
