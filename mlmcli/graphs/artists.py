"""matplotlib artists for each ``Series`` kind, and the legend key of each.

Every artist carries a ``gid`` (kept as the element id in SVG output):
``p<k>-s<j>-<kind>`` for the j-th series of panel k (``rcap`` adds ``-caps``,
``pointci`` ``-ci``, ``box`` ``-median`` and ``-whiskers``, marker labels ``-labels``),
so tests can count what was drawn.  matplotlib is imported inside the functions.
"""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import style
from mlmcli.graphs.spec import Series


class Look:
    """The resolved look of a series: its colours, marker, sizes and dash pattern."""

    def __init__(self, s: Series, scheme: str, small: bool = False, k: float = 1.0):
        sch = style.scheme(scheme)
        self.color = s.color or style.series_color(s.style, scheme)
        self.line_color = s.line_color or (s.color or style.series_color(s.style, scheme))
        symbol = s.marker or (style.series_symbol(s.style, scheme) if s.style > 0 else "O")
        self.marker, self.filled, factor = style.MARKERS.get(symbol, style.MARKERS["O"])
        base = s.marker_size if s.marker_size is not None else (
            1.8 if small else style.DEFAULT_MARKER_SIZE)
        self.marker_size = (base * factor if s.marker_size is None else base) * k
        self.line_width = (s.line_width if s.line_width is not None else (
            1.0 if small else style.DEFAULT_LINE_WIDTH)) * k
        self.k = k
        pattern = s.pattern
        if pattern == "solid" and s.style > 0:
            pattern = style.series_pattern(s.style, scheme)
        self.dashes = style.line_pattern(pattern) or "-"
        self.outline = sch.bar_outline


def _autoscaled(ax) -> bool:
    """Whether either axis still fits the data (a by() panel's shared axis is fixed, the
    rescaled one is not): only then must a collection widen the data limits."""
    return ax.get_autoscalex_on() or ax.get_autoscaley_on()


def _marker_kw(look: Look, s: Series | None = None) -> dict:
    face = look.color if look.filled else "none"
    edge = look.color
    width = 0.4 if look.filled else 0.9
    marker = look.marker
    if s is not None:
        face = s.marker_fill or face
        edge = s.marker_edge or edge
        width = s.marker_edge_width if s.marker_edge_width is not None else width
        if s.marker_align in ("inside", "outside"):  # mlalign(): the outline inside or outside the
            size = look.marker_size + (width * look.k if s.marker_align == "outside" else -width * look.k)
            return dict(_marker_kw(look), marker=marker, markersize=max(size, 0.0), markerfacecolor=face,
                        markeredgecolor=edge, markeredgewidth=width * look.k)
        if s.marker_angle and marker:
            from matplotlib.markers import MarkerStyle
            from matplotlib.transforms import Affine2D

            marker = MarkerStyle(marker, transform=Affine2D().rotate_deg(s.marker_angle))
    return dict(marker=marker, markersize=look.marker_size, markerfacecolor=face,
                markeredgecolor=edge, markeredgewidth=width * look.k)


def _markers(ax, s: Series, look: Look, gid: str, z: float) -> None:
    """The markers of a series: a Line2D, or with ``marker_scales`` (weighted markers) a
    PathCollection whose sizes are the marker size times each point's factor."""
    kw = _marker_kw(look, s)
    if s.marker_scales is None:
        ax.plot(s.x, s.y, linestyle="none", gid=gid, zorder=z, alpha=_alpha(s), **kw)
        return
    diameters = kw["markersize"] * np.asarray(s.marker_scales, float)
    ax.scatter(s.x, s.y, s=diameters ** 2, marker=kw["marker"], facecolors=kw["markerfacecolor"],
               edgecolors=kw["markeredgecolor"], linewidths=kw["markeredgewidth"], gid=gid, zorder=z,
               alpha=_alpha(s))


def _scale_axes_to(ax, x, y) -> None:
    xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy):
        ax.update_datalim(xy)


def _alpha(s: Series) -> float | None:
    """The series' opacity, or None so that a colour's own (``color%#``) stays its own."""
    return None if s.opacity == 1.0 else s.opacity


def _segments(s: Series) -> list[np.ndarray]:
    out = []
    for a, b in s.runs():
        x, y = s.x[a:b], s.y[a:b]
        if s.step and len(x) >= 2:
            x, y = np.repeat(x, 2)[1:], np.repeat(y, 2)[:-1]
        out.append(np.column_stack([x, y]))
    return out


