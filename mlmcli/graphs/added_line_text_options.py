"""Lines and text added to a graph: ``xline()``/``yline()`` ([G-3] added_line_options:
``reference_lines``) and ``text()`` ([G-3] added_text_options: ``text_boxes``, their
suboptions ``text_box_fields``), read into ``Graph`` fields for ``graphs.graph_options``."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.graphs import look_options as look
from mlmcli.graphs.axis_options import axis_number
from mlmcli.graphs.look_options import color_value, number
from mlmcli.graphs.spec import RefLine, TextBox
from mlmcli.graphs.syntax import items
from mlmcli.graphs.text_box_options import named_text, text_fields
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


REFLINE_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("axis", None, True), ("style", None, True), ("noextend", 5), ("extend", None),
    ("lstyle", 2, True), ("lcolor", 2, True), ("lwidth", 2, True), ("lpattern", 2, True),
)]


def reference_lines(args: list[str], axis: str = "x", notes: list[str] | None = None
                    ) -> tuple[tuple[float, ...], tuple]:
    """``xline(numlist [, lcolor() lpattern() lwidth()])`` -> (plain values, styled ``RefLine``s)."""
    notes = notes if notes is not None else []
    values: list[float] = []
    styled: list[RefLine] = []
    for arg in args:
        body, subs, _ = split_options(arg)
        opts = resolve_options(subs, REFLINE_SUBOPTIONS)
        scale = axis_number(opts, axis)  # xline(, axis(2)): r(198), one x axis is drawn
        extend = not opts.get("noextend") or bool(opts.get("extend"))
        if "style" in opts:  # an addedlinestyle: default and extended reach the margins
            word = resolve_choice(str(opts["style"]).strip().lower(),
                                  (("default", 3), ("extended", 3), ("unextended", 3)))
            if word is None:
                note = (f"(note:  named style {str(opts['style']).strip()} not found in class addedlinestyle, "
                        "default attributes used)")
                if note not in notes:
                    notes.append(note)
            extend = word != "unextended" and not opts.get("noextend")
        numbers = numlist(body)
        # lstyle(): a linestyle the typed lcolor()/lpattern()/lwidth() override
        typed_style = opts.get("lstyle")
        color, width, pattern = look.line_style(typed_style, "lstyle", notes) if typed_style else (None, None, None)
        color = color_value(opts["lcolor"], notes) if "lcolor" in opts else color
        pattern = look.line_pattern_word(opts["lpattern"], notes) if "lpattern" in opts else pattern
        width = look.line_width_value(opts["lwidth"], notes) if "lwidth" in opts else width
        if color or pattern or width is not None or scale != 1 or not extend:
            styled += [RefLine(axis, v, color, pattern, width, scale, extend) for v in numbers]
        else:
            values.extend(numbers)
    return tuple(values), tuple(styled)


TEXT_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("placement", 5, True), ("size", 2, True), ("color", 1, True), ("orientation", 6, True),
    ("justification", 1, True), ("box", None), ("nobox", None), ("margin", 1, True),
    ("fcolor", 2, True), ("lcolor", 2, True), ("style", None, True), ("axis", None, True),
    ("yaxis", None, True), ("xaxis", None, True), ("alignment", 1, True), ("width", None, True),
    ("height", None, True), ("linegap", 5, True), ("bexpand", 3), ("nobexpand", 6), ("bmargin", 2, True),
    ("bcolor", 2, True), ("lwidth", 2, True), ("tstyle", 2, True),
    # the box's older, bar-like names, as titles take them (text_box_options.OLD_BOX_NAMES):
    # text(47 62 "Washington,DC", box blwidth(vthick)), diagonal(..., bfcolor(eggshell))
    ("bfcolor", 3, True), ("blcolor", 3, True), ("blwidth", 3, True),
)]
_OLD_NAMES = {"bfcolor": "fcolor", "blcolor": "lcolor", "blwidth": "lwidth"}


def text_box_fields(opts: dict, notes: list[str]) -> dict:
    """``TextBox`` fields (all but x, y and the text) of resolved ``TEXT_SUBOPTIONS``: placement,
    size, colour, orientation, the box and its size, margins, the axes placing it."""
    for old_name, name in _OLD_NAMES.items():  # the new name wins when both are typed
        if old_name in opts:
            opts.setdefault(name, opts.pop(old_name))
    place = look.short_compass(opts.get("placement", "c")) or "c"
    if place not in ("c", "n", "s", "e", "w", "ne", "nw", "se", "sw", "0", "3", "6", "9", "12"):
        raise StataError("option placement() incorrectly specified", 198)
    extra = text_fields(opts, notes)
    for name, key in (("axis", "yaxis"), ("yaxis", "yaxis"), ("xaxis", "xaxis")):
        if name in opts:  # the axes whose scales place the text
            try:
                extra[key] = axis_number({"axis": opts[name]}, name[0])
            except StataError:
                raise StataError(f"option {name}() incorrectly specified", 198) from None
    for name in ("width", "height"):  # the box's size, relativesize -> points
        if name in opts:
            extra[name] = look.relative_size(opts[name], name)
    if opts.get("bexpand") and not opts.get("nobexpand"):  # the box across the plot region
        extra["bexpand"] = True
    if "bmargin" in opts:  # room outside the box: it moves the box off the point it is placed at
        extra["offset"] = _facing_margin(look.in_points(look.margin_value(opts["bmargin"], "bmargin", notes)),
                                         place)
    size, color, angle = extra.pop("size", None), extra.pop("color", None), extra.pop("angle", 0.0)
    named_size, named_color = named_text(opts, notes)  # style(): a textboxstyle
    return dict(extra, place=place, size=size if size is not None else named_size,
                color=color if "color" in opts else named_color, angle=angle)


def text_boxes(args: list[str], notes: list[str]) -> tuple[TextBox, ...]:
    """``text(y x "text" [y x "text" ...] [, placement() size() color() orientation()
    justification() alignment() box fcolor() lcolor() margin() linegap()])``."""
    out: list[TextBox] = []
    for arg in args:
        body, subs, _ = split_options(arg)
        opts = resolve_options(subs, TEXT_SUBOPTIONS)
        fields = text_box_fields(opts, notes)
        place, size, color, angle = (fields.pop(k) for k in ("place", "size", "color", "angle"))
        extra = fields
        coords: list[float] = []
        lines: list[str] = []
        at: tuple[float, float] | None = None
        for quoted, word in items(body) + [(False, "")]:
            if quoted:
                if at is None:
                    if len(coords) != 2:
                        raise StataError("invalid syntax", 198)
                    at, coords = (coords[0], coords[1]), []
                lines.append(word)
                continue
            if at is not None:  # the lines of one text end at the next number
                out.append(TextBox(at[1], at[0], "\n".join(lines), place, size, color, angle, **extra))
                at, lines = None, []
            if word:
                coords.append(number(word, "text"))
        if coords:
            raise StataError("invalid syntax", 198)
    return tuple(out)


def _facing_margin(margin: tuple[float, float, float, float], place: str) -> float:
    """Of a box's outer margin (left, right, bottom, top), the part between it and the point
    it is placed at: a box north of its point keeps its bottom margin from it, and so on."""
    left, right, bottom, top = margin
    facing = {"n": (bottom,), "s": (top,), "e": (left,), "w": (right,), "ne": (left, bottom),
              "nw": (right, bottom), "se": (left, top), "sw": (right, top)}
    return max(facing.get(place, (0.0,)))
