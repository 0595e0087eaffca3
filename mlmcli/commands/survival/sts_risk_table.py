"""``sts graph, risktable[([numlist] [, table_options group()])]``: the table of the number at risk
beneath the plot ([ST] sts graph, "At-risk table").  This module reads the (repeated,
merged-explicit) ``risktable()`` options and keeps on the Graph what the table needs; the table is
drawn by ``mlmcli.graphs.risk_table_draw`` (at the x axis' labels unless a numlist is typed).

The number at risk at time u is each group's number at risk at its first st time >= u (the
records with _t0 < that time <= _t; 0 after the last), as R's ``summary(survfit, times=)`` counts
``n.risk``.  ``failevents``: the failures between two times in parentheses midway between them
(``risk_table_draw.risk_labels``, the class file's Mata).  A numlist, format() and failevents
typed with ``group()`` relabel that row only; a ``group()`` matching no row is left out, its other
suboptions unread (with Stata's note for ``#k``), the graph still drawn.  An ``order()`` naming no
row is noted and ignored; the table title's look is the last ``title()`` typed with options.

table_options: ``order(# ["text" ...] ...)``, ``righttitles``, ``failevents``, the text options
``size()``, ``color()``, ``justification()``, ``format()``, ``topgap()``, ``bottomgap()``,
``rowtitle([text] [, size() color() justification() at(#) topgap()])``, ``title([text] [,
size() color() justification() at(#|rowtitles) topgap() bottomgap()])``, ``group(#row|value|label)``
(the suboptions of that risktable() apply to that group's row only, over the ones typed without
it), ``style(textstyle)`` and the [G-3] axis_label_options ("control table by using axis labeling
options; seldom used", sts_graph.sthlp 2.2.20).  sts_graph_util.class (1.1.3) hands the text
options to each row's x axis as ``labsize() labcolor() labjustification() labstyle() labgap()``
after the typed axis-label options, so ``size()`` wins over ``labsize()`` typed in the same
risktable(), ``color()`` over ``labcolor()``, ``topgap()`` over ``labgap()``, ``style()`` over
``labstyle()``; a style's size and colour yield to typed ones.  The row titles get the same
options (``riskTextOpts``); the table title only its own ``title(, ...)`` ones.  ``axis()``
(which axis the labels go to: the ado's own ``axis()`` is typed after it) is refused."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.axis_options import AXIS_LABEL_SUBOPTIONS
from mlmcli.syntax.options import OptionSpec

# abbreviations as sts_graph_util.class's syntax statements: SIze Color Justification STYle TOPGap
# BOTTOMGap FORMAT, and Title (getRiskTableOpts)
_TEXT = [("size", 2), ("color", 1), ("justification", 1), ("format", None), ("topgap", 4), ("bottomgap", 7),
         ("style", 3)]
# [G-3] axis_label_options, which risktable(), rowtitle() and title() also take (sts_graph_util's
# ``*``, passed on to xlabel()); labjustification() is the option the ado itself types
_AXIS = [s for s in AXIS_LABEL_SUBOPTIONS if s.name != "format"]  # (labjustification() among them)
_TABLE = [OptionSpec(name, k, True) for name, k in _TEXT] + [OptionSpec(*row) for row in (
    ("order", None, True), ("righttitles", 6), ("failevents", 4), ("rowtitle", 4, True, True),
    ("title", 1, True, True), ("group", None, True))] + _AXIS
_SUB = [OptionSpec(name, k, True) for name, k in _TEXT] + [OptionSpec("at", None, True)] + _AXIS
# the risk table's own textstyles (textboxstyle-sts_risktable/-sts_risktitle.style: size and colour
# of scheme entries sts_risk_label/sts_risk_title, s2color's medsmall and black)
_OWN_STYLES = {"sts_risktable": (8.5, None), "sts_risktitle": (8.5, None)}
# tickstyles whose ticks show ([G-4] tickstyle); the risk axes' own (tickstyle-sts_risktable.style)
# shows none, has length zero and linestyle none (colour none)
_SHOWN_TICKS = ("major", "minor", "major_nolabel", "minor_nolabel")
_QUOTED = re.compile(r'`"(.*?)"\'|"([^"]*)"')


def _lines(text: str) -> tuple[str, ...]:
    """A title: one or more quoted lines, or unquoted text as one line."""
    text = text.strip()
    found = [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(text)]
    if found and not _QUOTED.sub("", text).strip():
        return tuple(found)
    return (text,) if text else ()


def _look(options, specs, where: str, notes: list[str] | None = None) -> dict:
    """The text suboptions as {size, color, justification, format, topgap, bottomgap, at} and the
    axis-label ones as {angle, alternate, labels, grid..., ticks, tick_...} (``_axis_look``)."""
    from mlmcli.graphs import style
    from mlmcli.syntax.options import resolve_options

    notes = notes if notes is not None else []
    opts = resolve_options(options, specs)
    if "axis" in opts:
        raise StataError(f"option {where}(, axis()) not supported by mlmcli", 198)
    out: dict = _axis_look(opts, notes)
    if "style" in opts:  # the ado's labstyle(), typed after the axis-label options: it wins
        out.update(_text_style(opts["style"], notes))
    out.update(out.pop("typed", {}))  # labsize()/labcolor() over a style's size and colour
    if "size" in opts:
        size = style.text_size(str(opts["size"]))
        if size is None:
            raise StataError(f"size({opts['size']}) invalid", 198)
        out["size"] = size
    if "color" in opts:
        out["color"] = style.parse_color(str(opts["color"]))
        if out["color"] is None:
            raise StataError(f"color({opts['color']}) invalid", 198)
    if "justification" in opts:
        out["justification"] = _justification(opts["justification"])
    if "format" in opts:
        fmt = str(opts["format"]).strip()
        if not re.fullmatch(r"%-?\d*(\.\d+)?[fgec]c?", fmt):
            raise StataError(f"invalid format: {fmt}", 120)
        out["format"] = fmt
    for gap in ("topgap", "bottomgap"):
        if gap in opts:  # the ado's labgap()/outergap(): relativesizes, as labgap() typed itself
            from mlmcli.graphs.look_options import relative_size

            out[gap] = relative_size(opts[gap], gap)
    if "at" in opts:
        word = str(opts["at"]).strip().lower()
        if word and "rowtitles".startswith(word) and len(word) >= 4:
            out["at"] = "rowtitles"
        else:
            try:
                out["at"] = float(word)
            except ValueError:
                raise StataError(f"at({opts['at']}) invalid", 198) from None
    return out


def _justification(text) -> str:
    word = str(text).strip().lower()
    names = {"left": "left", "center": "center", "centre": "center", "right": "right"}
    found = [v for k, v in names.items() if k.startswith(word) and word]
    if not found:
        raise StataError(f"justification({word}) invalid", 198)
    return found[0]


def _text_style(text, notes: list[str]) -> dict:
    """A textstyle's {size, color}: [G-4] textstyle's names, the risk table's own two; another
    name gets Stata's note and the default look."""
    from mlmcli.graphs.named_styles import text_style

    name = str(text).strip().strip('"').lower()
    size, color = _OWN_STYLES[name] if name in _OWN_STYLES else text_style(name, "textstyle", notes)
    return {k: v for k, v in (("size", size), ("color", color)) if v is not None}


