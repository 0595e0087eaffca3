"""The grid lines Stata leaves out by default: those at a label where the axis' scale ends
([G-3] axis_label_options, ``gmin``/``gmax``), and the data's extent on an axis that says where
that is."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs.spec import Axis, Panel


def scale_end_grid(value: float, spec: Axis, extent: tuple[float, float], locs) -> bool:
    """Whether the grid line at the label ``value`` is left out: [G-3] axis_label_options,
    "Stata suppresses grid lines when they get too close to the axes or borders of the graph. If
    you want to force Stata to draw them anyway, you can specify the gmin and gmax options" (its
    example: no grid line at the axis' last value, 5,000, beyond the data).  mlm reads "too close"
    as: the label is where the axis' scale ends -- no data (or ``range()``) beyond it on that side,
    so only the plot region's margin lies between it and the border."""
    lo, hi = extent
    if spec.range is not None:
        lo, hi = min(lo, spec.range[0]), max(hi, spec.range[1])
    span = max(abs(hi - lo), abs(max(locs) - min(locs)), 1e-300)
    tol = 1e-9 * span
    low_end = value <= lo + tol and value <= min(locs) + tol
    high_end = value >= hi - tol and value >= max(locs) - tol
    return (low_end and not spec.grid_min) or (high_end and not spec.grid_max)


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
