"""The legends of a ``by()`` graph: the overall one and, with ``legend(on)`` typed outside
``by()``, one per panel.

[G-3] by_option, "Use of legends with by()": ``by()`` repeats the graph command, so a
``legend()`` typed outside ``by()`` is the individual graphs' -- ``line y1 y2 x, by(group)
legend(off)`` "will not have the intended effect. The legend(off) will seemingly be ignored"
(type ``by(group, legend(off))``), and ``legend(on) by(group)`` draws "many legends: one
underneath each of the plots in addition to the overall legend".  [G-3] legend_options, "Use of
legends with by()": the contents (``order()``, ``label()``, ``cols()`` ...) are typed outside
``by()`` -- the individual graphs "must know what style of key they are producing" -- and the
location (``position()``, ``ring()``, ``bplacement()``, ``span``, ``at()``) inside it, as the
key's placement "happens when the overall graph is assembled".

So outside ``by()``: the contents style the overall legend and every panel's; on/off and the
location are the panels' (drawn only with ``on``; without it they get a note, as they change
nothing).  ``legend(nodraw)`` outside ``by()`` (what histogram.ado and mlm's ``lowess`` type
when no ``by(, legend())`` is given) keeps the overall legend off -- mlm's reading of
histogram.ado, which types it only when ``by()`` has no ``legend()`` of its own.
"""
from __future__ import annotations

from dataclasses import replace

LOCATION = ("position", "ring", "bplacement", "span", "at")  # legend_options' location suboptions


def _typed(gopts: dict) -> dict:
    """The suboptions of every ``legend()`` typed outside ``by()`` (merged: legend() is
    merged-implicit), resolved."""
    from mlmcli.graphs.legend_options import LEGEND_SUBOPTIONS
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options, resolve_options

    merged: dict = {}
    for arg in gopts.get("legend", []):
        if isinstance(arg, str):
            options = [o for part in split_top(arg, ",") for o in read_options(part)]
            merged.update(resolve_options(options, LEGEND_SUBOPTIONS))
    return merged


def split_legends(common: dict, gopts: dict, notes: list[str]) -> dict:
    """``common``: the Graph fields read from the options outside ``by()`` -> the overall
    legend's (their contents, not their on/off or location) and ``panel_legend``: every panel's
    legend fields, with ``legend(on)``."""
    typed = _typed(gopts)
    if not typed:
        return common
    out = dict(common)
    on = bool(typed.get("on") or typed.get("draw"))
    if on:
        mine = {k: v for k, v in common.items() if k == "legend" or (k.startswith("legend_") and k != "legend_part")}
        out["panel_legend"] = tuple(sorted({**mine, "legend": "on"}.items()))
    if typed.get("nodraw") and not on:
        out["legend"] = "off"  # (the overall one too: see the module's docstring)
    else:
        out.pop("legend", None)
        if typed.get("off"):
            notes.append("(note: legend(off) typed outside by() is the individual graphs', whose legends "
                         "by() does not draw; type by(..., legend(off)) to suppress the overall legend)")
    where = [w for w in LOCATION if w in typed]
    if where:
        out.pop("legend_position", None)
        out.pop("legend_ring", None)
        if "legend_look" in out:
            out["legend_look"] = replace(out["legend_look"], bplacement=None, span=False, at=None)
        if not on:
            notes.append(f"(note: legend({where[0]}()) typed outside by() places the individual graphs' "
                         "legends, drawn with legend(on); type it inside by() to place the overall legend)")
    return out


def panel_legend_view(graph, panel, k: float):
    """The Graph whose legend is one panel's: its series keyed with the legend options typed
    outside ``by()``, at the panels' scale."""
    return replace(graph, panels=(panel,), scale=k, line_legend=(), legend_part=0, **dict(graph.panel_legend))


def panel_legend_ring(view) -> float:
    return 0.0 if view.legend_ring == 0 else float(view.legend_ring or 3)  # frame.DEFAULTS' legend ring


def draw_panel_legend(ax, view, anchor, side: str):
    """A panel's legend at its clock position: ``ring(0)`` (or position 0) inside the plot
    region (``bplacement()``'s compass point, else the clock position's corner or side),
    otherwise beside ``anchor`` (renderer -> the box it is placed against, on ``side``)."""
    from matplotlib.transforms import BboxBase

    from mlmcli.graphs.clock_places import COMPASS_LOC, JUSTIFY, LEGEND_INSIDE
    from mlmcli.graphs.legend_draw import finish_legend, legend_kwargs

    handles, labels, kwargs = legend_kwargs(view)
    clock, layout = view.legend_position, view.legend_look
    if side == "inside":
        loc = COMPASS_LOC.get(layout.bplacement or "", LEGEND_INSIDE.get(clock, "center"))
        legend = ax.legend(handles, labels, loc=loc, **kwargs)
    else:
        from matplotlib.legend import Legend

        class PanelLegend(Legend):
            """A legend placed against a box measured with the renderer it is drawn with."""

            renderer = None

            def _findoffset(self, width, height, xdescent, ydescent, renderer):  # matplotlib's hook
                self.renderer = renderer
                return super()._findoffset(width, height, xdescent, ydescent, renderer)

            def get_bbox_to_anchor(self):  # measured now (a TransformedBbox would keep the first)
                return Beside()

        class Beside(BboxBase):
            """The anchor's box, measured each time the legend is placed."""

            def get_points(self):
                renderer = legend.renderer or ax.figure._get_renderer()  # noqa: SLF001 (matplotlib's)
                return anchor(renderer).get_points()

        if side in ("top", "bottom"):
            just = JUSTIFY.get(clock, "center")
            loc = ("lower " if side == "top" else "upper ") + just
        else:
            row = {2: "upper", 10: "upper", 4: "lower", 8: "lower"}.get(clock, "center")
            loc = f"{row} {'left' if side == 'right' else 'right'}"
            loc = "center " + loc.split()[1] if row == "center" else loc
        legend = PanelLegend(ax, handles, labels, loc=loc, **kwargs)
        ax.legend_ = legend  # as ax.legend() keeps it
        legend._remove_method = ax._remove_legend  # noqa: SLF001
    legend.set_gid("panel-legend")
    finish_legend(legend, layout, view.scale)
    return legend
