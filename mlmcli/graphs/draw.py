"""Drawing a ``Graph`` with matplotlib and writing it to a file.

matplotlib is imported here only, inside the functions, so that start-up and
commands that draw nothing never pay for it.  No pyplot: a bare ``Figure``
with the Agg canvas keeps no global state between graphs.

Every artist carries a ``gid`` (kept as the element id in SVG output), so a
test can count what was drawn: axes ``panel<k>``; series
``p<k>-s<j>-<kind>`` (``scatter``: one marker per point; ``line``: one path
per polyline; ``area``; ``pointci``: dots plus an ``-ci`` collection of
intervals).
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.spec import Graph, Panel, Series, grid_shape

MANY_PANELS = 30  # above this many panels, fixed margins instead of constrained layout
FORMATS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "eps": "EPS", "ps": "PS"}


def figure_size(graph: Graph) -> tuple[float, float]:
    """Inches: Stata's 5.5 x 4 for one panel; more room for a trellis or a long caterpillar."""
    n = len(graph.panels)
    if graph.share_y is False and any(p.yticklabels for p in graph.panels):
        groups = max(len(p.yticklabels or ()) for p in graph.panels)
        return (max(style.WIDTH_IN, 3.0 * n + 1.0), min(max(style.HEIGHT_IN, 0.16 * groups + 1.6), 40.0))
    if n <= 1:
        return style.WIDTH_IN, style.HEIGHT_IN
    rows, cols = grid_shape(n, graph.cols)
    return (min(max(style.WIDTH_IN, 2.2 * cols + 1.0), 16.0),
            min(max(style.HEIGHT_IN, 1.9 * rows + 1.4), 14.0))


