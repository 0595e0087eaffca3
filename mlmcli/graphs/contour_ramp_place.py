"""Where the contour plot's colour ramp goes ([G-3] clegend_option ``position()``, ``ring()``,
``bplacement()``), read as the twoway legend's placement is (``clock_places``, as ``frame`` places the legend): ``ring(0)`` (or
``position(0)``) inside the plot region at ``bplacement()``'s compass point, else at the
clock position's corner or side; ``ring()`` > 0 outside it, on the clock position's side
(2-4 right, 8-10 left, 11-1 above, 5-7 below), aligned along that side as the legend is
(``position(2)`` at the top of the right side ...).  Stata's default is ``position(3) ring(3)``.

Outside, the key and its axis labels are placed beyond the plot's own axis (its labels and
title) on that side; every ``ring()`` > 0 is the band next to the plot region (the titles and
the twoway legend are laid out around the whole of it).  The key stays vertical, as Stata's:
on the left and right it is as tall as the plot region unless ``height()``; where Stata does not
say how tall it is, mlm draws it half the plot region's height inside it and 30% of the area
holding the plot region and its axes above or below it, unless ``height()``."""
from __future__ import annotations

from matplotlib.transforms import Bbox

from mlmcli.graphs.clock_places import COMPASS_LOC, JUSTIFY, LEGEND_INSIDE, SIDE_Y, clock_side

DEFAULT_CLOCK, DEFAULT_RING = 3, 3.0


def ramp_side(fields: dict) -> str:
    """``inside``, ``top``, ``bottom``, ``left`` or ``right`` for the look's position/ring."""
    clock = fields.get("position", DEFAULT_CLOCK)
    ring = fields.get("ring", DEFAULT_RING)
    return clock_side(clock, ring)


def ramp_bounds(parent, renderer, fields: dict, key_w: float, key_h: float | None, room: float,
                gap: float, around: tuple = (0.0, 0.0, 0.0, 0.0)) -> Bbox:
    """The key's box in ``parent``'s (sub)figure fraction.  ``key_w``/``key_h``: the key's
    width and typed height (None: the default), ``room``: the width of its axis labels and
    title beside it (on its right, its left with ``altaxis``), ``gap``: the space from the plot
    region, ``around``: (left, right, bottom, top) room the legend's region keeps around them
    (``clegend(region(margin()) title())``), all in points."""
    box = parent.get_position()
    host = parent.get_figure(root=False)
    dots = host.get_figure(root=True).dpi / 72.0
    per_x, per_y = dots / max(host.bbox.width, 1e-9), dots / max(host.bbox.height, 1e-9)
    side = ramp_side(fields)
    clock = fields.get("position", DEFAULT_CLOCK)
    alt = bool(fields.get("altaxis"))
    width, room_x, gap_x, gap_y = key_w * per_x, room * per_x, gap * per_x, gap * per_y
    # beside the plot region as tall as it; above or below it a fixed share of the graph's
    # height (one that followed the plot region would chase it through the layout's passes)
    default_h = {"left": box.height, "right": box.height, "inside": box.height / 2}.get(side, 0.3)
    # no taller than the plot region (a band beside a trellis: than the band)
    tall = default_h if key_h is None else min(key_h * per_y, box.height if box.height > 0 else 1.0)
    left, right, bottom, top = (around[0] * per_x, around[1] * per_x, around[2] * per_y, around[3] * per_y)
    group = width + room_x + left + right  # the key and its labels, side by side, in their region
    key_in_group = left + (room_x if alt else 0.0)
    key_h, tall = tall, tall + bottom + top
    axis = _axis_extent(parent, renderer, host)
    if side == "right":
        x0 = max(box.x1, _edge(axis, 1, box.x1)) + gap_x
        y0 = _along(SIDE_Y.get(clock, "middle"), box.y0, box.y1, tall)
    elif side == "left":
        x0 = min(box.x0, _edge(axis, 0, box.x0)) - gap_x - group
        y0 = _along(SIDE_Y.get(clock, "middle"), box.y0, box.y1, tall)
    elif side in ("top", "bottom"):
        x0 = _across(JUSTIFY.get(clock, "center"), box.x0, box.x1, group)
        if side == "bottom":
            y0 = min(box.y0, _edge(axis, 2, box.y0)) - gap_y - tall
        else:
            y0 = max(box.y1, _edge(axis, 3, box.y1)) + gap_y
    else:  # inside the plot region: bplacement()'s compass point, else the clock's
        loc = COMPASS_LOC.get(fields.get("bplacement") or "", LEGEND_INSIDE.get(clock, "center"))
        vertical, _, horizontal = loc.partition(" ") if " " in loc else (loc, "", loc)
        x0 = _across({"left": "left", "right": "right"}.get(horizontal, "center"),
                     box.x0 + gap_x, box.x1 - gap_x, group)
        y0 = _along({"upper": "top", "lower": "bottom"}.get(vertical, "middle"),
                    box.y0 + gap_y, box.y1 - gap_y, tall)
    return Bbox.from_bounds(x0 + key_in_group, y0 + bottom, width, key_h)


