"""``custom`` ([G-3] axis_label_options: the label options "apply only to the labels added by
this option"): the look an axis-label option with ``custom`` gives its own labels and ticks,
drawn on the x and y axes (``panel_axes``) and on the contour legend's axis
(``contour_ramp_draw``); the grid lines' look and each tick set's own grid (``xtick(..., grid)``
at its ticks only) and the minor tick set's own look (``xmtick(, tlcolor())``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mlmcli.graphs import style

if TYPE_CHECKING:
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Graph


def custom_tick_looks(ticks, custom, k: float, scheme: str | None = None, locs=None) -> None:
    """``xlabel(# "text", add custom labcolor() labsize() angle() tlength() tlcolor() tlwidth())``
    (and ``zlabel()``'s): each tick of that option -- (value, ((field, look), ...)) in ``custom``,
    the last option's look where several name one value -- its label and mark in its own look,
    the other ticks as they were; ``locs``: the ticks' values where the ticks do not know them
    yet (a locator just set)."""
    if not custom:
        return
    for tick, value in zip(ticks, locs if locs is not None else [t.get_loc() for t in ticks]):
        value = float(value)
        own: dict = {}
        for entry in custom:
            at, look = entry[0], _pairs(entry)
            if abs(at - value) <= 1e-9 * max(abs(at), 1.0):
                own.update(look)
        if not own:
            continue
        for label in (tick.label1, tick.label2):
            if "label_color" in own:
                label.set_color(style.text_color(own["label_color"], scheme) or own["label_color"])
            if "labsize" in own:
                label.set_fontsize(own["labsize"] * k)
            if "angle" in own:
                label.set_rotation(own["angle"])
        for mark in (tick.tick1line, tick.tick2line):
            if "tick_color" in own:
                mark.set_color(own["tick_color"])
                mark.set_markeredgecolor(own["tick_color"])
            if "tick_length" in own:
                mark.set_markersize(own["tick_length"] * k)
            if "tick_width" in own:
                mark.set_markeredgewidth(own["tick_width"] * k)


def _pairs(entry) -> dict:
    """The look of one custom tick; graph files saved by mlm before the tick looks were kept
    hold (value, colour, size, angle)."""
    if len(entry) == 2:
        return dict(entry[1])
    return {name: x for name, x in zip(("label_color", "labsize", "angle"), entry[1:]) if x is not None}


def grid_look(spec: Axis, scheme: str | None, k: float, own: tuple = ()) -> dict:
    """matplotlib keywords of the axis' grid lines (``glcolor()`` ...), ``own``: a tick set's
    typed look over them (``Axis.tick_grid_look``, ``minor_grid_look``)."""
    look = {"grid_color": spec.grid_color, "grid_width": spec.grid_width, "grid_pattern": spec.grid_pattern}
    look.update(dict(own))
    sch = style.scheme(scheme)
    return {"color": look["grid_color"] or sch.grid or style.GRID,
            "linewidth": (look["grid_width"] if look["grid_width"] is not None
                          else sch.grid_width if sch.grid_width is not None else 0.8) * k,
            "linestyle": style.line_pattern(look["grid_pattern"] or sch.grid_pattern) or "-", "zorder": 0}


def minor_label_formatter(spec: Axis, tick_text):
    """The minor labels' formatter: ``xmlabel(, format())``'s own, else the axis' ``tick_text``."""
    from matplotlib.ticker import FuncFormatter

    own = dict(spec.minor_looks).get("format")
    if not own:
        return FuncFormatter(tick_text)
    from mlmcli.render.numfmt import format_number

    return FuncFormatter(lambda v, _p=None: format_number(v, own).strip())


def minor_tick_looks(ax, spec: Axis, which: str, graph: Graph, k: float) -> None:
    """``xmlabel()``/``xmtick()``'s own look of the minor ticks and their labels."""
    own = dict(spec.minor_looks)
    if not own:
        return
    params: dict = {}
    if "tick_length" in own:
        params["length"] = own["tick_length"] * k
    if "tick_width" in own:
        params["width"] = own["tick_width"] * k
    if "tick_color" in own:
        params["color"] = own["tick_color"]
    if "tick_position" in own:
        params["direction"] = {"outside": "out", "inside": "in", "crossing": "inout"}[own["tick_position"]]
    if "labsize" in own:
        params["labelsize"] = own["labsize"] * k
    if "label_color" in own:
        params["labelcolor"] = style.text_color(own["label_color"], graph.scheme)
    if "angle" in own:
        params["labelrotation"] = own["angle"]
    if "label_gap" in own:  # xmlabel(, labgap()): the minor labels' own distance from their ticks
        params["pad"] = own["label_gap"] * k
    ax.tick_params(axis=which, which="minor", **params)


def own_grids(axis, spec: Axis, locs: list, labelled: set, extra: set, scheme: str | None, k: float) -> None:
    """Each major tick's grid line as its tick set says: the labels' (``grid``, or the scheme's
    as ``apply_axis`` resolved it) and xtick()'s (``tick_grid``, in its own look)."""
    label_grid = bool(getattr(axis, "mlm_label_grid", spec.grid))
    own = grid_look(spec, scheme, k, spec.tick_grid_look) if spec.tick_grid_look else None
    for tick, v in zip(axis.get_major_ticks(len(locs)), locs):
        at_label, at_tick = v in labelled, v in extra
        if at_tick and spec.tick_grid and not (at_label and label_grid) and own is not None:
            tick.gridline.set(color=own["color"], linewidth=own["linewidth"], linestyle=own["linestyle"])
        tick.gridline.set_visible((at_label and label_grid) or (at_tick and bool(spec.tick_grid)))
