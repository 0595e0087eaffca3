"""The axes of one plot region: tick placement and labels, grid lines, axis lines, ticks'
look, limits (``range()``, a bar chart's zero, ``plotregion(margin())``, typed ticks widening
the axis), reference lines, ``text()`` and the region's outline (``draw`` calls these).

matplotlib is reached only through the Axes objects handed in; sizes are points and are
multiplied by the drawing's scale ``k`` (``scale()``/``iscale()``).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.graphs import style
from mlmcli.graphs.added_text import draw_text
from mlmcli.graphs.natural_scale import NaturalLocator, natural_locator, natural_reach
from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.category_layout import reach_zero
from mlmcli.graphs.label_justify import place_labels
from mlmcli.graphs.spec import Graph, Panel
from mlmcli.graphs.tick_looks import (custom_tick_looks, grid_look, minor_label_formatter, minor_tick_looks,
                                      own_grids)

_ANCHORS = {"c": "C", "center": "C", "n": "N", "ne": "NE", "e": "E", "se": "SE", "s": "S",
            "sw": "SW", "w": "W", "nw": "NW"}


def stata_tick(value: float, _pos=None) -> str:
    """An axis label as Stata writes it: no leading zero (``.5``, ``-.05``), no float noise."""
    text = f"{value:.10g}"
    if text in ("-0", "0"):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def grid_default(graph: Graph, panel: Panel, which: str) -> bool:
    if style.scheme(graph.scheme).grid is None:
        return False
    if style.scheme(graph.scheme).grid_both:
        return True
    if panel.yticklabels and any(s.kind == "pointci" for s in panel.series):
        return which == "x"
    horizontal = any(s.horizontal for s in panel.series)
    return which == ("x" if horizontal else "y")


def apply_axis(ax, spec: Axis, which: str, ticks, panel: Panel, graph: Graph, small: bool, k: float) -> None:
    """Locator, formatter, label look, ticks' look and grid of one axis."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    axis = ax.xaxis if which == "x" else ax.yaxis
    categorical = (panel.xticklabels if which == "x" else panel.yticklabels) is not None
    tick_text = stata_tick
    fmt = spec.format or spec.var_format
    if fmt:
        from mlmcli.render.numfmt import format_number

        tick_text = lambda v, _p=None, fmt=fmt: format_number(v, fmt).strip()  # noqa: E731
    if spec.log:  # Stata writes a log axis' labels as numbers (no 10^k text): 1 2 5 10
        (ax.set_xscale if which == "x" else ax.set_yscale)("log")
        axis.set_major_formatter(FuncFormatter(tick_text))
    elif not categorical:
        axis.set_major_formatter(FuncFormatter(tick_text))
    if not categorical:
        added = bool(spec.add and spec.ticklabels)  # xlabel(2 "two", add): beside the default labels
        if added:
            axis.set_major_formatter(FuncFormatter(
                lambda v, _p, table=dict(spec.ticklabels), inner=tick_text: table.get(v, inner(v))))
        if spec.ticklabels is not None and not added:
            positions = [v for v, _ in spec.ticklabels]
            axis.set_major_locator(FixedLocator(positions))
            axis.set_major_formatter(FuncFormatter(
                lambda v, _p, table=dict(spec.ticklabels): table.get(v, stata_tick(v))))
            if not spec.ticklabels:
                ax.tick_params(axis=which, labelbottom=False, labelleft=False)
        elif ticks is not None and not spec.add:
            axis.set_major_locator(FixedLocator(list(ticks)))
        else:  # Stata's natscale (log, date axes: natural_scale, date_scale), the axis reaching them
            axis.set_major_locator(natural_locator(spec))
        if spec.minor or spec.minor_rule:
            axis.set_minor_locator(minor_locator(spec))
            if spec.minor_labels:  # xmlabel(): the minor ticks labelled, smaller (its own format())
                axis.set_minor_formatter(minor_label_formatter(spec, tick_text))
                ax.tick_params(axis=which, which="minor", labelsize=6.5 * k)
            minor_tick_looks(ax, spec, which, graph, k)
    elif spec.ticklabels == ():  # a category axis with nolabels
        ax.tick_params(axis=which, labelbottom=False, labelleft=False)
    if spec.angle is not None:  # angle(0): horizontal, also on the y axis
        ax.tick_params(axis=which, labelrotation=spec.angle)
        if which == "y" and spec.angle == 0:
            for label in ax.get_yticklabels():
                label.set_verticalalignment("center")
        if which == "x" and 0 < spec.angle < 90:
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
    elif which == "y" and not categorical:
        # Stata writes y labels along the axis unless the scheme says otherwise
        scheme_angle = style.scheme(graph.scheme).y_label_angle
        ax.tick_params(axis="y", labelrotation=90 if scheme_angle is None else scheme_angle)
        for label in ax.get_yticklabels():
            label.set_verticalalignment("center")
    if spec.labsize:
        ax.tick_params(axis=which, labelsize=spec.labsize * k)
    params: dict = {}
    if spec.label_color:
        params["labelcolor"] = style.text_color(spec.label_color, graph.scheme)
    if spec.label_gap is not None:
        params["pad"] = spec.label_gap * k
    if spec.tick_length is not None:
        params["length"] = spec.tick_length * k
    if spec.tick_position:
        params["direction"] = {"outside": "out", "inside": "in", "crossing": "inout"}[spec.tick_position]
    if spec.tick_width is not None:
        params["width"] = spec.tick_width * k
    if spec.tick_color:
        params["color"] = spec.tick_color
    if params:
        ax.tick_params(axis=which, **params)
    grid = spec.grid if spec.grid is not None else grid_default(graph, panel, which)
    grid = grid and not spec.dots  # ndots(): markers instead (category_dots)
    # xtick(..., grid): lines at its own ticks only (finish_ticks hides the labels' when not grid)
    tick_grid = bool(spec.tick_grid and (spec.unlabelled or spec.unlabelled_nticks)) and not spec.dots
    if grid or tick_grid:
        ax.grid(True, axis=which, **grid_look(spec, graph.scheme, k))
    else:
        ax.grid(False, axis=which)
    axis.mlm_label_grid = grid  # finish_ticks: which major ticks keep their line
    if spec.minor_grid and (spec.minor or spec.minor_rule) and not spec.dots:  # xmtick(..., grid)
        ax.grid(True, axis=which, which="minor", **grid_look(spec, graph.scheme, k, spec.minor_grid_look))
    side = ("bottom", "top") if which == "x" else ("left", "right")
    if spec.alt:
        axis.set_ticks_position(side[1])
        axis.set_label_position(side[1])
        ax.spines[side[1]].set_visible(True)
        ax.spines[side[0]].set_visible(False)
    spine = ax.spines[side[1] if spec.alt else side[0]]
    if not spec.line:
        spine.set_visible(False)
    style_spine(spine, spec, k)
    if spec.off and spec.fill:  # off fill: not shown, its space kept
        clear = (0.0, 0.0, 0.0, 0.0)
        ax.tick_params(axis=which, which="both", color=clear, labelcolor=clear)
        spine.set_visible(False)
    elif spec.off:
        axis.set_visible(False)
        spine.set_visible(False)


