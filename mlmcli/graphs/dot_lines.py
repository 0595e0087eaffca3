"""A dot chart's category lines drawn by mlm rather than as grid lines: ``linetype(rectangle)``
(each line a long rectangle, ``rwidth()`` points high -- two parallel lines, ``rectangles()``'s
area look -- centred on the category's position) and lines that do not run exactly across the
plot region (``noextendline``: over the value axis' range only; ``lowextension()``/
``highextension()``: that many points further, through the axes; with ``ndots()``/``dots()``
the markers spread along the extended line).

The rectangle's height is a size in points, not in data units, so it keeps its size whatever
the number of categories and the figure's size: its vertices are (fraction of the plot region
along the value axis, points across), placed by a transform that adds the category's display
position.
"""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import style
from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.spec import Graph, Panel

DEFAULT_OUTLINE_WIDTH = 0.4  # points (Stata's vthin): the two lines stay apart at rwidth(.45)


def category_rectangles(ax, panel: Panel, graph: Graph, k: float) -> None:
    """``graph dot, linetype(rectangle) rectangles() rwidth()``: a rectangle along each
    category's line (gid ``category-rectangles``), behind the markers; with
    ``lowextension()``/``highextension()`` a rectangle as high beyond each end, through the axes
    (``category-rectangles-extension``)."""
    from matplotlib import transforms
    from matplotlib.patches import Rectangle

    points = transforms.Affine2D().scale(1.0 / 72.0) + ax.figure.dpi_scale_trans  # points -> display
    for which, spec, ticks in (("x", graph.xaxis, panel.xticks), ("y", graph.yaxis, panel.yticks)):
        if not spec.dot_rectangle or not ticks:
            continue
        height, fill, outline, width, pattern = (tuple(spec.dot_rectangle) + (None,) * 5)[:5]
        height *= k
        look = {"facecolor": fill if fill and fill != "none" else "none",
                "edgecolor": outline or spec.grid_color or style.scheme(graph.scheme).grid or style.GRID,
                "linewidth": (width if width is not None else DEFAULT_OUTLINE_WIDTH) * k,
                "linestyle": (style.line_pattern(pattern) if pattern else None) or "-", "zorder": 0.5}
        extended = bool(spec.dot_extent)
        a, b = sorted(line_span(ax, panel, spec, which)) if extended else (0.0, 1.0)
        along = ax.transData if extended else ax.transAxes  # the value axis: data, or the whole region
        _, low_ext, high_ext = spec.dot_extent if extended else (True, 0.0, 0.0)
        for at in ticks:
            if which == "y":  # categories down the y axis: the rectangle across x
                base = transforms.blended_transform_factory(along, points)
                shift = transforms.ScaledTranslation(
                    0.0, at, transforms.blended_transform_factory(transforms.IdentityTransform(), ax.transData))
                box = Rectangle((a, -height / 2), b - a, height)
            else:
                base = transforms.blended_transform_factory(points, along)
                shift = transforms.ScaledTranslation(
                    at, 0.0, transforms.blended_transform_factory(ax.transData, transforms.IdentityTransform()))
                box = Rectangle((-height / 2, a), height, b - a)
            _add(ax, box, base + shift, look, "category-rectangles")
            for origin, length in ((a, -low_ext * k), (b, high_ext * k)):
                if not length:
                    continue
                anchor = (origin, at) if which == "y" else (at, origin)
                corner = (min(0.0, length), -height / 2) if which == "y" else (-height / 2, min(0.0, length))
                size = (abs(length), height) if which == "y" else (height, abs(length))
                piece = Rectangle(corner, *size)
                _add(ax, piece, points + transforms.ScaledTranslation(*anchor, ax.transData), look,
                     "category-rectangles-extension", clip=False)


def _add(ax, box, transform, look: dict, gid: str, clip: bool = True) -> None:
    box.set_transform(transform)
    box.set(**look)
    box.set_gid(gid)
    ax.add_artist(box)  # the limits are set; clipped to the plot region unless an extension
    if not clip:
        box.set_clip_on(False)


