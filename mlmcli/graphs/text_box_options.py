"""Text-box suboptions ([G-3] textbox_options) of titles, ``text()`` and bar labels: size,
colour, position and ring, box, margins, named textbox styles; sizes are points
(``look_options`` reads the single values).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.look_options import (text_size_or_note, alignment, angle_value, clock_position, clock_word, color_value, compass,
                                        in_points, justification, line_pattern_word, line_style,
                                        last_value, line_width_value, margin_value, number, relative_size)
from mlmcli.syntax.options import OptionSpec

TEXTBOX_SUBOPTIONS = [OptionSpec(*row) for row in (
    # abbreviations as textbox_options.sthlp (Stata 12) gives them: si:ze, c:olor, bex:pand
    ("size", 2, True), ("color", 1, True), ("position", 3, True), ("ring", None, True),
    ("span", None), ("justification", 1, True), ("alignment", 1, True), ("orientation", 6, True),
    ("margin", 1, True), ("box", None), ("nobox", None), ("bcolor", 2, True), ("fcolor", 2, True),
    ("lcolor", 2, True), ("placement", 5, True), ("linegap", 5, True), ("width", None, True),
    ("height", None, True), ("style", None, True), ("prefix", None), ("suffix", None),
    ("axis", None, True), ("bexpand", 3), ("nobexpand", 6), ("bmargin", 2, True), ("lwidth", 2, True),
    ("tstyle", 2, True), ("bplacement", 4, True), ("lstyle", 2, True), ("lpattern", 2, True),
    # the box's older names (bar-like b-prefix), still in do-files: subtitle(, bfcolor(none))
    ("bfcolor", 3, True), ("blcolor", 3, True), ("blwidth", 3, True), ("blpattern", 3, True),
    ("blstyle", 3, True),
)]
OLD_BOX_NAMES = {"bfcolor": "fcolor", "blcolor": "lcolor", "blwidth": "lwidth", "blpattern": "lpattern",
                 "blstyle": "lstyle"}
def named_text(opts: dict, notes: list[str]) -> tuple[float | None, str | None]:
    """(size, colour) of a textbox's named style, ``tstyle()`` or ``style()`` (a textboxstyle,
    ``named_styles.TEXT_STYLES``); (None, None) when none is typed."""
    from mlmcli.graphs.named_styles import text_style

    for name in ("tstyle", "style"):
        if name in opts:
            return text_style(last_value(opts[name]), "textboxstyle", notes)
    return None, None


def text_box(opts: dict, element: str, notes: list[str]):
    """Resolved textbox suboptions of one title element -> (size, colour, TitleLook or None,
    affix ``prefix``/``suffix``/None, axis number); ``tstyle()``/``style()`` give the size and
    colour the typed ``size()``/``color()`` do not."""
    from mlmcli.graphs.spec import TitleLook

    for old, new in OLD_BOX_NAMES.items():  # bfcolor() is fcolor() (the new name wins if both typed)
        if old in opts:
            opts.setdefault(new, opts.pop(old))
    size = text_size_or_note(opts["size"], f"size({opts['size']})", notes) if "size" in opts else None
    color = color_value(opts["color"], notes) if "color" in opts else None
    named_size, named_color = named_text(opts, notes)
    size = size if size is not None else named_size
    color = color if "color" in opts else named_color
    axis = int(number(opts["axis"], "axis")) if "axis" in opts else 1
    if not 1 <= axis <= 9:
        raise StataError("option axis() incorrectly specified", 198)
    fields: dict = {}
    if "position" in opts:
        fields.update(_title_position(opts["position"], element, notes))
    if "ring" in opts:
        ring = int(number(opts["ring"], "ring"))
        if ring < 0:
            raise StataError("option ring() incorrectly specified", 198)
        fields["ring"] = ring
    if opts.get("span"):
        fields["span"] = True
    for name in ("width", "height"):  # the box's size; a negative height pulls the title in
        if name in opts:  # (ytitle("...", height(-3)) in a published do-file that ran in Stata)
            fields[name] = relative_size(opts[name], name, negative_ok=name == "height")
    if opts.get("bexpand") and not opts.get("nobexpand"):  # nobexpand: the default, said
        fields["bexpand"] = True
    for name in ("placement", "bplacement"):
        if name in opts:
            fields["justification"], fields["alignment"] = compass(opts[name], name)
    shared = text_fields({k: v for k, v in opts.items() if k not in ("size", "color", "margin")}, notes)
    names = {"ha": "justification", "va": "alignment", "angle": "orientation"}
    fields.update({names.get(k, k): v for k, v in shared.items() if v is not None})
    if "lstyle" in opts:  # the box's linestyle; typed lcolor()/lwidth()/lpattern() win
        color, width, pattern = line_style(opts["lstyle"], "lstyle", notes)
        for key, value in (("line", color), ("line_width", width), ("line_pattern", pattern)):
            if value is not None and fields.get(key) is None:
                fields[key] = value
    if "lpattern" in opts:
        fields["line_pattern"] = line_pattern_word(opts["lpattern"], notes)
    if opts.get("nobox"):
        fields["box"] = False
    margin = [0.0] * 4
    for name in ("margin", "bmargin"):
        if name in opts:
            margin = [a + b for a, b in zip(margin, in_points(margin_value(opts[name], name, notes)))]
    if any(margin):
        fields["margin"] = tuple(margin)
    affix = "prefix" if opts.get("prefix") else "suffix" if opts.get("suffix") else None
    look = TitleLook(element, **fields) if fields else None
    return size, color, look, affix, axis


def text_fields(opts: dict, notes: list[str]) -> dict:
    """``spec.TextBox`` fields of resolved text suboptions (``text()``, ``blabel()``): size,
    colour, orientation/angle, justification, alignment, box and its colours, margin, linegap."""
    out: dict = {}
    if "size" in opts:
        out["size"] = text_size_or_note(opts["size"], f"size({opts['size']})", notes)
        if out["size"] is None:
            del out["size"]
    if "color" in opts:
        out["color"] = color_value(opts["color"], notes)
    for name in ("orientation", "angle"):
        if name in opts and str(opts[name]).strip():  # angle() empty: the default
            out["angle"] = angle_value(opts[name])
    if "justification" in opts:
        out["ha"] = justification(opts["justification"])
    if "alignment" in opts:
        out["va"] = alignment(opts["alignment"])
    if opts.get("box"):
        out["box"] = True
    for name, key in (("fcolor", "fill"), ("bcolor", "fill"), ("lcolor", "line")):
        if name in opts:
            out[key] = color_value(opts[name], notes)
            if name == "bcolor":
                out["line"] = out[key]
    if "lwidth" in opts:
        out["line_width"] = line_width_value(opts["lwidth"], notes)
    if "margin" in opts:
        out["pad"] = max(in_points(margin_value(opts["margin"], "margin", notes)))
    if "linegap" in opts:
        out["linegap"] = relative_size(opts["linegap"], "linegap")
    return out


# the titles _fr_title_parse_and_log.ado places: their position() is a clockdir style edit
_PLACED_TITLES = ("title", "subtitle", "caption", "note", "t1title", "t2title", "b1title", "b2title",
                  "l1title", "l2title", "r1title", "r2title")


def _title_position(text, element: str, notes: list[str]) -> dict:
    """``title(..., position())``: _fr_title_parse_and_log.ado reads ``POSition(string)`` and edits
    the title's clockdir style with it (``.style.editstyle title_position(#)``, or ``.clockdir.new,
    style(#)`` for t1title() ...).  A name clockdir lacks -- ``pos(17)`` in the World Bank's
    visual library, whose gallery shows the graphs drawn -- gets Stata's note and the scheme's
    place (style.class's setstyle: "named style ... not found", then ``style(scheme)``);
    clockdir's ``_unabbrev`` also reads center, top, bottom, left, right (0, 12, 6, 9, 3)."""
    word = str(text).strip()
    if element not in _PLACED_TITLES:
        return {"position": clock_position(word)}
    if re.fullmatch(r"\d+", word) and int(word) <= 12:
        return {"position": int(word)}
    if clock_word(word) is not None:
        return {"position": clock_word(word)}
    from mlmcli.graphs.named_styles import style_note

    style_note(notes, word, "clockdir")
    return {}
