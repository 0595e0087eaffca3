"""``subtitle()`` typed outside ``by()``: every panel's title, the by-group label.

[G-3] by_option: the title options on the command by() is appended to "will become the titles
... of the individual graphs" (``by(..., subtitle())`` is the overall one), and a by-graph's
individual graphs are subtitled by their group labels; so ``scatter y x, by(g) subtitle(,
size(small) fcolor(none))`` restyles each group label, and a typed text replaces it
(``prefix``/``suffix``: joined before/after it, as title_options' affixes are).
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.graphs import graph_options as gopt
from mlmcli.graphs.syntax import split_options, title_text

# clock positions a panel title is drawn at outside its plot region: above it (the others
# inside the plot region only, ring(0))
_ABOVE = {11: "left", 12: "center", 1: "right"}


def panel_subtitle(gopts: dict, notes: list[str]) -> tuple[dict, dict, tuple[str, str | None] | None]:
    """-> (the graph options without ``subtitle()``, Graph fields of the panel titles'
    look, (typed text, affix) or None when no text is typed)."""
    if "subtitle" not in gopts:
        return gopts, {}, None
    arg = gopt.last(gopts, "subtitle")
    rest = {k: v for k, v in gopts.items() if k != "subtitle"}
    size, color, look, affix, _ = gopt.title_box(arg, "subtitle", notes)
    from mlmcli.graphs.text_box_options import TEXTBOX_SUBOPTIONS
    from mlmcli.syntax.options import resolve_options

    subs = resolve_options(split_options(arg)[1], TEXTBOX_SUBOPTIONS) if isinstance(arg, str) else {}
    boxed = False if subs.get("nobox") else (True if subs.get("box") else None)
    fields: dict = {}
    if size is not None or color is not None or boxed is not None:
        fields["panel_title_style"] = (size, color, boxed)
    if look is not None:
        if look.ring != 0 and look.position not in (None, *_ABOVE):
            notes.append(f"(note: subtitle(, position({look.position})) outside the plot region is "
                         "drawn above each panel of a by() graph)")
        fields["panel_title_look"] = look
    typed = isinstance(arg, str) and bool(split_options(arg)[0].strip())
    return rest, fields, ((title_text(arg), affix) if typed else None)


def retitled(panels: list, typed: tuple[str, str | None] | None) -> list:
    """The panels titled by the typed ``subtitle("text")``: it replaces each group label,
    or with ``prefix``/``suffix`` is joined before/after it on the same line."""
    if typed is None:
        return panels
    text, affix = typed
    def title(label: str) -> str:
        if affix == "prefix":
            return f"{text} {label}".strip()
        if affix == "suffix":
            return f"{label} {text}".strip()
        return text
    return [replace(p, title=title(p.title)) for p in panels]


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
