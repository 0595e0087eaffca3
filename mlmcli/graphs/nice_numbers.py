"""natscale's rule (docs/graphs_natural_scale.md): the step of about ``n`` "nice" labels over a
range and the labels themselves -- shared by natural_scale's locators, date_scale's whole years
and days, and graph matrix's default labels.

The step is a power of ten times 1, 2 or 5: the range over ``n - 1`` rounded as Heckbert's nice
numbers round (below 1.5 -> 1, below 3 -> 2, below 7 -> 5, else 10); the first and last labels
are the multiples of the step nearest the data's ends (halves up).
"""
from __future__ import annotations

import math
import sys


def natural_step(lo: float, hi: float, n: int = 5) -> float:
    """The label step for data from ``lo`` to ``hi`` and about ``n`` labels."""
    raw = (hi - lo) / max(n - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    f = raw / power
    mult = 1.0 if f < 1.5 else 2.0 if f < 3.0 else 5.0 if f < 7.0 else 10.0
    return mult * power


def natural_ticks(lo: float, hi: float, n: int = 5) -> tuple[float, ...]:
    """The labels: every step from the multiple nearest ``lo`` to the one nearest ``hi``
    (halves round up); one value, or none, for data without a range."""
    lo, hi = float(lo), float(hi)  # Python floats: a sum past the double range is inf, not a warning
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return ()
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        return (float(lo),)
    raw = (hi - lo) / max(n - 1, 1)
    # a range past the double range, or too narrow to divide (a subnormal step: its power of ten
    # underflows to 0):
    if not (math.isfinite(raw) and raw >= sys.float_info.min):
        return (lo, hi)  # the data's ends, as when natscale is fooled below
    step = natural_step(lo, hi, n)
    first, last = math.floor(lo / step + 0.5), math.floor(hi / step + 0.5)
    # natscale "fooled" (too many labels, or an outer label past the double range): tickset_g
    # falls back to the data's ends
    if last - first > 1000 or not (math.isfinite(first * step) and math.isfinite(last * step)):
        return (float(lo), float(hi))
    # step * k, rounded to the step's own digits so 0.1 * 3 is written 0.3
    digits = max(0, -math.floor(math.log10(step)) + 1)
    return tuple(round(k * step, digits) for k in range(first, last + 1))
