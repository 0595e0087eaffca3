"""String duplication, ``s*n`` and ``n*s`` ([U] 13.2.2 String operators): the string
repeated n times, row by row when either side is a variable.

[U] documents only whole, nonnegative n ("abc"*3, 0 gives ""); for the rest mlm takes the
rule meant to match Mata's ``*`` on a string and a real ([M-2] op_arith; the manual's text on
these cases was not at hand, and no Stata run checked them), as ``help operators`` says:
a non-integer n is truncated toward zero (2.9 -> 2), and a negative or missing n gives
the empty string.  A result longer than c(maxstrlvarlen) (2,000,000,000 bytes, the strL
limit) is refused with r(130) before any memory is spent on it.
"""
from __future__ import annotations

import math

from mlmcli.errors import StataError
from mlmcli.lazy_module import is_ndarray, lazy_module

np = lazy_module("numpy", globals(), "np")

MAX_STRING_BYTES = 2_000_000_000  # c(maxstrlvarlen)


def times(n) -> int:
    """How many copies ``n`` asks for: truncated toward zero; negative or missing -> 0."""
    n = float(n)
    if not math.isfinite(n) or n <= 0:  # NaN is every missing value, .a ... .z too
        return 0
    return int(n)


def repeat(s: str, n) -> str:
    k = times(n)
    if not s:
        return ""  # "" * 1e300 is "", and Python cannot repeat by so large a count
    if len(s) * k > MAX_STRING_BYTES // 4 and len(s.encode("utf-8")) * k > MAX_STRING_BYTES:
        raise StataError("expression too long", 130)
    return s * k


def duplicate(s, n):
    """``s*n`` for a string (or column of strings) ``s`` and a number (or column) ``n``."""
    if not is_ndarray(s) and not is_ndarray(n):
        return repeat(s, n)
    rows = len(s) if is_ndarray(s) else len(n)
    out = np.empty(rows, dtype=object)
    for i in range(rows):
        out[i] = repeat(s[i] if is_ndarray(s) else s, n[i] if is_ndarray(n) else n)
    return out