def _axis_look(opts: dict, notes: list[str]) -> dict:
    """The axis-label options of one risktable()/rowtitle()/title() as the table's look keys:
    ``labstyle()``'s size and colour, then (under "typed", over a style) ``labsize()``/``labcolor()``;
    ``labgap()`` as ``topgap`` and ``labjustification()`` as ``justification``; ``angle``,
    ``alternate``, ``labels`` (False: ``nolabels``); the grid (``grid``, ``grid_color`` ...) and the
    ticks (``ticks``: shown or not, ``tick_length``/``_color``/``_width``/``_position``).
    ``valuelabel``, ``custom``, ``add``, ``norescale`` and ``gextend`` change nothing here: the
    table's labels are texts at its times already, and mlm's grid lines always cross the plot
    region's margins (docs/sts.md)."""
    from mlmcli.graphs import look_options as look
    from mlmcli.graphs.named_styles import tick_style

    out: dict = {}
    typed: dict = {}
    if "labstyle" in opts:
        out.update(_text_style(look.last_value(opts["labstyle"]), notes))
    if "tstyle" in opts:  # a tickstyle replaces the risk axes' own: its ticks and labels
        name = str(look.last_value(opts["tstyle"])).strip().strip('"').lower()
        ticks = tick_style(name, notes)
        if ticks.get("nolabels"):
            out["labels"] = False
        if "labsize" in ticks:
            out["size"] = ticks["labsize"]
        if name in _SHOWN_TICKS:
            out.update(ticks=True, tick_color="foreground", tick_length=ticks.get("tick_length", 3.0))
    if "labsize" in opts:
        size = look.text_size_or_note(opts["labsize"], "labsize()", notes)
        if size is not None:
            typed["size"] = size
    if "labcolor" in opts:
        color = look.color_value(opts["labcolor"], notes)
        if color is not None:
            typed["color"] = color
    out["typed"] = typed
    if "labgap" in opts:
        out["topgap"] = look.relative_size(opts["labgap"], "labgap")
    if "labjustification" in opts:
        out["justification"] = _justification(opts["labjustification"])
    if "labalignment" in opts:  # (an axis-label option the table's texts do not draw)
        raise StataError("risktable(, labalignment()) is not implemented", 198)
    if "angle" in opts:
        out["angle"] = look.angle_value(str(opts["angle"]))
    if opts.get("alternate") or opts.get("noalternate"):
        out["alternate"] = bool(opts.get("alternate")) and not opts.get("noalternate")
    if opts.get("nolabels") or opts.get("labels"):
        out["labels"] = not opts.get("nolabels")
    fields = look.label_look({k: v for k, v in opts.items() if k in (
        "glstyle", "gstyle", "glcolor", "glwidth", "glpattern", "tlwidth", "tlcolor", "tlength", "tposition",
        "tlstyle", "tlpattern", "gmin", "gmax", "nogmin", "nogmax")}, notes)
    out.update(fields)
    if opts.get("grid") or opts.get("nogrid"):  # glstyle(none) keeps the lines away even so
        out["grid"] = bool(opts.get("grid")) and not opts.get("nogrid") and fields.get("grid") is not False
    if opts.get("ticks") or opts.get("noticks"):
        out["ticks"] = bool(opts.get("ticks")) and not opts.get("noticks")
    return out


