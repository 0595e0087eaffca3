"""SMCL in graph text ([G-4] text): the one reader of the tags a graph's titles, axis titles and
labels, legend keys, added text and marker labels may carry, as styled runs of text.

Tags understood: {bf}, {it}, {sf} (alone: from here on; with ``:text``: that text),
{stSerif}, {stSans}, {stMono}, {stSymbol} (fonts; the Symbol font shows a Latin letter as its
Greek one), {superscript:text}/{sup:text}, {subscript:text}/{sub:text}, {&name} (Greek letters
and symbols by their HTML entity names: {&alpha}, {&Sigma}, {&chi}, {&le} ...) and [P] smcl's
characters {c name}/{char #}.  A tag that is none of these, or a brace without its pair, is text
as typed, as Stata shows it.  Pure string work; ``graph_text_draw`` applies the runs to
matplotlib's texts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.entities import name2codepoint

from mlmcli.help.smcl_text import closing_brace, smcl_character, split_colon


@dataclass(frozen=True)
class Look:
    """How a run of text is drawn: None leaves the text's own font setting."""
    bold: bool | None = None
    italic: bool | None = None
    family: str | None = None  # serif, sans-serif, monospace
    script: str | None = None  # "sup", "sub"


PLAIN = Look()
_FONTS = {"stSerif": "serif", "stSans": "sans-serif", "stMono": "monospace", "stSymbol": "symbol"}
_SCRIPTS = {"superscript": "sup", "sup": "sup", "subscript": "sub", "sub": "sub"}
_STYLES = {"bf": {"bold": True}, "it": {"italic": True}, "sf": {"bold": False, "italic": False}}
_HEAD = re.compile(r"([A-Za-z]+)(?=$|[\s:])")
# the Symbol font's Greek at the Latin letters' places (Adobe Symbol encoding)
_SYMBOL_FONT = dict(zip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "αβχδεφγηιϕκλμνοπθρστυϖωξψζΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"))


def parse_graph_text(text: str) -> list[tuple[str, Look]] | None:
    """The runs (text, look) of one line of graph text, adjacent runs of one look joined;
    None when the line has no tag Stata's graphs understand (it is drawn as typed)."""
    runs: list[tuple[str, Look]] = []
    if not _read(text, PLAIN, runs):
        return None
    joined: list[tuple[str, Look]] = []
    for piece, look in runs:
        if joined and joined[-1][1] == look:
            joined[-1] = (joined[-1][0] + piece, look)
        elif piece:
            joined.append((piece, look))
    return joined


def _put(runs: list, piece: str, look: Look) -> None:
    if look.family == "symbol":  # {stSymbol:a} is alpha; the run keeps the text's own font
        piece, look = "".join(_SYMBOL_FONT.get(ch, ch) for ch in piece), replace(look, family=None)
    runs.append((piece, look))


def _read(text: str, look: Look, runs: list) -> bool:
    """Append ``text``'s runs starting in ``look``; True when a tag was understood."""
    pos, understood = 0, False
    while pos < len(text):
        brace = text.find("{", pos)
        if brace < 0:
            _put(runs, text[pos:], look)
            break
        _put(runs, text[pos:brace], look)
        end = closing_brace(text, brace)
        if end < 0:  # unbalanced: the rest as typed
            _put(runs, text[brace:], look)
            break
        body, pos = text[brace + 1:end], end + 1
        step = _tag(body, look, runs)
        if step is None:
            _put(runs, "{" + body + "}", look)
            continue
        understood = True
        look = step
    return understood


def _tag(body: str, look: Look, runs: list) -> Look | None:
    """Apply one tag; the look that follows it, None when it is no graph tag."""
    if body.startswith("&"):
        code = name2codepoint.get(body[1:])
        if code is None:
            return None
        _put(runs, chr(code), look)
        return look
    head = _HEAD.match(body)
    if head is None:
        return None
    name = head.group(1)
    if name in ("c", "char"):
        char = smcl_character(body[head.end():].strip())
        if char is None:
            return None
        _put(runs, char, look)
        return look
    args, shown = split_colon(body[head.end():])
    if name in _STYLES:
        changed = replace(look, **_STYLES[name])
    elif name in _FONTS:
        changed = replace(look, family=_FONTS[name])
    elif name in _SCRIPTS and shown is not None:
        changed = replace(look, script=_SCRIPTS[name])
    else:
        return None
    if args.strip():  # {bf x}: not a tag
        return None
    if shown is None:  # {bf}: from here on
        return changed
    _read(shown, changed, runs)
    return look
