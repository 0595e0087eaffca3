"""Drawing a by() graph's panel titles (the group labels) in the look ``subtitle()`` typed
outside ``by()`` gives them, and the ``title()``, ``note()``, ``caption()``, side titles
(``t1title()`` ...) and ``legend(on)`` typed outside ``by()`` around every panel
(``by_panel_titles`` and ``by_panel_legends`` read them)."""
from __future__ import annotations

_ABOVE = {11: "left", 12: "center", 1: "right"}  # clock positions drawn above the plot region
TITLE_PAD = 5.0  # points between the plot region (its top axis) and the group label above it


def title_placement(look) -> tuple[str, float, float, str] | None:
    """(justification, x, y, vertical alignment) in axes fractions for a panel title typed
    with ``ring(0)`` (inside the plot region at its clock position) or ``position()`` (11, 12,
    1 above it); None: matplotlib's own title place, above and centred."""
    if look is None or (look.ring != 0 and look.position in (None, 12)):
        return None
    pos = 12 if look.position is None else look.position
    if look.ring != 0:
        return _ABOVE.get(pos, "center"), {"left": 0.0, "center": 0.5, "right": 1.0}[_ABOVE.get(pos, "center")], \
            1.0, "bottom"
    x = 0.5 if pos in (0, 6, 12) else (0.97 if 1 <= pos <= 5 else 0.03)
    y = 0.5 if pos in (0, 3, 9) else (0.97 if pos in (10, 11, 12, 1, 2) else 0.03)
    ha = "center" if x == 0.5 else ("right" if x > 0.5 else "left")
    va = "center" if y == 0.5 else ("top" if y > 0.5 else "bottom")
    return ha, x, y, va


def draw_panel_title(ax, text: str, graph, panel_bg: str, small: bool, k: float) -> None:
    """A panel's title (its by-group label) in its scheme's shaded box, restyled by the
    ``subtitle()`` typed outside ``by()``: ``size()``, ``color()``, ``box``/``nobox``,
    ``fcolor()``/``lcolor()``/``lwidth()`` (``bfcolor()``/``blcolor()``), ``justification()``,
    ``margin()`` (room in the box), ``position()``/``ring(0)``."""
    size, color, boxed = graph.panel_title_style
    look = graph.panel_title_look
    scale = 0.8 if small else 1.0  # the panels of a trellis sharing a y axis: smaller text
    fontsize = (size if size is not None else 10.0) * scale * k
    bbox = None
    if boxed is not False:
        pad = 1.5 + (max(look.margin) if look is not None else 0.0)
        line = look.line if look is not None and look.line else ("none" if not boxed else "black")
        width = look.line_width if look is not None and look.line_width is not None else 0.8
        fill = look.fill if look is not None and look.fill else panel_bg
        bbox = dict(facecolor=fill, edgecolor=line, linewidth=width * k if line != "none" else 0.0, pad=pad)
    extra = {"color": color} if color is not None else {}
    placed = title_placement(look)
    if placed is None or (look.ring != 0 and placed[3] == "bottom"):
        loc = placed[0] if placed is not None else (look.justification if look is not None
                                                     and look.justification else "center")
        ax.set_title(text, fontsize=fontsize, pad=TITLE_PAD, loc=loc, bbox=bbox, **extra)
        return
    ha, x, y, va = placed
    ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=fontsize, bbox=bbox,
            zorder=5, **extra)


# ---------------------------------------------------------------- title(), note(), caption()
_GAP = 2.0  # points between a panel's texts and what they stand beside
_LINE = 1.2  # a text line's height, times its size
_LABEL_RING = 6.0  # the group label's ring: the subtitle's (frame.DEFAULTS)


def text_extent(text, renderer):
    """A drawn text's extent with its box's padding (None when it shows nothing)."""
    if not text.get_visible() or not text.get_text():
        return None
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is not None:
        pad = getattr(patch.get_boxstyle(), "pad", 0.0) * renderer.points_to_pixels(text.get_size())
        box = box.expanded(1.0, 1.0).padded(pad)
    return box


def _core_extent(ax, renderer, titles: bool = True):
    """The panel without its framing texts: plot region, axes, ticks, labels and group label;
    without ``titles``, what the group label is placed above (matplotlib: the plot region and
    its x axis, not the y axis' labels reaching over its top)."""
    from matplotlib.transforms import Bbox

    boxes = [ax.bbox]
    for axis in (ax.xaxis, ax.yaxis) if titles else (ax.xaxis,):
        found = axis.get_tightbbox(renderer)
        if found is not None and found.width > 0:
            boxes.append(found)
    for title in (ax.title, ax._left_title, ax._right_title) if titles else ():  # noqa: SLF001 (matplotlib's)
        found = text_extent(title, renderer)
        if found is not None:
            boxes.append(found)
    return Bbox.union(boxes)