_STATA_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _order_map(text: str, count: int) -> tuple[list[int], dict[int, tuple[str, ...]]]:
    """sts_graph_util.class's ``_parseOrderAndSaveMap``: order(# ["text" ...] ...) -> (the rows'
    groups, {1-based position: title lines}).  A group outside 1..count is left out with its
    texts; a first token that is text or any word that is not an integer (``confirm integer
    number``) empties the map -- the caller's "invalid" -- but the labels read before it stay, as
    the class file's ``.orderLabel[]`` (never cleared) does."""
    mapping: list[int] = []
    labels: dict[int, tuple[str, ...]] = {}
    started, bad = False, False
    for m in re.finditer(r'`"(.*?)"\'|"([^"]*)"|(\S+)', text):
        quoted, word = m.group(1) if m.group(1) is not None else m.group(2), m.group(3)
        if word is None:  # a text: the title of the group before it
            if not started:
                return [], labels
            if not bad:
                labels[len(mapping)] = labels.get(len(mapping), ()) + (quoted,)
            continue
        if not _STATA_NUMBER.fullmatch(word) or not float(word).is_integer():
            return [], labels
        started, k = True, int(float(word))
        bad = not 1 <= k <= count
        if not bad:
            mapping.append(k)
    return mapping, labels


def _real_group(text: str, session, by_vars, group_list) -> str:
    """sts_graph_util.class's ``_getRealGroup``: ``#k`` -> "k" as typed; a value or value label ->
    the 1-based index of the level it matches in ``levelsof`` of a by() variable (a value label
    matched wins; with several by() variables a later variable's label match wins, as the ado's
    loop over them), or "" when nothing matches."""
    from mlmcli.render.numfmt import format_number

    if text.startswith("#"):
        return text.replace("#", "", 1)
    data = session.data
    rows = np.zeros(len(data.df), bool)
    for _, _, mask in group_list:
        rows |= mask
    result = ""
    for var in by_vars:
        column = data.df[var].to_numpy()[rows]
        if data.is_string(var):
            levels = sorted({str(v) for v in column})
            shown = labels = levels
        else:
            levels = sorted({float(v) for v in column if v == v})
            shown = [format_number(v, "%18.0g").strip() for v in levels]
            labels = None
            if var in data.value_label_of:  # ``: label lbl #`` gives the number where no label
                labels = []
                for v, plain in zip(levels, shown):
                    found = data.value_label_text(var, v)
                    if found is None and v.is_integer():
                        found = data.value_label_text(var, int(v))
                    labels.append(plain if found is None else found)
        if labels is not None and not data.is_string(var):
            for i, label in enumerate(labels, start=1):
                if text == label:
                    result = str(i)
                    break
        if result == "":  # a value label match was not found
            for i, plain in enumerate(shown, start=1):
                if text == plain:
                    result = str(i)
                    break
    return result


