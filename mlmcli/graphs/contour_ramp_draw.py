"""Drawing the contour plot's colour ramp (see ``contour_ramp``): an axes right of the plot
region, a rectangle per region, the z labels on its right."""
from __future__ import annotations

import numpy as np

GAP_PT = 3.5 * 2.88   # margin clegend medium: 3.5% of the graph's 4-inch side
WIDTH_PT = 17.0       # gsize clegend_width huge
LABEL_PT = 8.5        # the tick labels' medsmall


def draw_ramp(ax, edges, colors, labels, look: tuple, gid: str, k: float):
    """The key: an axes to the right of ``ax`` (placed in points from it at every draw),
    a rectangle per region from its lower to its upper edge, the labels on its right."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    edges = np.asarray(edges, float)
    ramp = ax.inset_axes([1.0, 0.0, 0.05, 1.0])

    def beside(_axes, _renderer, parent=ax):
        box = parent.get_position()  # in its (sub)figure's fraction
        host = parent.get_figure(root=False)
        per_pt = host.get_figure(root=True).dpi / 72.0 / max(host.bbox.width, 1e-9)
        return Bbox.from_bounds(box.x1 + GAP_PT * k * per_pt, box.y0, WIDTH_PT * k * per_pt, box.height)

    ramp.set_axes_locator(beside)
    ramp.set_gid(gid + "-ramp")
    for i, colour in enumerate(colors):
        ramp.add_patch(Rectangle((0.0, edges[i]), 1.0, edges[i + 1] - edges[i], facecolor=colour,
                                 edgecolor="none", linewidth=0.0, gid=gid + "-ramp-key"))
    ramp.set_xlim(0.0, 1.0)
    ramp.set_ylim(edges[0], edges[-1])
    ramp.set_xticks([])
    fields = dict(look)
    ramp.yaxis.tick_right()
    ramp.set_yticks([v for v, _ in labels])
    ramp.set_yticklabels([t for _, t in labels], fontsize=(fields.get("labsize") or LABEL_PT) * k,
                         rotation=fields.get("angle") or 0.0, color=fields.get("label_color") or "black")
    params = {"length": (fields["tick_length"] if "tick_length" in fields else 3.5) * k,
              "width": (fields.get("tick_width") or 0.6) * k,
              "color": fields.get("tick_color") or "black"}
    if fields.get("label_gap") is not None:
        params["pad"] = fields["label_gap"] * k
    ramp.tick_params(axis="y", which="major", **params)
    for name, spine in ramp.spines.items():
        spine.set_linewidth(0.6 * k)  # linewidth clegend thin, clegend_line black
    return ramp
