"""``text()``: text added at data coordinates, placed by its compass direction, with its box
(``width()``/``height()``: a box of that size; ``bexpand``: the box across the plot region).

matplotlib is reached only through the Axes handed in; sizes are points times the drawing's
scale ``k``.
"""
from __future__ import annotations

_PLACE = {"c": ("center", "center"), "n": ("center", "bottom"), "s": ("center", "top"),
          "e": ("left", "center"), "w": ("right", "center"), "ne": ("left", "bottom"),
          "nw": ("right", "bottom"), "se": ("left", "top"), "sw": ("right", "top"),
          "12": ("center", "bottom"), "3": ("left", "center"), "6": ("center", "top"),
          "9": ("right", "center"), "0": ("center", "center")}


def draw_text(ax, box, k: float = 1.0, where=None) -> None:
    """``text()``: at data coordinates, placed by its compass direction, with its box;
    ``where``: the transform of its coordinates (``text(, yaxis(3) xaxis(2))``; None: ``ax``'s)."""
    where = where if where is not None else ax.transData
    ha, va = _PLACE.get(box.place, ("center", "center"))
    expand = getattr(box, "bexpand", False)
    if (box.width is not None or box.height is not None) and not expand:
        _sized_text(ax, box, k, ha, va, where)
        return
    kwargs: dict = {}
    if expand:  # bexpand: the box across the plot region in the text's direction
        size = (box.size or 8.5) * k
        kwargs["bbox"] = dict(boxstyle=ExpandedBox(ax, size, box.height * k if box.height is not None else None,
                                                   0.3 + box.pad / max(size, 1.0)),
                              facecolor=box.fill or "none",
                              edgecolor=box.line or ("black" if box.box else "none"),
                              linewidth=(box.line_width if box.line_width is not None else 0.8) * k)
    elif box.box or box.fill or box.line:
        size = (box.size or 8.5) * k
        kwargs["bbox"] = dict(boxstyle=f"square,pad={0.3 + box.pad / max(size, 1.0)}",
                              facecolor=box.fill or "none",
                              edgecolor=box.line or ("black" if box.box else "none"),
                              linewidth=(box.line_width if box.line_width is not None else 0.8) * k)
    if box.linegap is not None:
        kwargs["linespacing"] = 1.0 + box.linegap / max(box.size or 8.5, 1.0)
    if box.ha:
        kwargs["multialignment"] = box.ha
        ha = box.ha
    if box.va:
        va = {"middle": "center"}.get(box.va, box.va)
    if box.offset:  # away from the point in the direction of its placement
        dx, dy = _DIRECTION.get(box.place, (0.0, 0.0))
        text = ax.annotate(box.text, (box.x, box.y), xycoords=where, xytext=(dx * box.offset * k, dy * box.offset * k),
                           textcoords="offset points", ha=ha, va=va, fontsize=(box.size or 8.5) * k,
                           color=box.color or "black", rotation=box.angle, zorder=5, gid="text", **kwargs)
    else:
        text = ax.text(box.x, box.y, box.text, transform=where, ha=ha, va=va, fontsize=(box.size or 8.5) * k,
                       color=box.color or "black", rotation=box.angle, zorder=5, gid="text", **kwargs)
    if expand:
        text.get_bbox_patch().get_boxstyle().text = text


class ExpandedBox:
    """A matplotlib boxstyle for ``text(..., bexpand)``: the box runs across the plot region
    along the text's direction (its width the region's width, or height for vertical text),
    ``height`` points across (None: the text's own plus the pad)."""

    def __init__(self, ax, size: float, height: float | None, pad: float):
        self.ax, self.size, self.height, self.pad = ax, size, height, pad
        self.text = None  # the Text artist, set once made

    def __call__(self, x0, y0, width, height, mutation_size):
        from matplotlib.path import Path
        from matplotlib.transforms import Affine2D

        pad = self.pad * mutation_size
        left, w = x0 - pad, width + 2 * pad
        if self.text is not None:  # the region's ends in the box's own (unrotated) frame,
            ext = self.text.get_window_extent()  # whose origin is a corner of the text's extent
            (sx, sy), (ex, ey) = self.ax.transAxes.transform([(0.0, 0.0), (1.0, 1.0)])
            angle = round((self.text.get_rotation() % 360) / 90.0) % 4
            start, end = {0: (sx - ext.x0, ex - ext.x0), 1: (sy - ext.y0, ey - ext.y0),
                          2: (ext.x1 - ex, ext.x1 - sx), 3: (ext.y1 - ey, ext.y1 - sy)}[angle]
            left, w = start, end - start
        h = self.height * mutation_size / max(self.size, 1e-9) if self.height is not None else height + 2 * pad
        bottom = y0 + (height - h) / 2
        return Path.unit_rectangle().transformed(Affine2D().scale(w, h).translate(left, bottom))


def _text_extent(text: str, size: float) -> tuple[float, float]:
    """Width and height in points of (multi-line) text at ``size`` points (Agg's metrics)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(10, 10, 72.0)  # 72 dpi: pixels are points
    lines = text.split("\n")
    widths = [renderer.get_text_width_height_descent(line or " ", FontProperties(size=size), ismath=False)[0]
              for line in lines]
    return max(widths), len(lines) * size * 1.2


def _sized_text(ax, box, k: float, ha: str, va: str, where) -> None:
    """``text(..., width() height())``: a box of that size (points; a size not given is the
    text's own plus the margin), placed at (x, y) by the compass direction as the text
    would be, the text inside it by ``justification()`` and ``alignment()``."""
    from matplotlib.offsetbox import AnnotationBbox, DrawingArea
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    size = (box.size or 8.5) * k
    pad = (0.3 * size + box.pad) if (box.box or box.fill or box.line) else box.pad
    text_w, text_h = _text_extent(box.text, size)
    if box.angle and abs(box.angle) % 180 == 90:
        text_w, text_h = text_h, text_w
    width = box.width * k if box.width is not None else text_w + 2 * pad
    height = box.height * k if box.height is not None else text_h + 2 * pad
    area = DrawingArea(width, height, 0, 0)
    if box.box or box.fill or box.line:
        area.add_artist(Rectangle((0, 0), width, height, facecolor=box.fill or "none",
                                  edgecolor=box.line or ("black" if box.box else "none"),
                                  linewidth=(box.line_width if box.line_width is not None else 0.8) * k))
    just = box.ha or "center"
    tx = {"left": pad, "center": width / 2, "right": width - pad}[just]
    align = {"middle": "center", None: "center"}.get(box.va, box.va)
    ty = {"top": height - pad, "center": height / 2, "bottom": pad, "baseline": pad}[align]
    area.add_artist(Text(tx, ty, box.text, ha=just, va=align, fontsize=size,
                         color=box.color or "black", rotation=box.angle, multialignment=just))
    anchor = ({"left": 0.0, "center": 0.5, "right": 1.0}[ha],
              {"bottom": 0.0, "center": 0.5, "top": 1.0, "baseline": 0.0}[va])
    ax.add_artist(AnnotationBbox(area, (box.x, box.y), xycoords=where, box_alignment=anchor,
                                 frameon=False, pad=0.0, zorder=5, gid="text"))


_DIRECTION = {"n": (0.0, 1.0), "s": (0.0, -1.0), "e": (1.0, 0.0), "w": (-1.0, 0.0), "ne": (0.7, 0.7),
              "nw": (-0.7, 0.7), "se": (0.7, -0.7), "sw": (-0.7, -0.7), "c": (0.0, 0.0)}