def _group_text(opts: dict) -> str:
    """group()'s text as the ado's ``GROUP(string)`` holds it (outer quotes off; empty: no group)."""
    text = str(opts.get("group") or "").strip() if opts.get("group") is not True else ""
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == '"' else text


AXIS_SPEC = next(s for s in _AXIS if s.name == "axis")
_STRUCTURE = ("order", "righttitles", "failevents", "rowtitle", "title", "group")


def _structure_names(options) -> list:
    """The options of one risktable() that are suboptions of its text (all but order(),
    righttitles, failevents, rowtitle(), title(), group())."""
    structure = [s for s in _TABLE if s.name in _STRUCTURE]
    return [o for o in options if not any(s.matches(o.name) for s in structure)]


def _structure_opts(options) -> dict:
    """order(), righttitles, failevents, rowtitle(), title() and group() of one risktable(), the
    others unread (the class file's ``syntax ..., ... *`` leaves them to the axis options)."""
    from mlmcli.syntax.options import resolve_options

    def first(name: str):
        return next((s for s in _TABLE if s.matches(name)), None)

    structure = [s for s in _TABLE if s.name in _STRUCTURE]
    return resolve_options([o for o in options if getattr(first(o.name), "name", None) in _STRUCTURE], structure)


def check_risk_table(typed: list) -> None:
    """The suboptions of each risktable() without group() that mlm refuses (``axis()``), the
    unknown ones and malformed values: r(198) before anything is printed or drawn.  A
    risktable() with group() is checked only when its group matches a row and title() only the
    one the table uses (``attach_risk_table``): the class file never reads the others."""
    from mlmcli.syntax.options import resolve_options, split_options

    for text in typed:
        if text is True:
            continue
        _, options, _ = split_options(str(text))
        structure = _structure_opts(options)
        if any(AXIS_SPEC.matches(o.name) for o in _title_parts(structure)[1]):  # mlm's refusal, whichever title() is used
            raise StataError("option title(, axis()) not supported by mlmcli", 198)
        if _group_text(structure):
            continue
        opts = resolve_options(options, _TABLE)
        _look(_structure_names(options), _SUB, "risktable")
        if "rowtitle" in opts and opts["rowtitle"] is not True:
            _look(split_options(str(opts["rowtitle"]))[1], _SUB, "rowtitle")


