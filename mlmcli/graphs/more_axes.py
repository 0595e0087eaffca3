"""Axes beyond x axis 1 and y axes 1 and 2 (``yaxis(3)`` ... ``yaxis(9)``, ``xaxis(2)`` ...,
[G-3] axis_choice_options): their options as ``spec.MoreAxis`` (reading) and their sides.

Axis options name their axis with ``axis(#)``; ``graph_options.common_fields`` keys them
``x``, ``y``, ``y2`` (the Graph's own fields) and ``x2`` ... ``y9`` (here).  Stata puts the
first y axis on the left, the second on the right, and further ones alternately on the left
and the right, each outside the ones before it on its side; x axes likewise below and above
the plot region.  ``yscale(alt axis(#))`` moves an axis to the other side.
"""
from __future__ import annotations

import re

from mlmcli.graphs.axis_spec import Axis, MoreAxis

_EXTRA = re.compile(r"^([xy])([2-9])(ticks|title)$")


def axis_key(letter: str, number: int) -> str:
    """``x``/``y`` for axis 1, else the letter and the number (``y2``, ``x3``)."""
    return letter if number == 1 else f"{letter}{number}"


def axis_side(letter: str, number: int, alt: bool = False) -> str:
    """The side of the plot region axis ``number`` is drawn on: odd y axes on the left, even
    ones on the right; odd x axes below, even ones above; ``alt`` the other side."""
    sides = ("left", "right") if letter == "y" else ("bottom", "top")
    return sides[((number - 1) % 2) ^ int(bool(alt))]


def key_side(key: str, axes: dict) -> str:
    """The side of the axis with ``common_fields``' key (``x``, ``y2``, ``x3`` ...)."""
    return axis_side(key[0], int(key[1:] or 1), axes[key].alt)


def more_axes_fields(out: dict, axes: dict, gaps: dict) -> dict:
    """Take the options of axes beyond x 1 and y 1, 2 out of ``out`` (``x2ticks``,
    ``y3title`` ...) and ``axes`` into ``more_axes``; the axes' ``outergap()``s stay in ``gaps``."""
    found: dict = {}
    for name in [n for n in out if _EXTRA.match(n) and not n.startswith("y2")]:  # y2: Graph.y2ticks
        letter, number, what = _EXTRA.match(name).groups()
        found.setdefault(letter + number, {})[what] = out.pop(name)
    keys = set(found) | {k for k in axes if k not in ("x", "y", "y2") and axes[k] != Axis()}
    rows = []
    for key in sorted(keys, key=lambda k: (k[0], int(k[1:]))):
        title, affix = found.get(key, {}).get("title", (None, None))
        rows.append(MoreAxis(key[0], int(key[1:]), axes[key], found.get(key, {}).get("ticks"), title, affix))
    return {"more_axes": tuple(rows)} if rows else {}


def outer_margin(margin, gaps: dict, axes: dict) -> tuple[float, float, float, float]:
    """The graph's margin (left, right, bottom, top, points) with each axis' ``outergap()``
    added on the side the axis (and its title) is on."""
    room = dict(zip(("left", "right", "bottom", "top"), margin or (0.0, 0.0, 0.0, 0.0)))
    for key, gap in gaps.items():
        if gap:
            room[key_side(key, axes)] += gap
    return room["left"], room["right"], room["bottom"], room["top"]


def with_default_titles(rows: tuple[MoreAxis, ...], titles_of: dict) -> dict:
    """``more_axes`` with each axis' own title (its plots' titles joined by "/", as Stata
    titles axis 1), a row added for an axis plots are on that no option named."""
    from dataclasses import replace

    by_key = {(r.letter, r.number): r for r in rows}
    for (letter, number), texts in titles_of.items():
        if (letter == "x" and number >= 2) or (letter == "y" and number >= 3):
            row = by_key.get((letter, number), MoreAxis(letter, number))
            by_key[(letter, number)] = replace(row, default_title="/".join(texts))
    if not by_key:
        return {}
    return {"more_axes": tuple(by_key[k] for k in sorted(by_key))}


def framed(look) -> bool:
    """An axis title the frame draws as a title element, around the plot region by clock
    position and ring (``position()``, ``ring()``, ``span``) and in a box of its own size
    (``width()``, ``height()``, ``bexpand``), not as matplotlib's axis label."""
    return look is not None and (look.position is not None or look.ring is not None or look.span
                                 or look.width is not None or look.height is not None or look.bexpand)


def axis_title_text(graph, letter: str, number: int, panels=None) -> str:
    """The title axis ``number`` shows: typed (with ``prefix``/``suffix`` joined to its own),
    else its own: its plots' titles (y axes: their legend labels) joined by "/"."""
    if number == 1:
        return graph.xtitle if letter == "x" else graph.ytitle
    series = [s for p in (panels if panels is not None else graph.panels) for s in p.series]
    if letter == "y" and number == 2:
        typed, affix, own = graph.ytitle2, graph.ytitle2_affix, "/".join(
            dict.fromkeys(s.label for s in series if s.axis in (2, 3)))
    else:
        row = next((r for r in graph.more_axes if r.letter == letter and r.number == number), MoreAxis(letter, number))
        typed, affix, own = row.title, row.title_affix, row.default_title
        if letter == "y" and not own:
            own = "/".join(dict.fromkeys(s.label for s in series if s.y_axes()[0] == number and s.label))
    if typed is None:
        return own
    if affix and typed and own:
        return f"{typed} {own}" if affix == "prefix" else f"{own} {typed}"
    return typed
