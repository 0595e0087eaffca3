"""The title and region options typed outside ``by()``: every panel's (``subtitle()``: its
by-group label; ``title()``, ``note()``, ``caption()``, ``graphregion()``: its frame).

[G-3] by_option: the title options on the command by() is appended to "will become the titles
... of the individual graphs" (``by(..., subtitle())`` is the overall one), and a by-graph's
individual graphs are subtitled by their group labels; so ``scatter y x, by(g) subtitle(,
size(small) fcolor(none))`` restyles each group label, and a typed text replaces it
(``prefix``/``suffix``: joined before/after it, as title_options' affixes are; the by_option
help types ``subtitle("")`` to suppress the labels and ``subtitle("Extra info", suffix)`` to add
to them).

``title()``, ``note()``, ``caption()`` and the side titles ``t1title()`` ... ``r2title()`` typed
outside ``by()`` are each panel's too (the by_option help's "Treatment of titles":
``title("My title") by(catvar)`` -- "My title" will be repeated above each graph;
``by(catvar, title())`` is the overall one), and so are
``graphregion()`` (each panel's region: its colour, outline and margin) -- the region options
"will become the ... regions of the individual graphs"; ``plotregion()`` already styles each
panel's plot region.  ``by()``'s own ``Graphs by ...`` note is the overall ``note()`` ("by()
uses the overall note()"), so a ``note()`` typed outside ``by()`` leaves it and is repeated
under each panel.
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.graphs import graph_options as gopt
from mlmcli.graphs.syntax import split_options, title_text

PANEL_FRAME = ("title", "note", "caption")  # typed outside by(): drawn around every panel
SIDE_TITLES = ("t1title", "t2title", "b1title", "b2title", "l1title", "l2title", "r1title", "r2title")
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
    return [replace(p, title=group_label(p.title, typed)) for p in panels]


def group_label(label: str, typed: tuple[str, str | None] | None) -> str:
    """One group's label under the typed ``subtitle("text")`` (see ``retitled``)."""
    if typed is None:
        return label
    text, affix = typed
    if affix == "prefix":
        return f"{text} {label}".strip()
    if affix == "suffix":
        return f"{label} {text}".strip()
    return text


def by_part_options(gopts: dict, notes: list[str]) -> tuple[dict, dict, tuple[str, str | None] | None]:
    """The title and region options typed outside ``by()`` of a by() graph drawn as a graph per
    group (``graph matrix``): -> (the options left for the whole graph, every group's graph's
    own fields -- its ``title()``, ``subtitle()`` look, ``note()``, ``caption()``, side titles
    ``t1title()`` ... ``r2title()`` and ``graphregion()`` -- and the typed ``subtitle()`` text for ``group_label``)."""
    mine = {k: v for k, v in gopts.items() if k in PANEL_FRAME + SIDE_TITLES + ("subtitle",)}
    rest = {k: v for k, v in gopts.items() if k not in mine and k != "graphregion"}
    fields = {k: v for k, v in gopt.title_fields(mine, notes).items() if k not in ("title_affixes", "subtitle")}
    sides = gopt.side_titles(mine)
    if sides:
        fields["side_titles"] = tuple(sorted(sides.items()))
    if "graphregion" in gopts:
        fields.update(gopt.region_fields({"graphregion": gopts["graphregion"]}, notes))
    arg = gopt.last(gopts, "subtitle")
    typed = None
    if isinstance(arg, str) and split_options(arg)[0].strip():
        typed = (title_text(arg), gopt.title_box(arg, "subtitle", [])[3])  # (its notes: read above)
    return rest, fields, typed


def panel_frame(gopts: dict, notes: list[str]) -> tuple[dict, dict]:
    """-> (the graph options without ``title()``, ``note()``, ``caption()``, the side titles
    ``t1title()`` ... ``r2title()`` and ``graphregion()``, Graph fields: ``panel_frame`` (the
    title fields each panel is framed with: texts, ``side_titles``, ``text_styles``,
    ``title_looks``) and ``panel_region`` (the graph-region
    fields of each panel's region))."""
    typed = {k: v for k, v in gopts.items() if k in PANEL_FRAME + SIDE_TITLES}
    rest = {k: v for k, v in gopts.items() if k not in typed and k != "graphregion"}
    fields: dict = {}
    framed = {k: v for k, v in gopt.title_fields(typed, notes).items() if k != "title_affixes"}
    sides = gopt.side_titles(typed)  # t1title() ... r2title(): beside each panel's plot region
    if sides:
        framed["side_titles"] = tuple(sorted(sides.items()))
    if any(framed.get(k) for k in PANEL_FRAME + ("side_titles",)):
        fields["panel_frame"] = tuple(sorted(framed.items()))
    if "graphregion" in gopts:
        from mlmcli.graphs.by_panel_regions import DEFAULT_MARGIN
        from mlmcli.graphs.look_options import UNIT_PT

        region = gopt.region_fields({"graphregion": gopts["graphregion"]}, notes,
                                    graph_base=(DEFAULT_MARGIN / UNIT_PT,) * 4)  # margin(t=0): the rest kept
        fields["panel_region"] = tuple(sorted(region.items()))
    return rest, fields


def by_panel_options(gopts: dict, notes: list[str]) -> tuple[dict, dict, tuple[str, str | None] | None]:
    """The title and region options typed outside ``by()``, as every panel's: -> (the options
    left for the whole graph, Graph fields, the typed ``subtitle()`` text for ``retitled``)."""
    rest, fields, typed = panel_subtitle(gopts, notes)
    rest, framed = panel_frame(rest, notes)
    return rest, {**fields, **framed}, typed
