"""The series of ``twoway mband``, ``mspline`` (``median_bands``) and ``dot`` (``fpfit`` and
``fpfitci``: ``fpfit_plot``).

``twoway dot y x``: a marker at each (x, y) and, at each x, a column of ``ndots()`` small dots
(default 100 over the plot's span) across the span of y (``dotextend(yes)``, the default: from
the lowest to the highest value of the plot, widened by 5% as the axis is) or from ``base()``
(default 0) to the point (``dotextend(no)``); ``horizontal``: rows of dots at each x along the
x axis.  The dots take ``dsymbol()``, ``dcolor()``, ``dfcolor()``, ``dlcolor()``, ``dsize()``
(default: s2color's small dots, the marker colour); the markers the marker options.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

from mlmcli.graphs.graph_options import number
from mlmcli.graphs.series_parts import last_option, look_fields, var_label, xy_columns
from mlmcli.graphs.spec import Series


def _bands(opts: dict, n_obs: int) -> int:
    from mlmcli.graphs.median_bands import default_bands

    if "bands" not in opts:
        return default_bands(n_obs)
    value = number(last_option(opts, "bands"), "bands")
    if value < 1 or value != int(value):
        raise StataError("option bands() incorrectly specified", 198)
    return int(value)


def mband(ctx, plot, keep) -> list[Series]:
    """Straight lines through the cross medians of ``bands()`` bands of x."""
    from mlmcli.graphs.median_bands import cross_medians

    x, y, _ = xy_columns(ctx, plot, keep, plot.ys[0])
    if x.size == 0:
        return []
    mx, my = cross_medians(y, x, _bands(plot.options, x.size))
    return [Series("line", mx, my, label=var_label(ctx, plot.ys[0]), style=plot.styles[0],
                   **look_fields(plot, "line"))]


def mspline(ctx, plot, keep) -> list[Series]:
    """A natural cubic spline through the cross medians, ``n()`` points between knots."""
    from mlmcli.graphs.median_bands import cross_medians, natural_cubic_spline

    x, y, _ = xy_columns(ctx, plot, keep, plot.ys[0])
    if x.size == 0:
        return []
    mx, my = cross_medians(y, x, _bands(plot.options, x.size))
    between = 10
    if "n" in plot.options:
        between = int(number(last_option(plot.options, "n"), "n"))
        if between < 0:
            raise StataError("option n() incorrectly specified", 198)
    sx, sy = natural_cubic_spline(mx, my, between)
    return [Series("line", sx, sy, label=var_label(ctx, plot.ys[0]), style=plot.styles[0],
                   **look_fields(plot, "line"))]


def dot(ctx, plot, keep) -> list[Series]:
    """Markers at (x, y) and each x's column of dots; one set per y (plots.SEVERAL_Y)."""
    out = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        x, y, _ = xy_columns(ctx, plot, keep, yname)
        out += dot_series(ctx, plot, x, y, var_label(ctx, yname), style_no, look_fields(plot, "scatter", i))
    return out


def dot_series(ctx, plot, x, y, label: str, style_no: int, marker_fields: dict) -> list[Series]:
    """Points (x, y) drawn as twoway dot draws them (yxview_dot_draw): a column of dots at
    each x, then the markers -- also a computed curve whose view type is ``dot``
    (``lfitci, fitplot(dot)``, ``ciplot(dot)``, ``scatteri, recast(dot)``)."""
    from mlmcli.graphs.series_parts import is_horizontal

    opts = plot.options
    ok = np.isfinite(y) & np.isfinite(x)
    x, y = x[ok], y[ok]
    if x.size == 0:
        return []
    horizontal = is_horizontal(plot)
    extend = str(last_option(opts, "dotextend") or "yes").strip().lower()
    if extend not in ("yes", "no", "y", "n"):
        raise StataError("option dotextend() incorrectly specified", 198)
    base = number(last_option(opts, "base"), "base") if "base" in opts else 0.0
    n_dots = int(number(last_option(opts, "ndots"), "ndots")) if "ndots" in opts else 100
    if n_dots < 1:
        raise StataError("option ndots() incorrectly specified", 198)
    lo, hi = float(y.min()), float(y.max())
    if extend.startswith("n"):
        lo, hi = min(lo, base), max(hi, base)
    pad = 0.05 * (hi - lo) if hi > lo else 0.5
    full_lo, full_hi = lo - pad, hi + pad
    step = (full_hi - full_lo) / max(n_dots - 1, 1)
    dot_x, dot_y = [], []
    for xv, yv in zip(x, y):
        if extend.startswith("n"):
            a, b = sorted((base, yv))
            values = np.arange(a, b + step * 1e-9, step) if b > a else np.array([a])
        else:
            values = np.linspace(full_lo, full_hi, n_dots)
        dot_x.append(np.full(values.size, xv))
        dot_y.append(values)
    dx, dy = np.concatenate(dot_x), np.concatenate(dot_y)
    dots_look = _dot_look(ctx, opts)
    dots_look.setdefault("color", marker_fields.get("color"))
    if dots_look.get("color") is None:
        dots_look.pop("color")
    dots = Series("scatter", dx, dy, label=label, style=style_no, legend=False, horizontal=horizontal,
                  **{"marker": "p", "marker_size": 1.6, **dots_look})
    points = Series("scatter", x, y, label=label, style=style_no, horizontal=horizontal, **marker_fields)
    return [dots, points]


def _dot_look(ctx, opts: dict) -> dict:
    """The dots' ``dsymbol()``, ``dcolor()``, ``dfcolor()``, ``dlcolor()``, ``dsize()``."""
    from mlmcli.graphs import style

    out: dict = {}
    symbol = last_option(opts, "dsymbol")
    if isinstance(symbol, str):
        code = style.marker_symbol(symbol)
        if code is None:
            raise StataError(f"option dsymbol({symbol.strip()}) invalid", 198)
        out["marker"] = code
    for name, key in (("dcolor", "color"), ("dfcolor", "marker_fill"), ("dlcolor", "marker_edge")):
        value = last_option(opts, name)
        if isinstance(value, str):
            colour = ctx.color(value)
            if colour:
                out[key] = colour
    size = last_option(opts, "dsize")
    if isinstance(size, str):
        points = style.marker_size(size)
        if points is None:
            raise StataError(f"option dsize({size.strip()}) invalid", 198)
        out["marker_size"] = points
    return out