def _anchor(ax, side: str, previous, titles: bool = True):
    """renderer -> the box a framing text is placed against: the plot region's extent along
    ``side``, and across it the edge of what is drawn there (the previous text on that side, or
    the panel's axes, labels and -- ``titles`` -- group label)."""
    from matplotlib.transforms import Bbox

    def box(renderer):
        plot = ax.bbox
        edge = None
        if previous is not None:  # a text, or a panel's legend (by_panel_legends)
            edge = text_extent(previous, renderer) if hasattr(previous, "get_text") else \
                previous.get_window_extent(renderer)
        edge = edge if edge is not None else _core_extent(ax, renderer, titles)
        if side == "top":
            return Bbox([[plot.x0, edge.y1], [plot.x1, edge.y1 + 1]])
        if side == "bottom":
            return Bbox([[plot.x0, edge.y0 - 1], [plot.x1, edge.y0]])
        if side == "right":
            return Bbox([[edge.x1, plot.y0], [edge.x1 + 1, plot.y1]])
        return Bbox([[edge.x0 - 1, plot.y0], [edge.x0, plot.y1]])
    return box


def draw_panel_frame(ax, graph, k: float, panel=None) -> None:
    """The ``title()``, ``note()``, ``caption()``, side titles and (``legend(on)``) legend typed
    outside ``by()`` around one panel (``panel``), as the frame places them around a graph's
    plot region: by clock position (title above, note and caption below, left-justified at 7
    o'clock), stacked outwards by ring (t1title (1) under the group label (6), the title (7)
    above it; under the x axis the legend (3), b1title (3.5), the note (4), the caption (5)),
    ``ring(0)`` inside the plot region; with their textbox options (size, colour, box, margin,
    justification ...).  ``k``: the panels' scale (``iscale()``: the individual graphs' text)."""
    from dataclasses import replace

    from mlmcli.graphs.by_panel_legends import draw_panel_legend, panel_legend_ring, panel_legend_view
    from mlmcli.graphs.clock_places import JUSTIFY, SIDE_Y, clock_side
    from mlmcli.graphs.frame import attach_box, draw_inside, title_elements
    from mlmcli.graphs.text_box_draw import text_kwargs

    view = replace(graph, **{"title": "", "subtitle": "", "note": "", "caption": "", "side_titles": (),
                             "text_styles": (), "title_looks": (), "scale": k, **dict(graph.panel_frame)})
    placed: list = [(el.ring, el) for el in title_elements(view)]
    legend = panel_legend_view(graph, panel, k) if graph.panel_legend and panel is not None else None
    if legend is not None and legend.shows_legend():
        placed.append((panel_legend_ring(legend), legend))
    previous: dict = {}
    raised = 0.0  # points the group label is moved up over the t1title()/t2title() under it
    for _, el in sorted(placed, key=lambda item: item[0]):
        if el is legend:
            side = clock_side(legend.legend_position, panel_legend_ring(legend))
            previous[side] = draw_panel_legend(ax, legend, _anchor(ax, side, previous.get(side)), side)
            continue
        if el.side == "inside":
            draw_inside(ax, el, view)
            continue
        # a frame's ring under the subtitle's (t1title: 1, subtitle: 6): between the plot region
        # and the group label, which is the panel's subtitle ("by() uses subtitle()")
        under_label = el.side == "top" and el.ring < _LABEL_RING
        key = "under-label" if under_label else el.side
        kwargs = text_kwargs(el.look, el.size, k, ax.transAxes)
        box = 0.3 * el.size if "bbox" in kwargs and isinstance(kwargs["bbox"]["boxstyle"], str) else 0.0
        left, right, bottom, top = (m + box for m in el.margin)  # clear of its own box's padding too
        if el.side in ("top", "bottom"):
            just = el.look.justification if el.look is not None and el.look.justification else JUSTIFY[el.clock]
            xy = ({"left": 0.0, "center": 0.5, "right": 1.0}[just], 0.0 if el.side == "top" else 1.0)
            dx = left if just == "left" else -right if just == "right" else (left - right) / 2
            offset = (dx, _GAP + bottom if el.side == "top" else -(_GAP + top))
            ha, va = just, ("bottom" if el.side == "top" else "top")
        else:
            where = SIDE_Y.get(el.clock, "middle")
            xy = (1.0 if el.side == "right" else 0.0, {"top": 1.0, "middle": 0.5, "bottom": 0.0}[where])
            offset = (_GAP + left if el.side == "right" else -(_GAP + right), 0.0)
            ha = "left" if el.side == "right" else "right"
            va = {"top": "top", "middle": "center", "bottom": "bottom"}[where]
        text = ax.annotate(el.text, xy=xy, xycoords=_anchor(ax, el.side, previous.get(key), not under_label),
                           xytext=offset, textcoords="offset points", ha=ha, va=va, fontsize=el.size,
                           color=el.color or "black", rotation=el.rotation, gid=f"panel-{el.name}",
                           annotation_clip=False, **kwargs)
        attach_box(text)
        previous[key] = text
        if under_label:
            raised += _GAP + bottom + top + el.size * _LINE * (el.text.count("\n") + 1)
    if raised:  # the group label (ax.title and its left/right slots) above them
        ax._set_title_offset_trans(TITLE_PAD + raised)  # noqa: SLF001 (set_title(pad=) without the text)
