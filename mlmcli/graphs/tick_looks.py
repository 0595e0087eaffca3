"""``custom`` ([G-3] axis_label_options: the label options "apply only to the labels added by
this option"): the look an axis-label option with ``custom`` gives its own labels and ticks,
drawn on the x and y axes (``panel_axes``) and on the contour legend's axis
(``contour_ramp_draw``)."""
from __future__ import annotations

from mlmcli.graphs import style


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