def _title_parts(opts: dict):
    """title()'s (lines, options but at(), at()'s text or None), as the class file's
    ``_parseTitleOpts`` (``syntax [anything] [, at(string) *]``)."""
    from mlmcli.syntax.options import split_options

    if "title" not in opts or opts["title"] is True:
        return (), [], None
    body, sub, _ = split_options(str(opts["title"]))
    at = [o for o in sub if o.name == "at"]
    return _lines(body), [o for o in sub if o.name != "at"], (str(at[-1].arg or "").strip() if at else None)


def _title_at(text: str):
    """The table title's at(): ``rowtitles`` (ROWTitles) or a number; else the class file's error."""
    word = text.strip()
    if word and len(word) >= 4 and "rowtitles".startswith(word.lower()):
        return "rowtitles"
    try:
        return float(word)
    except ValueError:
        raise StataError(f"{word} found where number or rowtitles expected", 198) from None


def attach_risk_table(graph, typed: list, session, by_vars, group_list, kms, tmin: float, tmax: float):
    """``graph`` with ``risk_table`` set (``mlmcli.graphs.risk_table_draw`` reads it).

    As sts_graph_util.class 1.1.3's getRiskTableOpts: order() (the last one not empty; one the
    class file's ``_parseOrderAndSaveMap`` finds no row in: ``(note: option order() is invalid,
    ignored)`` and the groups in turn) and righttitles from any risktable(); then the
    risktable()s without group() in turn, each relabelling every row (its numlist, else the last
    one typed, promoted; the last format typed; failevents only if typed in it -- the last one's
    labels stay, a later xlabel rule replacing an earlier); then those with group(), each matched
    to a row of the table relabelling only that row when it types a numlist, format() or
    failevents (its numlist, else the row's own last one, else the table's; its format, else the
    row's last one from a group() risktable).  A group() that matches no row leaves that
    risktable()'s suboptions out, unread, but order(), righttitles and title(): ``#k`` (and,
    without by(), any group()) with Stata's note, a value or label matching no level silently.
    title(): its text the last one typed, its look the options of the last title() typed with
    options (they replace, not merge: ``tableTitleOpts``), at() the last one typed -- read from
    every risktable(), those with a matching group() again after the others.
    (``tmin``/``tmax`` play no part: the ado counts before it drops the rows outside them.)"""
    from dataclasses import replace

    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.options import resolve_options, split_options

    table: dict = {"right": False, "title": ("Number at risk",)}
    common: dict = {}
    common_title: dict = {}
    own: dict = {}  # group -> [look, row title look, row title]
    labels: dict = {}  # group -> (times, format, failevents) of a group() risktable that relabelled it
    group_rules: dict = {}  # group -> the numlist last typed with group() (the ado's .defaultRule[])
    group_formats: dict = {}  # group -> the format last typed with group() (.lastFormat[])
    times, table_format, table_fail = None, None, False
    notes: list[str] = []  # Stata's notes on style names it does not know, printed with the graph
    check_risk_table(typed)
    parsed = []
    order_text = None
    for text in typed:
        if text is True:
            continue
        body, options, _ = split_options(str(text))
        structure = _structure_opts(options)
        parsed.append((body, structure, options))
        if structure.get("righttitles"):
            table["right"] = True
        if "order" in structure and str(structure["order"]).strip():
            order_text = str(structure["order"])  # the last order() not empty
    count = len(group_list)
    mapping, order_labels = _order_map(order_text, count) if order_text is not None else ([], {})
    if order_text is not None and not mapping:
        session.print("(note: option order() is invalid, ignored)")
    # the rows: order()'s groups, else all in turn (keeping the texts an invalid order() had read)
    order = [(k, order_labels.get(i, ())) for i, k in enumerate(mapping or range(1, count + 1), start=1)]
    title_opts, title_at = None, None

    def table_title(opts) -> None:
        nonlocal title_opts, title_at
        lines, sub, at = _title_parts(opts)
        if lines:
            table["title"] = lines
        if sub:
            title_opts = sub  # the last title() with options replaces the look (tableTitleOpts)
        if at:
            title_at = at

    for body, structure, options in parsed:  # the risktable()s without group()
        if not _group_text(structure):
            opts = resolve_options(options, _TABLE)
            look = _look(_structure_names(options), _SUB, "risktable", notes)
            if body.strip():
                times = tuple(sorted(numlist(body)))  # the ado's numlist, sort
            if look.get("format"):
                table_format = look["format"]
            table_fail = bool(opts.get("failevents"))
            common.update(look)
            if "rowtitle" in opts and opts["rowtitle"] is not True:
                body_text, sub, _ = split_options(str(opts["rowtitle"]))
                common_title.update(_look(sub, _SUB, "rowtitle", notes))
                if _lines(body_text):
                    table["row_title"] = _lines(body_text)
        table_title(structure)  # title() of every risktable(), group() or not
    for body, structure, options in parsed:  # the risktable()s with group(), in turn
        typed_group = _group_text(structure)
        if not typed_group:
            continue
        real = _real_group(typed_group, session, by_vars or [], group_list) if by_vars else ""
        match = [k - 1 for k, _ in order if str(k) == real] if by_vars else []
        if not match:
            if real != "" or not by_vars:
                session.print(f"(note: option group({typed_group}) does not match any row, using defaults)")
            continue  # its other suboptions never read
        k = match[0]
        opts = resolve_options(options, _TABLE)
        look = _look(_structure_names(options), _SUB, "risktable", notes)
        if body.strip() or look.get("format") or opts.get("failevents"):
            if body.strip():
                group_rules[k] = tuple(numlist(body))  # numlist without sort here
            if look.get("format"):
                group_formats[k] = look["format"]
            labels[k] = (group_rules.get(k, times), look.get("format") or group_formats.get(k),
                         bool(opts.get("failevents")))
        mine = own.setdefault(k, [{}, {}, None])
        mine[0].update(look)
        if "rowtitle" in opts and opts["rowtitle"] is not True:
            body_text, sub, _ = split_options(str(opts["rowtitle"]))
            mine[1].update(_look(sub, _SUB, "rowtitle", notes))
            if _lines(body_text):
                mine[2] = _lines(body_text)
        table_title(structure)  # read again
    table_look = _look(title_opts, _SUB, "title", notes) if title_opts else {}
    if title_at is not None:  # checked after the rows, as the class file
        table_look["at"] = _title_at(title_at)
    rows = []
    for k, lines in order:
        label = group_list[k - 1][0]
        km, _ = kms[k - 1]
        look, title_look, title = own.get(k - 1, [{}, {}, None])
        # the row's title: rowtitle()'s text (a group()'s over the others) over order()'s, then the label
        text = title or table.get("row_title") or lines or ((label,) if label else ())
        row_times, row_format, row_fail = labels.get(k - 1, (times, table_format, table_fail))
        rows.append((("title", tuple(text)), ("time", km.time), ("at_risk", km.at_risk), ("failed", km.failed),
                     ("times", row_times), ("format", row_format), ("fail", row_fail),
                     ("look", tuple({**common, **look}.items())),
                     ("title_look", tuple({**common, **common_title, **look, **title_look}.items()))))
    spec = (("times", times), ("rows", tuple(rows)), ("title", tuple(table["title"])),
            ("title_look", tuple(table_look.items())), ("right", table["right"]))
    for note in notes:
        session.print(note)
    graph = replace(graph, risk_table=spec)
    from mlmcli.graphs.risk_table_draw import title_width

    # room for the row titles beside the plot region (the y axis and its labels leave about 8 points beyond their width)
    extra = max(title_width(graph) - 8.0, 0.0)
    left, right, bottom, top = graph.graph_margin or (0.0, 0.0, 0.0, 0.0)
    if table["right"]:
        right += title_width(graph)
    else:
        left += extra
    return replace(graph, graph_margin=(left, right, bottom, top))