def style_spine(spine, spec: Axis, k: float) -> None:
    """The axis line's colour, width and pattern (``xscale(lcolor() lwidth() lpattern())``)."""
    if spec.line_color:
        spine.set_color(spec.line_color)
    if spec.line_width is not None:
        spine.set_linewidth(spec.line_width * k)
    if spec.line_pattern:
        spine.set_linestyle(style.line_pattern(spec.line_pattern) or "-")


def minor_locator(spec: Axis):
    """The minor ticks: typed positions, ``##k`` (k - 1 between the major ticks) or ``#k``
    (about k nice values over the axis: natscale's rule, as the labels')."""
    from matplotlib.ticker import AutoMinorLocator, FixedLocator

    if spec.minor:
        return FixedLocator(list(spec.minor))
    kind, k = spec.minor_rule
    if kind == "between":
        return AutoMinorLocator(k)
    return natural_locator(replace(spec, nticks=k))


def finish_ticks(ax, spec: Axis, which: str, ticks, extent: tuple[float, float] | None = None,
                 k: float = 1.0, scheme: str | None = None) -> None:
    """After the limits are final: ``add`` (typed ticks besides the default ones), the grid
    lines at the ends of the axis' scale (``scale_end_grid``; ``extent``: the data's smallest
    and largest value on the axis), ``noextend`` (the axis line only over the labelled range)
    and ``custom`` (those ticks' own look, sizes times ``k``)."""
    from matplotlib.ticker import FixedLocator

    from matplotlib.ticker import FuncFormatter

    spec = _scheme_axis_defaults(spec, scheme)
    axis = ax.xaxis if which == "x" else ax.yaxis
    lo, hi = sorted(ax.get_xlim() if which == "x" else ax.get_ylim())
    needs = (spec.add and ticks is not None or not spec.extend
             or spec.unlabelled or spec.unlabelled_nticks or spec.alternate or spec.custom_looks)
    place_labels(axis, spec, which)  # labjustification()/labalignment(): around the formatter
    if not needs:
        if extent is not None:  # the ticks as matplotlib placed them, each with its Tick
            _end_grid_lines(axis, spec, extent, list(axis.get_majorticklocs()), lo, hi)
        return
    locs = [v for v in axis.get_majorticklocs() if lo - 1e-9 * abs(hi - lo) <= v <= hi + 1e-9 * abs(hi - lo)]
    if spec.add and ticks is not None:
        locs = sorted(set(locs) | {t for t in ticks if lo <= t <= hi})
    extra = set(spec.unlabelled or ())
    if spec.unlabelled_nticks:  # xtick(#k): about k nice values, natscale's rule as the labels'
        extra |= set(natural_locator(replace(spec, nticks=spec.unlabelled_nticks)).tick_values(lo, hi))
    labelled = set(locs)
    if extra:  # xtick(): more ticks, the labels stay where they were
        formatter = axis.get_major_formatter()
        locs = sorted(labelled | {t for t in extra if lo <= t <= hi})
        axis.set_major_formatter(FuncFormatter(
            lambda v, pos, keep=labelled, inner=formatter: inner(v, pos) if v in keep else ""))
    axis.set_major_locator(FixedLocator(locs))
    if extra:  # each tick set's own grid (xtick(..., grid))
        own_grids(axis, spec, locs, labelled, extra, scheme, k)
    if spec.alternate and locs:  # every other label one line further out (a blank line inside)
        plain = axis.get_major_formatter()
        rotated = which == "y" and abs(axis.get_major_ticks(1)[0].label1.get_rotation() - 90) < 1
        # the blank line goes between the label and the axis: above a bottom x label, to the
        # right of a left y label written along the axis (its lines stack rightwards)
        outward_first = not spec.alt if which == "x" else spec.alt

        def shifted(v, pos, inner=plain, order={v: i for i, v in enumerate(locs)}):
            text = inner(v, pos)
            if not text or order.get(v, 0) % 2 == 0:
                return text
            if which == "y" and not rotated:  # figure spaces (plain ones are not measured)
                pad = "\u2007" * (2 * max(len(text), 1))
                return text + pad if not spec.alt else pad + text
            return "\n" + text if outward_first else text + "\n"
        axis.set_major_formatter(FuncFormatter(shifted))
    place_labels(axis, spec, which)
    if extent is not None:
        _end_grid_lines(axis, spec, extent, locs, lo, hi)
    if spec.custom_looks and locs:  # xlabel(..., custom): those labels' and ticks' own look
        custom_tick_looks(axis.get_major_ticks(len(locs)), spec.custom_looks, k, scheme, locs)
    if not spec.extend and locs:
        side = ("bottom", "top") if which == "x" else ("left", "right")
        ax.spines[side[1] if spec.alt else side[0]].set_bounds(min(locs), max(locs))


