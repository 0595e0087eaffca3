"""``recast()`` of the twoway plots that compute what they draw (``function``, ``histogram``,
``kdensity``, ``lowess``, ``lfit``, ``qfit``, ``lpoly``): Stata draws the computed curve (its
y and x) as the plot type asked for, so ``twoway kdensity v, recast(area)`` fills under the
density and ``twoway lfit y x, recast(scatter)`` marks the fitted points; the other plot types
redraw their own variables (``build``)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.series_parts import base_value, is_horizontal, last_option, look_fields
from mlmcli.graphs.spec import Series

COMPUTED = ("function", "histogram", "kdensity", "lowess", "lfit", "qfit", "lpoly")
# the types a computed curve (one y over x) can be drawn as
TARGETS = ("scatter", "line", "connected", "area", "bar", "spike", "dropline", "dot")


def check_target(kind: str) -> None:
    if kind not in TARGETS:  # a range plot needs two y variables
        raise StataError("too few variables specified", 102)


def recast_series(series: list[Series], plot, ctx=None) -> list[Series]:
    """The plot's computed series (lines, or a histogram's bars) drawn as ``plot.recast``; ``dot``
    (a yxtype style, yxview_dot_draw: graphs.view_types) needs the graph's context ``ctx``."""
    kind = plot.recast
    turned = is_horizontal(plot) and plot.kind in ("function", "histogram", "kdensity")
    out: list[Series] = []
    for s in series:
        if s.style == 0:  # a band is not the curve
            out.append(s)
            continue
        x, y = (s.y, s.x) if turned and s.kind == "line" else (s.x, s.y)
        common = dict(label=s.label, style=s.style, axis=s.axis)
        if kind == "dot":
            from mlmcli.graphs.smooth_plots import dot_series

            out += dot_series(ctx, plot, np.asarray(x, float), np.asarray(y, float), s.label, s.style,
                              look_fields(plot, "scatter"))
            continue
        if kind in ("scatter", "line", "connected"):
            px, py = (y, x) if turned else (x, y)
            out.append(Series(kind, px, py, **common, **look_fields(plot, kind)))
            continue
        base = base_value(plot)
        if kind == "area":
            out.append(Series("area", x, np.full_like(y, base), y, base=base, horizontal=turned,
                              **common, **look_fields(plot, "area")))
        elif kind == "bar":
            typed = last_option(plot.options, "barwidth")
            width = float(typed) if typed is not None else (s.width if s.kind == "bar" and s.width else 1.0)
            out.append(Series("bar", x, y, width=width, base=base, horizontal=turned,
                              **common, **look_fields(plot, "bar")))
        else:  # spike, dropline
            out.append(Series("rspike", x, np.full_like(y, base), y, horizontal=turned, legend=kind == "spike",
                              **common, **look_fields(plot, "rspike")))
            if kind == "dropline":
                px, py = (y, x) if turned else (x, y)
                out.append(replace(Series("scatter", px, py, **common, **look_fields(plot, "scatter"))))
    return out
