"""Reading ``legend()``: on/off, keys (``order()``, ``label()``), columns, position, ring,
size, title, region colours and the layout suboptions (``look_options.legend_look``)."""
from __future__ import annotations

import re
from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.graphs import look_options as look
from mlmcli.graphs import style
from mlmcli.graphs.look_options import REGION_SUBOPTIONS, clock_position, color_value, number
from mlmcli.graphs.syntax import items, split_top, title_text
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options


# legend_options' textbox_options (the key texts' boxes, textbox_options.sthlp's lc:olor ...): their
# outline and fill, drawn only with `box` (filius23's `legend(lcolor("16 74 138") region(...))`)
KEY_TEXT_BOX_LOOKS = [OptionSpec(*row) for row in (
    ("lcolor", 2, True), ("lwidth", 2, True), ("lpattern", 2, True), ("lstyle", 2, True),
    ("fcolor", 2, True), ("bcolor", 2, True),
)]

LEGEND_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("off", None), ("on", None), ("order", None, True), ("label", 3, True, False, True),
    ("holes", None, True), ("all", None), ("style", None, True), ("cols", 1, True),
    ("rows", 1, True), ("colfirst", 4), ("rowfirst", 4), ("position", 3, True), ("ring", None, True),
    ("bplacement", 4, True), ("span", None), ("size", None, True), ("color", None, True),
    ("title", 2, True), ("subtitle", 3, True), ("note", None, True), ("caption", 3, True),
    ("region", None, True), ("symxsize", 5, True), ("symysize", 5, True), ("keygap", 4, True),
    ("rowgap", 4, True), ("colgap", 4, True), ("textwidth", 5, True), ("stack", None),
    ("nostack", None), ("bmargin", 2, True), ("bexpand", 4), ("nobexpand", 6), ("justification", 1, True),
    ("box", None), ("nobox", None), ("textfirst", 5), ("forcesize", 5), ("margin", 1, True),
    ("symplacement", 4, True), ("keystyle", 4, True), ("nodraw", None), ("draw", None),
    ("notextfirst", 7), ("at", None, True), ("width", None, True),
)] + KEY_TEXT_BOX_LOOKS


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


def legend_style_word(opts: dict) -> str:
    """The legendstyle ``legend(style())`` names (``default`` without it)."""
    if "style" not in opts:
        return "default"
    value = opts["style"][-1] if isinstance(opts["style"], list) else opts["style"]
    return str(value).strip().strip('"').lower()


def legend_fields(arg, notes: list[str] | None = None, base=None) -> dict:
    """``legend(off | on | order(...) label(# "text") rows(#) cols(#) position(#) ring(#) ...)``;
    the layout suboptions go into ``legend_look`` (laid over ``base``, a LegendLook).
    ``forcesize``: the typed key sizes are kept (mlmcli always keeps ``symxsize()`` and
    ``symysize()``; ``textwidth()`` is then the text's width even when the text is shorter)."""
    from mlmcli.graphs.spec import LegendLook

    out: dict = {}
    if not isinstance(arg, str):
        return out
    notes = notes if notes is not None else []
    options = [o for part in split_top(arg, ",") for o in read_options(part)]
    opts = resolve_options(options, LEGEND_SUBOPTIONS)
    _key_text_boxes(opts, notes)
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
    if legend_style_word(opts) == "zyx2" and "cols" not in opts and "rows" not in opts:
        out["legend_cols"] = 1  # legendstyle zyx2: s2color's zyx2cols 1, zyx2rows 0
    if "cols" in opts:
        out["legend_cols"] = max(int(number(opts["cols"], "cols")), 1)
    if "rows" in opts:
        out["legend_cols"] = -max(int(number(opts["rows"], "rows")), 1)
    if "position" in opts:
        word = str(opts["position"]).strip()
        if re.fullmatch(r"[A-Za-z_]\w*", word) and look.clock_word(word) is None:
            # the legend's place is a clockdir style (the scheme's ``clockdir legend_position``):
            # a name clockdir lacks gets Stata's note and the scheme's place, as titles' position()
            from mlmcli.graphs.named_styles import style_note

            style_note(notes, word, "clockdir")
        else:
            out["legend_position"] = clock_position(word)
    if "ring" in opts:
        out["legend_ring"] = int(number(opts["ring"], "ring"))
    if "size" in opts:
        size = look.text_size_or_note(opts["size"], f"size({opts['size']})", notes)
        if size is not None:
            out["legend_size"] = size
    if "title" in opts:
        out["legend_title"] = title_text(opts["title"])
    if "region" in opts:
        region = resolve_options(read_options(opts["region"].replace(",", " ")), REGION_SUBOPTIONS)
        found = look.region_look(region, notes)
        if found["margin"] is not None:  # the region's margin: the room inside its outline
            opts.setdefault("margin", region["margin"])
        if found["fill"]:
            out["legend_fill"] = found["fill"]
        if found["edge"] and found["edge"][1] == 0.0:  # lstyle(none), style(none), lwidth(none)
            out["legend_edge"] = "none"
        elif found["edge"] and found["edge"][0]:
            out["legend_edge"] = found["edge"][0]
        elif region.get("color"):
            out["legend_edge"] = color_value(region["color"], notes)
        frame = {}  # the frame's stroke: width, pattern, lalign()/ilalign()
        if found["edge"] and found["edge"][1]:
            frame["edge_width"] = found["edge"][1]
        if found["edge"] and found["edge"][2]:
            frame["edge_pattern"] = found["edge"][2]
        if found["align"]:
            frame["edge_align"] = found["align"]
        if frame:
            base = replace(base or LegendLook(), **frame)
            out["legend_look"] = base
    if opts.get("colfirst"):
        out["legend_colfirst"] = True
    if opts.get("rowfirst"):
        out["legend_colfirst"] = False
    layout = look.legend_look(opts, notes)
    if opts.get("forcesize"):
        layout["forcesize"] = True
    if layout:
        out["legend_look"] = replace(base or LegendLook(), **layout)
    return out


def _key_text_boxes(opts: dict, notes: list[str]) -> None:
    """The key texts' box looks: without ``box`` (the default) Stata draws no box round a key's
    text, so they change nothing drawn (their colours still get Stata's notes); with ``box``
    mlm draws the legend's frame instead of a box per key text, so the pair is refused."""
    typed = [spec.name for spec in KEY_TEXT_BOX_LOOKS if spec.name in opts]
    if not typed:
        return
    if opts.get("box"):
        raise StataError(f"option legend({typed[0]}()) with box not supported by mlmcli: the key "
                         "texts' boxes are not drawn", 198)
    for name in ("lcolor", "fcolor", "bcolor"):
        if name in opts:
            look.color_value(str(opts[name]), notes)