def _scheme_axis_defaults(spec: Axis, scheme: str | None) -> Axis:
    """The scheme's grid_draw_min/max (lines at the outer labels unless nogmin/nogmax) and
    extend_axes_* no (``noextend``) where the axis' options leave them to the scheme."""
    sch = style.scheme(scheme)
    changes = {}
    if sch.grid_draw_min and spec.grid_min is None:
        changes["grid_min"] = True
    if sch.grid_draw_max and spec.grid_max is None:
        changes["grid_max"] = True
    if not sch.axes_extend and spec.extend:
        changes["extend"] = False
    return replace(spec, **changes) if changes else spec


# ---------------------------------------------------------------- limits
def _end_grid_lines(axis, spec: Axis, extent, locs: list, lo: float, hi: float) -> None:
    """Hide the grid lines Stata leaves out where the scale ends (``grid_ends.scale_end_grid``);
    ``locs``: the major ticks in the order of their Tick objects."""
    from mlmcli.graphs.grid_ends import scale_end_grid

    # Python floats: a difference past the double range is inf, not a warning
    locs, lo, hi = [float(v) for v in locs], float(lo), float(hi)
    tol = 1e-9 * abs(hi - lo)
    shown = [v for v in locs if lo - tol <= v <= hi + tol]
    if not shown:
        return
    for tick, v in zip(axis.get_major_ticks(len(locs)), locs):
        if lo - tol <= v <= hi + tol and scale_end_grid(v, spec, extent, shown):
            tick.gridline.set_visible(False)


