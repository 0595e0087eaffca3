"""The regions of a ``by()`` graph ([G-3] by_option: "The title_options and region_options on
the command on which by() is appended will become the titles and regions for the individual
by-groups"; ``by(..., graphregion() plotregion())`` are the overall ones).

``graphregion()`` typed outside ``by()`` is each panel's graph region: a rectangle around the
panel -- its plot region, axes, labels and titles -- with the margin typed (mlm's 2 points
without one) between them and its edge, filled with its colour and outlined as typed, the
panels laid out so that the regions do not overlap.  ``by(..., plotregion())`` is the overall
plot region, the area the panels are arrayed in: its colour shows between the panels and in
the ``holes()``, its ``margin()`` keeps room around the array, its outline is drawn around it.
"""
from __future__ import annotations

from mlmcli.graphs import style

DEFAULT_MARGIN = 2.0  # points between a panel and the edge of its region: mlm's choice


def draw_panel_region(ax, graph, k: float) -> None:
    """The region of one panel (``graphregion()`` typed outside ``by()``), drawn under the panel
    around its extent; the plot region keeps its own fill (the region is a frame around it)."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path
    from matplotlib.transforms import IdentityTransform

    fields = dict(graph.panel_region)
    fill = fields.get("graph_color") or style.scheme(graph.scheme).graph_region
    edge = fields.get("graph_edge")
    align = fields.get("graph_edge_align")
    margin = fields.get("graph_margin") or (DEFAULT_MARGIN,) * 4

    class PanelRegion(PathPatch):
        """A frame filled around the plot region, sized each time it is measured or drawn."""

        def _box(self, renderer):
            from matplotlib.transforms import Bbox

            from mlmcli.graphs.by_panel_title_draw import text_extent

            self.set_in_layout(False)  # what it surrounds, not itself
            try:
                box = ax.get_tightbbox(renderer)
            finally:
                self.set_in_layout(True)
            boxed = [text_extent(t, renderer) for t in (ax.title, ax._left_title, ax._right_title, *ax.texts)  # noqa: SLF001
                     if t.get_bbox_patch() is not None]  # with their boxes' padding
            box = Bbox.union([box] + [b for b in boxed if b is not None])
            px = renderer.points_to_pixels(1.0) * k
            left, right, bottom, top = margin
            return box.x0 - left * px, box.y0 - bottom * px, box.x1 + right * px, box.y1 + top * px

        def get_window_extent(self, renderer=None):
            from matplotlib.transforms import Bbox

            renderer = renderer or ax.figure._get_renderer()  # noqa: SLF001 (matplotlib's)
            x0, y0, x1, y1 = self._box(renderer)
            return Bbox([[x0, y0], [x1, y1]])

        def draw(self, renderer):
            x0, y0, x1, y1 = self._box(renderer)
            p = ax.bbox
            outer = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            inner = [(p.x0, p.y0), (p.x0, p.y1), (p.x1, p.y1), (p.x1, p.y0), (p.x0, p.y0)]
            codes = [Path.MOVETO] + [Path.LINETO] * 3 + [Path.CLOSEPOLY]
            self.set_path(Path(outer + inner, codes * 2))
            super().draw(renderer)
            if self.outline is not None:
                half = renderer.points_to_pixels(self.outline.get_linewidth()) / 2
                d = half if align == "outside" else -half if align == "inside" else 0.0
                self.outline.set_bounds(x0 - d, y0 - d, x1 - x0 + 2 * d, y1 - y0 + 2 * d)
                self.outline.draw(renderer)

    region = PanelRegion(Path([(0, 0)]), transform=IdentityTransform(), clip_on=False, zorder=-10,
                         facecolor="none" if fill == "none" else fill, edgecolor="none", linewidth=0.0,
                         gid="panel-region")
    region.outline = None
    if edge is not None:
        color, width, pattern = edge
        region.outline = Rectangle((0, 0), 1, 1, transform=IdentityTransform(), fill=False, clip_on=False,
                                   edgecolor=color or "black", linewidth=(width if width is not None else 0.8) * k,
                                   linestyle=style.line_pattern(pattern or "solid") or "-")
        region.outline.set_figure(ax.figure)
    ax.add_artist(region)


def trellis_area(host, graph, width: float, height: float):
    """``by(..., plotregion())``: the area the panels are arrayed in -> (the host to draw the
    panels in, its width and height in inches), filled, kept ``margin()`` points in from its
    edges, and outlined."""
    fields = dict(graph.trellis_region)
    fill = fields.get("fill")
    if fill:
        host.set_facecolor(fill)
    inner, w, h = host, width, height
    if fields.get("margin"):
        left, right, bottom, top = (v * graph.scale / 72.0 for v in fields["margin"])
        w, h = max(width - left - right, 0.5), max(height - bottom - top, 0.5)
        subs = host.subfigures(3, 3, width_ratios=[max(left, 1e-3), w, max(right, 1e-3)],
                               height_ratios=[max(top, 1e-3), h, max(bottom, 1e-3)], wspace=0.0, hspace=0.0)
        color = fill or graph.graph_color or style.scheme(graph.scheme).graph_region
        for row in subs:
            for sub in row:
                sub.set_facecolor(color)
        inner = subs[1][1]
    if fields.get("edge"):
        from mlmcli.graphs.artists import region_outline

        color, line_width, pattern = fields["edge"]
        host.add_artist(region_outline(lambda: inner.bbox, fields.get("align"), gid="trellis-outline", zorder=10,
                                       edgecolor=color or "black",
                                       linewidth=(line_width if line_width is not None else 0.8) * graph.scale,
                                       linestyle=style.line_pattern(pattern or "solid") or "-"))
    return inner, w, h
