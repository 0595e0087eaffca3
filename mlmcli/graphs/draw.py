"""Drawing a ``Graph`` with matplotlib and writing it to a file.

matplotlib is imported here only, inside the functions, so that start-up and
commands that draw nothing never pay for it.  No pyplot: a bare ``Figure``
with the Agg canvas keeps no global state between graphs.

Layout, as Stata's: the title and subtitle on top, the plot region(s), the
legend (below by default; ``legend(position() ring())`` moves it), then the note
and caption.  A combined graph draws each of its graphs in a sub-figure.
Axes carry ``gid``s ``panel<k>`` (``part<i>-panel<k>`` inside a combined graph);
series gids are described in ``artists``.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.artists import draw_series, legend_handle
from mlmcli.graphs.spec import Axis, Graph, Panel, grid_shape

MANY_PANELS = 30  # above this many panels, fixed margins instead of constrained layout
FORMATS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "eps": "EPS", "ps": "PS"}
_RING0_LOC = {0: "center", 12: "upper center", 1: "upper right", 2: "upper right",
              3: "center right", 4: "lower right", 5: "lower right", 6: "lower center",
              7: "lower left", 8: "lower left", 9: "center left", 10: "upper left",
              11: "upper left"}


def figure_size(graph: Graph) -> tuple[float, float]:
    """Inches: ``xsize()``/``ysize()``, else Stata's 5.5 x 4 for one panel; more room for a
    trellis, a long caterpillar or a combined graph."""
    if graph.size is not None:
        return graph.size
    if graph.parts:
        rows, cols = grid_shape(len(graph.parts), graph.cols, graph.rows)
        return (min(max(style.WIDTH_IN, 3.4 * cols), 16.0), min(max(style.HEIGHT_IN, 2.7 * rows), 14.0))
    n = len(graph.panels)
    if graph.share_y is False and any(p.yticklabels for p in graph.panels) and any(
            s.kind == "pointci" for p in graph.panels for s in p.series):
        groups = max(len(p.yticklabels or ()) for p in graph.panels)
        return (max(style.WIDTH_IN, 3.0 * n + 1.0), min(max(style.HEIGHT_IN, 0.16 * groups + 1.6), 40.0))
    if n <= 1:
        return style.WIDTH_IN, style.HEIGHT_IN
    rows, cols = grid_shape(n, graph.cols)
    return (min(max(style.WIDTH_IN, 2.2 * cols + 1.0), 16.0),
            min(max(style.HEIGHT_IN, 1.9 * rows + 1.4), 14.0))


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


# ---------------------------------------------------------------- axes
def _grid_default(graph: Graph, panel: Panel, which: str) -> bool:
    if style.scheme(graph.scheme).grid is None:
        return False
    if panel.yticklabels and any(s.kind == "pointci" for s in panel.series):
        return which == "x"
    horizontal = any(s.horizontal for s in panel.series)
    return which == ("x" if horizontal else "y")


def _apply_axis(ax, spec: Axis, which: str, ticks, panel: Panel, graph: Graph, small: bool) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    axis = ax.xaxis if which == "x" else ax.yaxis
    categorical = (panel.xticklabels if which == "x" else panel.yticklabels) is not None
    tick_text = stata_tick
    if spec.format:
        from mlmcli.render.numfmt import format_number

        tick_text = lambda v, _p=None, fmt=spec.format: format_number(v, fmt).strip()  # noqa: E731
    if spec.log:
        (ax.set_xscale if which == "x" else ax.set_yscale)("log")
        if spec.format:
            axis.set_major_formatter(FuncFormatter(tick_text))
    elif not categorical:
        axis.set_major_formatter(FuncFormatter(tick_text))
    if not categorical:
        if spec.ticklabels is not None:
            positions = [v for v, _ in spec.ticklabels]
            axis.set_major_locator(FixedLocator(positions))
            axis.set_major_formatter(FuncFormatter(
                lambda v, _p, table=dict(spec.ticklabels): table.get(v, stata_tick(v))))
            if not spec.ticklabels:
                ax.tick_params(axis=which, labelbottom=False, labelleft=False)
        elif ticks is not None:
            axis.set_major_locator(FixedLocator(list(ticks)))
        elif spec.nticks is not None and not spec.log:
            axis.set_major_locator(MaxNLocator(nbins=spec.nticks, steps=[1, 2, 2.5, 5, 10]))
        elif which == "x" and small:  # narrow panels: fewer x labels so they do not collide
            axis.set_major_locator(MaxNLocator(nbins=5))
        else:
            axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        if spec.minor:
            axis.set_minor_locator(FixedLocator(list(spec.minor)))
    if spec.angle:
        ax.tick_params(axis=which, labelrotation=spec.angle)
        if which == "x" and 0 < spec.angle < 90:
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
    elif which == "y" and not categorical:
        ax.tick_params(axis="y", labelrotation=90)  # Stata writes y labels along the axis
        for label in ax.get_yticklabels():
            label.set_verticalalignment("center")
    if spec.labsize:
        ax.tick_params(axis=which, labelsize=spec.labsize)
    grid = spec.grid if spec.grid is not None else _grid_default(graph, panel, which)
    color = style.scheme(graph.scheme).grid or style.GRID
    if grid:
        ax.grid(True, axis=which, color=color, linewidth=0.8, zorder=0)
    else:
        ax.grid(False, axis=which)
    if spec.off:
        axis.set_visible(False)
        ax.spines["bottom" if which == "x" else "left"].set_visible(False)


def _adjust_limits(lo: float, hi: float, spec: Axis, data_min: float | None) -> tuple[float, float]:
    """Limits widened to ``range()`` and 0 (bar charts), and cut at 0 below data that start
    there (histograms and bars stand on the axis)."""
    if spec.range is not None:
        lo, hi = min(lo, spec.range[0]), max(hi, spec.range[1])
    if spec.include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if spec.tight_low and data_min is not None and data_min >= 0 and lo < 0:
        lo = 0.0
    if spec.log:
        lo = max(lo, 1e-300)
    return lo, hi


def _finish_limits(ax, spec: Axis, which: str, data_min: float | None, fixed: bool = False) -> None:
    """Apply the axis' range rules (not to limits a combined graph fixed in common)."""
    get = ax.get_xlim if which == "x" else ax.get_ylim
    put = ax.set_xlim if which == "x" else ax.set_ylim
    if not fixed:
        put(*_adjust_limits(*get(), spec, data_min))
    if spec.reverse:
        (ax.invert_xaxis if which == "x" else ax.invert_yaxis)()