def adjust_limits(lo: float, hi: float, spec: Axis, data_min: float | None, ticks=None,
                  margin: tuple[float, float] = (0.05, 0.05), data_range=None) -> tuple[float, float]:
    """Limits widened to ``range()``, 0 (bar and dot charts) and the typed ticks (unless
    ``norescale``), and cut at 0 below data that start there (histograms and bars stand on
    the axis); ``margin``: the fractions of the data's range (``data_range``, else read back
    from ``lo``/``hi``) they hold beyond it."""
    if spec.include_zero and not spec.log:
        lo, hi = reach_zero(lo, hi, margin, data_range)
    if spec.range is not None:
        lo, hi = min(lo, spec.range[0]), max(hi, spec.range[1])
    if spec.include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if ticks and spec.rescale and not spec.log:
        lo, hi = min(lo, min(ticks)), max(hi, max(ticks))
    if spec.tight_low and data_min is not None and data_min >= 0 and lo < 0:
        lo = 0.0
    if spec.log:
        lo = max(lo, 1e-300)
    return lo, hi


def with_margin(lo: float, hi: float, margin: tuple[float, float]) -> tuple[float, float]:
    """``plotregion(margin())``: data limits (matplotlib's 5% margins taken off) widened by the
    region's margins, fractions of the range below and above."""
    span = (hi - lo) / 1.1
    raw_lo = lo + 0.05 * span
    raw_hi = raw_lo + span
    if span <= 0:
        return lo, hi
    return raw_lo - margin[0] * span, raw_hi + margin[1] * span


