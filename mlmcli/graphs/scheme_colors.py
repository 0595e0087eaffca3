"""The foreground of a scheme drawn on a dark background (``s1rcolor``: "color on black",
[G-4] scheme s1).  The drawing code writes Stata's usual black foreground -- text, axis lines,
ticks, outlines -- so a reversed scheme repaints, after the graph is drawn, what is black in
its foreground colour and the white boxes behind legends and text in its background colour;
colours a graph's options typed (``color(red)``, ``labcolor()`` ...) are not black and stay."""
from __future__ import annotations

from mlmcli.graphs import style


def _is(color, rgb: tuple[float, float, float]) -> bool:
    from matplotlib.colors import to_rgba

    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return False
    try:
        r, g, b, a = to_rgba(color)
    except (ValueError, TypeError):
        return False
    return a > 0 and (r, g, b) == rgb


BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)


def repaint_foreground(container, scheme_name: str | None) -> None:
    """Repaint ``container`` (a Figure or SubFigure) for a scheme whose foreground is not black."""
    sch = style.scheme(scheme_name)
    if _is(sch.foreground, BLACK):
        return
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    fg, bg = sch.foreground, sch.graph_region
    for ax in container.findobj(Axes):
        for axis in (ax.xaxis, ax.yaxis):  # the tick settings new ticks are made from, too
            ticks = axis.get_major_ticks()
            if ticks and _is(ticks[0].label1.get_color(), BLACK):
                axis.set_tick_params(which="both", labelcolor=fg)
            if ticks and _is(ticks[0].tick1line.get_markeredgecolor(), BLACK):
                axis.set_tick_params(which="both", color=fg)
    for artist in container.findobj():
        if isinstance(artist, Text):
            if _is(artist.get_color(), BLACK):
                artist.set_color(fg)
            box = artist.get_bbox_patch()
            if box is not None:
                _repaint_patch(box, fg, bg)
        elif isinstance(artist, Line2D):
            if _is(artist.get_color(), BLACK):
                artist.set_color(fg)
            if _is(artist.get_markeredgecolor(), BLACK):
                artist.set_markeredgecolor(fg)
        elif isinstance(artist, Legend):
            _repaint_patch(artist.legendPatch, fg, bg)
        elif isinstance(artist, Patch) and _is(artist.get_edgecolor(), BLACK):
            artist.set_edgecolor(fg)


def _repaint_patch(patch, fg: str, bg: str) -> None:
    if _is(patch.get_edgecolor(), BLACK):
        patch.set_edgecolor(fg)
    if _is(patch.get_facecolor(), WHITE):
        patch.set_facecolor(bg)
