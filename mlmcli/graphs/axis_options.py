"""Reading the axis options ``xlabel()``/``ylabel()``/``xtick()``/``xmlabel()`` (rule and
suboptions) and ``xscale()``/``yscale()`` -> ``spec.Axis`` fields; ``axis(#)`` names the axis (1-9).  Pure string work plus numlists (value labels come through a callback)."""
from __future__ import annotations

import re

from dataclasses import replace
from typing import Callable

from mlmcli.errors import StataError
from mlmcli.graphs import look_options as look
from mlmcli.graphs import style
from mlmcli.graphs.look_options import angle_value, number
from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.syntax import items, text_lines
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


# grid abbreviates to g: [G-2] graph twoway scatter types `xlab(,g)`, "abbreviated form of
# xlabel(, grid)" (gmin, gmax, glcolor ... are typed in full or by their own abbreviations);
# the others as axis_label_options.sthlp underlines them: ax:is, tick:s, alt:ernate, tl:ength,
# tp:osition, gsty:le, gex:tend (mthevenin's `xlabel(1000 "1k" ..., alt)`); VALuelabels, FORmat,
# TLSTYle and TLPattern as _gs_parse_and_log_tickset.ado 1.0.9 (17jan2014) declares them
AXIS_LABEL_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("angle", 3, True), ("labsize", 4, True), ("valuelabels", 3), ("grid", 1), ("nogrid", None),
    ("labcolor", 4, True), ("labgap", 4, True), ("format", 3, True), ("nolabels", 4),
    ("tlstyle", 5, True), ("tlpattern", 3, True), ("nogextend", 5),
    ("noticks", 5), ("tlength", 2, True), ("tposition", 2, True), ("tlwidth", 3, True),
    ("tlcolor", 3, True), ("glcolor", 3, True), ("glwidth", 3, True), ("glpattern", 3, True),
    ("gmin", None), ("gmax", None), ("nogmin", None), ("nogmax", None), ("axis", 2, True),
    ("add", None), ("custom", None), ("norescale", 5), ("labstyle", 4, True), ("tstyle", 3, True),
    ("gextend", 3), ("labels", 3), ("ticks", 4), ("alternate", 3), ("noalternate", 5),
    ("glstyle", 3, True), ("gstyle", 4, True),
    # _gs_parse_and_log_tickset.ado: LABJustification() LABAlignment(), the labels' textstyle
    # horizontal() and vertical() (label_justify.py)
    ("labjustification", 4, True), ("labalignment", 4, True),
)]


# custom ([G-3] axis_label_options: "the label options are to apply only to the labels added by
# this option"): the label and tick looks an option with custom gives its own ticks alone
CUSTOM_LOOKS = ("label_color", "labsize", "angle", "tick_length", "tick_color", "tick_width")


def axis_number(opts: dict, letter: str) -> int:
    """``axis(#)`` of an axis suboption list: which axis, 1 ≤ # ≤ 9 (default 1)."""
    if "axis" not in opts:
        return 1
    values = [int(number(v, "axis")) for v in str(opts["axis"]).split()]
    if len(values) != 1 or not 1 <= values[0] <= 9:
        raise StataError("option axis() incorrectly specified", 198)
    return values[0]


def axis_labels(arg: str, value_labels: Callable[[], dict | None] | None = None,
                notes: list[str] | None = None, letter: str = "x"
                ) -> tuple[tuple[float, ...] | None, dict]:
    """``xlabel(rule [, suboptions])`` -> (tick positions or None, Axis fields)."""
    return axis_labels_on(arg, value_labels, notes, letter)[1:]


