"""Stata's automatic axis labels: about ``n`` "nice" values over the data's range (tickset_g.class
asks ``gdi natscale min max n``; s2color labels about 5, ``xlabel(#k)`` about k).

natscale itself is built into Stata and undocumented beyond "nice values ... in approximately
#_n steps" (help _natscale).  The rule here was fitted to Stata-drawn graphs whose data are
known (docs/graphs_natural_scale.md): the step is a power of ten times 1, 2 or 5 -- the range
over ``n - 1`` rounded as Heckbert's nice numbers round (below 1.5 -> 1, below 3 -> 2, below 7
-> 5, else 10) -- and the first and last labels are the multiples of the step nearest the
data's ends, so an end label may lie a little inside or outside the data (auto's mpg 12-41:
10 20 30 40; weight 1,760-4,840: 2,000 ... 5,000).  The axis then reaches to its labels.
The rule itself is nice_numbers'; a log axis keeps natscale's labels above 0, an axis in a date
format gets tsnatscale's calendar labels (date_scale); xtick(#k)/xmtick(#k) use the same rule.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import Locator

from mlmcli.graphs.date_scale import date_ticks
from mlmcli.graphs.nice_numbers import natural_ticks


class NaturalLocator(Locator):
    """The major ticks of an automatic axis.  ``finish_limits`` gives it the data's range once
    the axis' limits are known (``fix``) and widens them to its labels; until then (and on a
    scale other axes fixed) it labels the view range with matplotlib's 5% margins taken off.
    ``log``: a log axis' labels, natscale's over the original values with those not above 0
    left out (tickset_g.class ``set_transform``); ``unit``: a date format's (date_scale)."""

    def __init__(self, n: int = 5, log: bool = False, unit: str | None = None):
        self.n, self.log, self.unit = n, log, unit
        self.fixed: tuple[float, ...] | None = None

    def labels(self, lo: float, hi: float) -> tuple[float, ...]:
        if self.unit:
            return date_ticks(lo, hi, self.n, self.unit)
        found = natural_ticks(lo, hi, self.n)
        return tuple(v for v in found if v > 0) if self.log else found

    def fix(self, lo: float, hi: float) -> tuple[float, ...]:
        self.fixed = self.labels(lo, hi)
        return self.fixed

    def __call__(self):
        if self.fixed is not None:
            return np.asarray(self.fixed, float)
        lo, hi = sorted(self.axis.get_view_interval())
        return self.tick_values(lo, hi)

    def tick_values(self, vmin, vmax):
        if self.log:
            return np.asarray([v for v in self.labels(vmin, vmax) if vmin <= v <= vmax], float)
        with np.errstate(over="ignore", invalid="ignore"):
            span = (vmax - vmin) / 1.1
        if not math.isfinite(span):  # a view past the double range: its ends (natural_ticks')
            return np.asarray(self.labels(vmin, vmax), float)
        lo = vmin + 0.05 * span
        return np.asarray([v for v in self.labels(lo, lo + span)
                           if vmin - 1e-9 * abs(span) <= v <= vmax + 1e-9 * abs(span)], float)


def natural_reach(locator: NaturalLocator, lo: float, hi: float, data: tuple[float, float], spec,
                  margin: tuple[float, float]) -> tuple[float, float]:
    """The limits ``lo``..``hi`` widened to an automatic axis' labels (``locator`` then holds
    them): natscale runs on the scale's range -- the data's (``data``), ``range()`` and the 0 a
    bar chart includes -- and the axis reaches its outer labels, with ``margin`` (fractions of
    the whole range) beyond a label outside the data."""
    base_lo, base_hi = float(data[0]), float(data[1])  # Python floats: past the range is inf, not a warning
    if spec.range is not None:
        base_lo, base_hi = min(base_lo, spec.range[0]), max(base_hi, spec.range[1])
    if spec.include_zero:
        base_lo, base_hi = min(base_lo, 0.0), max(base_hi, 0.0)
    ticks = locator.fix(base_lo, base_hi)
    if not ticks:
        return lo, hi
    first, last = min(ticks), max(ticks)
    if locator.log:  # the margin a fraction of the range of the logs
        logs = [math.log10(v) for v in (base_lo, base_hi, first, last) if v > 0]
        span = max(logs) - min(logs)
        if first < lo:
            lo = 10.0 ** (math.log10(first) - margin[0] * span)
        if last > hi:
            hi = 10.0 ** (math.log10(last) + margin[1] * span)
        return lo, hi
    span = max(base_hi, last) - min(base_lo, first)
    if not math.isfinite(span):  # labels spanning more than a double holds: no margin beyond them
        return min(lo, first), max(hi, last)
    if first < lo:
        lo = first - margin[0] * span
    if last > hi:
        hi = last + margin[1] * span
    return lo, hi


def automatic(spec, ticks) -> bool:
    """Whether ``apply_axis`` gives an axis (not a category axis) the natural labels: neither
    typed ticks nor typed labels (unless ``add``)."""
    typed_labels = spec.ticklabels is not None and not (spec.add and spec.ticklabels)
    typed_ticks = ticks is not None and not spec.add
    return not (typed_labels or typed_ticks)


def natural_locator(spec) -> NaturalLocator:
    """An automatic axis' locator: about 5 labels (``xlabel(#k)``: k), on a log scale or in its
    date format's whole periods as its scale and format ask."""
    from mlmcli.graphs.axis_formats import whole_periods
    from mlmcli.render.old_date_format import date_unit

    fmt = spec.format or spec.var_format
    unit = date_unit(fmt) if whole_periods(fmt) else None
    return NaturalLocator(spec.nticks or 5, log=bool(spec.log), unit=unit)


def shared_natural(graph, which: str, limits, margin, data):
    """A by() graph's shared automatic axis: its natural labels over every panel's data
    (``data``: their extent) and its limits reaching them (None when the axis is typed or a
    category axis)."""
    spec = graph.xaxis if which == "x" else graph.yaxis
    if not automatic(spec, graph.xticks if which == "x" else graph.yticks) or any(
            getattr(p, f"{which}ticklabels", None) is not None for p in graph.panels):
        return limits, None
    if data is None or spec.log:  # (a log axis: each panel's limits reach its labels)
        return limits, None
    locator = natural_locator(spec)
    limits = natural_reach(locator, *limits, data, spec, margin)
    return limits, locator.fixed


def fix_shared(ax, shared_ticks: dict) -> None:
    """Give a by() panel's natural axes the labels ``shared_natural`` chose for the trellis."""
    for which, found in shared_ticks.items():
        locator = getattr(ax, f"{which}axis").get_major_locator()
        if isinstance(locator, NaturalLocator) and found is not None:
            locator.fixed = found