def line_span(ax, panel: Panel, spec: Axis, which: str) -> tuple[float, float]:
    """The value-axis range a category line runs over (``which``: the category axis): the
    plot region's (the axes' limits; ``extendline``, the default) or, ``noextendline``, the
    value axis' own range -- its labels within the limits and the markers."""
    lo, hi = ax.get_ylim() if which == "x" else ax.get_xlim()
    if not spec.dot_extent or spec.dot_extent[0]:
        return lo, hi
    low, high = sorted((lo, hi))
    value_axis = ax.yaxis if which == "x" else ax.xaxis
    inner = [float(t) for t in value_axis.get_majorticklocs() if low <= t <= high]
    inner += [float(v) for s in panel.series if s.kind == "scatter"
              for v in np.asarray(s.y if which == "x" else s.x, float) if np.isfinite(v)]
    return (min(inner), max(inner)) if inner else (lo, hi)


def _along(ax, which: str, origin: float):
    """A transform of (points along the value axis from ``origin`` (data), data across)."""
    from matplotlib import transforms

    points = transforms.Affine2D().scale(1.0 / 72.0) + ax.figure.dpi_scale_trans
    if which == "y":  # categories down y: the value axis is x
        return (transforms.blended_transform_factory(points, ax.transData)
                + transforms.ScaledTranslation(origin, 0.0, transforms.blended_transform_factory(
                    ax.transData, transforms.IdentityTransform())))
    return (transforms.blended_transform_factory(ax.transData, points)
            + transforms.ScaledTranslation(0.0, origin, transforms.blended_transform_factory(
                transforms.IdentityTransform(), ax.transData)))


def category_lines(ax, panel: Panel, graph: Graph, k: float) -> None:
    """The dotted (``linetype(dot)``) or solid (``linetype(line)``) category lines in the grid's
    look, when ``noextendline``/``lowextension()``/``highextension()`` move their ends (gid
    ``category-lines``; the extensions, through the axes, ``category-lines-extension``)."""
    sch = style.scheme(graph.scheme)
    for which, spec, ticks in (("x", graph.xaxis, panel.xticks), ("y", graph.yaxis, panel.yticks)):
        if not spec.dot_extent or spec.dots or spec.dot_rectangle or not ticks:
            continue
        _, low_ext, high_ext = spec.dot_extent
        a, b = sorted(line_span(ax, panel, spec, which))
        look = {"color": spec.grid_color or sch.grid or style.GRID,
                "linewidth": (spec.grid_width if spec.grid_width is not None else 0.8) * k,
                "linestyle": style.line_pattern(spec.grid_pattern or sch.grid_pattern) or "-", "zorder": 0.5}
        for at in ticks:
            xs, ys = ([a, b], [at, at]) if which == "y" else ([at, at], [a, b])
            ax.plot(xs, ys, scalex=False, scaley=False, gid="category-lines", **look)
            for origin, length in ((a, -low_ext * k), (b, high_ext * k)):
                if length:
                    ends = ([0.0, length], [at, at]) if which == "y" else ([at, at], [0.0, length])
                    ax.plot(*ends, transform=_along(ax, which, origin), clip_on=False,
                            gid="category-lines-extension", **look)


def extended_dots(ax, which: str, ticks, span: tuple[float, float], extension: tuple[float, float],
                  n: int, look: dict) -> None:
    """``ndots(#)`` markers along each category's line extended ``extension`` (low, high) points
    beyond ``span`` (data on the value axis) through the axes: spread evenly from the low end
    to the high end, placed in display space at every draw (gid ``category-dots``)."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import IdentityTransform

    low, high = extension
    across = np.repeat(np.asarray(ticks, float), n)
    steps = np.tile(np.linspace(0.0, 1.0, n), len(ticks))

    class ExtendedDots(Line2D):
        def draw(self, renderer):
            per_pt = ax.figure.dpi / 72.0
            a, b = sorted(span)
            if which == "y":  # categories down y: the value axis is x
                ends = ax.transData.transform([[a, 0.0], [b, 0.0]])[:, 0]
                cross = ax.transData.transform(np.column_stack([np.zeros_like(across), across]))[:, 1]
            else:
                ends = ax.transData.transform([[0.0, a], [0.0, b]])[:, 1]
                cross = ax.transData.transform(np.column_stack([across, np.zeros_like(across)]))[:, 0]
            start, end = min(ends) - low * per_pt, max(ends) + high * per_pt
            along = start + steps * (end - start)
            self.set_data(*((along, cross) if which == "y" else (cross, along)))
            super().draw(renderer)

    dots = ExtendedDots([], [], transform=IdentityTransform(), clip_on=False, **look)
    ax.add_line(dots)
