"""``sts graph, risktable[([numlist] [, table_options group()])]``: the table of the number at risk
beneath the plot ([ST] sts graph, "At-risk table").  This module reads the (repeated,
merged-explicit) ``risktable()`` options and keeps on the Graph what the table needs; the table is
drawn by ``mlmcli.graphs.risk_table_draw`` (at the x axis' labels unless a numlist is typed).

The number at risk at time u is each group's number at risk at its first st time >= u (the
records with _t0 < that time <= _t; 0 after the last), as R's ``summary(survfit, times=)`` counts
``n.risk``.  ``failevents``: the failures between two times in parentheses midway between them
(``risk_table_draw.risk_labels``, the class file's Mata).  A numlist, format() and failevents
typed with ``group()`` relabel that row only; a ``group()`` matching no row is left out (with
Stata's note for ``#k``), the graph still drawn.

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
_AXIS = [s for s in AXIS_LABEL_SUBOPTIONS if s.name != "format"] + [OptionSpec("labjustification", 4, True)]
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
    if "angle" in opts:
        out["angle"] = look.angle_value(str(opts["angle"]))
    if opts.get("alternate") or opts.get("noalternate"):
        out["alternate"] = bool(opts.get("alternate")) and not opts.get("noalternate")
    if opts.get("nolabels") or opts.get("labels"):
        out["labels"] = not opts.get("nolabels")
    fields = look.label_look({k: v for k, v in opts.items() if k in (
        "glstyle", "gstyle", "glcolor", "glwidth", "glpattern", "tlwidth", "tlcolor", "tlength", "tposition",
        "gmin", "gmax", "nogmin", "nogmax")}, notes)
    out.update(fields)
    if opts.get("grid") or opts.get("nogrid"):  # glstyle(none) keeps the lines away even so
        out["grid"] = bool(opts.get("grid")) and not opts.get("nogrid") and fields.get("grid") is not False
    if opts.get("ticks") or opts.get("noticks"):
        out["ticks"] = bool(opts.get("ticks")) and not opts.get("noticks")
    return out


def _order(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """order(# ["text" ["text" ...]] ...) -> [(row, title lines or ())]."""
    out: list = []
    for m in re.finditer(r'`"(.*?)"\'|"([^"]*)"|(\S+)', text):
        quoted, word = m.group(1) if m.group(1) is not None else m.group(2), m.group(3)
        if word:
            try:
                number = int(word)
            except ValueError:
                raise StataError("order() invalid", 198) from None
            out.append([number, ()])
        else:
            if not out:
                raise StataError("order() invalid", 198)
            out[-1][1] += (quoted,)
    return [(k, lines) for k, lines in out]


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


def _structure_names(options) -> list:
    """The options of one risktable() that are suboptions of its text (all but order(),
    righttitles, failevents, rowtitle(), title(), group())."""
    structure = [s for s in _TABLE if s.name in ("order", "righttitles", "failevents", "rowtitle", "title", "group")]
    return [o for o in options if not any(s.matches(o.name) for s in structure)]


def check_risk_table(typed: list) -> None:
    """The risktable() suboptions mlm refuses (``axis()``), the unknown ones and malformed
    values: r(198) before anything is printed or drawn."""
    from mlmcli.syntax.options import resolve_options, split_options

    for text in typed:
        if text is True:
            continue
        _, options, _ = split_options(str(text))
        opts = resolve_options(options, _TABLE)
        _look(_structure_names(options), _SUB, "risktable")
        for name in ("rowtitle", "title"):
            if name in opts and opts[name] is not True:
                _look(split_options(str(opts[name]))[1], _SUB, name)


def attach_risk_table(graph, typed: list, session, by_vars, group_list, kms, tmin: float, tmax: float):
    """``graph`` with ``risk_table`` set (``mlmcli.graphs.risk_table_draw`` reads it).

    As sts_graph_util.class 1.1.3's getRiskTableOpts: order() and righttitles from any
    risktable(); then the risktable()s without group() in turn, each relabelling every row (its
    numlist, else the last one typed, promoted; the last format typed; failevents only if typed in
    it -- the last one's labels stay, a later xlabel rule replacing an earlier); then those with
    group(), each matched to a row of the table relabelling only that row when it types a
    numlist, format() or failevents (its numlist, else the row's own last one, else the table's;
    its format, else the row's last one from a group() risktable).  A group() that matches no row
    leaves that risktable()'s suboptions out but order(), righttitles and title(): ``#k`` (and,
    without by(), any group()) with Stata's note, a value or label matching no level silently.
    (``tmin``/``tmax`` play no part: the ado counts before it drops the rows outside them.)"""
    from dataclasses import replace

    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.options import resolve_options, split_options

    table: dict = {"right": False, "order": None, "title": ("Number at risk",), "title_look": {}}
    common: dict = {}
    common_title: dict = {}
    own: dict = {}  # group -> [look, row title look, row title]
    labels: dict = {}  # group -> (times, format, failevents) of a group() risktable that relabelled it
    group_rules: dict = {}  # group -> the numlist last typed with group() (the ado's .defaultRule[])
    group_formats: dict = {}  # group -> the format last typed with group() (.lastFormat[])
    times, table_format, table_fail = None, None, False
    notes: list[str] = []  # Stata's notes on style names it does not know, printed with the graph
    group_notes: list[str] = []
    check_risk_table(typed)
    parsed = []
    for text in typed:
        if text is True:
            continue
        body, options, _ = split_options(str(text))
        opts = resolve_options(options, _TABLE)
        parsed.append((body, opts, options))
        if opts.get("righttitles"):
            table["right"] = True
        if "order" in opts:
            table["order"] = _order(str(opts["order"]))
    order = table["order"] or [(k, ()) for k in range(1, len(group_list) + 1)]
    order = [(k, lines) for k, lines in order if 1 <= k <= len(group_list)]  # a row not there is left out

    def table_title(opts, notes: list) -> None:
        if "title" in opts and opts["title"] is not True:
            body_text, sub, _ = split_options(str(opts["title"]))
            if body_text.strip():
                table["title"] = _lines(body_text)
            table["title_look"].update(_look(sub, _SUB, "title", notes))

    for body, opts, options in parsed:  # the risktable()s without group()
        if not _group_text(opts):
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
        table_title(opts, notes)  # title() of every risktable(), group() or not
    for body, opts, options in parsed:  # the risktable()s with group(), in turn
        typed_group = _group_text(opts)
        if not typed_group:
            continue
        real = _real_group(typed_group, session, by_vars or [], group_list) if by_vars else ""
        match = [k - 1 for k, _ in order if str(k) == real] if by_vars else []
        if not match:
            if real != "" or not by_vars:
                group_notes.append(f"(note: option group({typed_group}) does not match any row, using defaults)")
            continue
        k = match[0]
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
        table_title(opts, [])  # read again (its style notes printed once already)
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
            ("title_look", tuple(table["title_look"].items())), ("right", table["right"]))
    for note in group_notes + notes:
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