def finish_limits(ax, spec: Axis, which: str, data_min: float | None, graph: Graph, ticks=None,
                  fixed: bool = False, extent=None) -> None:
    """Apply the axis' range rules (not to limits a combined graph fixed in common); ``extent``:
    the data's range on the axis when its plots are drawn into other Axes (else ``ax``'s)."""
    get = ax.get_xlim if which == "x" else ax.get_ylim
    put = ax.set_xlim if which == "x" else ax.set_ylim
    if spec.outer_gap is not None and not fixed:  # outergap(): from the outer bars' edges
        edges = [e for s in panel_bars(graph) for x in s.x for e in (x - s.width / 2, x + s.width / 2)]
        if not edges:  # a dot chart: each line's area, one wide, centred on its category tick
            edges = [t + d for p in graph.panels for t in ((p.xticks if which == "x" else p.yticks) or ())
                     for d in (-0.5, 0.5)]
        if edges:
            width = max((s.width for s in panel_bars(graph)), default=1.0)
            put(min(edges) - spec.outer_gap * width, max(edges) + spec.outer_gap * width)
            fixed = True
    if not fixed:
        lo, hi = get()
        margin = (0.05, 0.05)  # matplotlib's
        if graph.plot_margin is not None and not spec.log:
            left, right, bottom, top = graph.plot_margin
            margin = (left, right) if which == "x" else (bottom, top)
            lo, hi = with_margin(lo, hi, margin)
        data = extent if extent is not None else (
            ax.dataLim.intervalx if which == "x" else ax.dataLim.intervaly)  # the artists' own extent
        data = tuple(data) if np.all(np.isfinite(data)) else None
        lo, hi = adjust_limits(lo, hi, spec, data_min, ticks, margin, data)
        locator = (ax.xaxis if which == "x" else ax.yaxis).get_major_locator()
        put(*(natural_reach(locator, lo, hi, data, spec, margin) if data and isinstance(locator, NaturalLocator)
              else (lo, hi)))
    if spec.reverse:
        (ax.invert_xaxis if which == "x" else ax.invert_yaxis)()


def panel_bars(graph: Graph) -> list:
    """The bars and boxes of every panel (a bar or box chart's, for ``outergap()``)."""
    return [replace(s, width=s.width or 0.6) if s.kind == "box" else s
            for p in graph.panels for s in p.series if s.kind in ("bar", "box")]


def data_min(panel: Panel, which: str) -> float | None:
    values = []
    for s in panel.series:
        use_y = (which == "y") != s.horizontal
        arrays = [s.y, s.y2] if use_y else [s.x]
        if s.kind == "bar" and use_y:
            arrays.append(np.array([s.base or 0.0]))
        for arr in arrays:
            finite = np.asarray(arr, float) if arr is not None else np.empty(0)
            finite = finite[~np.isnan(finite)]  # a series of missing values only has no minimum
            if finite.size:
                values.append(finite.min())
    return float(min(values)) if values else None


def minmax_ticks(graph: Graph, which: str, ticks):
    """``xlabel(minmax)``: labels at the smallest and largest value of the data (every
    panel's), beside any typed ones."""
    spec = graph.xaxis if which == "x" else graph.yaxis
    if not spec.minmax:
        return ticks
    extent = common_limits(graph.panels, which, (0.0, 0.0))
    if extent is None:
        return ticks
    return tuple(sorted(set(ticks or ()) | set(extent)))


