"""``play(recordingname)`` ([G-3] play_option, [G-2] graph play) and ``gr_edit``: the edits of
a Graph Editor recording (``recordingname.grec``, a text file the Graph Editor's recorder writes)
made on a drawn graph.

A recording is a header (``StataFileTM:...``, a line of numbers, ``*!`` lines up to ``*! end``),
comment lines (``// ...``) and one edit per line on the graph's objects, for example

    .title.text = {}
    .title.text.Arrpush `"My title"'
    .style.editstyle boxstyle(shadestyle(color(white))) editcopy
    .plotregion1.plot1.style.editstyle marker(fillcolor(gs8)) editcopy
    .yaxis1.reset_rule 0 6 2 , tickset(major) ruletype(range)
    .legend.draw_view.setstyle, style(no)

Each edit is read as (object, action, argument) and made through the typed option that draws
the same thing (``recorded_edits``: ``.style.editstyle boxstyle(shadestyle(color(white)))`` is
``graphregion(fcolor(white))``, ``.plotregion1.plot2.style.editstyle line(width(thick))`` is the
second plot's ``lwidth(thick)``), in order, so a later edit wins.  The edits mlm cannot make
(positions -- ``DragBy``, ``xoffset``; objects the graph does not have; style
members mlm does not draw) are skipped and named in a note: Stata's Graph Editor records
every change, and a do-file replaying one should not stop for a cosmetic one mlm lacks.  A
recording that does not exist is Stata's ``file name.grec not found`` r(601).
"""
from __future__ import annotations

import re

from mlmcli.graphs.graph_options import recording_path
from mlmcli.graphs.spec import Graph

_PATH = re.compile(r"\s*\.?(?P<path>[A-Za-z_]\w*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*)(?P<rest>.*)$")


def edit_lines(lines: list[str]) -> list[str]:
    """The edits of a recording: its header (``StataFileTM:`` up to ``*! end``), blank lines
    and comments (``//``, ``*``) left out."""
    out = []
    in_header = bool(lines) and lines[0].startswith("StataFileTM:")
    for raw in lines:
        line = raw.strip()
        if in_header:
            in_header = line != "*! end"
            continue
        if line and not line.startswith("//") and not line.startswith("*"):
            out.append(line)
    return out


def read_edit(line: str) -> tuple[tuple[str, ...], str, str] | None:
    """``.a.b[2].style.editstyle arg editcopy`` -> (("a", "b[2]"), "editstyle", "arg"); the
    actions: ``clear`` (``.text = {}``), ``push`` (``.text.Arrpush text``), ``editstyle``,
    ``draw`` (``.draw_view.setstyle, style(no)``), ``rule`` (``.reset_rule ...``), ``Edit``
    (``.Edit , style(...)``).  None: a form mlm does not read (``DragBy``, ``xoffset = ``...)."""
    found = _PATH.match(line)
    if not found:
        return None
    parts = tuple(found.group("path").split("."))
    rest = found.group("rest").strip()
    if parts[-2:] == ("text", "Arrpush"):
        return parts[:-2], "push", rest
    if parts[-1:] == ("text",) and re.fullmatch(r"=\s*\{\s*\}", rest):
        return parts[:-1], "clear", ""
    if parts[-2:] == ("style", "editstyle"):
        return parts[:-2], "editstyle", re.sub(r"\beditcopy\s*$", "", rest).strip()
    if parts[-2:] == ("draw_view", "setstyle"):
        word = re.fullmatch(r",?\s*style\(\s*(yes|no)\s*\)", rest)
        return (parts[:-2], "draw", word.group(1)) if word else None
    if parts[-1:] == ("reset_rule",):
        return parts[:-1], "rule", rest
    if parts[-1:] == ("Edit",):
        return parts[:-1], "Edit", rest
    if parts[-1] in ("AddTextBox", "edit_tick", "SetAspectRatio"):
        return parts[:-1], parts[-1], rest
    if rest.startswith("="):  # a member set: added_text_new = 1, major.label_format = %9.2f
        return parts, "set", rest[1:].strip()
    return None


def play_edits(graph: Graph, lines: list[str], source: str) -> tuple[Graph, list[str]]:
    """``graph`` with the edits of ``lines`` made in order, and the notes to print (the edits
    skipped, named).  ``source``: ``gr_edit`` or the recording's file."""
    from mlmcli.graphs.recorded_edits import make_edit

    notes: list[str] = []
    skipped: list[str] = []
    for line in edit_lines(lines):
        edit = read_edit(line)
        changed = make_edit(graph, edit, notes) if edit is not None else None
        if changed is None:
            skipped.append(line)
        else:
            graph = changed
    if skipped:
        what = "gr_edit:" if source == "gr_edit" else f"play(): {source}:"
        shown = "; ".join(skipped[:5]) + ("; ..." if len(skipped) > 5 else "")
        notes.append(f"(note: {what} {len(skipped)} Graph Editor edit{'s' if len(skipped) > 1 else ''} "
                     f"not made by mlmcli (no such object, or a position or look it does not "
                     f"draw): {shown})")
    return graph, notes


def play_recording(graph: Graph, arg) -> tuple[Graph, list[str]]:
    """``play(recordingname)`` on ``graph`` -> (the edited graph, notes)."""
    path = recording_path(arg)
    with open(path, encoding="utf-8", errors="replace") as handle:
        return play_edits(graph, handle.read().splitlines(), path)
