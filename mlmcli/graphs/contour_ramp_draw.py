"""Drawing the contour plot's colour ramp (see ``contour_ramp``): an axes right of the plot
region, a rectangle per region, the z labels on its right."""
from __future__ import annotations

import numpy as np

GAP_PT = 3.5 * 2.88   # margin clegend medium: 3.5% of the graph's 4-inch side
WIDTH_PT = 17.0       # gsize clegend_width huge
LABEL_PT = 8.5        # the tick labels' medsmall


def draw_ramp(ax, edges, colors, labels, look: tuple, gid: str, k: float):
    """The key: an axes to the right of ``ax`` (placed in points from it at every draw),
    a rectangle per region from its lower to its upper edge, the labels on its right (on its
    left with ``clegend(altaxis)``, the key then that much further from the plot region).
    ``look``: (name, value) pairs -- the labels' ``labsize``, ``angle``, ``label_color``,
    ``label_gap``, the ticks' ``tick_length``, ``tick_width``, ``tick_color``, ``ticks``
    (``ztick()``: unlabelled ticks), ``axis_title`` (``ztitle()``), ``title``, ``width``,
    ``height`` (points; None: the plot region's height) and ``altaxis`` (``clegend()``),
    ``scale_reverse``, ``scale_range``, ``scale_off`` (``zscale()``)."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    edges = np.asarray(edges, float)
    fields = dict(look)
    size = (fields.get("labsize") or LABEL_PT) * k
    alt = bool(fields.get("altaxis"))
    # with the axis between the plot region and the key, room for its labels and title
    room = (max((len(t) for _, t in labels), default=0) * 0.55 * size + 6.0 * k
            + (1.3 * LABEL_PT * k if fields.get("axis_title") else 0.0)) if alt else 0.0
    width, height = fields.get("width") or WIDTH_PT, fields.get("height")
    ramp = ax.inset_axes([1.0, 0.0, 0.05, 1.0])

    def beside(_axes, _renderer, parent=ax):
        box = parent.get_position()  # in its (sub)figure's fraction
        host = parent.get_figure(root=False)
        dots = host.get_figure(root=True).dpi / 72.0
        per_x, per_y = dots / max(host.bbox.width, 1e-9), dots / max(host.bbox.height, 1e-9)
        tall = box.height if height is None else min(height * k * per_y, box.height)
        return Bbox.from_bounds(box.x1 + (GAP_PT * k + room) * per_x, box.y0 + (box.height - tall) / 2,
                                width * k * per_x, tall)

    ramp.set_axes_locator(beside)
    ramp.set_gid(gid + "-ramp")
    for i, colour in enumerate(colors):
        ramp.add_patch(Rectangle((0.0, edges[i]), 1.0, edges[i + 1] - edges[i], facecolor=colour,
                                 edgecolor="none", linewidth=0.0, gid=gid + "-ramp-key"))
    ramp.set_xlim(0.0, 1.0)
    low, high = edges[0], edges[-1]
    if fields.get("scale_range"):  # zscale(range()): the axis widened to the values
        low, high = min(low, fields["scale_range"][0]), max(high, fields["scale_range"][1])
    ramp.set_ylim(*((high, low) if fields.get("scale_reverse") else (low, high)))  # zscale(reverse)
    ramp.set_xticks([])
    if alt:
        ramp.yaxis.tick_left()
    else:
        ramp.yaxis.tick_right()
    named = {float(v): t for v, t in labels}
    for v in fields.get("ticks") or ():  # ztick(): a tick, no label
        named.setdefault(float(v), "")
    at = sorted(named)
    ramp.set_yticks(at)
    ramp.set_yticklabels([named[v] for v in at], fontsize=size, rotation=fields.get("angle") or 0.0,
                         color=fields.get("label_color") or "black")
    params = {"length": (fields["tick_length"] if "tick_length" in fields else 3.5) * k,
              "width": (fields.get("tick_width") or 0.6) * k,
              "color": fields.get("tick_color") or "black"}
    if fields.get("label_gap") is not None:
        params["pad"] = fields["label_gap"] * k
    ramp.tick_params(axis="y", which="major", **params)
    if fields.get("axis_title"):
        ramp.yaxis.set_label_position("left" if alt else "right")
        ramp.set_ylabel(fields["axis_title"], fontsize=9.5 * k)  # axis_title medsmall ... as the y title
    if fields.get("title"):
        ramp.set_title(fields["title"], fontsize=LABEL_PT * k)
    if fields.get("scale_off"):  # zscale(off): the key without its axis
        ramp.yaxis.set_visible(False)
    for spine in ramp.spines.values():
        spine.set_linewidth(0.6 * k)  # linewidth clegend thin, clegend_line black
    return ramp