_LABEL_OFFSETS = {0: (0, 0), 12: (0, 1), 1: (0.7, 0.7), 2: (0.9, 0.4), 3: (1, 0), 4: (0.9, -0.4),
                  5: (0.7, -0.7), 6: (0, -1), 7: (-0.7, -0.7), 8: (-0.9, -0.4), 9: (-1, 0),
                  10: (-0.9, 0.4), 11: (-0.7, 0.7)}


def _marker_labels(ax, s: Series, gid: str, z: float, k: float = 1.0, scheme: str | None = None) -> None:
    if not s.labels:
        return
    size = (s.label_size or 7.0) * k
    gap = (s.label_gap if s.label_gap is not None else 4.0) * k
    positions = s.label_positions or (s.label_position,) * len(s.labels)
    for x, y, text, clock in zip(s.x, s.y, s.labels, positions):
        if np.isfinite(x) and np.isfinite(y) and text:
            dx, dy = _LABEL_OFFSETS.get(clock, (1, 0))
            ha = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
            va = "bottom" if dy > 0.3 else "top" if dy < -0.3 else "center"
            ax.annotate(text, (x, y), xytext=(gap * dx, gap * dy), textcoords="offset points",
                        ha=ha, va=va, fontsize=size, gid=gid + "-labels", zorder=z + 0.01,
                        color=style.text_color(s.label_color, scheme) or "black", rotation=s.label_angle)


def align_outline(ax, artist, where: str | None, gid: str) -> None:
    """``lalign()``: matplotlib strokes an outline centred on the edge; ``inside`` doubles its
    width and clips it to the shape (the inner half is what shows), ``outside`` draws the
    doubled outline behind the shape (its fill covers the inner half)."""
    if where not in ("inside", "outside"):
        return
    from matplotlib.patches import PathPatch

    width = artist.get_linewidth()
    width = float(np.max(width)) if np.ndim(width) else float(width)
    paths = [artist.get_path()] if hasattr(artist, "get_path") else list(artist.get_paths())
    transform = artist.get_transform() if hasattr(artist, "get_path") else ax.transData
    edge = artist.get_edgecolor()
    if np.ndim(edge) == 2:
        if not len(edge):  # no outline drawn: nothing to align
            return
        edge = edge[0]
    if where == "inside":
        artist.set_linewidth(2 * width)
        if paths:
            artist.set_clip_path(paths[0], transform)
        return
    artist.set_edgecolor("none")
    for path in paths:
        ax.add_patch(PathPatch(path, transform=transform, facecolor="none", edgecolor=edge,
                               linewidth=2 * width, linestyle=artist.get_linestyle() if hasattr(artist, "get_path")
                               else "-", zorder=artist.get_zorder() - 0.001, gid=gid + "-outline"))


