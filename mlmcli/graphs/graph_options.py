"""The options of a whole graph (Stata's *twoway_options* and the title, axis, legend,
region and size options every graph command shares) -> ``Graph`` fields.

Options are declared as ``OptionSpec`` rows with Stata's minimal abbreviations and
resolved by ``mlmcli.syntax.options``; an option Stata does not have is ``option X
not allowed`` r(198).  Each accepted option is honoured as far as a matplotlib
figure can show it; what is approximated is listed in ``docs/graphs.md``.
Pure string work plus numlists: no data (value labels come through a callback).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from mlmcli.errors import StataError
from mlmcli.graphs import style
from mlmcli.graphs.spec import Axis, TextBox
from mlmcli.graphs.syntax import items, split_top, title_text
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


def _spec(name: str, abbrev: int | None, takes_arg: bool = True, optional: bool = False) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, arg_optional=optional, repeatable=True)


# (name, minimal abbreviation, takes an argument)
GRAPH_SPECS: list[OptionSpec] = [_spec(*row) for row in (
    ("title", 2), ("subtitle", 3), ("note", None), ("caption", 3),
    ("t1title", 2), ("t2title", 2), ("b1title", 2), ("b2title", 2),
    ("l1title", 2), ("l2title", 2), ("r1title", 2), ("r2title", 2),
    ("xtitle", 2), ("ytitle", 2), ("ttitle", 3),
    ("xlabel", 4), ("ylabel", 4), ("xtick", 4), ("ytick", 4), ("xmlabel", 5), ("ymlabel", 5),
    ("xmtick", 5), ("ymtick", 5), ("tlabel", 4), ("ttick", 4),
    ("xscale", 3), ("yscale", 3), ("tscale", 3),
    ("xline", None), ("yline", None), ("tline", None), ("text", None), ("ttext", 2),
    ("legend", 3), ("by", None), ("name", None), ("saving", None), ("scheme", 3),
    ("graphregion", 6), ("plotregion", 5), ("aspectratio", 6), ("xsize", None), ("ysize", None),
    ("scale", None), ("iscale", 2), ("fxsize", None), ("fysize", None),
    ("xcommon", None, False), ("ycommon", None, False), ("nodraw", None, False),
    ("xvarformat", 4), ("yvarformat", 4),
    ("play", None), ("xaxis", None), ("yaxis", None), ("bgcolor", None),
)]

_SIDE_TITLES = ("t1title", "t2title", "b1title", "b2title", "l1title", "l2title", "r1title",
                "r2title")


def graph_option_names() -> set[str]:
    return {s.name for s in GRAPH_SPECS}


def is_graph_option(typed: str) -> bool:
    return any(s.matches(typed) for s in GRAPH_SPECS)


def resolve_graph_options(options) -> dict:
    """Typed options -> {canonical name: [values]} (every graph option may be repeated;
    the rightmost wins where only one can apply)."""
    return resolve_options(options, GRAPH_SPECS)


def last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def number(text, what: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise StataError(f"option {what}() incorrectly specified", 198) from None


# ---------------------------------------------------------------- axes
AXIS_LABEL_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("angle", 3, True), ("labsize", 4, True), ("valuelabel", 3), ("grid", None), ("nogrid", None),
    ("labcolor", 4, True), ("labgap", 4, True), ("format", None, True), ("nolabels", 4),
    ("noticks", 5), ("tlength", 3, True), ("tposition", 3, True), ("tlwidth", 3, True),
    ("tlcolor", 3, True), ("glcolor", 3, True), ("glwidth", 3, True), ("glpattern", 3, True),
    ("gmin", None), ("gmax", None), ("nogmin", None), ("nogmax", None), ("axis", None, True),
    ("add", None), ("custom", None), ("norescale", 5), ("labstyle", 4, True), ("tstyle", 3, True),
    ("gextend", None), ("labels", 3), ("ticks", None), ("alternate", None), ("noalternate", None),
)]


def angle_value(text: str) -> float:
    word = text.strip().lower()
    named = {"horizontal": 0.0, "h": 0.0, "vertical": 90.0, "v": 90.0, "forty_five": 45.0,
             "45": 45.0, "rhorizontal": 180.0, "rvertical": 270.0}
    if word in named:
        return named[word]
    return number(word, "angle")


def axis_labels(arg: str, value_labels: Callable[[], dict | None] | None = None
                ) -> tuple[tuple[float, ...] | None, dict]:
    """``xlabel(rule [, suboptions])`` -> (tick positions or None, Axis fields)."""
    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, AXIS_LABEL_SUBOPTIONS)
    fields: dict = {}
    ticks: list[float] = []
    texts: list[tuple[float, str]] = []
    for quoted, word in items(body):
        if quoted:
            if not ticks:
                raise StataError("invalid label specifier, : \"" + word + "\":", 198)
            texts = [t for t in texts if t[0] != ticks[-1]] + [(ticks[-1], word)]
            continue
        low = word.lower()
        if low.startswith("##"):
            continue  # minor-tick count: matplotlib places minor ticks itself
        if low.startswith("#"):
            fields["nticks"] = max(int(number(low[1:], "label")), 1)
        elif low in ("minmax", "none", "."):
            if low == "none":
                fields["ticklabels"] = ()
        else:
            try:
                ticks.extend(numlist(word))
            except StataError:
                raise StataError(f"invalid label specifier, : {word}:", 198) from None
    if "angle" in opts:
        fields["angle"] = angle_value(opts["angle"])
    if "labsize" in opts:
        size = style.text_size(opts["labsize"])
        if size is None:
            raise StataError(f"option labsize() incorrectly specified", 198)
        fields["labsize"] = size
    if opts.get("grid"):
        fields["grid"] = True
    if opts.get("nogrid"):
        fields["grid"] = False
    if opts.get("nolabels"):
        fields["ticklabels"] = ()
    if "format" in opts:
        from mlmcli.render.numfmt import is_valid_format

        fmt = opts["format"].strip()
        if not is_valid_format(fmt):
            raise StataError(f"invalid format {fmt}", 120)
        fields["format"] = fmt
    if texts:
        labelled = dict(texts)
        fields["ticklabels"] = tuple((t, labelled.get(t, _tick_text(t))) for t in ticks)
    if opts.get("valuelabel") and value_labels is not None:
        mapping = value_labels() or {}
        positions = ticks or sorted(mapping)
        if not ticks:
            ticks = list(positions)
        fields["ticklabels"] = tuple((t, mapping.get(t, _tick_text(t))) for t in positions)
    return (tuple(ticks) if ticks else None), fields


def _tick_text(value: float) -> str:
    from mlmcli.graphs.draw import stata_tick

    return stata_tick(value)


AXIS_SCALE_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("log", None), ("range", 1, True), ("off", None), ("on", None), ("reverse", 3),
    ("noreverse", 5), ("noline", None), ("line", None), ("noextend", 5), ("extend", None),
    ("fill", None), ("titlegap", 6, True), ("outergap", 6, True), ("lstyle", 2, True),
    ("lcolor", 2, True), ("lwidth", 2, True), ("lpattern", 2, True), ("alt", None),
    ("noalt", None), ("axis", None, True), ("nolog", None), ("noaxis", None),
)]


def axis_scale(arg: str) -> dict:
    """``xscale(log range(0 10) off reverse ...)`` -> Axis fields."""
    opts = resolve_options(read_options(arg.replace(",", " ")), AXIS_SCALE_SUBOPTIONS)
    fields: dict = {}
    if opts.get("log"):
        fields["log"] = True
    if opts.get("nolog"):
        fields["log"] = False
    if opts.get("off") or opts.get("noaxis"):
        fields["off"] = True
    if opts.get("reverse"):
        fields["reverse"] = True
    if "range" in opts:
        values = numlist(opts["range"])
        if not values:
            raise StataError("option range() incorrectly specified", 198)
        fields["range"] = (min(values), max(values))
    return fields


def merge_axis(axis: Axis, fields: dict) -> Axis:
    if "range" in fields and axis.range is not None:
        lo, hi = fields["range"]
        fields = {**fields, "range": (min(lo, axis.range[0]), max(hi, axis.range[1]))}
    return replace(axis, **fields)


# ---------------------------------------------------------------- legend
LEGEND_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("off", None), ("on", None), ("order", None, True), ("label", 3, True, False, True),
    ("holes", None, True), ("all", None), ("style", None, True), ("cols", 1, True),
    ("rows", 1, True), ("colfirst", 4), ("rowfirst", 4), ("position", 3, True), ("ring", None, True),
    ("bplacement", 4, True), ("span", None), ("size", None, True), ("color", None, True),
    ("title", 2, True), ("subtitle", 3, True), ("note", None, True), ("caption", 3, True),
    ("region", None, True), ("symxsize", 5, True), ("symysize", 5, True), ("keygap", 4, True),
    ("rowgap", 4, True), ("colgap", 4, True), ("textwidth", 5, True), ("stack", None),
    ("nostack", None), ("bmargin", 2, True), ("bexpand", 4), ("justification", 1, True),
    ("box", None), ("nobox", None), ("textfirst", 5), ("forcesize", 5), ("margin", 1, True),
    ("symplacement", 4, True), ("keystyle", 4, True), ("nodraw", None), ("draw", None),
)]


def legend_keys_and_texts(text: str) -> list[tuple[int, str]]:
    """``1 "Observed" 2 3 "Fit"`` -> [(1, "Observed"), (2, ""), (3, "Fit")]; ``-`` gaps dropped.

    Several quoted strings after one key are lines of its text."""
    out: list[tuple[int, str]] = []
    for quoted, word in items(text):
        if quoted:
            if out:
                key, prior = out[-1]
                out[-1] = (key, prior + "\n" + word if prior else word)
            continue
        if re.fullmatch(r"-?\d+", word):
            out.append((int(word), ""))
    return out


def legend_fields(arg, notes: list[str] | None = None) -> dict:
    """``legend(off | on | order(...) label(# "text") rows(#) cols(#) position(#) ring(#) ...)``."""
    out: dict = {}
    if not isinstance(arg, str):
        return out
    options = [o for part in split_top(arg, ",") for o in read_options(part)]
    opts = resolve_options(options, LEGEND_SUBOPTIONS)
    if opts.get("off") or opts.get("nodraw"):
        out["legend"] = "off"
    elif opts.get("on") or opts.get("draw"):
        out["legend"] = "on"
    if "order" in opts:
        out["legend_order"] = tuple(legend_keys_and_texts(opts["order"]))
    labels = []
    for text in opts.get("label", []):
        pairs = legend_keys_and_texts(text)
        if not pairs:
            raise StataError("option label() incorrectly specified", 198)
        labels.append(pairs[0])
    if labels:
        out["legend_labels"] = tuple(labels)
    if "cols" in opts:
        out["legend_cols"] = max(int(number(opts["cols"], "cols")), 1)
    if "rows" in opts:
        out["legend_cols"] = -max(int(number(opts["rows"], "rows")), 1)
    if "position" in opts:
        out["legend_position"] = clock_position(opts["position"])
    if "ring" in opts:
        out["legend_ring"] = int(number(opts["ring"], "ring"))
    if "size" in opts:
        size = style.text_size(opts["size"])
        if size is None:
            raise StataError(f"option size({opts['size']}) incorrectly specified", 198)
        out["legend_size"] = size
    if "title" in opts:
        out["legend_title"] = title_text(opts["title"])
    if "region" in opts:
        region = resolve_options(read_options(opts["region"].replace(",", " ")), REGION_SUBOPTIONS)
        fill = region.get("fcolor") or region.get("color")
        if fill:
            out["legend_fill"] = color_value(fill, notes if notes is not None else [])
        if region.get("lcolor") or region.get("color"):
            out["legend_edge"] = color_value(region.get("lcolor") or region.get("color"),
                                             notes if notes is not None else [])
    if opts.get("colfirst"):
        out["legend_colfirst"] = True
    return out


def clock_position(text: str) -> int:
    """A clockposstyle: 0-12 (0: centre)."""
    value = int(number(text, "position"))
    if not 0 <= value <= 12:
        raise StataError("option position() incorrectly specified", 198)
    return value


# ---------------------------------------------------------------- lines and text
REFLINE_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("axis", None, True), ("style", None, True), ("noextend", 5), ("extend", None),
    ("lstyle", 2, True), ("lcolor", 2, True), ("lwidth", 2, True), ("lpattern", 2, True),
)]


