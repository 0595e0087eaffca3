"""Stata's value rules on numpy: missing values, comparisons, arithmetic.

A value during evaluation is either a scalar (Python ``float`` or ``str``) or a
numpy array over observations (``float64`` with NaN for missing, or ``object``
holding Python ``str``).  Constants stay scalars until something needs a whole
column, which keeps ``display`` and constant subexpressions cheap.

Missing values: every numeric missing is NaN here; ``.`` is the plain NaN and
``.a`` … ``.z`` carry a NaN payload (encoding in ``mlmcli/missing.py``).
Comparisons use Stata's order, numbers < ``.`` < ``.a`` < … < ``.z``
(``missing.order_key``), so ``.a == .a`` but ``.a != .``; arithmetic that
yields inf or NaN (division by zero, overflow, log of a negative, any missing
operand) gives system missing ``.`` (``clean`` drops payloads).
"""
from __future__ import annotations

import math
import operator

from mlmcli.lazy_module import is_ndarray, lazy_module

from mlmcli.errors import type_mismatch
from mlmcli.missing import order_key

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed

MISSING = float("nan")


def is_str(v) -> bool:
    kind = type(v)
    if kind is float:  # the common cases first (the same answers)
        return False
    return kind is str or isinstance(v, str) or (is_ndarray(v) and v.dtype == object)


def is_array(v) -> bool:
    return is_ndarray(v)


def as_num(v):
    """The value as a number (float or float64 array); strings raise type mismatch."""
    if is_str(v):
        raise type_mismatch()
    if is_ndarray(v):
        return v
    return float(v)


def as_str(v):
    if not is_str(v):
        raise type_mismatch()
    return v


def element_value(v) -> float:
    """A matrix element read into a scalar expression (``el(A,i,j)``, ``A[i,j]``): a number, or
    its missing value as it is (``.a`` ... ``.z`` kept, as Stata's matrices hold them); inf -> ``.``."""
    v = float(v)
    if math.isinf(v):
        return MISSING
    if math.isnan(v):
        from mlmcli.missing import LETTERS, code, extended

        k = code(v)
        return extended(LETTERS[k - 1]) if k > 0 else MISSING
    return v


def clean(v):
    """inf and NaN (any payload, so ``.a`` too) -> system missing ``.`` (plain NaN);
    scalars come back as Python floats."""
    if is_ndarray(v):
        if v.ndim == 0:  # a numpy scalar result of a scalar computation
            v = v.item()
            return v if isinstance(v, str) else (float(v) if math.isfinite(v) else MISSING)
        if v.dtype == object:
            return v
        v = np.asarray(v, dtype=float)
        finite = np.isfinite(v)
        if not finite.all():
            v = v.copy()
            v[~finite] = np.nan
        return v
    if isinstance(v, str):
        return v
    v = float(v)
    return v if math.isfinite(v) else MISSING


def _key(v):
    """Order key for numeric comparisons: numbers < ``.`` < ``.a`` < … < ``.z``."""
    return order_key(v)


def _bool_to_num(b):
    if is_ndarray(b):
        return b.astype(float)
    return 1.0 if b else 0.0


_CMP = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "~=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def compare(op: str, a, b):
    """Relational operators: 1.0/0.0; strings compare with strings only."""
    sa, sb = is_str(a), is_str(b)
    if sa != sb:
        raise type_mismatch()
    if sa:
        res = _CMP[op](a, b)
        if is_ndarray(res):
            return res.astype(bool).astype(float)
        return _bool_to_num(res)
    return _bool_to_num(_CMP[op](_key(a), _key(b)))


def arith(op: str, a, b):
    """``+ - * / ^``; ``+`` on two strings concatenates, ``*`` between a string and a number
    duplicates the string ([U] 13.2.2); any other mix with a string is a type mismatch."""
    array_a, array_b = is_ndarray(a), is_ndarray(b)
    sa = (a.dtype == object) if array_a else isinstance(a, str)
    sb = (b.dtype == object) if array_b else isinstance(b, str)
    if sa or sb:
        if sa and sb and op == "+":
            return _concat(a, b)
        if op == "*" and sa != sb:
            from mlmcli.expr.string_duplication import duplicate

            return duplicate(a, b) if sa else duplicate(b, a)
        raise type_mismatch()
    a, b = a if array_a else np.float64(a), b if array_b else np.float64(b)
    operation = _ARITH.get(op)
    if operation is None:  # pragma: no cover - grammar guarantees the operator
        raise ValueError(op)
    with np.errstate(all="ignore"):
        r = operation(a, b)
    return clean(r)


# the operators' functions: a + b is operator.add(a, b), the same call into numpy
_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "^": lambda a, b: np.power(a, b)}


def _concat(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a + b
    if not is_array(a):
        a = np.full(len(b), a, dtype=object)
    if not is_array(b):
        b = np.full(len(a), b, dtype=object)
    out = np.empty(len(a), dtype=object)
    for i in range(len(a)):
        out[i] = a[i] + b[i]
    return out


def negate(a):
    a = as_num(a)
    return clean(-a)  # -. and -.a are system missing (negation would also flip the NaN's sign)


def truth(v):
    """Stata truth: nonzero (missing included) is true.  Strings are a type mismatch."""
    v = as_num(v)
    if is_ndarray(v):
        return v != 0
    return v != 0


def logical_not(a):
    return _bool_to_num(~truth(a) if is_array(a) else not truth(a))


def logical_and(a, b):
    ta, tb = truth(a), truth(b)
    return _bool_to_num(np.logical_and(ta, tb) if is_array(ta) or is_array(tb) else (ta and tb))


def logical_or(a, b):
    ta, tb = truth(a), truth(b)
    return _bool_to_num(np.logical_or(ta, tb) if is_array(ta) or is_array(tb) else (ta or tb))


def is_missing(v):
    """Numeric missing or empty string (Stata's ``missing()``)."""
    if is_str(v):
        if is_array(v):
            return np.array([s == "" for s in v], dtype=bool)
        return v == ""
    if is_array(v):
        return np.isnan(v)
    return math.isnan(v)


def broadcast(v, n: int) -> np.ndarray:
    """A value as an array over ``n`` observations."""
    if is_array(v):
        return v
    if isinstance(v, str):
        return np.full(n, v, dtype=object)
    return np.full(n, float(v), dtype=float)