def common_limits(panels, axis: str, margin: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """The range of every panel's data on one axis, widened by 5% each side (matplotlib's
    margin) or by the plot region's margins."""
    values = []
    for panel in panels:
        for s in panel.series:
            along_y = (axis == "y") != s.horizontal
            if not along_y:
                values.append(np.asarray(s.x, float))
                if s.kind == "bar" and s.width:
                    values.append(np.asarray(s.x, float) + s.width / 2)
                    values.append(np.asarray(s.x, float) - s.width / 2)
            else:
                values.append(np.asarray(s.pos if s.pos is not None else s.y, float))
                if s.y2 is not None and s.pos is None:
                    values.append(np.asarray(s.y2, float))
                if s.kind == "bar":
                    values.append(np.array([s.base or 0.0]))
    data = np.concatenate(values) if values else np.empty(0)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return None
    lo, hi = float(data.min()), float(data.max())
    if margin is not None and hi > lo:
        return lo - margin[0] * (hi - lo), hi + margin[1] * (hi - lo)
    pad = 0.05 * (hi - lo) if hi > lo else 0.5 * max(abs(lo), 1.0)
    return lo - pad, hi + pad


# ---------------------------------------------------------------- the plot region
def style_axes(ax, panel: Panel, graph: Graph, small: bool, k: float, title_k: float) -> None:
    """Everything of a plot region but its series and limits: colours, spines, tick
    placement, panel title, reference lines, text, region outline, aspect ratio."""
    sch = style.scheme(graph.scheme)
    ax.set_facecolor(graph.plot_color or sch.plot_region)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=(7 if small else 8.5) * k, direction="out", length=3 * k, width=0.8 * k)
    ax.set_axisbelow(True)
    if panel.title:
        from mlmcli.graphs.by_panel_title_draw import draw_panel_title

        draw_panel_title(ax, panel.title, graph, sch.panel_title_bg, small, title_k)
    for which, ticks, labels in (("y", panel.yticks, panel.yticklabels),
                                 ("x", panel.xticks, panel.xticklabels)):
        if ticks is None:
            continue
        (ax.set_yticks if which == "y" else ax.set_xticks)(ticks)
        if ticks:
            size = (6 if len(ticks) > 40 else 7.5) * k
            (ax.set_yticklabels if which == "y" else ax.set_xticklabels)(labels or (), fontsize=size)
            if any(s.kind == "pointci" for s in panel.series):  # caterpillar: one row per group
                setter = ax.set_ylim if which == "y" else ax.set_xlim
                setter(min(ticks) - 0.8, max(ticks) + 0.8)
    apply_axis(ax, graph.xaxis, "x", minmax_ticks(graph, "x", graph.xticks), panel, graph, small, k)
    apply_axis(ax, graph.yaxis, "y", minmax_ticks(graph, "y", graph.yticks), panel, graph, small, k)
    if panel.zero_line:
        ax.axvline(0.0, color=style.NAMED_COLORS["gs8"], linewidth=0.8 * k, zorder=1)
    for v in graph.xlines:
        ax.axvline(v, color=sch.reference_line, linewidth=0.8 * k, zorder=1.5)
    for v in graph.ylines:
        ax.axhline(v, color=sch.reference_line, linewidth=0.8 * k, zorder=1.5)
    for line in graph.reflines:
        if line.extend and line.scale == 1:  # the others once the axes have their ranges
            draw_reference_line(ax, line, sch, k)
    for box in graph.texts + panel.texts:  # (on further axes: drawn once those have their scales)
        if (box.xaxis, box.yaxis) == (1, 1):
            draw_text(ax, replace(box, color=style.text_color(box.color, graph.scheme)), k)
    if panel.xtitle is not None:
        ax.set_xlabel(panel.xtitle, fontsize=8 * k)
    if panel.ytitle is not None:
        ax.set_ylabel(panel.ytitle, fontsize=8 * k)
    if graph.aspect:
        ax.set_box_aspect(graph.aspect)
    if graph.aspect_placement:
        ax.set_anchor(_ANCHORS.get(graph.aspect_placement, "C"))
    if graph.plot_edge:
        from matplotlib.patches import Rectangle

        from mlmcli.graphs.artists import region_outline

        color, width, pattern = graph.plot_edge
        look = dict(edgecolor=color or "black", linewidth=(width if width is not None else 0.8) * k,
                    linestyle=style.line_pattern(pattern or "solid") or "-", zorder=2.5, gid="plotregion-outline")
        if graph.plot_edge_align in ("inside", "outside"):  # lalign()
            ax.add_artist(region_outline(lambda: ax.bbox, graph.plot_edge_align, **look))
        else:
            ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, clip_on=False, **look))


