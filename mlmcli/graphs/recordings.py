"""``play(recordingname)`` ([G-3] play_option, [G-2] graph play): the edits of a Graph Editor
recording (``recordingname.grec``, a text file the Graph Editor's recorder writes) applied to
the graph being drawn.

A recording is a header (``StataFileTM:...``, a line of numbers, ``*!`` lines up to ``*! end``),
comment lines (``// ...``) and one edit per line on the graph's objects, for example

    .title.text = {}
    .title.text.Arrpush `"My title"'

mlm plays the text edits of the titles: ``.title``, ``.subtitle``, ``.note``, ``.caption`` and
the axis titles ``.xaxis1.title``/``.yaxis1.title`` (``.text = {}`` empties the text,
``.text.Arrpush text`` adds a line).  Every other edit addresses Stata's own graph objects
(positions, styles, plot regions) that mlm does not have: a recording holding one is refused
with the first such line, rather than played in part.  A recording that does not exist is
Stata's ``file name.grec not found`` r(601).
"""
from __future__ import annotations

import os
import re

from mlmcli.errors import StataError

_ELEMENTS = {"title": "title", "subtitle": "subtitle", "note": "note", "caption": "caption",
             "xaxis1.title": "xtitle", "yaxis1.title": "ytitle"}
_EDIT = re.compile(r"\.(?P<element>[a-z0-9_.]+?)\.text(?:\s*=\s*\{\s*\}|\.Arrpush\s+(?P<text>.*))$")


def recording_path(arg) -> str:
    """The file ``play()`` names (``.grec`` added when it has no suffix); r(601) when absent."""
    name = str(arg).strip().strip('"')
    if not name:
        raise StataError("option play() incorrectly specified", 198)
    path = name if os.path.splitext(name)[1] else name + ".grec"
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    return path


def _unquoted(text: str) -> str:
    """An Arrpush's text: a quoted string (simple or compound quotes) or the rest of the line."""
    from mlmcli.graphs.syntax import items

    text = text.strip()
    found = items(text) if text[:1] in ('"', "`") else []
    return found[0][1] if len(found) == 1 and found[0][0] else text


def played_fields(lines: list[str], path: str) -> dict:
    """Graph fields (``title``, ``subtitle``, ``note``, ``caption``, ``xtitle``, ``ytitle``)
    the recording's edits set; r(198) naming the first edit mlm does not play."""
    texts: dict[str, list[str]] = {}
    in_header = bool(lines) and lines[0].startswith("StataFileTM:")
    for raw in lines:
        line = raw.strip()
        if in_header:
            in_header = line != "*! end"
            continue
        if not line or line.startswith("//") or line.startswith("*"):
            continue
        found = _EDIT.fullmatch(line)
        field = _ELEMENTS.get(found.group("element")) if found else None
        if field is None:
            where = "gr_edit" if path == "gr_edit" else f"play(): {path}"
            raise StataError(f"{where} edits {line.split()[0]}, which mlmcli cannot play (it plays "
                             "the text of the titles, notes, captions and axis titles)", 198)
        if found.group("text") is None:
            texts[field] = []
        else:
            texts.setdefault(field, []).append(_unquoted(found.group("text")))
    return {field: "\n".join(lines_) for field, lines_ in texts.items()}


def play_recording(arg) -> dict:
    """``play(recordingname)`` -> the Graph fields its edits set."""
    path = recording_path(arg)
    with open(path, encoding="utf-8", errors="replace") as handle:
        return played_fields(handle.read().splitlines(), path)
