"""Drawing a ``Graph`` with matplotlib (``graphs.export`` writes the drawing to a file).

matplotlib is imported here only, inside the functions, so that start-up and
commands that draw nothing never pay for it.  No pyplot: a bare ``Figure``
with the Agg canvas keeps no global state between graphs.

Layout, as Stata's: ``frame`` places the titles, legend, note and caption around the plot
region by clock position and ring; here the plot region is drawn: the panels of a graph
(a trellis for ``by()``: ``cols()``/``rows()``, ``colfirst``, ``holes()``, the gap of
``imargin()``/``compact``, which panels show axes) or, for ``graph combine``, its graphs
(``rows()``/``cols()``, ``colfirst``, ``holes()``, ``fxsize()``/``fysize()``, ``imargin()``,
``iscale()``, ``commonscheme``).  Axes carry ``gid``s ``panel<k>``
(``part<i>-panel<k>`` inside a combined graph); series gids are described in ``artists``.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.graphs import style
from mlmcli.graphs.scheme_colors import repaint_foreground
from mlmcli.graphs.artists import draw_series
from mlmcli.graphs.dot_lines import category_lines, category_rectangles
from mlmcli.graphs.frame import draw_frame, text_look, title_look
from mlmcli.graphs.text_box_draw import text_kwargs
from mlmcli.graphs.graph_text_draw import apply_graph_text_markup
from mlmcli.graphs.legend_draw import draw_legend_in_cell
from mlmcli.graphs.more_axes import axis_title_text, framed
from mlmcli.graphs.more_axes_draw import (PanelAxes, finish_more_axes, more_axes_texts, shared_limits,
                                          stack_axes)
from mlmcli.graphs.panel_axes import (common_limits, data_min, finish_limits, finish_ticks,  # noqa: F401
                                      category_dots, late_reference_lines, stata_tick, style_axes)
from mlmcli.graphs.spec import Graph, grid_shape
from mlmcli.graphs.natural_scale import fix_shared, shared_natural

MANY_PANELS = 30  # above this many panels, fixed margins instead of constrained layout


def figure_size(graph: Graph) -> tuple[float, float]:
    """Inches: ``xsize()``/``ysize()``, else Stata's 5.5 x 4 for one panel; more room for a
    trellis, a long caterpillar or a combined graph."""
    if graph.size is not None:
        return graph.size
    if graph.parts:
        rows, cols = grid_shape(len(graph.parts) + len(graph.holes), graph.cols, graph.rows)
        return (min(max(style.WIDTH_IN, 3.4 * cols), 16.0), min(max(style.HEIGHT_IN, 2.7 * rows), 14.0))
    n = len(graph.panels)
    if graph.share_y is False and any(p.yticklabels for p in graph.panels) and any(
            s.kind == "pointci" for p in graph.panels for s in p.series):
        groups = max(len(p.yticklabels or ()) for p in graph.panels)
        return (max(style.WIDTH_IN, 3.0 * n + 1.0), min(max(style.HEIGHT_IN, 0.16 * groups + 1.6), 40.0))
    if n <= 1:  # the scheme's graph size (s2gcolor's 3.12 x 2.392), else Stata's 5.5 x 4
        return style.scheme(graph.scheme).size or (style.WIDTH_IN, style.HEIGHT_IN)
    rows, cols = grid_shape(n + len(graph.holes), graph.cols, graph.rows)
    return (min(max(style.WIDTH_IN, 2.2 * cols + 1.0), 16.0),
            min(max(style.HEIGHT_IN, 1.9 * rows + 1.4), 14.0))


def cells(n: int, cols: int, rows: int, colfirst: bool, holes: tuple[int, ...]) -> tuple[int, int, list]:
    """(rows, columns, the (row, column) cell of each of ``n`` items): filled row by row, or
    column by column with ``colfirst``, skipping the 1-based cells in ``holes``."""
    total = n + len([h for h in holes if h <= n + len(holes)])
    n_rows, n_cols = grid_shape(total, cols, rows)
    order = [(r, c) for r in range(n_rows) for c in range(n_cols)]
    if colfirst:
        order = [(r, c) for c in range(n_cols) for r in range(n_rows)]
    free = [cell for i, cell in enumerate(order, start=1) if i not in holes]
    while len(free) < n:  # holes beyond the grid: grow by rows
        n_rows += 1
        free += [(n_rows - 1, c) for c in range(n_cols)]
    return n_rows, n_cols, free[:n]


# ---------------------------------------------------------------- the figure
def make_figure(graph: Graph, size: tuple[float, float] | None = None):
    """The matplotlib Figure of a Graph."""
    from matplotlib.figure import Figure

    width, height = size or figure_size(graph)
    many = len(graph.panels) > MANY_PANELS
    sch = style.scheme(graph.scheme)
    fig = Figure(figsize=(width, height), facecolor=graph.graph_color or sch.graph_region,
                 layout=None if many else "constrained")
    if graph.gap is not None and not many:
        pad = graph.gap / 72.0
        fig.get_layout_engine().set(w_pad=pad / 2, h_pad=pad / 2, wspace=0.0, hspace=0.0)
    draw_into(fig, graph, width, height)
    apply_graph_text_markup(fig)  # SMCL's {bf:} {it:} {sup:} {&alpha} ... in every text ([G-4] text)
    return fig


def draw_into(container, graph: Graph, width: float, height: float, prefix: str = "",
              xlim=None, ylim=None) -> None:
    """Draw a graph into a Figure or SubFigure of ``width`` x ``height`` inches."""
    cell = None if graph.parts else legend_cell(graph)
    if graph.parts:
        def central(host, w, h):
            return _draw_combined(host, graph, w, h)
    elif graph.by_ramp is not None:
        def central(host, w, h):
            return _panels_with_ramp(host, graph, w, h, prefix, xlim, ylim, cell)
    else:
        def central(host, w, h):
            return _draw_panels(host, graph, w, h, prefix, xlim, ylim, cell)
    if graph.trellis_region:  # by(..., plotregion()): the area the panels are arrayed in
        from mlmcli.graphs.by_panel_regions import trellis_area

        arrayed = central

        def central(host, w, h):
            return arrayed(*trellis_area(host, graph, w, h))
    # legend(at(#)): the legend is drawn in a cell of the trellis, not around it
    draw_frame(container, replace(graph, legend="off") if cell else graph, width, height, central)
    repaint_foreground(container, graph.scheme)  # s1rcolor: white foreground on black


def legend_cell(graph: Graph) -> tuple[int, int] | None:
    """``legend(at(#))`` of a ``by()`` trellis: the (row, column) of cell # of its grid, counted
    as ``holes()`` counts them; None without ``at()``, with one panel (Stata's ``at()`` places
    the legend of a by-graph only) or a cell beyond the grid (the legend stays in its ring)."""
    at = graph.legend_look.at
    if at is None or len(graph.panels) < 2 or not graph.shows_legend():
        return None
    rows, cols, _ = cells(len(graph.panels), graph.cols, graph.rows, graph.colfirst, graph.holes)
    order = [(r, c) for c in range(cols) for r in range(rows)] if graph.colfirst else \
        [(r, c) for r in range(rows) for c in range(cols)]
    return order[at - 1] if at <= len(order) else None


def _panels_with_ramp(host, graph: Graph, width: float, height: float, prefix: str, xlim, ylim, cell) -> list:
    """``by(..., clegend(on))``: the trellis and its one contour legend ([G-3] clegend_option).
    ``at(#)`` puts the key in cell # (as ``legend(at())``), ``ring(0)`` inside the panels'
    region; otherwise the key has a band of its own on its side of the trellis, the key aligned
    with the panels' plot regions as it is with one plot region."""
    from mlmcli.graphs.contour_ramp_draw import band_size
    from mlmcli.graphs.contour_ramp_place import ramp_side

    ramp = graph.by_ramp
    fields = dict(ramp.ramp_look)
    at = fields.get("at")
    rows, cols, _ = cells(len(graph.panels), graph.cols, graph.rows, graph.colfirst, graph.holes)
    order = [(r, c) for c in range(cols) for r in range(rows)] if graph.colfirst else \
        [(r, c) for r in range(rows) for c in range(cols)]
    ramp_at = order[at - 1] if at is not None and at <= len(order) else None  # beyond the grid: its ring
    side = ramp_side(fields)
    if ramp_at is not None or side == "inside":
        return _draw_panels(host, graph, width, height, prefix, xlim, ylim, cell, ramp_at=ramp_at or "inside")
    across = side in ("top", "bottom")
    if across and fields.get("height") is None:  # above or below: 30% of the plot area's height
        ramp = replace(ramp, ramp_look=ramp.ramp_look + (("height", 0.3 * height * 72.0 / graph.scale),))
    band = band_size(ramp.ramp_look, ramp.ramp or (), graph.scale, across) / 72.0
    band = min(band, 0.6 * (height if across else width))
    sizes = [band, (height if across else width) - band]
    first = side in ("left", "top")
    ratios = sizes if first else sizes[::-1]
    if across:
        subs = list(host.subfigures(2, 1, height_ratios=ratios, hspace=0.0).ravel())
    else:
        subs = list(host.subfigures(1, 2, width_ratios=ratios, wspace=0.0).ravel())
    color = graph.graph_color or style.scheme(graph.scheme).graph_region
    for sub in subs:
        sub.set_facecolor(color)
    trellis, key_band = (subs[1], subs[0]) if first else (subs[0], subs[1])
    w, h = (width, sizes[1]) if across else (sizes[1], height)
    drawn = _draw_panels(trellis, graph, w, h, prefix, xlim, ylim, cell)
    _trellis_ramp(ramp, key_band, drawn, graph.scale, band=side)
    return drawn


def _trellis_ramp(ramp, host, region_axes: list, k: float, look: tuple = (), band: str | None = None) -> None:
    from mlmcli.graphs.contour_ramp_draw import draw_ramp
    from mlmcli.graphs.contour_ramp_place import PlacedRegion

    draw_ramp(region_axes[0], ramp.pos, ramp.labels or (), ramp.ramp, ramp.ramp_look + look, "clegend", k,
              parent=PlacedRegion(host, region_axes, band))


def _draw_combined(host, graph: Graph, width: float, height: float) -> list:
    """``graph combine``: each graph in a cell; ``xcommon``/``ycommon`` share limits,
    ``fxsize()``/``fysize()`` shrink a graph within its cell, ``iscale()`` scales the parts'
    text and markers, ``commonscheme`` draws them in the combined graph's scheme."""
    parts = list(graph.parts)
    if graph.inner_scale != 1.0 or graph.scale != 1.0:
        parts = [replace(p, scale=p.scale * graph.inner_scale * graph.scale) for p in parts]
    rows, cols, where = cells(len(parts), graph.cols, graph.rows, graph.colfirst, graph.holes)
    widths, heights = [1.0] * cols, [1.0] * rows
    for part, (r, c) in zip(parts, where):  # a column is as wide as its widest graph
        widths[c] = max(widths[c] if widths[c] != 1.0 else 0.0, (part.fxsize or 100.0) / 100.0)
        heights[r] = max(heights[r] if heights[r] != 1.0 else 0.0, (part.fysize or 100.0) / 100.0)
    widths = [w if w > 0 else 1.0 for w in widths]
    heights = [h if h > 0 else 1.0 for h in heights]
    gap = (graph.gap or 0.0) / 72.0
    subs = host.subfigures(rows, cols, squeeze=False, width_ratios=widths, height_ratios=heights,
                           wspace=gap / max(width / cols, 0.1), hspace=gap / max(height / rows, 0.1))
    all_panels = [p for g in parts for p in g.panels]
    xlim = common_limits(all_panels, "x") if graph.share_x else None  # xcommon
    ylim = common_limits(all_panels, "y") if graph.share_y else None  # ycommon
    placed = set()
    if graph.plot_color:  # the combined graph's plot region (areastyle none by default): seen
        host.set_facecolor(graph.plot_color)  # between the graphs and in holes()
    for j, (part, (r, c)) in enumerate(zip(parts, where)):
        sub = subs[r][c]
        placed.add((r, c))
        sub.set_facecolor(part.graph_color or style.scheme(part.scheme).graph_region)
        pw = width * widths[c] / sum(widths)
        ph = height * heights[r] / sum(heights)
        if graph.alt_shrink:  # altshrink: drawn full size, then shrunk into its cell
            full_w, full_h = part.size or (style.WIDTH_IN, style.HEIGHT_IN)
            part = replace(part, scale=part.scale * min(pw / full_w, ph / full_h, 1.0))
        draw_into(sub, part, pw, ph, prefix=f"part{j + 1}-", xlim=xlim, ylim=ylim)
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in placed:
                subs[r][c].set_visible(False)
    return [_HostProxy(host)]


class _HostProxy:
    """The plot region of a combined graph (its grid of graphs), for ``frame``: titles and
    a ring(0) legend are placed on it as on a plot region."""

    def __init__(self, host):
        self.transAxes = host.transSubfigure
        self._host = host

    def legend(self, *args, **kwargs):
        return self._host.legend(*args, **kwargs)

    def text(self, *args, **kwargs):
        return self._host.text(*args, **kwargs)


def _panel_flags(graph: Graph, where: list, k_index: int) -> tuple[bool, bool]:
    """(has a panel below it, has a panel left of it) for the panel at ``where[k_index]``."""
    r, c = where[k_index]
    taken = set(where)
    below = any((rr, c) in taken for rr in range(r + 1, r + 1 + 64))
    if not graph.edge_labels:
        below = r < max(rr for rr, _ in where)
    return below, c > 0 and any((r, cc) in taken for cc in range(c))


def _draw_panels(main, graph: Graph, width: float, height: float, prefix: str, xlim, ylim,
                 legend_at: tuple[int, int] | None = None, ramp_at=None):
    n = len(graph.panels)
    rows, cols, where = cells(n, graph.cols, graph.rows, graph.colfirst, graph.holes)
    trellis = n > 1
    k = graph.scale * (graph.inner_scale if trellis else 1.0)
    margins = graph.plot_margin
    # Shared scales are set by hand: matplotlib's shared axes autoscale in quadratic time.
    fixed_x, fixed_y = xlim is not None, ylim is not None  # limits a combined graph shares
    shared_ticks: dict = {}  # by(): an automatic shared axis' natural labels
    if trellis and graph.share_x and xlim is None and not graph.xaxis.log:
        xlim = common_limits(graph.panels, "x", margins[:2] if margins else None)
        if xlim:
            mins = [m for m in (data_min(p, "x") for p in graph.panels) if m is not None]
            from mlmcli.graphs.panel_axes import adjust_limits

            xlim = adjust_limits(*xlim, graph.xaxis, min(mins) if mins else None, graph.xticks,
                                 margins[:2] if margins else (0.05, 0.05))
            xlim, shared_ticks["x"] = shared_natural(graph, "x", xlim, margins[:2] if margins else (0.05, 0.05),
                                                     common_limits(graph.panels, "x", (0.0, 0.0)))
    if trellis and graph.share_y and ylim is None and not graph.yaxis.log:
        ylim = common_limits(graph.panels, "y", margins[2:] if margins else None)
        if ylim:
            mins = [m for m in (data_min(p, "y") for p in graph.panels) if m is not None]
            from mlmcli.graphs.panel_axes import adjust_limits

            ylim = adjust_limits(*ylim, graph.yaxis, min(mins) if mins else None, graph.yticks,
                                 margins[2:] if margins else (0.05, 0.05))
            ylim, shared_ticks["y"] = shared_natural(graph, "y", ylim, margins[2:] if margins else (0.05, 0.05),
                                                     common_limits(graph.panels, "y", (0.0, 0.0)))
    gap = graph.gap / 72.0 if graph.gap is not None else None
    grid_kw = {} if gap is None else dict(wspace=gap / max(width / cols, 0.1), hspace=gap / max(height / rows, 0.1))
    axes = main.subplots(rows, cols, squeeze=False, gridspec_kw=grid_kw or None)
    small = trellis and graph.share_y
    every = set(graph.every_panel)
    drawn = []
    stacks = []
    shared = shared_limits(graph) if trellis else {}  # by(): further axes share their scales too
    for j, panel in enumerate(graph.panels):
        r, c = where[j]
        ax = axes[r][c]
        ax.set_gid(f"{prefix}panel{j + 1}")
        if xlim:  # a shared scale is fixed; the other (yrescale, xrescale) still fits the data
            ax.set_autoscalex_on(False)
        if ylim:
            ax.set_autoscaley_on(False)
        more = PanelAxes(ax, f"{prefix}panel{j + 1}")  # yaxis(#)/xaxis(#): an Axes per scale
        for i, s in enumerate(panel.series):
            draw_series(more.target(s), s, f"{prefix}p{j + 1}-s{i + 1}-{s.kind}", graph.scheme, small, i, k)
        twin = more.y.get(2)
        below, beside = _panel_flags(graph, where, j) if trellis else (False, False)
        if xlim:
            ax.set_xlim(xlim)
            if below:  # a panel below shows the x labels
                ax.tick_params(labelbottom="xlabel" in every, bottom="xticks" in every)
        if ylim:
            ax.set_ylim(ylim)
            if beside:
                ax.tick_params(labelleft="ylabel" in every, left="yticks" in every)
        view = replace(graph, **dict(panel.axis_fields)) if panel.axis_fields else graph  # its own axes
        style_axes(ax, panel, view, small, k, k)
        fix_shared(ax, shared_ticks)
        if not (xlim and ylim):
            ax.autoscale_view()
        cell = panel.limits is not None  # a matrix cell: its ranges set before the ticks are placed
        if cell:
            ax.set_xlim(panel.limits[:2])
            ax.set_ylim(panel.limits[2:])
        finish_limits(ax, view.xaxis, "x", data_min(panel, "x"), view, view.xticks, fixed_x or bool(xlim) or cell)
        finish_limits(ax, view.yaxis, "y", data_min(panel, "y"), view, view.yticks, fixed_y or bool(ylim) or cell)
        finish_ticks(ax, view.xaxis, "x", view.xticks, _extent(graph, panel, "x", bool(xlim)), k, graph.scheme)
        finish_ticks(ax, view.yaxis, "y", view.yticks, _extent(graph, panel, "y", bool(ylim)), k, graph.scheme)
        if xlim and below and "xline" not in every:  # an inner panel: no x axis line (s2color's
            ax.spines["top" if view.xaxis.alt else "bottom"].set_visible(False)  # by_indiv_xaxes no)
        if ylim and beside and "yline" not in every:
            ax.spines["right" if view.yaxis.alt else "left"].set_visible(False)
        for d in ("x", "y"):  # by(, noixlabel/noiytick): off on every panel, the edge ones too
            if f"no-{d}label" in every:
                ax.tick_params(axis=d, which="both", **{f"label{s}": False for s in _SIDES[d]})
            if f"no-{d}ticks" in every:
                ax.tick_params(axis=d, which="both", **{s: False for s in _SIDES[d]})
        if twin is None and (any(s.axis == 3 or 2 in s.y_axes() for s in panel.series)  # yaxis(1 2 ...): axis 2
                             or any(line.scale == 2 and line.axis == "y" for line in graph.reflines)):
            twin = more.y_axis(2)
            twin.set_ylim(ax.get_ylim())
        if twin is not None:
            _second_axis(twin, panel, graph, small, k, more.extent("y", 2))
        finish_more_axes(more, panel, graph, small, k, shared)
        more_axes_texts(more, graph.texts + panel.texts, graph, k)
        if panel.label_sides is not None:  # a graph matrix cell
            from mlmcli.graphs.matrix import frame_cell

            frame_cell(ax, panel, view, k)
        late_reference_lines(ax, twin, graph, k, more.on)
        category_dots(ax, panel, graph, k)
        category_rectangles(ax, panel, graph, k)
        category_lines(ax, panel, graph, k)
        if trellis and "xtitle" in every and graph.xtitle:
            ax.set_xlabel(graph.xtitle, **text_look(graph, "xtitle", 8.0 * k / max(graph.scale, 1e-9)))
        if trellis and "ytitle" in every and graph.ytitle:
            ax.set_ylabel(graph.ytitle, **text_look(graph, "ytitle", 8.0 * k / max(graph.scale, 1e-9)))
        if graph.panel_frame or graph.panel_region or graph.panel_legend:  # typed outside by()
            _frame_panel(ax, graph, k, panel)
        drawn.append(ax)
        stacks.append(more)
    used = set(where)
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in used:
                axes[r][c].set_visible(False)
    if legend_at is not None:
        draw_legend_in_cell(main, graph, axes[legend_at[0]][legend_at[1]])
    if ramp_at == "inside":  # by(..., clegend(ring(0))): inside the panels' region
        _trellis_ramp(graph.by_ramp, main, drawn, graph.scale)
    elif ramp_at is not None:  # by(..., clegend(at(#))): in that cell, centred unless position()
        position = () if "position" in dict(graph.by_ramp.ramp_look) else (("position", 0),)
        _trellis_ramp(graph.by_ramp, main, [axes[ramp_at[0]][ramp_at[1]]], graph.scale,
                      (("ring", 0.0),) + position)
    if len(graph.panels) > MANY_PANELS:  # constrained layout costs seconds per dozen panels
        main.subplots_adjust(left=0.7 / width, right=0.99, bottom=0.55 / height,
                             top=1 - 0.45 / height, wspace=0.12 if gap is None else gap,
                             hspace=0.45 if gap is None else gap)
    _axis_titles(main, drawn, graph, trellis, every)
    for more in stacks:  # the further axes outside one another, once every title is set
        stack_axes(more, graph)
    return drawn or [axes[0][0]]


def _frame_panel(ax, graph: Graph, k: float, panel) -> None:
    """A by() panel's own titles, legend and graph region (typed outside ``by()``)."""
    from mlmcli.graphs.by_panel_regions import draw_panel_region
    from mlmcli.graphs.by_panel_title_draw import draw_panel_frame

    if graph.panel_frame or graph.panel_legend:
        draw_panel_frame(ax, graph, k, panel)
    if graph.panel_region:
        draw_panel_region(ax, graph, k)


def _second_axis(twin, panel, graph: Graph, small: bool, k: float, extent=None) -> None:
    """``yaxis(2)``: the right-hand axis with its own ``ylabel(, axis(2))`` ... options; its
    limits reach its own labels (``extent``: the data on it, drawn into ``twin`` or pairs)."""
    from mlmcli.graphs.panel_axes import apply_axis, style_spine

    title = axis_title_text(graph, "y", 2, [panel])  # ytitle("x", axis(2) prefix|suffix) joined
    if framed(title_look(graph, "ytitle2")):  # drawn by the frame, around the plot region
        title = ""
    apply_axis(twin, replace(graph.yaxis2, grid=graph.yaxis2.grid or False, alt=False), "y", graph.y2ticks,
               panel, graph, small, k)
    side = "left" if graph.yaxis2.alt else "right"  # yscale(alt axis(2)): on the left, outside axis 1
    for name in ("top", "bottom", "left", "right"):
        twin.spines[name].set_visible(name == side and graph.yaxis2.line and not graph.yaxis2.off)
    twin.yaxis.set_ticks_position(side)
    twin.yaxis.set_label_position(side)
    style_spine(twin.spines[side], graph.yaxis2, k)
    look = text_look(graph, "ytitle2", 9.0)
    twin.set_ylabel(title, **look, **text_kwargs(title_look(graph, "ytitle2"), look["fontsize"]))
    finish_limits(twin, graph.yaxis2, "y", None, graph, graph.y2ticks, extent=extent)
    finish_ticks(twin, graph.yaxis2, "y", graph.y2ticks)


_SIDES = {"x": ("bottom", "top"), "y": ("left", "right")}


def _axis_titles(main, drawn: list, graph: Graph, trellis: bool, every: set) -> None:
    """The x and y titles: shared by a trellis, with their textbox looks."""
    size = graph.xaxis.title_size or (9 if trellis else 9.5)
    for element, text in (("xtitle", graph.xtitle), ("ytitle", graph.ytitle)):
        look = title_look(graph, element)
        if not text or (trellis and element in every) or framed(look):  # framed: frame draws it
            continue
        fmt = text_look(graph, element, size)
        kwargs = text_kwargs(look, fmt["fontsize"])
        gap = (graph.xaxis if element == "xtitle" else graph.yaxis).title_gap
        pad = (gap or 0.0) + ((look.margin[3] if element == "xtitle" else look.margin[1]) if look else 0.0)
        if look is not None and look.orientation is not None:
            kwargs["rotation"] = look.orientation
        if trellis:
            put = main.supxlabel if element == "xtitle" else main.supylabel
            if look is not None and look.justification:
                kwargs["ha"] = look.justification
                kwargs["x" if element == "xtitle" else "y"] = {"left": 0.02, "center": 0.5,
                                                               "right": 0.98}[look.justification]
            put(text, **fmt, **kwargs)
        elif drawn:
            put = drawn[0].set_xlabel if element == "xtitle" else drawn[0].set_ylabel
            if look is not None and look.justification:
                loc = look.justification if element == "xtitle" else \
                    {"left": "bottom", "center": "center", "right": "top"}[look.justification]
                kwargs["loc"] = loc
                kwargs.pop("multialignment", None)
            put(text, labelpad=4.0 + pad if pad else None, **fmt, **kwargs)
            spec = graph.xaxis if element == "xtitle" else graph.yaxis
            if spec.off and spec.fill:  # the title's space kept, nothing shown
                axis = drawn[0].xaxis if element == "xtitle" else drawn[0].yaxis
                axis.label.set_color((0.0, 0.0, 0.0, 0.0))


def _extent(graph: Graph, panel, which: str, shared: bool):
    """The data's extent on a panel's axis (every panel's when they share the scale): where the
    scale ends, for the grid lines Stata leaves out there (``grid_ends.scale_end_grid``)."""
    from mlmcli.graphs.grid_ends import data_extent

    if getattr(panel, f"{which}ticklabels", None):  # a category axis: its lines are the categories'
        return None
    if not shared:
        return data_extent(panel, which)
    found = [e for e in (data_extent(p, which) for p in graph.panels) if e is not None]
    return (min(e[0] for e in found), max(e[1] for e in found)) if found else None