def reference_lines(args: list[str], axis: str = "x", notes: list[str] | None = None
                    ) -> tuple[tuple[float, ...], tuple]:
    """``xline(numlist [, lcolor() lpattern() lwidth()])`` -> (plain values, styled ``RefLine``s)."""
    from mlmcli.graphs.spec import RefLine

    values: list[float] = []
    styled: list[RefLine] = []
    for arg in args:
        body, subs, _ = split_options(arg)
        opts = resolve_options(subs, REFLINE_SUBOPTIONS)
        numbers = numlist(body)
        color = color_value(opts["lcolor"], notes if notes is not None else []) if "lcolor" in opts else None
        pattern = opts.get("lpattern", "").strip() or None
        if pattern is not None and style.line_pattern(pattern) is None:
            pattern = None
        width = style.line_width(opts["lwidth"]) if "lwidth" in opts else None
        if color or pattern or width is not None:
            styled += [RefLine(axis, v, color, pattern, width) for v in numbers]
        else:
            values.extend(numbers)
    return tuple(values), tuple(styled)


TEXT_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("placement", 5, True), ("size", None, True), ("color", None, True), ("orientation", 6, True),
    ("justification", 1, True), ("box", None), ("nobox", None), ("margin", 1, True),
    ("fcolor", 2, True), ("lcolor", 2, True), ("style", None, True), ("axis", None, True),
    ("yaxis", None, True), ("xaxis", None, True), ("alignment", 1, True), ("width", None, True),
    ("height", None, True), ("linegap", 5, True), ("bexpand", 4), ("bmargin", 2, True),
)]


