"""Drawing a by() graph's panel titles (the group labels) in the look ``subtitle()`` typed
outside ``by()`` gives them (``by_panel_titles`` reads it)."""
from __future__ import annotations

_ABOVE = {11: "left", 12: "center", 1: "right"}  # clock positions drawn above the plot region


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
        ax.set_title(text, fontsize=fontsize, pad=5, loc=loc, bbox=bbox, **extra)
        return
    ha, x, y, va = placed
    ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=fontsize, bbox=bbox,
            zorder=5, **extra)
