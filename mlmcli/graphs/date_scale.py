"""Automatic labels of an axis in a date format (``%td``, ``%tw``, ``%tm``, ``%tq``, ``%th``,
``%ty``): tickset_g.class asks ``gdi tsnatscale min max n, <unit>`` instead of natscale, and
tsnatscale (built into Stata, undocumented) labels whole, calendar-nice periods.

What is known of it (docs/graphs_natural_scale.md): sp500's daily closes, 02jan2001-31dec2001,
are labelled 01jan2001 01apr2001 01jul2001 01oct2001 01jan2002 (``tsline high low``; help
mydays, Cox and Merryman, SSC), and month-end data get labels at the first of months (Statalist
2005-08, "Axis label annoyance").  The rule here: about ``n`` labels, the step the calendar
step nearest the range over ``n - 1`` -- 1, 2, 3 or 6 months, 1 or 2 quarters, 1, 2, 4, 13 or
26 weeks, else whole years by natscale's rule (``natural_step``), and days by natscale's rule
below two months -- the labels at multiples of the step (a daily axis at the first of those
months) nearest the data's ends, as natscale's are.
"""
from __future__ import annotations

import datetime as _dt
import math

from mlmcli.graphs.nice_numbers import natural_step, natural_ticks

_EPOCH = _dt.date(1960, 1, 1)
_PER_YEAR = {"w": 52, "m": 12, "q": 4, "h": 2, "y": 1}
_STEPS = {"w": (1, 2, 4, 13, 26), "m": (1, 2, 3, 6), "q": (1, 2), "h": (1,), "y": ()}


def _nearest(raw: float, steps) -> int:
    return min(steps, key=lambda s: abs(math.log(s / raw)))


def _period_labels(lo: float, hi: float, n: int, unit: str) -> tuple[float, ...]:
    """Labels of a %tw/%tm/%tq/%th/%ty axis (values: periods since 1960's first)."""
    per_year = _PER_YEAR[unit]
    raw = (hi - lo) / max(n - 1, 1)
    if raw <= 0:
        return (float(round(lo)),)
    subyear = _STEPS[unit]
    if subyear and raw < per_year * 0.75:  # within a year: the calendar step nearest
        step = _nearest(raw, subyear)
        first, last = math.floor(lo / step + 0.5), math.floor(hi / step + 0.5)
        return tuple(float(k * step) for k in range(first, last + 1))
    # whole years: natscale's step over the years (at least one), at years its multiples
    years_lo, years_hi = (lo / per_year + 1960, hi / per_year + 1960) if unit != "y" else (lo, hi)
    step = max(1, round(natural_step(years_lo, years_hi, n))) if years_hi > years_lo else 1
    first, last = math.floor(years_lo / step + 0.5), math.floor(years_hi / step + 0.5)
    years = [k * step for k in range(first, last + 1)]
    return tuple(float(y) if unit == "y" else float((y - 1960) * per_year) for y in years)


def _month_index(day: float) -> float:
    """A %td value as months since 1960m1, the day of the month a fraction of its month."""
    d = _EPOCH + _dt.timedelta(days=math.floor(day))
    start = _dt.date(d.year, d.month, 1)
    nxt = _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    frac = ((d - start).days + (day - math.floor(day))) / (nxt - start).days
    return (d.year - 1960) * 12 + d.month - 1 + frac


def _first_of_month(index: int) -> float:
    year, month = divmod(index, 12)
    return float((_dt.date(1960 + year, month + 1, 1) - _EPOCH).days)


def _daily_labels(lo: float, hi: float, n: int) -> tuple[float, ...]:
    if hi - lo < 60:  # under two months: natscale's whole days
        found = natural_ticks(lo, hi, n)
        step = found[1] - found[0] if len(found) > 1 else 1.0
        if step >= 1:
            return found
        return tuple(float(v) for v in range(math.floor(lo + 0.5), math.floor(hi + 0.5) + 1))
    months = _period_labels(_month_index(lo), _month_index(hi), n, "m")
    return tuple(_first_of_month(int(m)) for m in months)


def date_ticks(lo: float, hi: float, n: int, unit: str) -> tuple[float, ...]:
    """The automatic labels of data from ``lo`` to ``hi`` in a date format of ``unit`` (d, w, m,
    q, h, y); none for data without finite ends."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return ()
    lo, hi = min(lo, hi), max(lo, hi)
    if hi == lo:
        return (float(round(lo)),)
    if unit == "d":
        return _daily_labels(lo, hi, n)
    return _period_labels(lo, hi, n, unit)