def text_boxes(args: list[str], notes: list[str]) -> tuple[TextBox, ...]:
    """``text(y x "text" [y x "text" ...] [, placement() size() color() orientation()])``."""
    out: list[TextBox] = []
    for arg in args:
        body, subs, _ = split_options(arg)
        opts = resolve_options(subs, TEXT_SUBOPTIONS)
        place = opts.get("placement", "c").strip().lower() or "c"
        size = style.text_size(opts["size"]) if "size" in opts else None
        color = color_value(opts["color"], notes) if "color" in opts else None
        angle = angle_value(opts["orientation"]) if "orientation" in opts else 0.0
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
                out.append(TextBox(at[1], at[0], "\n".join(lines), place, size, color, angle))
                at, lines = None, []
            if word:
                coords.append(number(word, "text"))
        if coords:
            raise StataError("invalid syntax", 198)
    return tuple(out)


def color_value(text: str, notes: list[str], default: str | None = None) -> str | None:
    """A colorstyle, or None (with Stata's note) for a name it does not know."""
    color = style.parse_color(text, default)
    if color is None:
        note = f"(note:  named style {text.strip()} not found in class color, default attributes used)"
        if note not in notes:
            notes.append(note)
    return color


# ---------------------------------------------------------------- regions, sizes, name
REGION_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("color", None, True), ("fcolor", 2, True), ("lcolor", 2, True), ("lwidth", 2, True),
    ("lpattern", 2, True), ("lstyle", 2, True), ("style", None, True), ("margin", 1, True),
    ("ifcolor", 3, True), ("ilcolor", 3, True), ("ilwidth", 3, True), ("ilpattern", 3, True),
    ("istyle", 2, True), ("imargin", 2, True), ("lalign", 3, True), ("ilalign", 4, True),
)]