def _data_min(panel: Panel, which: str) -> float | None:
    values = []
    for s in panel.series:
        horizontal = s.horizontal
        use_y = (which == "y") != horizontal
        arrays = [s.y, s.y2] if use_y else [s.x]
        if s.kind == "bar" and use_y:
            arrays.append(np.array([s.base or 0.0]))
        for arr in arrays:
            if arr is not None and len(arr):
                values.append(np.nanmin(np.asarray(arr, float)))
    return float(min(values)) if values else None


def _style_axes(ax, panel: Panel, graph: Graph, small: bool) -> None:
    sch = style.scheme(graph.scheme)
    ax.set_facecolor(graph.plot_color or sch.plot_region)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7 if small else 8.5, direction="out", length=3)
    ax.set_axisbelow(True)
    if panel.title:
        ax.set_title(panel.title, fontsize=8 if small else 10, pad=5,
                     bbox=dict(facecolor=sch.panel_title_bg, edgecolor="none", pad=1.5))
    for which, ticks, labels in (("y", panel.yticks, panel.yticklabels),
                                 ("x", panel.xticks, panel.xticklabels)):
        if ticks is None:
            continue
        (ax.set_yticks if which == "y" else ax.set_xticks)(ticks)
        if ticks:
            size = 6 if len(ticks) > 40 else 7.5
            (ax.set_yticklabels if which == "y" else ax.set_xticklabels)(labels or (), fontsize=size)
            if any(s.kind == "pointci" for s in panel.series):  # caterpillar: one row per group
                setter = ax.set_ylim if which == "y" else ax.set_xlim
                setter(min(ticks) - 0.8, max(ticks) + 0.8)
    _apply_axis(ax, graph.xaxis, "x", graph.xticks, panel, graph, small)
    _apply_axis(ax, graph.yaxis, "y", graph.yticks, panel, graph, small)
    if panel.zero_line:
        ax.axvline(0.0, color=style.NAMED_COLORS["gs8"], linewidth=0.8, zorder=1)
    for v in graph.xlines:
        ax.axvline(v, color=sch.reference_line, linewidth=0.8, zorder=1.5)
    for v in graph.ylines:
        ax.axhline(v, color=sch.reference_line, linewidth=0.8, zorder=1.5)
    for line in graph.reflines:
        draw_line = ax.axvline if line.axis == "x" else ax.axhline
        draw_line(line.value, color=line.color or sch.reference_line,
                  linewidth=line.width if line.width is not None else 0.8,
                  linestyle=style.line_pattern(line.pattern or "solid") or "-", zorder=1.5)
    for box in graph.texts + panel.texts:
        _text(ax, box)
    if panel.xtitle is not None:
        ax.set_xlabel(panel.xtitle, fontsize=8)
    if panel.ytitle is not None:
        ax.set_ylabel(panel.ytitle, fontsize=8)
    if graph.aspect:
        ax.set_box_aspect(graph.aspect)


