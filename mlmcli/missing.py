"""Stata's missing values as float64: ``.`` and the extended codes ``.a`` … ``.z``.

``.`` is numpy's ordinary NaN; ``.a`` … ``.z`` are quiet NaNs whose payload
(the low mantissa bits) is k = 1 … 26.  Every NaN is missing, so ``np.isnan``
keeps working everywhere; only ordering, equality and printing look at the
payload.  Any NaN whose payload is not 1 … 26 (a negative NaN, a NaN produced
by arithmetic) reads as ``.``.

Stata's order is: every number < ``.`` < ``.a`` < … < ``.z``.  The order key
(:func:`order_key`) maps ``.`` to 1e308 and ``.a`` … ``.z`` to 1e308 + k·1e305;
Stata numbers never exceed ~8.99e307, so the keys sit above every number.
"""
from __future__ import annotations

import math
import struct

from mlmcli.lazy_module import is_ndarray, lazy_module

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_QNAN = 0x7FF8000000000000
_PAYLOAD = 0x0007FFFFFFFFFFFF
_MAGNITUDE = 0x7FFFFFFFFFFFFFFF
_KEY_BASE = 1e308
_KEY_STEP = 1e305


def extended(letter: str) -> float:
    """The float for ``.letter`` (``""`` gives system missing ``.``)."""
    if not letter:
        return float("nan")
    k = LETTERS.index(letter.lower()) + 1
    return struct.unpack("<d", struct.pack("<Q", _QNAN | k))[0]


def code(v) -> int | np.ndarray:
    """Missing code: -1 for a number, 0 for ``.``, k = 1 … 26 for ``.a`` … ``.z``."""
    if is_ndarray(v):
        a = np.asarray(v, dtype=np.float64)
        payload = (a.view(np.uint64) & np.uint64(_MAGNITUDE)) ^ np.uint64(_QNAN)
        nan = np.isnan(a)
        k = np.where(payload <= 26, payload, 0).astype(np.int64)
        return np.where(nan, k, -1)
    v = float(v)
    if not math.isnan(v):
        return -1
    bits = struct.unpack("<Q", struct.pack("<d", v))[0] & _MAGNITUDE
    k = bits ^ _QNAN
    return k if k <= 26 else 0


def order_key(v):
    """Sort/compare key: numbers unchanged, ``.`` -> 1e308, ``.a``…``.z`` above it."""
    if is_ndarray(v):
        a = np.asarray(v, dtype=np.float64)
        nan = np.isnan(a)
        if not nan.any():
            return a
        return np.where(nan, _KEY_BASE + np.maximum(code(a), 0) * _KEY_STEP, a)
    v = float(v)
    if not math.isnan(v):
        return v
    return _KEY_BASE + code(v) * _KEY_STEP


def from_order_key(key: float) -> float:
    """Inverse of :func:`order_key` (value labels of ``.a`` … ``.z`` are keyed by it)."""
    if key < _KEY_BASE:
        return key
    k = int(round((key - _KEY_BASE) / _KEY_STEP))
    return extended(LETTERS[k - 1] if 1 <= k <= 26 else "")


def text(v) -> str:
    """``"."`` or ``".a"`` … ``".z"`` for a missing value (the caller checks it is missing)."""
    k = code(v)
    return "." + LETTERS[k - 1] if k > 0 else "."


def canonical(v):
    """Every NaN (any payload) -> plain ``.``; used where Stata yields system missing."""
    if is_ndarray(v):
        nan = np.isnan(v)
        if nan.any():
            v = v.copy()
            v[nan] = np.nan
        return v
    return float("nan") if math.isnan(v) else v


def stata_exp(v: float) -> float:
    """Stata's exp() of one number: missing (``.``, NaN) where the double overflows (v above
    709.78...), with no floating-point warning (a huge interval bound put through exp)."""
    try:
        out = math.exp(v)
    except OverflowError:
        return math.nan
    return math.nan if math.isinf(out) else out


MAX_DOUBLE = 8.988465674311579e307  # Stata's largest double (c(maxdouble)); beyond it is missing


def stata_double(v: float) -> float:
    """A computed double as Stata holds it: missing (NaN) past c(maxdouble) or infinite."""
    v = float(v)
    return v if abs(v) <= MAX_DOUBLE else math.nan


def stata_matrix(compute):
    """``compute()`` (an array expression) as Stata's matrix arithmetic gives it: entries that
    overflow the double range (or become NaN through an overflow) are missing, with no
    floating-point warning -- a variance scaled back by 2^498, a cross-product of estimates near
    1e300."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.array(compute(), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def stata_ratio(a: float, b: float) -> float:
    """a/b of two scalars as Stata's arithmetic gives it: missing (NaN) when b is zero or
    either is missing, never an error (loneway.ado's MS = SS/df with df = 0)."""
    a, b = float(a), float(b)
    return a / b if b != 0 and not math.isnan(a) and not math.isnan(b) else math.nan
