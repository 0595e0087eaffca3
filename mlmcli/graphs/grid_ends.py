"""The grid lines Stata leaves out by default: those at the outer labels when the axis' scale
(the data, and ``range()``) stops well short of them ([G-3] axis_label_options, ``gmin``/``gmax``),
and the data's extent on an axis that says where that is."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.spec import Panel

# s2color's ``numstyle grid_outer_tol`` (the scheme file): how close, in label steps, a line may be
# to the end of the axis before it counts as the outer one
GRID_OUTER_TOL = 0.23
# Stata's tickset draws the outer line anyway when the scale ends within this many steps of it
NEAR_SCALE_END = 0.6


def scale_end_grid(value: float, spec: Axis, extent: tuple[float, float], locs) -> bool:
    """Whether the grid line at the label ``value`` is left out.  [G-3] axis_label_options: "Stata
    suppresses grid lines when they get too close to the axes or borders of the graph" unless
    ``gmin``/``gmax``; s2color's defaults are ``grid_draw_min no``, ``grid_draw_max no`` (neither
    forced) and ``grid_outer_tol 0.23``.  Stata's tick sets (tickset_g) draw the line at the
    lowest label when the scale's minimum (the data's, or ``range()``'s) is at or below it or
    less than 0.6 label steps above it, else leave it out -- likewise at the highest label --
    and ``nogmin``/``nogmax`` (the scheme's ``grid_force_nomin``/``grid_force_nomax``) leave the
    lowest/highest line out whatever the data.  The step is the labels' (the smallest gap
    between two of them); log scales keep every line, as Stata's."""
    labels = sorted(locs)
    lowest, highest = labels[0], labels[-1]
    lo, hi = extent
    if spec.range is not None:
        lo, hi = min(lo, spec.range[0]), max(hi, spec.range[1])
    tiny = 1e-9 * max(abs(hi - lo), abs(highest - lowest), 1e-300)
    if spec.grid_min is False and abs(value - lowest) <= tiny:
        return True
    if spec.grid_max is False and abs(value - highest) <= tiny:
        return True
    if spec.log:
        return False
    gaps = [b - a for a, b in zip(labels, labels[1:]) if b - a > tiny]
    if not gaps:
        return False
    step = min(gaps)
    draw_low = bool(spec.grid_min) or lo <= lowest + tiny or lo - lowest < NEAR_SCALE_END * step
    draw_high = bool(spec.grid_max) or hi >= highest - tiny or highest - hi < NEAR_SCALE_END * step
    outer_low, outer_high = min(lo, lowest), max(hi, highest)
    kept = ((outer_high - value > GRID_OUTER_TOL * step or draw_high)
            and (value - outer_low > GRID_OUTER_TOL * step or draw_low))
    return not kept


def data_extent(panel: Panel, which: str) -> tuple[float, float] | None:
    """The smallest and largest value the panel's plots draw on the axis (bars from their base)."""
    values = []
    for s in panel.series:
        use_y = (which == "y") != s.horizontal
        if use_y and s.axis not in (1, 3):  # on y axis 2 only: another scale
            continue
        arrays = [s.y, s.y2] if use_y else [s.x]
        if s.kind == "bar" and use_y:
            arrays.append(np.array([s.base or 0.0]))
        for arr in arrays:
            if arr is not None and len(arr):
                finite = np.asarray(arr, float)
                finite = finite[np.isfinite(finite)]
                if finite.size:
                    values += [float(finite.min()), float(finite.max())]
    return (min(values), max(values)) if values else None
