"""Readers of the look suboptions Stata's graph options share (text boxes: ``text_box_options``): the
legend's layout, the look of axis labels, ticks, grid and axis lines, region outlines and
margins.  Each returns spec fields (``spec.TitleLook``, ``spec.LegendLook``, ``spec.Axis``
fields); sizes are points.

Stata states sizes relative to the graph: a ``relativesize`` number is a percentage of the
graph's smaller side (1 unit = ``UNIT_PT`` points on Stata's 5.5 x 4 inch graph), named
sizes are ``style.TEXT_SIZES``.  A suboption Stata has that mlmcli does not draw is refused
by ``refuse()`` with ``<context>option <name> not supported by mlmcli`` r(198), never
accepted and ignored.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

UNIT_PT = 2.88  # 1% of the 4-inch side of Stata's default graph, in points

# marginstyle names -> (left, right, bottom, top) in relativesize units
MARGINS = {
    "zero": (0, 0, 0, 0), "vtiny": (.5, .5, .5, .5), "tiny": (1, 1, 1, 1), "vsmall": (1.5,) * 4,
    "small": (2, 2, 2, 2), "medsmall": (3, 3, 3, 3), "medium": (3.5,) * 4, "medlarge": (4, 4, 4, 4),
    "large": (5, 5, 5, 5), "vlarge": (8, 8, 8, 8), "huge": (12, 12, 12, 12),
    "top": (0, 0, 0, 5), "bottom": (0, 0, 5, 0), "left": (5, 0, 0, 0), "right": (0, 5, 0, 0),
    "sides": (5, 5, 0, 0), "top_bottom": (0, 0, 5, 5), "bargraph": (2, 2, 0, 0),
}
_COMPASS = {"c": ("center", "middle"), "center": ("center", "middle"), "n": ("center", "top"),
            "ne": ("right", "top"), "e": ("right", "middle"), "se": ("right", "bottom"),
            "s": ("center", "bottom"), "sw": ("left", "bottom"), "w": ("left", "middle"),
            "nw": ("left", "top"), "north": ("center", "top"), "south": ("center", "bottom"),
            "east": ("right", "middle"), "west": ("left", "middle"), "neast": ("right", "top"),
            "seast": ("right", "bottom"), "swest": ("left", "bottom"), "nwest": ("left", "top")}


# [G-4] compassdirstyle: each direction's synonyms (name, short form, clock positions, side)
_SHORT = {"north": "n", "neast": "ne", "east": "e", "seast": "se", "south": "s", "swest": "sw",
          "west": "w", "nwest": "nw", "center": "c", "12": "n", "top": "n", "1": "ne", "2": "ne",
          "3": "e", "right": "e", "4": "se", "5": "se", "6": "s", "bottom": "s", "7": "sw", "8": "sw",
          "9": "w", "left": "w", "10": "nw", "11": "nw", "0": "c"}


def short_compass(text) -> str:
    """A compassdirstyle in its short form (``neast``, ``1``, ``2`` -> ``ne``; ``left`` -> ``w``)."""
    word = str(last_value(text)).strip().lower()
    return _SHORT.get(word, word)


def refuse(opts: dict, names, context: str = "") -> None:
    """``<context>option <name>() not supported by mlmcli`` r(198) for the first of ``names``
    that was typed."""
    for name in names:
        if name in opts:
            value = opts[name]
            flag = value is True or (isinstance(value, list) and all(v is True for v in value))
            raise StataError(f"{context}option {name}{'' if flag else '()'} not supported by mlmcli", 198)


def last_value(value):
    """An option typed more than once: the last one counts."""
    return value[-1] if isinstance(value, list) else value


def number(text, what: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise StataError(f"option {what}() incorrectly specified", 198) from None


# Stata 12's ado/base/style/anglestyle-*.style files (zero, ninety, two_seventy, stdarrow too)
ANGLE_NAMES = {"horizontal": 0.0, "vertical": 90.0, "forty_five": 45.0, "rhorizontal": 180.0,
               "rvertical": 270.0, "zero": 0.0, "ninety": 90.0, "two_seventy": 270.0, "stdarrow": 28.64}


def angle_value(text: str) -> float:
    """An anglestyle (or orientationstyle): a name, a word that begins one name only (the
    [TS] tsline example's ``orient(vert)``, public do-files' ``angle(hor)``; uncertain:
    docs/graph_manual_lines.md), or degrees."""
    word = text.strip().lower()
    if word in ANGLE_NAMES or word == "45":
        return ANGLE_NAMES.get(word, 45.0)
    begun = [name for name in ANGLE_NAMES if word and name.startswith(word)]
    if len(begun) == 1:
        return ANGLE_NAMES[begun[0]]
    return number(word, "angle")


# clockdir.class (1.0.4, 06jun2011): "Also allows Top for 12 o-clock, Bottom for 6 o-clock, Left
# for 9 o-clock, and Right for 3 o-clock", Center for 0 -- abbreviated as its syntax line
# [ , Center Top Bottom Left Right ] reads them (c, t, b, l, r and longer)
CLOCK_WORDS = (("center", 0), ("top", 12), ("bottom", 6), ("left", 9), ("right", 3))


def clock_word(text) -> int | None:
    """The o'clock of one of clockdir's words (``b``, ``bottom``, ``Left`` ...), else None."""
    word = str(text).strip().lower()
    return next((clock for name, clock in CLOCK_WORDS if word and name.startswith(word)), None)


def clock_position(text: str) -> int:
    """A clockposstyle: 0-12 (0: centre), or clockdir's words ``top``, ``bottom``, ``left``,
    ``right``, ``center`` (legend(position(bottom)) in public do-files)."""
    if clock_word(text) is not None:
        return clock_word(text)
    value = int(number(text, "position"))
    if not 0 <= value <= 12:
        raise StataError("option position() incorrectly specified", 198)
    return value


def color_value(text: str, notes: list[str], default: str | None = None) -> str | None:
    """A colorstyle, or None (with Stata's note) for a name it does not know."""
    color = style.parse_color(text, default)
    if color is None:
        note = f"(note:  named style {text.strip()} not found in class color, default attributes used)"
        if note not in notes:
            notes.append(note)
    return color


def text_size_or_note(text, what: str, notes: list[str] | None) -> float | None:
    """A text size (textsizestyle: a name, ``#``, ``*#``); a word that is no size Stata knows
    (``size(med)``) gets Stata's note -- its sizes are named styles of class gsize -- and the
    default size (None); a malformed number is r(198)."""
    from mlmcli.graphs.named_styles import style_note

    size = style.text_size(str(text))
    if size is None:
        word = str(text).strip().lower()
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", word):
            raise StataError(f"option {what} incorrectly specified", 198)
        if notes is not None:
            style_note(notes, word, "gsize")
    return size


def relative_size(text, what: str, negative_ok: bool = False) -> float:
    """A relativesize (``small``, ``3``, ``*1.5``) in points; gaps may be negative (``negative_ok``:
    ``xscale(titlegap(-3.5))`` pulls the title in, as a World Bank visual-library graph does)."""
    word = str(last_value(text)).strip().lower()
    if word in style.TEXT_SIZES:
        return style.TEXT_SIZES[word]
    if word.startswith("*"):
        return number(word[1:], what) * style.TEXT_SIZES["medsmall"]
    value = size_in_units(word, what)
    if value < 0 and not negative_ok:
        raise StataError(f"option {what}() incorrectly specified", 198)
    return value * UNIT_PT


def size_in_units(word: str, what: str) -> float:
    """A number in relativesize units, with [G-4] size's unit suffixes: ``#pt``/``#in``/``#cm``
    are absolute (turned into units), ``#rs`` and a bare ``#`` are relative already."""
    sized = style.split_size_unit(word)
    if sized is None:
        return number(word, what)
    value, unit = sized
    return value * style.SIZE_UNITS_PT[unit] / UNIT_PT if unit in style.SIZE_UNITS_PT else value


_MARGIN_NUMBER = r"-?[\d.]+(?:pt|in|cm|rs)?"  # a margin's number may carry a [G-4] size unit


def margin_value(text, what: str, notes: list[str] | None = None,
                 base: tuple[float, float, float, float] | None = None) -> tuple[float, float, float, float]:
    """A marginstyle (``small``, ``zero``, ``l=2 r=2``, ``1 2 3 4``) -> (left, right, bottom, top)
    in relativesize units; an unknown name gets Stata's note and no margin.  A marginexp ([G-4]
    marginstyle: ``{l|r|b|t}[+|-|=]#``, e.g. ``l+5 r=7.2 b-2``) changes the margin the element
    has by default (``base``, the scheme's as mlm draws it; zeros when not given): ``=`` (or no
    sign) sets that side, ``+``/``-`` add to it or take from it, the sides not named keep it."""
    word = str(last_value(text)).strip().lower()
    if word in MARGINS:
        return tuple(float(v) for v in MARGINS[word])  # type: ignore[return-value]
    numbers = word.split()
    # one number (margin(0)) is no "# # # #": looked up as a style name, as an unknown name is
    if len(numbers) > 1 and all(re.fullmatch(_MARGIN_NUMBER, n) for n in numbers):
        values = [size_in_units(n, what) for n in numbers]
        if len(values) != 4:
            raise StataError(f"option {what}() incorrectly specified", 198)
        return tuple(values)  # type: ignore[return-value]
    parts = re.findall(rf"([lrbt])\s*([+=-]?)\s*({_MARGIN_NUMBER})", word)
    if parts and re.fullmatch(rf"(\s*[lrbt]\s*[+=-]?\s*{_MARGIN_NUMBER}\s*)+", word):
        out = dict(zip("lrbt", base if base is not None else (0.0,) * 4))
        for side, sign, value in parts:
            amount = size_in_units(value, what)
            out[side] = out[side] + amount if sign == "+" else out[side] - amount if sign == "-" else amount
        return out["l"], out["r"], out["b"], out["t"]
    if notes is not None:
        note = f"(note:  named style {word} not found in class margin, default attributes used)"
        if note not in notes:
            notes.append(note)
    return (0.0, 0.0, 0.0, 0.0)


def in_points(margin: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return tuple(v * UNIT_PT for v in margin)  # type: ignore[return-value]


def compass(text, what: str) -> tuple[str, str]:
    """A compassdirstyle -> (justification, alignment)."""
    word = short_compass(text)
    if word not in _COMPASS:
        raise StataError(f"option {what}() incorrectly specified", 198)
    return _COMPASS[word]


def justification(text) -> str:
    word = resolve_choice(str(last_value(text)).strip().lower(), (("left", 1), ("center", 1), ("right", 1)))
    if word is None:
        raise StataError("option justification() incorrectly specified", 198)
    return word


def alignment(text) -> str:
    word = resolve_choice(str(last_value(text)).strip().lower(),
                          (("baseline", 4), ("bottom", 3), ("middle", 1), ("top", 1)))
    if word is None:
        raise StataError("option alignment() incorrectly specified", 198)
    return word


def line_alignment(word, notes: list[str]) -> str | None:
    """A linealignmentstyle (``inside``, ``outside``, ``center``); None with Stata's note for
    another word."""
    found = resolve_choice(str(last_value(word)).strip().lower(), (("inside", 1), ("outside", 1), ("center", 1)))
    if found is None:
        from mlmcli.graphs.named_styles import style_note

        style_note(notes, str(last_value(word)).strip(), "linealignmentstyle")
    return found


def line_pattern_word(text, notes: list[str]) -> str | None:
    word = str(last_value(text)).strip().strip('"')
    if style.line_pattern(word) is None:
        note = f"(note:  named style {word} not found in class linepattern, default attributes used)"
        if note not in notes:
            notes.append(note)
        return None
    return word


def line_width_value(text, notes: list[str]) -> float | None:
    width = style.line_width(str(last_value(text)))
    if width is None:
        note = f"(note:  named style {str(last_value(text)).strip()} not found in class linewidth, default attributes used)"
        if note not in notes:
            notes.append(note)
    return width


def switches(opts: dict, table) -> dict:
    """Fields set by typed flags: rows (flag, field, value), later rows winning."""
    return {field: value for name, field, value in table if opts.get(name)}


def read_looks(opts: dict, table, notes: list[str]) -> dict:
    """Fields from typed line looks: rows (option, field, ``color``/``width``/``pattern``)."""
    readers = {"color": color_value, "width": line_width_value, "pattern": line_pattern_word}
    return {field: readers[kind](opts[name], notes) for name, field, kind in table if name in opts}


def line_style(text, what: str, notes: list[str] | None = None) -> tuple[str | None, float | None, str | None]:
    """A linestyle (``named_styles``) -> (colour, width or None, pattern or None); ``none`` is
    colour "none" and width 0.  A name Stata would not know: Stata's note, the default look."""
    from mlmcli.graphs.named_styles import line_style as named

    return named(str(last_value(text)), what, notes if notes is not None else []) or (None, None, None)


def _line_fields(text, what: str, notes: list[str], prefix: str) -> dict:
    """Axis fields ``<prefix>_color``/``_width``/``_pattern`` of a linestyle; ``none``: the
    line (``line``) or grid (``grid``) not drawn."""
    color, width, pattern = line_style(text, what, notes)
    if color == "none":
        return {prefix: False}
    if color is None:
        return {}
    out = {f"{prefix}_color": color, f"{prefix}_pattern": pattern}
    if width is not None:
        out[f"{prefix}_width"] = width
    return out


def area_style(text, what: str, notes: list[str] | None = None) -> dict:
    """An areastyle (``named_styles``) -> {"fill", "line_color", "style"} of those it sets."""
    from mlmcli.graphs.named_styles import plot_style

    return plot_style(str(last_value(text)), "astyle", notes if notes is not None else [])


# ---------------------------------------------------------------- the legend's layout
# s2color's scheme file: gsize zyx2legend_key_gap tiny, zyx2legend_key_xsize vhuge,
# zyx2legend_key_ysize medium, zyx2rowgap zero, zyx2colgap large
ZYX2_LEGEND = (("keygap", "tiny"), ("symxsize", "vhuge"), ("symysize", "medium"), ("rowgap", "zero"),
               ("colgap", "large"))


# s2color: ``margin legend small`` (the legend region's margin; mlm draws legend(margin()) and
# legend(region(margin())) as one) and ``margin legend_boxmargin small`` (bmargin()): the margins a
# marginexp starts from.  (Untyped, mlm draws matplotlib's borderpad/borderaxespad: docs/graphs_tick_sets.md.)
LEGEND_MARGIN_BASES = {"margin": MARGINS["small"], "bmargin": MARGINS["small"]}


def legend_look(opts: dict, notes: list[str]) -> dict:
    """LegendLook fields of resolved ``legend()`` suboptions.  ``style()`` (a legendstyle):
    ``default`` (the look drawn) or s2color's ``zyx2`` (the contour-line legend's gaps and key
    sizes; one column, ``legend_options``), another name Stata's note; ``keystyle()``:
    ``default``, another name Stata's note.  ``at(#)``: the cell of a ``by()`` trellis the legend goes into."""
    from mlmcli.graphs.named_styles import default_style
    from mlmcli.syntax.numlist import numlist

    out: dict = {}
    if "style" in opts and str(last_value(opts["style"])).strip().strip('"').lower() == "zyx2":
        # legendstyle zyx2 (the contour-line legend's): s2color's zyx2 gaps and key sizes, unless typed
        for name, size in ZYX2_LEGEND:
            opts.setdefault(name, size)
    elif "style" in opts:
        default_style(last_value(opts["style"]), "legendstyle", notes)
    if "keystyle" in opts:
        default_style(last_value(opts["keystyle"]), "keystyle", notes)
    if "at" in opts:
        cell = int(number(last_value(opts["at"]), "at"))
        if cell < 1:
            raise StataError("option at() incorrectly specified", 198)
        out["at"] = cell
    for name in ("symxsize", "symysize", "keygap", "rowgap", "colgap", "textwidth", "width"):
        if name in opts:  # width(): legend_options' textbox_options, the box's width
            out[name] = relative_size(opts[name], name)
    for name in ("margin", "bmargin"):  # a marginexp (margin(l=0)) changes s2color's defaults
        if name in opts:
            out[name] = in_points(margin_value(opts[name], name, notes, LEGEND_MARGIN_BASES[name]))
    out.update(switches(opts, (("bexpand", "bexpand", True), ("nobexpand", "bexpand", False), ("nobox", "box", False), ("box", "box", True),
                               ("textfirst", "textfirst", True), ("notextfirst", "textfirst", False),
                               ("span", "span", True), ("all", "all", True), ("stack", "stack", True))))
    if "symplacement" in opts:
        compass(opts["symplacement"], "symplacement")
        out["symplacement"] = short_compass(opts["symplacement"])
    if "justification" in opts:
        out["justification"] = justification(opts["justification"])
    if "holes" in opts:
        holes = [int(v) for v in numlist(str(opts["holes"]))]
        if any(h < 1 for h in holes):
            raise StataError("option holes() incorrectly specified", 198)
        out["holes"] = tuple(sorted(set(holes)))
    if "color" in opts:
        out["color"] = color_value(opts["color"], notes)
    if "subtitle" in opts:
        from mlmcli.graphs.syntax import title_text

        out["subtitle"] = title_text(opts["subtitle"])
    for name in ("note", "caption"):
        if name in opts:
            from mlmcli.graphs.syntax import title_text

            out[name] = title_text(opts[name])
    if "bplacement" in opts:
        compass(opts["bplacement"], "bplacement")
        out["bplacement"] = short_compass(opts["bplacement"])
    return out


# ---------------------------------------------------------------- axis labels, ticks, grid, line
def label_look(opts: dict, notes: list[str]) -> dict:
    """Axis fields of the look suboptions of ``xlabel()``/``ylabel()``/``xtick()``: the named
    ``tstyle()`` (a tickstyle) and ``labstyle()`` (a textstyle) first, the typed looks over them.
    ``gextend`` is how mlmcli draws the grid (across the plot region's margins)."""
    from mlmcli.graphs.named_styles import text_style, tick_style

    out: dict = {}
    if "tstyle" in opts:
        ticks = tick_style(last_value(opts["tstyle"]), notes)
        if ticks.pop("nolabels", False):
            out["ticklabels"] = ()
        out.update(ticks)
    if "labstyle" in opts:
        size, color = text_style(last_value(opts["labstyle"]), "textstyle", notes)
        if size is not None:
            out["labsize"] = size
        if color is not None:
            out["label_color"] = color
    if opts.get("alternate") or opts.get("noalternate"):
        out["alternate"] = bool(opts.get("alternate")) and not opts.get("noalternate")
    if "labcolor" in opts:
        out["label_color"] = color_value(opts["labcolor"], notes)
    if "labgap" in opts:
        out["label_gap"] = relative_size(opts["labgap"], "labgap")
    if "tlength" in opts:
        out["tick_length"] = relative_size(opts["tlength"], "tlength")
    if opts.get("noticks"):
        out["tick_length"] = 0.0
    if "tposition" in opts:
        word = resolve_choice(str(opts["tposition"]).strip().lower(),
                              (("outside", 1), ("inside", 1), ("crossing", 1)))
        if word is None:
            raise StataError("option tposition() incorrectly specified", 198)
        out["tick_position"] = word
    if "glstyle" in opts:  # the grid's linestyle; typed glcolor()/glwidth()/glpattern() win
        out.update(_line_fields(opts["glstyle"], "glstyle", notes, "grid"))
    elif "gstyle" in opts:  # Stata 8's gstyle(gridstyle): the grid's overall style
        word = str(last_value(opts["gstyle"])).strip().lower()
        if word in ("default", "major", "minor"):  # the gridstyles s2color has: its grid line
            out.update(_line_fields("grid", "gstyle", notes, "grid"))
        else:
            from mlmcli.graphs.named_styles import style_note

            style_note(notes, word, "gridstyle")
    # tick marks are matplotlib markers: a dash pattern cannot be drawn on them
    refuse(opts, ("tlpattern",))
    if "tlstyle" in opts:  # the tick line's linestyle: its colour and width (typed tlcolor()/tlwidth() win)
        color, width, _ = line_style(opts["tlstyle"], "tlstyle", notes)
        if color == "none":
            out["tick_length"] = 0.0
        else:
            out.update({k: v for k, v in (("tick_color", color), ("tick_width", width)) if v is not None})
    out.update(read_looks(opts, (("tlwidth", "tick_width", "width"), ("tlcolor", "tick_color", "color"),
                                 ("glcolor", "grid_color", "color"), ("glwidth", "grid_width", "width"),
                                 ("glpattern", "grid_pattern", "pattern")), notes))
    for name, key, value in (("gmin", "grid_min", True), ("nogmin", "grid_min", False),
                             ("gmax", "grid_max", True), ("nogmax", "grid_max", False)):
        if opts.get(name):
            out[key] = value
    if opts.get("add"):
        out["add"] = True
    if opts.get("norescale"):
        out["rescale"] = False
    return out


def scale_look(opts: dict, notes: list[str]) -> dict:
    """Axis fields of the look suboptions of ``xscale()``/``yscale()``; ``outergap()`` (the
    margin outside the axis title, in points) as ``outergap``, which is not an Axis field: the
    caller adds it to the graph's margin on the axis' side."""
    out: dict = {}
    if "outergap" in opts:
        out["outergap"] = relative_size(opts["outergap"], "outergap", negative_ok=True)
    out.update(switches(opts, (("noline", "line", False), ("line", "line", True), ("noextend", "extend", False),
                               ("extend", "extend", True), ("alt", "alt", True), ("noalt", "alt", False),
                               ("fill", "fill", True))))
    if "lstyle" in opts:  # the typed lcolor()/lwidth()/lpattern() win
        out.update(_line_fields(opts["lstyle"], "lstyle", notes, "line"))
    out.update(read_looks(opts, (("lcolor", "line_color", "color"), ("lwidth", "line_width", "width"),
                                 ("lpattern", "line_pattern", "pattern")), notes))
    if "titlegap" in opts:
        out["title_gap"] = relative_size(opts["titlegap"], "titlegap", negative_ok=True)
    return out


# ---------------------------------------------------------------- regions
def region_look(opts: dict, notes: list[str],
                margin_base: tuple[float, float, float, float] | None = None) -> dict:
    """(fill, outline (colour, width, pattern) or None, margin (l, r, b, t) in relativesize units
    or None, the outline's ``lalign()``) of resolved ``graphregion()``/``plotregion()``
    suboptions; ``margin_base``: the region's default margin, which ``margin(t=0)`` keeps on
    the sides it does not name (``margin_value``).  mlmcli draws the inner region as the region itself: the ``if``/``il`` options
    are the region's own, and ``imargin()`` adds to its margin (the room between the outline
    and what is inside)."""
    # style()/istyle(): an areastyle (fill and outline); lstyle()/ilstyle(): the outline's look;
    # typed colours win.  mlm draws the inner region as the region itself.
    area = {}
    for name in ("style", "istyle"):
        if name in opts:
            area = area_style(opts[name], name, notes)
    if "style" in area and "fill" not in area:  # p#: that plot style's colour
        area = {"fill": style.series_color(area["style"]), "line_color": style.series_color(area["style"])}
    styled = None
    if "fill" in area or "line_color" in area:
        edge_color = area.get("line_color")
        styled = (edge_color, 0.0 if edge_color == "none" else None, None if edge_color == "none" else "solid")
    for name in ("lstyle", "ilstyle"):
        if name in opts:
            styled = line_style(opts[name], name, notes)
    fill = opts.get("fcolor") or opts.get("color") or opts.get("ifcolor") or opts.get("icolor")
    color = color_value(fill, notes) if fill else area.get("fill")
    line_color = opts.get("lcolor") or opts.get("ilcolor") or (
        (opts.get("color") or opts.get("icolor")) if "fcolor" not in opts else None)
    width = opts.get("lwidth") or opts.get("ilwidth")
    pattern = opts.get("lpattern") or opts.get("ilpattern")
    edge = None
    if "lcolor" in opts or "ilcolor" in opts or width or pattern or styled:
        base = styled or (None, None, None)
        edge = (color_value(line_color, notes) if line_color else base[0],
                line_width_value(width, notes) if width else base[1],
                line_pattern_word(pattern, notes) if pattern else base[2])
    margin = margin_value(opts["margin"], "margin", notes, margin_base) if "margin" in opts else None
    if "imargin" in opts:
        inner = margin_value(opts["imargin"], "imargin", notes)
        margin = tuple(a + b for a, b in zip(margin or (0.0,) * 4, inner))
    align = None
    for name in ("lalign", "ilalign"):
        if name in opts:
            align = line_alignment(last_value(opts[name]), notes)
    return {"fill": color, "edge": edge, "margin": margin, "align": align}


# region_options.sthlp: c:olor, sty:le, isty:le, la:lign, ila:lign ... (graphregion(c(white)))
REGION_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("color", 1, True), ("fcolor", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True), ("lstyle", 2, True), ("style", 3, True), ("margin", 1, True),
    ("ifcolor", 3, True), ("ilcolor", 3, True), ("ilwidth", 3, True), ("ilpattern", 3, True),
    ("istyle", 4, True), ("imargin", 2, True), ("lalign", 2, True), ("ilalign", 3, True),
    ("icolor", 2, True), ("ilstyle", 3, True),
)]


def region(arg: str, notes: list[str], margin_base: tuple[float, float, float, float] | None = None) -> dict:
    """``graphregion(color(white) lcolor(black) margin(zero))`` -> {"fill", "edge", "margin"}
    (``look_options.region_look``)."""
    opts = resolve_options(read_options(arg.replace(",", " ")), REGION_SUBOPTIONS)
    return region_look(opts, notes, margin_base)
