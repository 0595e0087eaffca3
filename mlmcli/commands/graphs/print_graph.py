"""``graph print [, name(windowname) pr_options ps_options]`` ([G-2] graph print).

Stata for Unix prints a graph by writing it as PostScript and handing the file to the print
command (``lpr``); mlm does the same: the graph (the current one, or ``name()``'s) is drawn as
Encapsulated PostScript, placed on a page (``mlmcli/graphs/print_page.py``: ``tmargin()``,
``lmargin()``, ``mag()``, ``orientation()``, ``pagesize()``, ``pagewidth()``, ``pageheight()``)
and sent to ``lpr``, else ``lp``, whichever is on the PATH.  mlm draws no Stata logo, so
``logo(off)`` is what it prints and ``logo(on)`` is refused; ``cmyk(on)`` and the font options are
honoured as ``graph export``'s (``mlmcli/graphs/postscript_look.py``).  Without ``lpr`` or ``lp``, or when
the print command fails, nothing is printed and the command stops with r(691).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from mlmcli.ast import Command
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options, split_options

PRINT_OPTIONS = [OptionSpec(*row) for row in (
    ("name", None, True), ("tmargin", None, True), ("lmargin", None, True), ("logo", None, True),
    ("mag", None, True), ("orientation", None, True), ("pagesize", None, True),
    ("pageheight", None, True), ("pagewidth", None, True), ("cmyk", None, True),
    ("fontface", None, True), ("fontfacesans", None, True), ("fontfaceserif", None, True),
    ("fontfacemono", None, True), ("fontfacesymbol", None, True), ("fontdir", None, True),
)]
PRINT_COMMANDS = ("lpr", "lp")


def _inches(opts: dict, name: str, default: float, low: float = 0.0, high: float = 20.0) -> float:
    if name not in opts:
        return default
    value = real_option(opts, name, default)
    if not low <= value <= high:
        raise StataError(f"{name}() must be between {low:g} and {high:g}", 198)
    return value


def _switch(opts: dict, name: str) -> str | None:
    if name not in opts:
        return None
    word = str(opts[name]).strip().lower()
    if word not in ("on", "off"):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return word


def page_layout(opts: dict):
    """The page of the typed options (``print_page.PageLayout``); r(198) for a bad value."""
    from mlmcli.graphs.print_page import PAGE_SIZES, PageLayout

    if _switch(opts, "logo") == "on":
        raise StataError("option logo(on) not supported by mlmcli: it draws no Stata logo (logo(off) is "
                         "what it prints)", 198)
    _switch(opts, "cmyk")
    size = str(opts.get("pagesize", "letter")).strip().lower()
    if size == "custom":
        page = (_inches(opts, "pagewidth", 8.5, 0.01, 1000), _inches(opts, "pageheight", 11.0, 0.01, 1000))
    elif size in PAGE_SIZES:
        page = PAGE_SIZES[size]
    else:
        raise StataError("option pagesize() incorrectly specified", 198)
    orientation = str(opts.get("orientation", "portrait")).strip().lower()
    if orientation not in ("portrait", "landscape"):
        raise StataError("option orientation() incorrectly specified", 198)
    return PageLayout(tmargin=_inches(opts, "tmargin", 0.0), lmargin=_inches(opts, "lmargin", 0.0),
                      mag=_inches(opts, "mag", 100.0, 0.01, 10000), page=page,
                      landscape=orientation == "landscape")


FACE_TAGS = {"fontfacesans": "stSans", "fontfaceserif": "stSerif", "fontfacemono": "stMono",
             "fontfacesymbol": "stSymbol"}


def postscript_look(opts: dict, notes: list[str]):
    """The ``cmyk()`` and font options of a PostScript file ([G-3] ps_options): ``fontdir()``'s
    fonts made known, ``fontface()``'s font checked; the faces of SMCL's ``{stSans}`` ...
    ``{stSymbol}`` tags are checked and noted as unused: mlm draws such text in matplotlib's serif,
    sans-serif, monospace fonts (graphs/graph_text_draw.py), not in these."""
    from mlmcli.graphs.postscript_look import PostScriptLook, add_font_folder, font_settings

    if "fontdir" in opts:
        add_font_folder(str(opts["fontdir"]))
    for name, tag in FACE_TAGS.items():
        if name in opts:
            font_settings(str(opts[name]), name)
            notes.append(f"(note: {name}() is the font of {{{tag}}} text, which mlm draws in its own "
                         "font of that kind; no text changed)")
    font = font_settings(str(opts["fontface"])) if "fontface" in opts else None
    return PostScriptLook(cmyk=_switch(opts, "cmyk") == "on", font=font)


def graph_print(session, rest: str, cmd: Command) -> None:
    """``graph print``: the graph as a PostScript page, sent to ``lpr`` (else ``lp``)."""
    from mlmcli.commands.graphs.current import find_graph, unquote
    from mlmcli.commands.graphs.current import output_defaults
    from mlmcli.graphs.export import export
    from mlmcli.graphs.print_page import page_postscript

    body, options, _ = split_options(rest)
    if body.strip():
        raise StataError("invalid syntax", 198)
    opts = {**output_defaults(session, "print"), **resolve_options(options, PRINT_OPTIONS)}
    layout = page_layout(opts)
    notes: list[str] = []
    look = postscript_look(opts, notes)
    name = unquote(str(opts["name"])) if "name" in opts else ""
    graph = find_graph(session, name or None)
    command = next((shutil.which(c) for c in PRINT_COMMANDS if shutil.which(c)), None)
    if command is None:
        raise StataError("graph print: no print command (lpr or lp) found; nothing printed (write the "
                         "graph to a file with graph export)", 691)
    folder = tempfile.mkdtemp(prefix="mlm-print-")
    try:
        eps_path = os.path.join(folder, "graph.eps")
        export(graph, eps_path, "eps", postscript=look)
        with open(eps_path, encoding="latin-1") as handle:
            page = page_postscript(handle.read(), layout)
        page_path = os.path.join(folder, "graph.ps")
        with open(page_path, "w", encoding="latin-1") as handle:
            handle.write(page)
        try:
            done = subprocess.run([command, page_path], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StataError(f"graph print: {os.path.basename(command)} failed ({exc})", 691) from None
        if done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()
            raise StataError(f"graph print: {os.path.basename(command)} failed"
                             + (f": {why[0]}" if why else f" (exit status {done.returncode})"), 691)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for note in notes:
        session.print(note)