def _joined_ranges(tokens: list) -> list:
    """Tokens with a numlist range split by blanks made one word again: ``0 (20)100`` and
    ``0 (20) 100`` -> ``0(20)100`` (numlists allow spaces around the parentheses; ParkSeungR's
    ylabel(0 (20)100))."""
    def numeric(token) -> bool:
        return not token[0] and re.fullmatch(r"-?(\d+\.?\d*|\.\d+)", token[1]) is not None

    out: list = []
    for token in tokens:
        quoted, word = token
        if not quoted and out and re.fullmatch(r"\([^()]*\)\S*", word) and numeric(out[-1]):
            out[-1] = (False, out[-1][1] + word)
        elif (numeric(token) and out and not out[-1][0] and out[-1][1].endswith(")")
              and re.fullmatch(r"-?[\d.]+\([^()]*\)", out[-1][1])):
            out[-1] = (False, out[-1][1] + word)
        else:
            out.append(token)
    return out


def toward_end(word: str) -> str:
    """An axis label's ``#1(#d)#2`` whose step runs away from #2 (``ylabel(-0.04(0.02)-.12)``)
    read as running towards #2 (``-0.04(-0.02)-.12``), as ``#1/#2`` counts down.  Stata hands
    such a range (not a rule: _gs_parse_and_log_tickset.ado takes #(#)# as a rule only when
    #1 < #2) to its numlist; what that numlist returns is unverified: mlm's choice, from a
    published replication do-file whose figure uses ``ylabel(-0.04(0.02)-.12)`` (docs/graphs_tick_sets.md)."""
    m = re.fullmatch(r"(-?(?:\d+\.?\d*|\.\d+))\s*\(\s*(-?(?:\d+\.?\d*|\.\d+))\s*\)\s*(-?(?:\d+\.?\d*|\.\d+))", word)
    if not m:
        return word
    a, d, b = (float(g) for g in m.groups())
    if d == 0 or (b - a) * d >= 0:
        return word
    step = m.group(2)[1:] if m.group(2).startswith("-") else "-" + m.group(2)
    return f"{m.group(1)}({step}){m.group(3)}"


def axis_labels_on(arg: str, value_labels: Callable[[], dict | None] | None = None,
                   notes: list[str] | None = None, letter: str = "x"
                   ) -> tuple[int, tuple[float, ...] | None, dict]:
    """``xlabel(rule [, suboptions])`` -> (axis number, tick positions or None, Axis fields)."""
    body, subs, _ = split_options(arg)
    opts = resolve_options(subs, AXIS_LABEL_SUBOPTIONS)
    # _gs_parse_and_log_tickset.ado declares these string options and edits the tickset only
    # when one is not empty: ylabel(, angle()) changes nothing
    opts = {k: v for k, v in opts.items() if k == "axis" or not (isinstance(v, str) and not v.strip())}
    fields: dict = look.label_look(opts, notes if notes is not None else [])
    ticks: list[float] = []
    texts: list[tuple[float, str]] = []
    tokens = _joined_ranges(items(body))
    if tokens and tokens[0] == (True, ""):
        # xlabel(""): _gs_parse_and_log_tickset.ado 1.0.9 clears the tickset, then NumTextList drops
        # everything after an empty first token and adds no ticks, so the tickset keeps its default
        # (automatic) ticks -- no error; whether Stata then draws the default labels is unverified
        tokens = []
    for quoted, word in tokens:
        if quoted:
            if not ticks:
                raise StataError("invalid label specifier, : \"" + word + "\":", 198)
            texts = [t for t in texts if t[0] != ticks[-1]] + [(ticks[-1], text_lines(word))]
            continue
        low = word.lower()
        if low.startswith("##"):  # ##k: k - 1 minor ticks between the major ones
            fields["subdivide"] = max(int(number(low[2:], "label")), 1)
            continue
        if low.startswith("#"):
            fields["nticks"] = max(int(number(low[1:], "label")), 1)
        elif low in ("minmax", "none", "."):
            if low == "none":
                fields["ticklabels"] = ()
            elif low == "minmax":
                fields["minmax"] = True
        else:
            try:
                ticks.extend(numlist(toward_end(word)))
            except StataError:
                raise StataError(f"invalid label specifier, : {word}:", 198) from None
    if "angle" in opts and str(opts["angle"]).strip():  # angle() empty: the default
        fields["angle"] = angle_value(opts["angle"])
    if "labjustification" in opts or "labalignment" in opts:
        from mlmcli.graphs.label_justify import label_place_fields

        fields.update(label_place_fields(opts, notes if notes is not None else []))
    if "labsize" in opts:
        size = look.text_size_or_note(opts["labsize"], "labsize()", notes)
        if size is not None:
            fields["labsize"] = size
    if opts.get("grid"):
        fields["grid"] = True
    if opts.get("nogrid"):
        fields["grid"] = False
    if opts.get("nolabels"):
        fields["ticklabels"] = ()
    if "format" in opts:
        fields["format"] = display_format(opts["format"])
    if texts:
        labelled = dict(texts)
        fields["ticklabels"] = tuple((t, labelled.get(t, tick_text(t))) for t in ticks)
    if opts.get("add") and ticks:  # added to the ticks typed before (graph_options.common_fields)
        fields.setdefault("ticklabels", tuple((t, tick_text(t)) for t in ticks))
    if opts.get("custom") and ticks:  # the look typed here is these labels' own, not the axis'
        own = tuple((name, fields.pop(name)) for name in CUSTOM_LOOKS if fields.get(name) is not None)
        for name in CUSTOM_LOOKS:
            fields.pop(name, None)
        fields["custom_looks"] = tuple((float(t), own) for t in ticks)
    if opts.get("valuelabels") and value_labels is not None:
        mapping = value_labels() or {}
        positions = ticks or sorted(mapping)
        if not ticks:
            ticks = list(positions)
        fields["ticklabels"] = tuple((t, text_lines(mapping[t]) if t in mapping else tick_text(t))
                                     for t in positions)
    return axis_number(opts, letter), (tuple(ticks) if ticks else None), fields