def region_color(arg: str, notes: list[str]) -> tuple[str | None, str | None]:
    """``graphregion(color(white) margin(zero))`` -> (fill colour or None, margin or None)."""
    opts = resolve_options(read_options(arg.replace(",", " ")), REGION_SUBOPTIONS)
    fill = opts.get("fcolor") or opts.get("color") or opts.get("ifcolor")
    color = color_value(fill, notes) if fill else None
    return color, opts.get("margin")


def graph_name(arg) -> tuple[str, bool]:
    """``name(gname[, replace])`` -> (gname, replace); default ``Graph`` (always replaced)."""
    if not isinstance(arg, str):
        return "Graph", True
    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, [OptionSpec("replace", None)])
    name = body.strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name):
        raise StataError(f"{name} invalid name", 198)
    return name, bool(opts.get("replace")) or name == "Graph"


def saving_target(arg) -> tuple[str, bool] | None:
    """``saving(filename[, replace])`` -> (filename, replace)."""
    if not isinstance(arg, str):
        return None
    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, [OptionSpec("replace", None), OptionSpec("asis", None)])
    name = body.strip().strip('"')
    if not name:
        raise StataError("option saving() incorrectly specified", 198)
    return name, bool(opts.get("replace"))


def scheme_name(arg: str, notes: list[str]) -> str:
    name = arg.strip().lower()
    if name in style.SCHEMES:
        return name
    note = f"(note:  scheme {name} not found, using {style.DEFAULT_SCHEME})"
    if note not in notes:
        notes.append(note)
    return style.DEFAULT_SCHEME