def draw_reference_line(ax, line, sch, k: float, span: tuple[float, float] | None = None) -> None:
    """One styled reference line across the plot region, or over ``span`` of the other axis."""
    color = line.color or sch.reference_line
    width = (line.width if line.width is not None else 0.8) * k
    pattern = style.line_pattern(line.pattern or "solid") or "-"
    if span is None:
        draw_line = ax.axvline if line.axis == "x" else ax.axhline
        draw_line(line.value, color=color, linewidth=width, linestyle=pattern, zorder=1.5)
        return
    xs, ys = (([line.value] * 2, list(span)) if line.axis == "x" else (list(span), [line.value] * 2))
    ax.plot(xs, ys, color=color, linewidth=width, linestyle=pattern, zorder=1.5, scalex=False,
            scaley=False, gid=f"refline-{line.axis}-noextend")


def category_dots(ax, panel: Panel, graph: Graph, k: float) -> None:
    """``graph dot, ndots(#) dots()``: each category's line as # markers spread evenly across
    the plot region (drawn once the value axis has its range); with ``lowextension()``/
    ``highextension()`` across the line extended that many points at each end."""
    for which, spec, ticks in (("x", graph.xaxis, panel.xticks), ("y", graph.yaxis, panel.yticks)):
        if not spec.dots or not ticks:
            continue
        from mlmcli.graphs.dot_lines import line_span

        lo, hi = line_span(ax, panel, spec, which)  # noextendline: the value axis' range only
        symbol, color, size = (tuple(spec.dot_look) + (None, None, None))[:3]
        marker, filled, _ = style.MARKERS.get(symbol or "p", style.MARKERS["p"])
        color = color or spec.grid_color or style.scheme(graph.scheme).grid or style.GRID
        look = dict(linestyle="none", marker=marker, markersize=(size if size is not None else 2.0) * k,
                    markerfacecolor=color if filled else "none", markeredgecolor=color, zorder=0.5,
                    gid="category-dots")
        _, low_ext, high_ext = tuple(spec.dot_extent) if spec.dot_extent else (True, 0.0, 0.0)
        if low_ext or high_ext:  # the line, and its dots, that many points further at each end
            from mlmcli.graphs.dot_lines import extended_dots

            extended_dots(ax, which, ticks, (lo, hi), (low_ext * k, high_ext * k), spec.dots, look)
            continue
        along = np.linspace(lo, hi, spec.dots)
        across = np.repeat(np.asarray(ticks, float), spec.dots)
        spread = np.tile(along, len(ticks))
        xs, ys = (across, spread) if which == "x" else (spread, across)
        ax.plot(xs, ys, scalex=False, scaley=False, **look)


def late_reference_lines(ax, twin, graph: Graph, k: float, axis_of=None) -> None:
    """Reference lines drawn after the limits: ``noextend`` ones over the axis' range (its
    data and the ticks within its limits), and ``yline(, axis(#))`` on axis # (``axis_of(letter,
    #)``: its Axes; else the second y axis ``twin``)."""
    sch = style.scheme(graph.scheme)
    for line in graph.reflines:
        if line.extend and line.scale == 1:
            continue
        target = twin if line.scale == 2 and twin is not None else ax
        if axis_of is not None and line.scale != 1:
            target = axis_of(line.axis, line.scale)
        span = None
        if not line.extend:
            along = "y" if line.axis == "x" else "x"
            lo_lim, hi_lim = sorted(ax.get_ylim() if along == "y" else ax.get_xlim())
            box = ax.dataLim
            data = (box.y0, box.y1) if along == "y" else (box.x0, box.x1)
            ticks = [t for t in (ax.get_yticks() if along == "y" else ax.get_xticks())
                     if lo_lim <= t <= hi_lim]
            ends = [v for v in (*data, *ticks) if np.isfinite(v)]
            span = (max(min(ends), lo_lim), min(max(ends), hi_lim)) if ends else (lo_lim, hi_lim)
        draw_reference_line(target, line, sch, k, span)
