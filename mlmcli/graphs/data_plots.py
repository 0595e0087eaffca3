"""The twoway plots that draw the values as they are: scatter, line, connected (one series
per y), area, bar, spike, dropline (y x), the range plots rarea ... rconnected (y1 y2 x),
``scatteri``'s immediate points and ``function``'s y = f(x)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.graph_options import number
from mlmcli.graphs.series_parts import (base_value, is_horizontal, jittered, label_positions,
                                        last_option, line_breaks, look_fields, marker_label_fields,
                                        marker_labels, var_label, xy_columns, y_options)
from mlmcli.graphs.spec import Series
from mlmcli.limits import MAX_OBS


# ------------------------------------------------------------------ point plots
def sort_order(ctx, sort_values, keep, x: np.ndarray) -> np.ndarray:
    """Row order of ``sort`` (by x) or ``sort(varlist)`` (by those variables, stably)."""
    if not sort_values:
        return np.arange(len(x))
    names = [v for v in sort_values if isinstance(v, str)]
    if not names:
        return np.argsort(x, kind="stable")
    keys = [ctx.data.numeric(v)[keep] for v in ctx.data.expand_varlist(names[-1])]
    return np.lexsort(keys[::-1])


def points(ctx, plot, keep) -> list[Series]:
    """scatter, line, connected: one series per y variable."""
    kind, opts = plot.kind, plot.options
    x_all = ctx.data.numeric(plot.x)[keep]
    order = sort_order(ctx, opts.get("sort"), keep, x_all)
    x_all = x_all[order]
    positions_all = label_positions(ctx, plot, keep, order)
    scales_all = _weighted_marker_scales(plot, keep, order)
    out: list[Series] = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        y_all = ctx.data.numeric(yname)[keep][order]
        ok = np.isfinite(y_all)
        x, y = x_all[ok], y_all[ok]
        # connect(), cmissing(): this y's entry of the list ([G-4] stylelists; absent: the default)
        connects = (plot.looks[i] if plot.looks else plot.look).connect
        connect = connects[0] if connects else ("direct" if kind in ("line", "connected") else "none")
        breaks = set(line_breaks(x, connect))
        gap = str(last_option(y_options(plot, i), "cmissing") or "y").strip().lower()
        if gap.startswith("n") and not ok.all():
            kept_index = np.cumsum(ok) - 1
            for gap in np.flatnonzero(~ok):
                if 0 < gap and kept_index[gap] + 1 < len(x):
                    breaks.add(int(kept_index[gap]) + 1)
        label = var_label(ctx, yname)
        if kind == "scatter" and connect == "none":
            series_kind = "scatter"
        elif kind == "line":
            series_kind = "line"
        else:
            series_kind = "connected"
        fields = look_fields(plot, series_kind, i)
        labels = positions = None
        labels_all = marker_labels(ctx, plot, keep, order, i)  # mlabel(varlist): one per y
        if labels_all is not None:
            labels = tuple(t for t, k in zip(labels_all, ok) if k)
        if positions_all is not None and labels_all is not None:
            positions = tuple(t for t, k in zip(positions_all, ok) if k)
        markers = series_kind in ("scatter", "connected")  # jitter() moves markers (and their line)
        xj = jittered(ctx, plot, x, 2 * i) if markers else x
        yj = jittered(ctx, plot, y, 2 * i + 1) if markers else y
        scales = scales_all[ok] if scales_all is not None and markers else None
        out.append(Series(series_kind, xj, yj, breaks=tuple(sorted(breaks)), label=label,
                          style=style_no, step=connect in ("stairstep", "stepstair"),
                          labels=labels, label_positions=positions, marker_scales=scales, **fields))
    return out


def _weighted_marker_scales(plot, keep, order: np.ndarray) -> np.ndarray | None:
    """``scatter y x [aw=w]``: each marker's size factor sqrt(w / mean w), so that a marker's
    area is proportional to its weight and a marker of the mean weight has the plot's
    ``msize()`` (Stata scales by the weights too; its normalisation is not documented)."""
    if plot.weights is None:
        return None
    w = np.asarray(plot.weights, float)[keep][order]
    mean = float(w.mean()) if w.size else 0.0
    return np.sqrt(w / mean) if mean > 0 else np.ones_like(w)


# ------------------------------------------------------------------ bars and areas
def area(ctx, plot, keep) -> list[Series]:
    """One area per y variable (``twoway area y1 y2 x``: plots.SEVERAL_Y; twoway_area_parse.class
    "allows multiple view[s] to be created from one parse"), each from the base, later ones drawn
    over earlier ones."""
    gaps = str(last_option(plot.options, "cmissing") or "y").strip().lower()
    out = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        x, y, _ = xy_columns(ctx, plot, keep, yname, sort=bool(plot.options.get("sort")))
        if len(plot.ys) > 1 and not gaps.startswith("n"):  # a row keeps the areas of the y it has
            ok = np.isfinite(y)
            x, y = x[ok], y[ok]
        base = np.full_like(y, base_value(plot))
        out.append(Series("area", x, base, y, label=var_label(ctx, yname), style=style_no,
                          horizontal=is_horizontal(plot), base=base_value(plot),
                          drop_base=not plot.options.get("nodropbase"), **look_fields(plot, "area", i)))
    return out


def bar(ctx, plot, keep) -> list[Series]:
    """One bar series per y variable (``twoway bar y1 y2 ... x``: plots.SEVERAL_Y)."""
    width = number(last_option(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
    out = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        x, y, _ = xy_columns(ctx, plot, keep, yname)
        ok = np.isfinite(y)  # several y: a row keeps the bars of the y it has (plots.resolve_plot)
        x, y = x[ok], y[ok]
        out.append(Series("bar", x, y, label=var_label(ctx, yname), style=style_no,
                          width=width, base=base_value(plot), horizontal=is_horizontal(plot),
                          **look_fields(plot, "bar", i)))
    return out


def spike(ctx, plot, keep) -> list[Series]:
    """Spikes (and dropline's markers) of each y (``twoway spike y1 y2 x``: twoway_bar_parse
    makes a view per y, as for bar and area -- plots.SEVERAL_Y).  dropline's ``mlabel()`` is
    read per view as twoway_yxview_parse's ``.labvars[i]`` (y i labelled by the list's i-th
    variable, ``.`` none), ``mlabvposition()`` by every view."""
    out = []
    for i, (yname, style_no) in enumerate(zip(plot.ys, plot.styles)):
        x, y, _ = xy_columns(ctx, plot, keep, yname)
        ok = np.ones(len(y), dtype=bool)
        if len(plot.ys) > 1:
            ok = np.isfinite(y)
            x, y = x[ok], y[ok]
        base = np.full_like(y, base_value(plot))
        out.append(Series("rspike", x, base, y, label=var_label(ctx, yname), style=style_no,
                          horizontal=is_horizontal(plot), legend=plot.kind == "spike",
                          **look_fields(plot, "rspike", i)))
        if plot.kind == "dropline":
            px, py = (y, x) if is_horizontal(plot) else (x, y)
            out.append(Series("scatter", px, py, label=var_label(ctx, yname), style=style_no,
                              **marker_label_fields(ctx, plot, keep, np.arange(len(ok)), ok, i),
                              **look_fields(plot, "scatter", i)))
    return out


def range_label(first: str, second: str) -> str:
    """A range plot's key (and y title): its two variables' labels joined by "/", one label when
    they are the same (y2xview_g.class's dimtitle; pac/lfitci label both ends "95% CI")."""
    return first if first == second else f"{first}/{second}"


def ranges(ctx, plot, keep) -> list[Series]:
    """rarea, rbar, rbarm, rspike, rcap, rcapsym, rscatter, rline, rconnected."""
    kind = plot.kind
    x = ctx.data.numeric(plot.x)[keep]
    y1 = ctx.data.numeric(plot.ys[0])[keep]
    y2 = ctx.data.numeric(plot.ys[1])[keep]
    order = np.argsort(x, kind="stable") if plot.options.get("sort") else np.arange(len(x))
    x, y1, y2 = x[order], y1[order], y2[order]
    label = range_label(var_label(ctx, plot.ys[0]), var_label(ctx, plot.ys[1]))
    style_no, horizontal = plot.styles[0], is_horizontal(plot)
    if kind == "rarea":
        return [Series("area", x, y1, y2, label=label, style=style_no, horizontal=horizontal,
                       **look_fields(plot, "area"))]
    if kind == "rbarm" or (kind == "rbar" and plot.options.get("mwidth")):
        # bars as wide as the marker size (graphs.marker_bars); barwidth(#) on an rbarm view is
        # its marker size # (twoway_y2xview_parse.class: style.editstyle marker(size(#)))
        fields = look_fields(plot, "bar")
        if "barwidth" in plot.options:
            from mlmcli.graphs.style import marker_size

            size = marker_size(str(last_option(plot.options, "barwidth")))
            if size is None:
                raise StataError("option barwidth() incorrectly specified", 198)
            fields["marker_size"] = size
        return [Series("rbarm", x, y1, y2, label=label, style=style_no, horizontal=horizontal, **fields)]
    if kind == "rbar":
        width = number(last_option(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
        return [Series("bar", x, y2, y1, label=label, style=style_no, width=width,
                       horizontal=horizontal, **look_fields(plot, "bar"))]
    if kind in ("rspike", "rcap", "rcapsym"):
        out = [Series("rcap" if kind == "rcap" else "rspike", x, y1, y2, label=label, style=style_no,
                      horizontal=horizontal, legend=kind != "rcapsym", **look_fields(plot, "rspike"))]
        if kind == "rcapsym":
            scales = _weighted_marker_scales(plot, keep, order)
            for y in (y1, y2):
                px, py = (y, x) if horizontal else (x, y)
                out.append(Series("scatter", px, py, label=label, style=style_no, marker_scales=scales,
                                  **marker_label_fields(ctx, plot, keep, order), **look_fields(plot, "scatter")))
        return out
    series_kind = {"rscatter": "scatter", "rline": "line", "rconnected": "connected"}[kind]
    gaps = str(last_option(plot.options, "cmissing") or "y").strip().lower().startswith("n")
    scales_all = _weighted_marker_scales(plot, keep, order) if series_kind != "line" else None
    out = []
    for y in (y1, y2):  # mlabel(): both ends of each range are labelled
        ok = np.isfinite(y) & np.isfinite(x)
        scales = scales_all[ok] if scales_all is not None else None
        px, py = (y[ok], x[ok]) if horizontal else (x[ok], y[ok])
        labelled = marker_label_fields(ctx, plot, keep, order, ok) if series_kind != "line" else {}
        # cmissing(n): the rows left out (missing y or x) break the line (plots.GAP_KINDS)
        kept_index = np.cumsum(ok) - 1
        breaks = tuple(sorted({int(kept_index[i]) + 1 for i in np.flatnonzero(~ok)
                               if 0 < i and 0 <= kept_index[i] and kept_index[i] + 1 < ok.sum()})) if gaps else ()
        out.append(Series(series_kind, px, py, label=label, style=style_no, breaks=breaks, **labelled,
                          marker_scales=scales, **look_fields(plot, series_kind)))
    return out


# ------------------------------------------------------------------ scatteri
_IMMEDIATE_TOKEN = re.compile(r'`"(?:[^"]|"(?!\'))*"\'|"[^"]*"|\(\s*[^()\s]*\s*\)|[^\s"(]+')
IMMEDIATE_KINDS = ("scatter", "connected", "line", "area", "bar", "spike", "dropline")
# plot types of more than two variables (a range, a surface, a pair of points)
WIDER_KINDS = ("rarea", "rbar", "rbarm", "rspike", "rcap", "rcapsym", "rscatter", "rline", "rconnected", "tsrline",
               "contour", "contourline", "pcspike", "pccapsym", "pcarrow", "pcbarrow", "pcscatter")


def immediate_points(text: str) -> tuple[np.ndarray, np.ndarray, tuple[int | None, ...], tuple[str, ...]]:
    """``scatteri``'s ``#y #x [(#clock)] ["label"] ...`` -> (y, x, clock positions, labels)."""
    ys: list[float] = []
    xs: list[float] = []
    positions: list[int | None] = []
    labels: list[str] = []
    pending: list[float] = []

    def value(word: str) -> float:
        if word == ".":
            return float("nan")
        try:
            return float(word)
        except ValueError:
            raise StataError(f"{word} invalid", 198) from None

    for token in _IMMEDIATE_TOKEN.findall(text):
        if token.startswith("(") or token.startswith('"') or token.startswith('`"'):
            if pending or not ys:
                raise StataError("invalid syntax", 198)
            if token.startswith("("):
                clock = int(value(token[1:-1].strip()))
                if not 0 <= clock <= 12:
                    raise StataError(f"{token} invalid", 198)
                positions[-1] = clock
            else:
                labels[-1] = token[2:-2] if token.startswith('`"') else token[1:-1]
            continue
        pending.append(value(token))
        if len(pending) == 2:
            ys.append(pending[0])
            xs.append(pending[1])
            positions.append(None)
            labels.append("")
            pending = []
    if pending or not ys:
        raise StataError("invalid syntax", 198)
    return np.array(ys), np.array(xs), tuple(positions), tuple(labels)


def immediate(ctx, plot, keep) -> list[Series]:
    """``scatteri``: its points as a scatter, or as ``recast()``'s line, connected, area,
    bar, spike or dropline; ``"label"`` and ``(#)`` are marker labels and their positions."""
    y, x, positions, texts = immediate_points(plot.call.varlist)
    kind = plot.kind
    if kind in WIDER_KINDS:  # scatteri's points are (y, x) pairs: as recast() of scatter y x
        # (recast(pc*) reads them as pci's quadruples: graphs.paired_plots, not here)
        raise StataError("too few variables specified", 102)
    style_no, horizontal = plot.styles[0], is_horizontal(plot)
    if kind == "dot":  # recast(dot): the yxview's dot type (other types: graphs.build)
        from mlmcli.graphs.smooth_plots import dot_series

        return dot_series(ctx, plot, x, y, "", style_no, look_fields(plot, "scatter"))
    labelled: dict = {}
    if any(texts) and kind in ("scatter", "connected", "dropline"):
        default = plot.look.label_position
        labelled = {"labels": texts, "label_positions": tuple(default if p is None else p for p in positions)}
    if kind in ("scatter", "connected", "line"):
        connects = plot.look.connect
        connect = connects[0] if connects else ("none" if kind == "scatter" else "direct")
        series_kind = kind if kind != "scatter" else ("scatter" if connect == "none" else "connected")
        fields = look_fields(plot, series_kind)
        if series_kind in ("scatter", "connected"):
            x, y = jittered(ctx, plot, x, 0), jittered(ctx, plot, y, 1)
        return [Series(series_kind, x, y, breaks=line_breaks(x, connect) if series_kind != "scatter" else (),
                       label="", style=style_no, step=connect in ("stairstep", "stepstair"),
                       **(labelled if series_kind != "line" else {}), **fields)]
    if kind == "area":
        return [Series("area", x, np.full_like(y, base_value(plot)), y, label="", style=style_no,
                       horizontal=horizontal, base=base_value(plot), drop_base=not plot.options.get("nodropbase"),
                       **look_fields(plot, "area"))]
    if kind == "bar":
        width = number(last_option(plot.options, "barwidth"), "barwidth") if "barwidth" in plot.options else 1.0
        return [Series("bar", x, y, label="", style=style_no, width=width, base=base_value(plot),
                       horizontal=horizontal, **look_fields(plot, "bar"))]
    out = [Series("rspike", x, np.full_like(y, base_value(plot)), y, label="", style=style_no,
                  horizontal=horizontal, legend=kind == "spike", **look_fields(plot, "rspike"))]
    if kind == "dropline":
        px, py = (y, x) if horizontal else (x, y)
        out.append(Series("scatter", px, py, label="", style=style_no, **labelled, **look_fields(plot, "scatter")))
    return out


# ------------------------------------------------------------------ function
_FUNCTION = re.compile(r"^\s*(?:([^\W\d]\w*)\s*=(?!=))?(.*)$", re.S)


def function(ctx, plot, keep) -> list[Series]:
    """``twoway function [y =] f(x), range(# #|varname) n(#) x(name)``: f at n points (default
    300) equally spaced over the range (default 0 to 1)."""
    m = _FUNCTION.match(plot.call.varlist)
    yname, expression = (m.group(1) or "y"), m.group(2).strip()
    if not expression:
        raise StataError("invalid syntax", 198)
    xname = str(last_option(plot.options, "x") or "x").strip()
    lo, hi = 0.0, 1.0
    span = last_option(plot.options, "range")
    if isinstance(span, str):
        words = span.split()
        if len(words) == 1:
            values = ctx.data.numeric(ctx.data.resolve(words[0]))
            values = values[np.isfinite(values)]
            if values.size == 0:
                raise StataError("no observations", 2000)
            lo, hi = float(values.min()), float(values.max())
        elif len(words) == 2:
            lo, hi = number(words[0], "range"), number(words[1], "range")
        else:
            raise StataError("option range() incorrectly specified", 198)
    typed_n = str(last_option(plot.options, "n")).strip() if "n" in plot.options else ""
    n = number(typed_n, "n") if typed_n else 300  # n() empty: the default (SSC spider 1.0's circles)
    if not 1 <= n <= MAX_OBS:  # n(integer): Stata's integers stop at 2^31 - 1 (numpy's arrays before that)
        raise StataError("option n() incorrectly specified", 198)
    n = int(n)
    if ctx.evaluate is None:  # pragma: no cover - the command layer always supplies one
        raise StataError("twoway function needs the expression engine", 198)
    xs = np.linspace(lo, hi, n) if n > 1 else np.array([lo])
    ys = np.asarray(ctx.evaluate(expression, xs, xname), dtype=float)
    if ys.dtype == object:
        raise StataError("type mismatch", 109)
    horizontal = is_horizontal(plot)
    px, py = (ys, xs) if horizontal else (xs, ys)
    ok = np.isfinite(px) & np.isfinite(py)
    breaks = tuple(int(i) for i in np.flatnonzero(np.diff(np.flatnonzero(ok)) > 1) + 1)
    connect = plot.look.connect[0] if plot.look.connect else "direct"  # cline_options' connect()
    if connect == "none":  # connect(i): the points are not joined, so nothing is drawn
        breaks = tuple(range(1, int(ok.sum())))
    out = [Series("line", px[ok], py[ok], breaks=breaks, label=yname, style=plot.styles[0],
                  step=connect in ("stairstep", "stepstair"), **look_fields(plot, "line"))]
    drops = last_option(plot.options, "droplines")  # DROPlines(numlist sort)
    if isinstance(drops, str):
        from mlmcli.syntax.numlist import numlist

        at = np.array(numlist(drops), dtype=float)
        fy = np.asarray(ctx.evaluate(expression, at, xname), dtype=float)
        base = np.full_like(fy, base_value(plot))
        out.append(Series("rspike", at, base, fy, label=yname, style=plot.styles[0], legend=False,
                          horizontal=horizontal, **look_fields(plot, "rspike")))
    return out