TEXTBOX_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("size", None, True), ("color", None, True), ("position", 3, True), ("ring", None, True),
    ("span", None), ("justification", 1, True), ("alignment", 1, True), ("orientation", 6, True),
    ("margin", 1, True), ("box", None), ("nobox", None), ("bcolor", 2, True), ("fcolor", 2, True),
    ("lcolor", 2, True), ("placement", 5, True), ("linegap", 5, True), ("width", None, True),
    ("height", None, True), ("style", None, True), ("prefix", None), ("suffix", None),
    ("axis", None, True), ("bexpand", 4), ("bmargin", 2, True), ("lwidth", 2, True),
    ("tstyle", 2, True), ("bplacement", 4, True),
)]


def text_style(arg, notes: list[str]) -> tuple[float | None, str | None]:
    """The ``size()`` and ``color()`` of ``title("text", size(small) color(red))`` (the other
    textbox suboptions are checked; placement stays Stata's default)."""
    if not isinstance(arg, str):
        return None, None
    _, subs, _ = split_options(arg)
    opts = resolve_options(subs, TEXTBOX_SUBOPTIONS)
    size = style.text_size(opts["size"]) if "size" in opts else None
    if "size" in opts and size is None:
        raise StataError(f"option size({opts['size']}) incorrectly specified", 198)
    color = color_value(opts["color"], notes) if "color" in opts else None
    return size, color


def title_fields(opts: dict, notes: list[str] | None = None) -> dict:
    """title/subtitle/note/caption -> Graph fields (their text and look)."""
    out: dict = {}
    styles = []
    for name in ("title", "subtitle", "caption", "note"):
        if name in opts:
            out[name] = title_text(last(opts, name))
            size, color = text_style(last(opts, name), notes if notes is not None else [])
            if size is not None or color is not None:
                styles.append((name, size, color))
    if styles:
        out["text_styles"] = tuple(styles)
    return out


def side_titles(opts: dict) -> dict[str, str]:
    """``l1title()`` ... ``t2title()`` -> {position letter: text} (l, r, t, b)."""
    out: dict[str, list[str]] = {}
    for name in _SIDE_TITLES:
        if name in opts:
            text = title_text(last(opts, name))
            if text:
                out.setdefault(name[0], []).append(text)
    return {k: "\n".join(v) for k, v in out.items()}


