"""A dot chart's ``linetype(rectangle)`` lines: each category's line drawn as a long rectangle
across the plot region, ``rwidth()`` points high (two parallel lines, ``rectangles()``'s area
look), centred on the category's position.

The rectangle's height is a size in points, not in data units, so it keeps its size whatever
the number of categories and the figure's size: its vertices are (fraction of the plot region
along the value axis, points across), placed by a transform that adds the category's display
position.
"""
from __future__ import annotations

from mlmcli.graphs import style
from mlmcli.graphs.spec import Graph, Panel

DEFAULT_OUTLINE_WIDTH = 0.4  # points (Stata's vthin): the two lines stay apart at rwidth(.45)


def category_rectangles(ax, panel: Panel, graph: Graph, k: float) -> None:
    """``graph dot, linetype(rectangle) rectangles() rwidth()``: a rectangle along each
    category's line (gid ``category-rectangles``), behind the markers."""
    from matplotlib import transforms
    from matplotlib.patches import Rectangle

    figure = ax.figure
    points = transforms.Affine2D().scale(1.0 / 72.0) + figure.dpi_scale_trans  # points -> display
    for which, spec, ticks in (("x", graph.xaxis, panel.xticks), ("y", graph.yaxis, panel.yticks)):
        if not spec.dot_rectangle or not ticks:
            continue
        height, fill, outline, width, pattern = (tuple(spec.dot_rectangle) + (None,) * 5)[:5]
        height *= k
        outline = outline or spec.grid_color or style.scheme(graph.scheme).grid or style.GRID
        for at in ticks:
            if which == "y":  # categories down the y axis: the rectangle across x
                base = transforms.blended_transform_factory(ax.transAxes, points)
                shift = transforms.ScaledTranslation(
                    0.0, at, transforms.blended_transform_factory(transforms.IdentityTransform(), ax.transData))
                box = Rectangle((0.0, -height / 2), 1.0, height)
            else:
                base = transforms.blended_transform_factory(points, ax.transAxes)
                shift = transforms.ScaledTranslation(
                    at, 0.0, transforms.blended_transform_factory(ax.transData, transforms.IdentityTransform()))
                box = Rectangle((-height / 2, 0.0), height, 1.0)
            box.set_transform(base + shift)
            box.set_facecolor(fill if fill and fill != "none" else "none")
            box.set_edgecolor(outline)
            box.set_linewidth((width if width is not None else DEFAULT_OUTLINE_WIDTH) * k)
            box.set_linestyle((style.line_pattern(pattern) if pattern else None) or "-")
            box.set_zorder(0.5)
            box.set_gid("category-rectangles")
            ax.add_artist(box)  # clipped to the plot region; the limits are set