_PLACE = {"c": ("center", "center"), "n": ("center", "bottom"), "s": ("center", "top"),
          "e": ("left", "center"), "w": ("right", "center"), "ne": ("left", "bottom"),
          "nw": ("right", "bottom"), "se": ("left", "top"), "sw": ("right", "top"),
          "12": ("center", "bottom"), "3": ("left", "center"), "6": ("center", "top"),
          "9": ("right", "center"), "0": ("center", "center")}


def _text(ax, box) -> None:
    ha, va = _PLACE.get(box.place, ("center", "center"))
    ax.text(box.x, box.y, box.text, ha=ha, va=va, fontsize=box.size or 8.5, color=box.color or "black",
            rotation=box.angle, zorder=5, gid="text")


def _common_limits(panels, axis: str) -> tuple[float, float] | None:
    """The range of every panel's data on one axis, widened by 5% each side (matplotlib's margin)."""
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
    pad = 0.05 * (hi - lo) if hi > lo else 0.5 * max(abs(lo), 1.0)
    return lo - pad, hi + pad


# ---------------------------------------------------------------- legend
def _legend_columns(graph: Graph) -> int:
    """Columns of the legend: ``cols(#)``, or from ``rows(#)`` (stored negative); default 2
    (one for a legend at the side)."""
    n = max(len(graph.legend_entries()), 1)
    if graph.legend_cols < 0:
        return max(1, -(-n // -graph.legend_cols))
    cols = graph.legend_cols
    if graph.legend_position in (2, 3, 4, 8, 9, 10) and graph.legend_ring != 0 and cols == 2:
        cols = 1
    return max(1, min(cols, n))


def _row_major(items: list, ncol: int) -> list:
    """Reorder so that matplotlib's column-by-column legend reads row by row, as Stata's does."""
    rows = -(-len(items) // ncol)
    grid = [items[r * ncol:(r + 1) * ncol] for r in range(rows)]
    return [grid[r][c] for c in range(ncol) for r in range(rows) if c < len(grid[r])]


def _legend_args(graph: Graph):
    items = graph.legend_items()
    handles = [legend_handle(s, graph.scheme) for s, _ in items]
    labels = [text for _, text in items]
    ncol = _legend_columns(graph)
    if graph.legend_colfirst:  # matplotlib fills columns first already
        return handles, labels, ncol
    return _row_major(handles, ncol), _row_major(labels, ncol), ncol


def text_look(graph: Graph, element: str, size: float) -> dict:
    """fontsize/color of a title element, with its ``size()``/``color()`` when typed."""
    for name, typed_size, color in graph.text_styles:
        if name == element:
            out = {"fontsize": typed_size or size}
            if color:
                out["color"] = color
            return out
    return {"fontsize": size}


def _legend_side(graph: Graph) -> str:
    pos = graph.legend_position
    if graph.legend_ring == 0:
        return "inside"
    if pos in (2, 3, 4):
        return "right"
    if pos in (8, 9, 10):
        return "left"
    if pos in (11, 12, 1):
        return "top"
    return "bottom"


# ---------------------------------------------------------------- the figure
def make_figure(graph: Graph, size: tuple[float, float] | None = None):
    """The matplotlib Figure of a Graph."""
    from matplotlib.figure import Figure

    width, height = size or figure_size(graph)
    many = len(graph.panels) > MANY_PANELS
    sch = style.scheme(graph.scheme)
    fig = Figure(figsize=(width, height), facecolor=graph.graph_color or sch.graph_region,
                 layout=None if many else "constrained")
    if graph.parts:
        _draw_combined(fig, graph, width, height)
    else:
        draw_into(fig, graph, width, height)
    return fig


def _draw_combined(fig, graph: Graph, width: float, height: float) -> None:
    """``graph combine``: each graph in a sub-figure; ``xcommon``/``ycommon`` share limits."""
    heading = "\n".join(t for t in (graph.title, graph.subtitle) if t)
    footer = "\n".join(t for t in (graph.note, graph.caption) if t)
    rows, cols = grid_shape(len(graph.parts), graph.cols, graph.rows)
    subs = fig.subfigures(rows, cols, squeeze=False)
    # in a combined graph share_x/share_y mean xcommon/ycommon
    all_panels = [p for g in graph.parts for p in g.panels]
    xlim = _common_limits(all_panels, "x") if graph.share_x else None
    ylim = _common_limits(all_panels, "y") if graph.share_y else None
    for k, part in enumerate(graph.parts):
        sub = subs[k // cols][k % cols]
        sub.set_facecolor(part.graph_color or style.scheme(part.scheme).graph_region)
        pw, ph = width / cols, height / rows
        draw_into(sub, part, pw, ph, prefix=f"part{k + 1}-", xlim=xlim, ylim=ylim)
    for k in range(len(graph.parts), rows * cols):
        subs[k // cols][k % cols].set_visible(False)
    if heading:
        fig.suptitle(heading, fontsize=12)
    if footer:
        fig.supxlabel(footer, fontsize=7, ha="left", x=0.01)


def draw_into(container, graph: Graph, width: float, height: float, prefix: str = "",
              xlim=None, ylim=None) -> None:
    """Draw a (not combined) graph into a Figure or SubFigure of ``width`` x ``height`` inches."""
    sch = style.scheme(graph.scheme)
    sides = dict(graph.side_titles)
    footer = "\n".join(t for t in (sides.get("b", ""), graph.note, graph.caption) if t)
    legend = graph.shows_legend()
    side = _legend_side(graph) if legend else None
    main = container
    below = above = None
    strip = 0.0
    if legend and side in ("bottom", "top"):
        strip += 0.22 * -(-len(graph.legend_entries()) // _legend_columns(graph)) + 0.16
    if footer:
        strip += 0.14 * (footer.count("\n") + 1) + 0.05
    if strip and side != "top":
        main, below = container.subfigures(2, 1, height_ratios=[max(height - strip, 0.5), strip])
    elif side == "top":
        parts = container.subfigures(3 if footer else 2, 1, height_ratios=(
            [0.4, max(height - 0.4 - strip, 0.5)] + ([strip] if footer else [])))
        above, main = parts[0], parts[1]
        below = parts[2] if footer else None
    for sub in (main, below, above):
        if sub is not None and sub is not container:
            sub.set_facecolor(graph.graph_color or sch.graph_region)
    legend_host = None
    if legend and side in ("left", "right"):
        labels = [t for _, t in graph.legend_items()]
        side_width = min(max(0.9, 0.065 * max(len(t) for t in labels) + 0.6), width * 0.45)
        ratios = [max(width - side_width, 0.5), side_width]
        pair = main.subfigures(1, 2, width_ratios=ratios if side == "right" else ratios[::-1])
        main, legend_host = (pair[0], pair[1]) if side == "right" else (pair[1], pair[0])
        for sub in (main, legend_host):
            sub.set_facecolor(graph.graph_color or sch.graph_region)
    if legend and side == "bottom":
        legend_host = below
    if legend and side == "top":
        legend_host = above
    axes, small = _draw_panels(main, graph, width, height, prefix, xlim, ylim)
    if legend:
        handles, labels, ncol = _legend_args(graph)
        kwargs = dict(ncol=ncol, fontsize=graph.legend_size or 8, frameon=True,
                      facecolor=graph.legend_fill or "white",
                      edgecolor=graph.legend_edge or style.NAMED_COLORS["gs12"])
        if graph.legend_title:
            kwargs["title"] = graph.legend_title
            kwargs["title_fontsize"] = (graph.legend_size or 8) + 1
        if side == "inside":
            axes[0].legend(handles, labels, loc=_RING0_LOC.get(graph.legend_position, "best"), **kwargs)
        else:
            loc = {"bottom": "upper center", "top": "center", "left": "center", "right": "center"}[side]
            legend_host.legend(handles, labels, loc=loc, **kwargs)
    if footer and below is not None:
        below.text(0.01, 0.04, footer, ha="left", va="bottom", **text_look(graph, "note", 7))
    if sides.get("l"):
        container.text(0.005, 0.5, sides["l"], rotation=90, ha="left", va="center", fontsize=9)
    if sides.get("r"):
        container.text(0.995, 0.5, sides["r"], rotation=270, ha="right", va="center", fontsize=9)
    heading = "\n".join(t for t in (graph.title, graph.subtitle, sides.get("t", "")) if t)
    if heading:
        look = text_look(graph, "title" if graph.title else "subtitle", 12 if graph.title else 10)
        look.setdefault("color", style.NAMED_COLORS["dknavy"] if graph.scheme == "s2color" else "black")
        main.suptitle(heading, **look)


def _draw_panels(main, graph: Graph, width: float, height: float, prefix: str, xlim, ylim):
    rows, cols = grid_shape(len(graph.panels), graph.cols)
    n = len(graph.panels)
    trellis = n > 1
    # Shared scales are set by hand: matplotlib's shared axes autoscale in quadratic time.
    fixed_x, fixed_y = xlim is not None, ylim is not None  # limits a combined graph shares
    if trellis and graph.share_x and xlim is None and not graph.xaxis.log:
        xlim = _common_limits(graph.panels, "x")
        if xlim:
            mins = [m for m in (_data_min(p, "x") for p in graph.panels) if m is not None]
            xlim = _adjust_limits(*xlim, graph.xaxis, min(mins) if mins else None)
    if trellis and graph.share_y and ylim is None and not graph.yaxis.log:
        ylim = _common_limits(graph.panels, "y")
        if ylim:
            mins = [m for m in (_data_min(p, "y") for p in graph.panels) if m is not None]
            ylim = _adjust_limits(*ylim, graph.yaxis, min(mins) if mins else None)
    axes = main.subplots(rows, cols, squeeze=False)
    small = trellis and graph.share_y
    drawn = []
    for k, panel in enumerate(graph.panels):
        ax = axes[k // cols][k % cols]
        ax.set_gid(f"{prefix}panel{k + 1}")
        if xlim or ylim:
            ax.set_autoscale_on(False)
        twin = None
        for j, s in enumerate(panel.series):
            target = ax
            if s.axis == 2:
                if twin is None:
                    twin = ax.twinx()
                    twin.set_gid(f"{prefix}panel{k + 1}-axis2")
                target = twin
            draw_series(target, s, f"{prefix}p{k + 1}-s{j + 1}-{s.kind}", graph.scheme, small, j)
        if xlim:
            ax.set_xlim(xlim)
            if k + cols < n:  # a panel below shows the x labels
                ax.tick_params(labelbottom=False)
        if ylim:
            ax.set_ylim(ylim)
            if k % cols:
                ax.tick_params(labelleft=False)
        _style_axes(ax, panel, graph, small)
        if not (xlim and ylim):
            ax.autoscale_view()
        _finish_limits(ax, graph.xaxis, "x", _data_min(panel, "x"), fixed_x)
        _finish_limits(ax, graph.yaxis, "y", _data_min(panel, "y"), fixed_y)
        if twin is not None:
            twin.set_ylabel("/".join(dict.fromkeys(s.label for s in panel.series if s.axis == 2)),
                            fontsize=9)
        drawn.append(ax)
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    if len(graph.panels) > MANY_PANELS:  # constrained layout costs seconds per dozen panels
        main.subplots_adjust(left=0.7 / width, right=0.99, bottom=0.55 / height,
                             top=1 - 0.45 / height, wspace=0.12, hspace=0.45)
    size = graph.xaxis.title_size or (9 if trellis else 9.5)
    xlook, ylook = text_look(graph, "xtitle", size), text_look(graph, "ytitle", size)
    if trellis:
        if graph.xtitle:
            main.supxlabel(graph.xtitle, **xlook)
        if graph.ytitle:
            main.supylabel(graph.ytitle, **ylook)
    elif drawn:
        drawn[0].set_xlabel(graph.xtitle, **xlook)
        drawn[0].set_ylabel(graph.ytitle, **ylook)
    return drawn or [axes[0][0]], small


# ---------------------------------------------------------------- files
def export(graph: Graph, path: str, fmt: str | None = None, width: int | None = None,
           height: int | None = None) -> str:
    """Write the graph to ``path`` atomically (temporary file, then ``os.replace``).

    ``fmt`` defaults to the file's suffix; ``width``/``height`` are pixels (PNG)
    keeping the graph's aspect ratio when only one is given.  Returns Stata's
    format name (``PNG``).
    """
    fmt = (fmt or os.path.splitext(path)[1].lstrip(".")).lower()
    if fmt not in FORMATS:
        raise StataError(f"export format {fmt or '(none)'} not supported (png, svg, pdf, eps, ps)", 198)
    w_in, h_in = figure_size(graph)
    dpi = style.DPI
    if width and height:
        w_in, h_in = width / dpi, height / dpi
    elif width:
        dpi = width / w_in
    elif height:
        dpi = height / h_in
    fig = make_figure(graph, (w_in, h_in))
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mlm-graph-", suffix="." + fmt, dir=folder)
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, format=fmt, dpi=dpi, facecolor=fig.get_facecolor())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a graph is an ordinary file
        os.replace(tmp, path)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):  # e.g. the name is a folder, the disk is full
            raise StataError(f"file {path} could not be opened", 603) from None
        raise
    return FORMATS[fmt]
