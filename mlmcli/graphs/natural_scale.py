"""Stata's automatic axis labels: about ``n`` "nice" values over the data's range (tickset_g.class
asks ``gdi natscale min max n``; s2color labels about 5, ``xlabel(#k)`` about k).

natscale itself is built into Stata and undocumented beyond "nice values ... in approximately
#_n steps" (help _natscale).  The rule here was fitted to Stata-drawn graphs whose data are
known (docs/graphs_natural_scale.md): the step is a power of ten times 1, 2 or 5 -- the range
over ``n - 1`` rounded as Heckbert's nice numbers round (below 1.5 -> 1, below 3 -> 2, below 7
-> 5, else 10) -- and the first and last labels are the multiples of the step nearest the
data's ends, so an end label may lie a little inside or outside the data (auto's mpg 12-41:
10 20 30 40; weight 1,760-4,840: 2,000 ... 5,000).  The axis then reaches to its labels.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import Locator


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
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return ()
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        return (float(lo),)
    step = natural_step(lo, hi, n)
    first, last = math.floor(lo / step + 0.5), math.floor(hi / step + 0.5)
    if last - first > 1000:  # natscale "fooled": tickset_g falls back to the data's ends
        return (float(lo), float(hi))
    # step * k, rounded to the step's own digits so 0.1 * 3 is written 0.3
    digits = max(0, -math.floor(math.log10(step)) + 1)
    return tuple(round(k * step, digits) for k in range(first, last + 1))


class NaturalLocator(Locator):
    """The major ticks of an automatic axis.  ``finish_limits`` gives it the data's range once
    the axis' limits are known (``fix``) and widens them to its labels; until then (and on a
    scale other axes fixed) it labels the view range with matplotlib's 5% margins taken off."""

    def __init__(self, n: int = 5):
        self.n = n
        self.fixed: tuple[float, ...] | None = None

    def fix(self, lo: float, hi: float) -> tuple[float, ...]:
        self.fixed = natural_ticks(lo, hi, self.n)
        return self.fixed

    def __call__(self):
        if self.fixed is not None:
            return np.asarray(self.fixed, float)
        lo, hi = sorted(self.axis.get_view_interval())
        return self.tick_values(lo, hi)

    def tick_values(self, vmin, vmax):
        span = (vmax - vmin) / 1.1
        lo = vmin + 0.05 * span
        return np.asarray([v for v in natural_ticks(lo, lo + span, self.n)
                           if vmin - 1e-9 * abs(span) <= v <= vmax + 1e-9 * abs(span)], float)


def natural_reach(locator: NaturalLocator, lo: float, hi: float, data: tuple[float, float], spec,
                  margin: tuple[float, float]) -> tuple[float, float]:
    """The limits ``lo``..``hi`` widened to an automatic axis' labels (``locator`` then holds
    them): natscale runs on the scale's range -- the data's (``data``), ``range()`` and the 0 a
    bar chart includes -- and the axis reaches its outer labels, with ``margin`` (fractions of
    the whole range) beyond a label outside the data."""
    base_lo, base_hi = data
    if spec.range is not None:
        base_lo, base_hi = min(base_lo, spec.range[0]), max(base_hi, spec.range[1])
    if spec.include_zero:
        base_lo, base_hi = min(base_lo, 0.0), max(base_hi, 0.0)
    ticks = locator.fix(base_lo, base_hi)
    if not ticks:
        return lo, hi
    first, last = min(ticks), max(ticks)
    span = max(base_hi, last) - min(base_lo, first)
    if first < lo:
        lo = first - margin[0] * span
    if last > hi:
        hi = last + margin[1] * span
    return lo, hi


def automatic(spec, ticks) -> bool:
    """Whether ``apply_axis`` gives an axis (not a category axis) the natural labels: neither
    typed ticks nor typed labels (unless ``add``), not log, not a date format's whole periods."""
    from mlmcli.graphs.axis_formats import whole_periods

    typed_labels = spec.ticklabels is not None and not (spec.add and spec.ticklabels)
    typed_ticks = ticks is not None and not spec.add
    return not (typed_labels or typed_ticks or spec.log or whole_periods(spec.format or spec.var_format))


def shared_natural(graph, which: str, limits, margin, data):
    """A by() graph's shared automatic axis: its natural labels over every panel's data
    (``data``: their extent) and its limits reaching them (None when the axis is typed or a
    category axis)."""
    spec = graph.xaxis if which == "x" else graph.yaxis
    if not automatic(spec, graph.xticks if which == "x" else graph.yticks) or any(
            getattr(p, f"{which}ticklabels", None) is not None for p in graph.panels):
        return limits, None
    if data is None:
        return limits, None
    locator = NaturalLocator(spec.nticks or 5)
    limits = natural_reach(locator, *limits, data, spec, margin)
    return limits, locator.fixed


def fix_shared(ax, shared_ticks: dict) -> None:
    """Give a by() panel's natural axes the labels ``shared_natural`` chose for the trellis."""
    for which, found in shared_ticks.items():
        locator = getattr(ax, f"{which}axis").get_major_locator()
        if isinstance(locator, NaturalLocator) and found is not None:
            locator.fixed = found