def region_outline(bbox_of, where: str | None, **kwargs):
    """A region's outline as ``lalign()`` says: matplotlib strokes a rectangle centred on its
    edge (``center``); ``inside``/``outside`` move it half its width into or out of the region,
    measured on the region's box (``bbox_of()``, display coordinates) each time it is drawn."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import IdentityTransform

    class RegionOutline(Rectangle):
        def draw(self, renderer):
            box = bbox_of()
            half = renderer.points_to_pixels(self.get_linewidth()) / 2
            d = half if where == "outside" else -half if where == "inside" else 0.0
            self.set_bounds(box.x0 - d, box.y0 - d, box.width + 2 * d, box.height + 2 * d)
            super().draw(renderer)

    return RegionOutline((0, 0), 1, 1, transform=IdentityTransform(), fill=False, clip_on=False, **kwargs)


def draw_series(ax, s: Series, gid: str, scheme: str, small: bool, order: int, k: float = 1.0) -> None:
    """Draw one series; later plots of the command are drawn on top, as in Stata; ``k``
    scales markers, lines and labels (``scale()``)."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Rectangle

    z = 2 + 0.01 * order
    if s.kind in ("scatter", "line") and s.horizontal:  # positions in x, values in y, as other
        from dataclasses import replace  # horizontal series (a scatter turned; pc* plots)

        s = replace(s, x=s.y, y=s.x, horizontal=False)
    elif s.kind in ("arrow", "barrow") and s.horizontal:  # (x, y) -> (pos, y2) turned
        from dataclasses import replace

        s = replace(s, x=s.y, y=s.x, pos=s.y2, y2=s.pos, horizontal=False)
    look = Look(s, scheme, small, k)
    kind = s.kind
    if kind == "scatter":
        if look.marker:
            _markers(ax, s, look, gid, z)
        else:  # msymbol(none): no markers, yet the points still scale the axes, as in Stata
            _scale_axes_to(ax, s.x, s.y)
        _marker_labels(ax, s, gid, z, k, scheme)
    elif kind in ("line", "connected"):
        color = look.line_color if kind == "connected" else look.color
        coll = LineCollection(_segments(s), colors=color, linewidths=look.line_width,
                              linestyles=look.dashes, gid=gid, zorder=z, alpha=_alpha(s))
        ax.add_collection(coll, autolim=_autoscaled(ax))
        if kind == "connected" and look.marker:
            _markers(ax, s, look, gid + "-markers", z + 0.005)
        _marker_labels(ax, s, gid, z, k, scheme)
    elif kind == "area":
        fill = s.color or (style.scheme(scheme).ci_area if s.style == 0 else look.color)
        edge = s.line_color or "none"
        between = ax.fill_betweenx if s.horizontal else ax.fill_between
        outlined = s.line_color or s.line_width is not None or s.pattern != "solid" or s.edge_pattern
        width = (s.line_width if s.line_width is not None else 0.6) * k if outlined else 0
        if outlined and edge == "none":
            edge = fill
        dashes = style.line_pattern(s.edge_pattern or s.pattern or "solid") or "-"
        area = between(s.x, s.y, s.y2, facecolor=fill, edgecolor=edge if s.drop_base else "none",
                       linewidth=width, linestyle=dashes, gid=gid, zorder=z, alpha=_alpha(s))
        if s.drop_base:
            align_outline(ax, area, s.line_align, gid)
        if not s.drop_base and outlined:  # nodropbase: the outline along the top only
            px, py = (s.y2, s.x) if s.horizontal else (s.x, s.y2)
            ax.plot(px, py, color=edge, linewidth=width, linestyle=dashes, gid=gid + "-outline", zorder=z)
    elif kind == "bar":
        bottom = np.asarray(s.y2, float) if s.y2 is not None else np.full(len(s.x), s.base or 0.0)
        width = s.width if s.width is not None else 0.8
        edge = s.line_color or (("#000000" if look.outline else look.color))
        kwargs = dict(color=look.color if s.color is None else s.color, edgecolor=edge,
                      linewidth=(s.line_width if s.line_width is not None else 0.5) * k,
                      linestyle=look.dashes if s.pattern != "solid" else "-", gid=gid, zorder=z,
                      alpha=_alpha(s))
        if s.horizontal:
            bars = ax.barh(s.x, np.asarray(s.y, float) - bottom, height=width, left=bottom, **kwargs)
        else:
            bars = ax.bar(s.x, np.asarray(s.y, float) - bottom, width=width, bottom=bottom, **kwargs)
        for patch in bars.patches:
            align_outline(ax, patch, s.line_align, gid)
    elif kind == "rbarm":  # range bars as wide as the marker size (graphs.marker_bars)
        from mlmcli.graphs.marker_bars import bar_points, draw_marker_bars

        fill = s.color or look.color
        edge = s.line_color or ("#000000" if look.outline else fill)
        draw_marker_bars(ax, s, fill, edge, (s.line_width if s.line_width is not None else 0.5) * k,
                         bar_points(s, small, k), gid, z, _alpha(s))
    elif kind in ("rspike", "rcap"):
        if s.horizontal:
            segs = [np.array([[a, p], [b, p]]) for p, a, b in zip(s.x, s.y, s.y2)]
        else:
            segs = [np.array([[p, a], [p, b]]) for p, a, b in zip(s.x, s.y, s.y2)]
        coll = LineCollection(segs, colors=look.color, linewidths=look.line_width,
                              linestyles=look.dashes, gid=gid, zorder=z)
        ax.add_collection(coll, autolim=_autoscaled(ax))
        if kind == "rcap":
            cap = "|" if s.horizontal else "_"
            size = (s.marker_size or (4.0 if small else 7.0)) * k
            ends_x = np.concatenate([s.y, s.y2]) if s.horizontal else np.concatenate([s.x, s.x])
            ends_y = np.concatenate([s.x, s.x]) if s.horizontal else np.concatenate([s.y, s.y2])
            ax.plot(ends_x, ends_y, linestyle="none", marker=cap, markersize=size,
                    markeredgewidth=look.line_width, color=look.color, gid=gid + "-caps", zorder=z)
    elif kind == "box":
        _draw_boxes(ax, s, gid, look, z, Rectangle, LineCollection)
    elif kind in ("contour", "heatmap", "contourline"):  # a surface: grid x, y, z in stats
        _draw_surface(ax, s, look, gid, z, k)
        _surface_ramp(ax, s, gid, k)
    elif kind in ("arrow", "barrow"):  # from (x, y) to (pos, y2); heads as the spec says
        _draw_arrows(ax, s, look, gid, z, k)
    elif kind == "wedge":  # a pie slice: angles in x, centre and radius in y
        from matplotlib.patches import Wedge

        (cx, cy, radius), (start, end) = s.y[:3], s.x[:2]
        if end == start:  # a category without a share (by(), allcategories): keyed, not drawn
            return
        edge = s.line_color or look.color if s.color is None else s.line_color or s.color
        ax.add_patch(Wedge((cx, cy), radius, start, end, facecolor=look.color if s.color is None else s.color,
                           edgecolor=edge, linewidth=(s.line_width if s.line_width is not None else 0.5) * k,
                           gid=gid, zorder=z))
    elif kind == "pointci":
        ax.hlines(s.pos, s.y, s.y2, colors=look.color, linewidth=1.0 * k, gid=gid + "-ci", zorder=z)
        ax.plot(s.x, s.pos, linestyle="none", marker="o", markersize=3.2 * k, color=look.color, gid=gid,
                zorder=z + 0.005)
    else:  # pragma: no cover - builders make only these kinds
        raise ValueError(kind)