def _edge(extent, index: int, default: float) -> float:
    return default if extent is None or extent[index] is None else extent[index]


def _along(where: str, low: float, high: float, size: float) -> float:
    """The lower edge of ``size`` at the ``top``/``middle``/``bottom`` of [low, high]."""
    return high - size if where == "top" else low if where == "bottom" else (low + high - size) / 2


def _across(where: str, low: float, high: float, size: float) -> float:
    """The left edge of ``size`` at the ``left``/``center``/``right`` of [low, high]."""
    return low if where == "left" else high - size if where == "right" else (low + high - size) / 2


class PlacedRegion:
    """What the key is placed by when it is not one plot region: a by() trellis (the union of its
    panels' plot regions and axes) or one cell of it; the key is an axes of ``host``, a (sub)figure,
    in whose fraction ``get_position()`` answers, as an Axes' does.  ``band``: the side of the
    trellis ``host`` is a band on: the region then ends at the band's edge facing the trellis (the
    key starts there, beyond everything the trellis draws), aligned along it with the panels."""

    def __init__(self, host, axes, band: str | None = None):
        self.host, self.axes, self.band = host, list(axes), band
        self.xaxis = _UnionAxis([ax.xaxis for ax in self.axes])
        self.yaxis = _UnionAxis([ax.yaxis for ax in self.axes])

    def get_figure(self, root: bool = False):
        return self.host.get_figure(root=True) if root else self.host

    def get_position(self) -> Bbox:
        union = Bbox.union([ax.bbox for ax in self.axes])  # display units
        (x0, y0), (x1, y1) = union.transformed(self.host.transSubfigure.inverted()).get_points()
        edge = {"right": 0.0, "left": 1.0, "top": 0.0, "bottom": 1.0}.get(self.band)
        if self.band in ("right", "left"):
            x0 = x1 = edge
        elif self.band in ("top", "bottom"):
            y0 = y1 = edge
        return Bbox([[x0, y0], [x1, y1]])


class _UnionAxis:
    """The x or y axes of several panels as one, for ``_axis_extent``: the union of the visible
    ones' labels and titles."""

    def __init__(self, axes):
        self.axes = axes

    def get_visible(self) -> bool:
        return True

    def get_tightbbox(self, renderer):
        found = [a.get_tightbbox(renderer) for a in self.axes if a.get_visible() and a.axes.get_visible()]
        found = [b for b in found if b is not None and b.width > 0 and b.height > 0]
        return Bbox.union(found) if found else None


def _axis_extent(parent, renderer, host) -> tuple[float, float, float, float] | None:
    """(left, right) of the y axis and (bottom, top) of the x axis (their labels and titles) in
    the host's fraction, for placing the key beyond them; None without a renderer or in a band
    beside a trellis (its axes are on the other side of the band's edge)."""
    if renderer is None or getattr(parent, "band", None):
        return None
    frame = host.bbox
    out = [None] * 4
    for index, axis in ((0, parent.yaxis), (2, parent.xaxis)):
        found = axis.get_tightbbox(renderer) if axis.get_visible() else None
        if found is None or found.width <= 0 or found.height <= 0:
            continue
        if index == 0:
            out[0:2] = [(found.x0 - frame.x0) / frame.width, (found.x1 - frame.x0) / frame.width]
        else:
            out[2:4] = [(found.y0 - frame.y0) / frame.height, (found.y1 - frame.y0) / frame.height]
    return tuple(out)


def title_side(fields: dict) -> str:
    """Where the z title goes: ``right``/``left`` of the key (its axis' side, the other with
    ``altaxis``), or ``top``/``bottom`` for ``ztitle(, position(12|6))`` (1-5: right, 7-11:
    left, 11 and 1 the sides, 12 above, 6 below)."""
    box = fields.get("axis_title_box")
    clock = getattr(box, "position", None)
    if clock in (1, 2, 3, 4, 5):
        return "right"
    if clock in (7, 8, 9, 10, 11):
        return "left"
    if clock == 12:
        return "top"
    if clock == 6:
        return "bottom"
    return "left" if fields.get("altaxis") else "right"