def _step_xy(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stairstep vertices: hold y until the next x."""
    if len(x) < 2:
        return x, y
    xs = np.repeat(x, 2)[1:]
    ys = np.repeat(y, 2)[:-1]
    return xs, ys


def _draw_series(ax, s: Series, gid: str, small: bool, order: int) -> None:
    """Draw one series; later plots of the command are drawn on top, as in Stata."""
    from matplotlib.collections import LineCollection

    z = 2 + 0.01 * order
    color = s.color or style.series_color(s.style)
    if s.kind == "scatter":
        ax.plot(s.x, s.y, linestyle="none", marker="o", markersize=1.8 if small else 4.2,
                markeredgewidth=0 if small else 0.4, markerfacecolor=color, markeredgecolor=color,
                gid=gid, zorder=z)
    elif s.kind == "line":
        segments = []
        for a, b in s.runs():
            x, y = s.x[a:b], s.y[a:b]
            if s.step:
                x, y = _step_xy(x, y)
            segments.append(np.column_stack([x, y]))
        coll = LineCollection(segments, colors=color, linewidths=1.0 if small else 1.3,
                              linestyles=style.LINE_PATTERNS.get(s.pattern, "-"), gid=gid, zorder=z)
        ax.add_collection(coll, autolim=ax.get_autoscale_on())
    elif s.kind == "area":
        ax.fill_between(s.x, s.y, s.y2, color=color, linewidth=0, gid=gid, zorder=z)
    elif s.kind == "connected":
        ax.plot(s.x, s.y, linestyle="-", linewidth=1.0 if small else 1.3, marker="o",
                markersize=3.0 if small else 4.2, color=color, gid=gid, zorder=z)
    elif s.kind in ("rcap", "rspike"):
        ax.vlines(s.x, s.y, s.y2, colors=color, linewidth=1.0, gid=gid, zorder=z)
        if s.kind == "rcap" and len(s.x):
            span = float(np.ptp(s.x)) if len(s.x) > 1 else 1.0
            half = 0.015 * (span if span > 0 else 1.0)
            for edge in (s.y, s.y2):
                ax.hlines(edge, s.x - half, s.x + half, colors=color, linewidth=1.0, gid=gid + "-cap", zorder=z)
    elif s.kind == "pointci":
        ax.hlines(s.pos, s.y, s.y2, colors=color, linewidth=1.0, gid=gid + "-ci", zorder=z)
        ax.plot(s.x, s.pos, linestyle="none", marker="o", markersize=3.2, color=color, gid=gid,
                zorder=z + 0.005)
    else:  # pragma: no cover - builders make only these kinds
        raise ValueError(s.kind)


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


def _style_axes(ax, panel: Panel, graph: Graph, small: bool) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.set_facecolor(style.PLOT_REGION)
    ax.xaxis.set_major_formatter(FuncFormatter(stata_tick))
    if not panel.yticklabels:
        ax.yaxis.set_major_formatter(FuncFormatter(stata_tick))
    if panel.yticks is not None or small:  # narrow panels: fewer x labels so they do not collide
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7 if small else 9, direction="out", length=3)
    ax.grid(axis="x" if panel.yticklabels else "y", color=style.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    if panel.title:
        ax.set_title(panel.title, fontsize=8 if small else 10, pad=5,
                     bbox=dict(facecolor=style.PANEL_TITLE_BG, edgecolor="none", pad=1.5))
    if panel.yticks is not None:
        ax.set_yticks(panel.yticks)
        if panel.yticks:
            ax.set_yticklabels(panel.yticklabels or (), fontsize=6 if len(panel.yticks) > 40 else 7)
            ax.set_ylim(min(panel.yticks) - 0.8, max(panel.yticks) + 0.8)
    if panel.zero_line:
        ax.axvline(0.0, color=style.NAMED_COLORS["gs8"], linewidth=0.8, zorder=1)
    for v in graph.xlines:
        ax.axvline(v, color=style.NAMED_COLORS["gs6"], linewidth=0.8, zorder=1)
    for v in graph.ylines:
        ax.axhline(v, color=style.NAMED_COLORS["gs6"], linewidth=0.8, zorder=1)
    if panel.xticks is not None:
        ax.set_xticks(panel.xticks)
        ax.set_xticklabels(panel.xticklabels or (), fontsize=7 if small else 8)
        if len(panel.xticks) == 1:
            ax.set_xlim(panel.xticks[0] - 1, panel.xticks[0] + 1)
        else:
            pad = 0.1 * (max(panel.xticks) - min(panel.xticks))
            ax.set_xlim(min(panel.xticks) - pad, max(panel.xticks) + pad)
    if graph.xticks is not None:
        ax.set_xticks(graph.xticks)
    if graph.yticks is not None and panel.yticks is None:
        ax.set_yticks(graph.yticks)
    if panel.xtitle is not None:
        ax.set_xlabel(panel.xtitle, fontsize=8)


def _common_limits(graph: Graph, axis: str) -> tuple[float, float] | None:
    """The range of every panel's data on one axis, widened by 5% each side (matplotlib's margin)."""
    values = []
    for panel in graph.panels:
        for s in panel.series:
            if axis == "x":
                values.append(np.asarray(s.x, float))
            else:
                values.append(np.asarray(s.pos if s.pos is not None else s.y, float))
                if s.y2 is not None and s.pos is None:
                    values.append(np.asarray(s.y2, float))
    data = np.concatenate(values) if values else np.empty(0)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return None
    lo, hi = float(data.min()), float(data.max())
    pad = 0.05 * (hi - lo) if hi > lo else 0.5 * max(abs(lo), 1.0)
    return lo - pad, hi + pad


def _legend_handles(graph: Graph):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, labels = [], []
    for kind, label, sty in graph.legend_entries():
        color = style.series_color(sty)
        if kind == "area":
            handles.append(Patch(facecolor=color, edgecolor="none"))
        elif kind == "line":
            handles.append(Line2D([], [], color=color, linewidth=1.3))
        elif kind == "connected":
            handles.append(Line2D([], [], color=color, linewidth=1.3, marker="o", markersize=4.2))
        else:
            handles.append(Line2D([], [], color=color, marker="o", linestyle="none", markersize=4.2))
        labels.append(label)
    return handles, labels


def _legend_columns(graph: Graph) -> int:
    """Columns of the legend: ``cols(#)``, or from ``rows(#)`` (stored negative); default 2."""
    n = max(len(graph.legend_entries()), 1)
    if graph.legend_cols < 0:
        return max(1, -(-n // -graph.legend_cols))
    return max(1, min(graph.legend_cols, n))


def _row_major(items: list, ncol: int) -> list:
    """Reorder so that matplotlib's column-by-column legend reads row by row, as Stata's does."""
    rows = -(-len(items) // ncol)
    grid = [items[r * ncol:(r + 1) * ncol] for r in range(rows)]
    return [grid[r][c] for c in range(ncol) for r in range(rows) if c < len(grid[r])]


def make_figure(graph: Graph, size: tuple[float, float] | None = None):
    """The matplotlib Figure of a Graph: the panels above, legend and note in a strip below."""
    from matplotlib.figure import Figure

    width, height = size or figure_size(graph)
    many = len(graph.panels) > MANY_PANELS
    fig = Figure(figsize=(width, height), facecolor=style.GRAPH_REGION,
                 layout=None if many else "constrained")
    footer = "\n".join(t for t in (graph.note, graph.caption) if t)
    legend = graph.shows_legend()
    strip = 0.0
    if legend:
        strip += 0.22 * -(-len(graph.legend_entries()) // _legend_columns(graph)) + 0.16
    if footer:
        strip += 0.14 * (footer.count("\n") + 1) + 0.05
    main = fig
    if strip:
        main, below = fig.subfigures(2, 1, height_ratios=[max(height - strip, 0.5), strip])
        below.set_facecolor(style.GRAPH_REGION)
        main.set_facecolor(style.GRAPH_REGION)
        if legend:
            handles, labels = _legend_handles(graph)
            ncol = _legend_columns(graph)
            below.legend(_row_major(handles, ncol), _row_major(labels, ncol), ncol=ncol,
                         loc="upper center", fontsize=8, frameon=True, facecolor="white",
                         edgecolor=style.NAMED_COLORS["gs12"])
        if footer:
            below.text(0.01, 0.04, footer, ha="left", va="bottom", fontsize=7)
    rows, cols = grid_shape(len(graph.panels), graph.cols)
    trellis = len(graph.panels) > 1
    # Shared scales are set by hand: matplotlib's shared axes autoscale in quadratic time.
    xlim = _common_limits(graph, "x") if trellis and graph.share_x else None
    ylim = _common_limits(graph, "y") if trellis and graph.share_y else None
    axes = main.subplots(rows, cols, squeeze=False)
    small = trellis and graph.share_y
    n = len(graph.panels)
    for k, panel in enumerate(graph.panels):
        ax = axes[k // cols][k % cols]
        ax.set_gid(f"panel{k + 1}")
        if xlim or ylim:
            ax.set_autoscale_on(False)
        for j, s in enumerate(panel.series):
            _draw_series(ax, s, f"p{k + 1}-s{j + 1}-{s.kind}", small, j)
        if xlim:
            ax.set_xlim(xlim)
            if k + cols < n:  # a panel below shows the x labels
                ax.tick_params(labelbottom=False)
        if ylim:
            ax.set_ylim(ylim)
            if k % cols:
                ax.tick_params(labelleft=False)
        _style_axes(ax, panel, graph, small)
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    if many:  # constrained layout costs seconds per dozen panels: fixed margins instead
        main.subplots_adjust(left=0.7 / width, right=0.99, bottom=0.55 / height, top=1 - 0.45 / height,
                             wspace=0.12, hspace=0.45)
    if trellis:
        if graph.xtitle:
            main.supxlabel(graph.xtitle, fontsize=9)
        if graph.ytitle:
            main.supylabel(graph.ytitle, fontsize=9)
    else:
        axes[0][0].set_xlabel(graph.xtitle, fontsize=10)
        axes[0][0].set_ylabel(graph.ytitle, fontsize=10)
    heading = "\n".join(t for t in (graph.title, graph.subtitle) if t)
    if heading:
        main.suptitle(heading, fontsize=12 if graph.title else 10)
    return fig


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