def _draw_surface(ax, s: Series, look: Look, gid: str, z: float, k: float) -> None:
    """``contour``: regions between the edges ``pos`` in the colours ``labels``;
    ``heatmap``: the grid's cells so coloured; ``contourline``: lines at the cuts ``pos``."""
    grid = np.ma.masked_invalid(np.asarray(s.stats, float))  # pairs without a z: background
    colors = list(s.labels or ())
    if min(grid.shape) < 2 or grid.count() == 0:  # one distinct x or y: no area to fill or cross
        return
    if s.kind == "contourline":
        if len(s.pos):
            widths = look.line_width if not s.line_widths else \
                [s.line_widths[i % len(s.line_widths)] * k for i in range(len(s.pos))]  # clwidths()
            found = ax.contour(s.x, s.y, grid, levels=np.asarray(s.pos, float), colors=colors,
                               linewidths=widths, zorder=z,  # one style for every line: a dash
                               linestyles=None if look.dashes is None else [look.dashes])  # tuple is one
            found.set_gid(gid)
        return
    edges = np.asarray(s.pos, float)
    if s.kind == "heatmap":
        from matplotlib.colors import BoundaryNorm, ListedColormap

        mesh = ax.pcolormesh(s.x, s.y, grid, cmap=ListedColormap(colors),
                             norm=BoundaryNorm(edges, len(colors)), shading="nearest", zorder=z)
        mesh.set_gid(gid)
        return
    found = ax.contourf(s.x, s.y, grid, levels=edges, colors=colors, zorder=z)
    found.set_gid(gid)


def _surface_ramp(ax, s: Series, gid: str, k: float) -> None:
    if s.ramp is not None and s.kind in ("contour", "heatmap"):
        from mlmcli.graphs.contour_ramp_draw import draw_ramp

        draw_ramp(ax, s.pos, s.labels or (), s.ramp, s.ramp_look, gid, k)