def display_format(text: str) -> str:
    from mlmcli.render.numfmt import is_valid_format

    fmt = str(text).strip()
    if not is_valid_format(fmt):
        raise StataError(f"invalid format {fmt}", 120)
    return fmt


def tick_text(value: float) -> str:
    from mlmcli.graphs.draw import stata_tick

    return stata_tick(value)


AXIS_SCALE_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("log", None), ("range", 1, True), ("off", None), ("on", None), ("reverse", 3),
    ("noreverse", 5), ("noline", None), ("line", None), ("noextend", 5), ("extend", None),
    ("fill", None), ("titlegap", 6, True), ("outergap", 6, True), ("lstyle", 2, True),
    ("lcolor", 2, True), ("lwidth", 2, True), ("lpattern", 2, True), ("alt", None),
    ("noalt", None), ("axis", None, True), ("nolog", None), ("noaxis", None),
)]


def axis_scale(arg: str, notes: list[str] | None = None) -> dict:
    """``xscale(log range(0 10) off reverse ...)`` -> Axis fields."""
    return axis_scale_on(arg, notes)[1]


def axis_scale_on(arg: str, notes: list[str] | None = None, letter: str = "x") -> tuple[int, dict]:
    """``xscale(...)`` -> (axis number, Axis fields)."""
    opts = resolve_options(read_options(arg.replace(",", " ")), AXIS_SCALE_SUBOPTIONS)
    fields: dict = look.scale_look(opts, notes if notes is not None else [])
    fields.update(look.switches(opts, (("log", "log", True), ("nolog", "log", False), ("off", "off", True),
                                       ("noaxis", "off", True), ("on", "off", False),
                                       ("reverse", "reverse", True), ("noreverse", "reverse", False))))
    if "range" in opts:
        # a missing value (".") extends nothing: range(0 .) only asks for 0
        words = str(opts["range"]).replace(",", " ").split()
        values = numlist(" ".join(w for w in words if w != ".")) if any(w != "." for w in words) else []
        if not words:
            raise StataError("option range() incorrectly specified", 198)
        if values:
            fields["range"] = (min(values), max(values))
    return axis_number(opts, letter), fields


def merge_axis(axis: Axis, fields: dict) -> Axis:
    if "range" in fields and axis.range is not None:
        lo, hi = fields["range"]
        fields = {**fields, "range": (min(lo, axis.range[0]), max(hi, axis.range[1]))}
    return replace(axis, **fields)
