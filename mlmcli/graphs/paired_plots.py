"""Paired-coordinate plots ([G-2] graph twoway pcspike, pccapsym, pcarrow, pcscatter, pci,
pcarrowi): each observation (or immediate quadruple) joins (y1, x1) to (y2, x2).

    pcspike    y1 x1 y2 x2   a segment                      (line options)
    pccapsym   y1 x1 y2 x2   a segment, a marker at each end (line and marker options)
    pcarrow    y1 x1 y2 x2   an arrow, its head at (y2, x2); pcbarrow: heads at both ends
    pcscatter  y1 x1 y2 x2   markers at both points
    pci        #y1 #x1 #y2 #x2 [(#clock)] ["text"] ...   immediate pcspike (recast() to the others)
    pcarrowi   the same values, immediate pcarrow

Marker labels (``mlabel()``, or an immediate ``"text"``) go on the first point, on the second
with ``headlabel``.  Arrowheads: ``msize()`` their length (default s2color's medium marker),
``mangle()`` the angle between their barbs (default 28.64 degrees), ``barbsize()`` above 0 fills
them, ``mcolor()``/``mlcolor()`` their colour (default the line's).  The segments are one ``line``
series broken after every pair; arrows an ``arrow`` series (``barrow``: two heads), from
(``x``, ``y``) to (``pos``, ``y2``), the head's length ``marker_size`` points, its angle
``width`` degrees, ``cap_size`` > 0 a filled head.  ``horizontal`` swaps the roles of y and x
(y1 and y2 along the x axis, x1 and x2 along the y axis), as Stata does before plotting.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.graph_options import number
from mlmcli.graphs.series_parts import last_option, look_fields, marker_labels, var_label
from mlmcli.graphs.spec import Series

PAIRED_KINDS = ("pcspike", "pccapsym", "pcarrow", "pcbarrow", "pcscatter")
ARROW_ANGLE = 28.64


def _coordinates(ctx, plot, keep):
    """(y1, x1, y2, x2, labels or None, label clock positions or None)."""
    if plot.call.immediate:
        from mlmcli.graphs.data_plots import immediate_points

        y, x, positions, texts = immediate_points(plot.call.varlist)
        if len(y) % 2 or any(texts[0::2]) or any(p is not None for p in positions[0::2]):
            raise StataError("invalid syntax", 198)
        labels = tuple(texts[1::2]) if any(texts) else None
        clocks = tuple(p for p in positions[1::2]) if labels else None
        return y[0::2], x[0::2], y[1::2], x[1::2], labels, clocks
    names = plot.ys + [plot.x]
    y1, x1, y2, x2 = (ctx.data.numeric(v)[keep] for v in names)
    labels = marker_labels(ctx, plot, keep, np.arange(int(keep.sum())))
    typed = last_option(plot.options, "mlabvposition")  # each label's clock position from a variable
    clocks = None
    if labels is not None and isinstance(typed, str) and typed.strip():
        values = ctx.data.numeric(ctx.data.resolve(typed.strip()))[keep]
        clocks = tuple(None if np.isnan(v) else int(v) for v in values)
    return y1, x1, y2, x2, labels, clocks


def paired(ctx, plot, keep) -> list[Series]:
    opts, kind = plot.options, plot.kind
    # horizontal: Stata swaps the y and x coordinates before plotting; the series keep them as
    # typed and are drawn turned, as every horizontal series is (values in y along the x axis)
    turned = bool(opts.get("horizontal"))
    y1, x1, y2, x2, labels, clocks = _coordinates(ctx, plot, keep)
    n = len(y1)
    if n == 0:
        return []
    label = "" if plot.call.immediate else var_label(ctx, plot.ys[0])
    style_no = plot.styles[0]
    head = bool(opts.get("headlabel"))
    out: list[Series] = []
    if kind in ("pcspike", "pccapsym"):
        xs = np.column_stack([x1, x2]).ravel()
        ys = np.column_stack([y1, y2]).ravel()
        out.append(Series("line", xs, ys, breaks=tuple(range(2, 2 * n, 2)), label=label, style=style_no,
                          legend=kind == "pcspike", horizontal=turned, **look_fields(plot, "line")))
    if kind in ("pcarrow", "pcbarrow"):
        out.append(replace(_arrows(ctx, plot, y1, x1, y2, x2, label, style_no), horizontal=turned))
    if kind in ("pccapsym", "pcscatter") or labels is not None:
        fields = look_fields(plot, "scatter")
        marks = np.concatenate([x1, x2]), np.concatenate([y1, y2])
        texts = None
        if labels is not None:
            blank = ("",) * n
            texts = blank + tuple(labels) if head else tuple(labels) + blank
        extra = {}
        if clocks is not None and any(c is not None for c in clocks):
            default = int(number(last_option(opts, "mlabposition"), "mlabposition")) \
                if "mlabposition" in opts else 3
            placed = tuple(default if c is None else c for c in clocks)
            extra["label_positions"] = (placed + (default,) * n) if not head else ((default,) * n + placed)
        if kind in ("pcspike", "pcarrow", "pcbarrow"):  # the labels alone: no markers
            fields["marker"] = "i"
        out.append(Series("scatter", marks[0], marks[1], label=label, style=style_no,
                          legend=kind in ("pccapsym", "pcscatter"), labels=texts, horizontal=turned,
                          **fields, **extra))
    return out


def _arrows(ctx, plot, y1, x1, y2, x2, label: str, style_no: int) -> Series:
    from mlmcli.graphs import style

    opts = plot.options
    fields = {k: v for k, v in look_fields(plot, "line").items() if k not in ("marker_size", "width", "cap_size")}
    head = style.marker_size("medium")
    if isinstance(last_option(opts, "msize"), str):
        head = style.marker_size(last_option(opts, "msize"))
        if head is None:
            raise StataError(f"option msize({last_option(opts, 'msize').strip()}) invalid", 198)
    angle = number(last_option(opts, "mangle"), "mangle") if "mangle" in opts else ARROW_ANGLE
    barb = 0.0
    if isinstance(last_option(opts, "barbsize"), str):
        barb = style.marker_size(last_option(opts, "barbsize")) or 0.0
    for name in ("mcolor", "mlcolor", "mfcolor"):
        if isinstance(last_option(opts, name), str):
            colour = ctx.color(last_option(opts, name))
            if colour:
                fields["line_color"] = colour
    return Series("barrow" if plot.kind == "pcbarrow" else "arrow", np.asarray(x1, float), np.asarray(y1, float),
                  np.asarray(y2, float), pos=np.asarray(x2, float), label=label, style=style_no,
                  marker_size=head, width=angle, cap_size=barb, **fields)