def _draw_arrows(ax, s: Series, look: Look, gid: str, z: float, k: float) -> None:
    """Segments with an arrowhead at their end (``barrow``: at both ends): barbs
    ``marker_size`` points long, ``width`` degrees apart, filled when ``cap_size`` > 0."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch

    segs = [np.array([[a, b], [c, d]]) for a, b, c, d in zip(s.x, s.y, s.pos, s.y2)]
    ax.add_collection(LineCollection(segs, colors=look.color, linewidths=look.line_width,
                                     linestyles=look.dashes, gid=gid, zorder=z), autolim=True)
    length = (s.marker_size or 4.0) * k
    half = length * float(np.tan(np.deg2rad((s.width or 28.64) / 2.0)))
    head = "-|>" if (s.cap_size or 0) > 0 else "->"
    if s.kind == "barrow":
        head = "<|-|>" if (s.cap_size or 0) > 0 else "<->"
    for (a, b), (c, d) in segs:
        ax.add_patch(FancyArrowPatch((a, b), (c, d), arrowstyle=f"{head},head_length={length},head_width={half}",
                                     mutation_scale=1.0, color=s.line_color or look.color,
                                     linewidth=look.line_width, linestyle="-", shrinkA=0, shrinkB=0,
                                     gid=gid + "-heads", zorder=z))


def _draw_boxes(ax, s: Series, gid: str, look: Look, z: float, Rectangle, LineCollection) -> None:
    """Boxes from the 25th to the 75th percentile with the median, whiskers to the adjacent
    values ending in a fence ``fence`` (default 67%) of the box wide (s2color's box_fence)."""
    width = s.width if s.width is not None else 0.6
    half_fence = width * (s.fence if s.fence is not None else 2.0 / 3.0) / 2
    fill = s.color or look.color
    medians, whiskers = [], []
    for pos, (p25, p50, p75), lo, hi in zip(s.x, s.stats, s.y, s.y2):
        if s.horizontal:
            rect = Rectangle((p25, pos - width / 2), p75 - p25, width)
            medians.append([[p50, pos - width / 2], [p50, pos + width / 2]])
            whiskers += [[[p75, pos], [hi, pos]], [[p25, pos], [lo, pos]],
                         [[hi, pos - half_fence], [hi, pos + half_fence]],
                         [[lo, pos - half_fence], [lo, pos + half_fence]]]
        else:
            rect = Rectangle((pos - width / 2, p25), width, p75 - p25)
            medians.append([[pos - width / 2, p50], [pos + width / 2, p50]])
            whiskers += [[[pos, p75], [pos, hi]], [[pos, p25], [pos, lo]],
                         [[pos - half_fence, hi], [pos + half_fence, hi]],
                         [[pos - half_fence, lo], [pos + half_fence, lo]]]
        rect.set(facecolor=fill, edgecolor=s.line_color or fill, linewidth=0.6 * look.k, zorder=z, gid=gid)
        ax.add_patch(rect)
        align_outline(ax, rect, s.line_align, gid)
    whisker_width = s.whisker_width * look.k if s.whisker_width is not None else look.line_width
    ax.add_collection(LineCollection(whiskers, colors=s.whisker_color or s.line_color or fill,
                                     linewidths=whisker_width,
                                     linestyles=style.line_pattern(s.whisker_pattern or "solid") or "-",
                                     gid=gid + "-whiskers", zorder=z), autolim=True)
    if s.cap_size:  # capsize(): a cap across each whisker's end, cap_size points wide
        ends = [end for pair in zip(s.y, s.y2) for end in pair]
        spots = [pos for pos in s.x for _ in (0, 1)]
        ax.plot(*((ends, spots) if s.horizontal else (spots, ends)), linestyle="none",
                marker="|" if s.horizontal else "_", markersize=s.cap_size * look.k,
                markeredgewidth=whisker_width, color=s.whisker_color or s.line_color or fill,
                gid=gid + "-caps", zorder=z)
    median_color = s.median_color or ("#ffffff" if not look.outline else "#000000")
    median_width = s.median_width * look.k if s.median_width is not None else look.line_width
    ax.add_collection(LineCollection(medians, colors=median_color, linewidths=median_width,
                                     gid=gid + "-median", zorder=z + 0.005), autolim=True)
    ax.autoscale_view()


def legend_handle(s: Series, scheme: str, k: float = 1.0):
    """The legend key of a series: a patch for filled kinds, a line, a marker, or both."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    look = Look(s, scheme, False, k)
    if s.kind in ("area", "bar", "rbarm", "box", "wedge", "contour", "heatmap"):
        fill = s.color or (style.scheme(scheme).ci_area if s.style == 0 else look.color)
        return Patch(facecolor=fill, edgecolor=s.line_color or "none")
    if s.kind in ("line", "rspike", "rcap", "arrow", "barrow", "contourline"):
        return Line2D([], [], color=look.color, linewidth=look.line_width, linestyle=look.dashes)
    if s.kind == "connected":
        return Line2D([], [], color=look.line_color, linewidth=look.line_width, linestyle=look.dashes,
                      **_marker_kw(look, s))
    return Line2D([], [], linestyle="none", **_marker_kw(look, s))