def common_fields(opts: dict, notes: list[str], *,
                  value_labels: Callable[[str], Callable[[], dict | None]] | None = None) -> dict:
    """Graph fields from the options every graph command shares: titles, axes, lines,
    text, legend, scheme, regions, sizes (not ``by()``, ``name()``, ``saving()``)."""
    out = title_fields(opts, notes)
    sides = side_titles(opts)
    if sides:
        out["side_titles"] = tuple(sorted(sides.items()))
    xaxis, yaxis = Axis(), Axis()
    for letter, axis_name in (("x", "xaxis"), ("y", "yaxis")):
        axis = xaxis if letter == "x" else yaxis
        scale_opts = opts.get(f"{letter}scale", []) + (opts.get("tscale", []) if letter == "x" else [])
        for arg in scale_opts:
            if isinstance(arg, str):
                axis = merge_axis(axis, axis_scale(arg))
        label_opts = opts.get(f"{letter}label", []) + (opts.get("tlabel", []) if letter == "x" else [])
        for arg in label_opts:
            if isinstance(arg, str):
                callback = value_labels(letter) if value_labels else None
                ticks, fields = axis_labels(arg, callback)
                if ticks is not None:
                    out[f"{letter}ticks"] = ticks
                axis = replace(axis, **fields)
        for arg in opts.get(f"{letter}mlabel", []) + opts.get(f"{letter}mtick", []):
            if isinstance(arg, str):
                minor, _ = axis_labels(arg)
                if minor:
                    axis = replace(axis, minor=minor)
        for arg in opts.get(f"{letter}tick", []):
            if isinstance(arg, str):
                ticks, _ = axis_labels(arg)
                if ticks and f"{letter}ticks" not in out:
                    out[f"{letter}ticks"] = ticks
        out[axis_name] = axis
    styles = list(out.get("text_styles", ()))
    if "xtitle" in opts or "ttitle" in opts:
        arg = last(opts, "xtitle") if "xtitle" in opts else last(opts, "ttitle")
        out["xtitle"] = title_text(arg)
        size, color = text_style(arg, notes)
        if size is not None or color is not None:
            styles.append(("xtitle", size, color))
    if "ytitle" in opts:
        out["ytitle"] = title_text(last(opts, "ytitle"))
        size, color = text_style(last(opts, "ytitle"), notes)
        if size is not None or color is not None:
            styles.append(("ytitle", size, color))
    if styles:
        out["text_styles"] = tuple(styles)
    reflines: tuple = ()
    if "xline" in opts or "tline" in opts:
        out["xlines"], styled = reference_lines(opts.get("xline", []) + opts.get("tline", []), "x", notes)
        reflines += styled
    if "yline" in opts:
        out["ylines"], styled = reference_lines(opts["yline"], "y", notes)
        reflines += styled
    if reflines:
        out["reflines"] = reflines
    if "text" in opts or "ttext" in opts:
        out["texts"] = text_boxes(opts.get("text", []) + opts.get("ttext", []), notes)
    for arg in opts.get("legend", []):
        out.update(legend_fields(arg, notes))
    if "scheme" in opts:
        out["scheme"] = scheme_name(last(opts, "scheme"), notes)
    if "graphregion" in opts:
        color, _ = region_color(last(opts, "graphregion"), notes)
        if color:
            out["graph_color"] = color
    if "bgcolor" in opts:
        color = color_value(last(opts, "bgcolor"), notes)
        if color:
            out["graph_color"] = color
    if "plotregion" in opts:
        color, margin = region_color(last(opts, "plotregion"), notes)
        if color:
            out["plot_color"] = color
        if margin is not None and margin.strip().lower() in ("zero", "0", "b=0", "b 0"):
            out["yaxis"] = replace(out["yaxis"], tight_low=True)
    if "aspectratio" in opts:
        ratio = number(split_options(last(opts, "aspectratio"))[0], "aspectratio")
        if ratio <= 0:
            raise StataError("option aspectratio() incorrectly specified", 198)
        out["aspect"] = ratio
    if "xsize" in opts or "ysize" in opts:
        w = number(last(opts, "xsize"), "xsize") if "xsize" in opts else style.WIDTH_IN
        h = number(last(opts, "ysize"), "ysize") if "ysize" in opts else style.HEIGHT_IN
        if not (0 < w <= 100 and 0 < h <= 100):
            raise StataError("xsize() and ysize() must be between 0 and 100 inches", 198)
        out["size"] = (w, h)
    return out


def clock_choice(word: str, choices: tuple[tuple[str, int | None], ...]) -> str | None:
    return resolve_choice(word.lower(), choices)
