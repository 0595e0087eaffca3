"""Graph commands: ``twoway``, ``scatter``, ``line``, ``graph twoway|export|display|drop|dir``
(``estat caterpillar``: ``caterpillar.py``).

A drawn graph is kept in ``session.graphs`` (the current graph is the last
one; a ``name()`` replaces the graph of that name).  Nothing is written unless
``graph export`` asks, or ``session.graph_dir`` is set (``mlm --graphs DIR``):
then every graph drawn is also saved as ``DIR/Graph<k>.png``.
"""
from __future__ import annotations

import os
from dataclasses import replace

import numpy as np

from mlmcli.ast import Command, InRange
from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph
from mlmcli.graphs.syntax import parse_twoway
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options


# ---------------------------------------------------------------- drawing
def _mark(session):
    """Stata's marksample for one plot: if/in and no missing value in the plot's variables."""
    from mlmcli.sample import mark_sample

    def mark(if_exp: str | None, in_range: InRange | None, varnames: list[str]) -> np.ndarray:
        cmd = Command(name="twoway", if_exp=if_exp, in_range=in_range)
        return np.asarray(mark_sample(session, cmd, varnames), dtype=bool)

    return mark


def _no_by_prefix(cmd: Command, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


def draw_twoway(session, text: str, command: str = "") -> Graph:
    """Build the graph of ``twoway`` text and make it the current graph."""
    from mlmcli.graphs.build import TwowayBuilder

    call = parse_twoway(text)
    builder = TwowayBuilder(session.data, _mark(session))
    graph = builder.build(call, command=command)
    for note in builder.notes:
        session.print(note)
    keep_graph(session, graph)
    return graph


def keep_graph(session, graph: Graph) -> None:
    """Make ``graph`` current (replacing one of the same name); with ``--graphs DIR``, save it."""
    session.graphs[:] = [g for g in session.graphs if getattr(g, "name", None) != graph.name]
    session.graphs.append(graph)
    session.graphs_drawn += 1
    if session.graph_dir:
        from mlmcli.graphs.draw import export

        try:
            os.makedirs(session.graph_dir, exist_ok=True)
        except OSError:
            raise StataError(f"could not create directory {session.graph_dir}", 693) from None
        export(graph, os.path.join(session.graph_dir, f"Graph{session.graphs_drawn}.png"))


def cmd_twoway(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "twoway")
    draw_twoway(session, cmd.args, cmd.text)


def cmd_scatter(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "scatter")
    draw_twoway(session, "scatter " + cmd.args, cmd.text)


def cmd_line(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "line")
    draw_twoway(session, "line " + cmd.args, cmd.text)


# ---------------------------------------------------------------- graph ...
def _subcommand(args: str) -> tuple[str, str]:
    text = args.strip()
    word = text.split(None, 1)[0] if text else ""
    word = word.split(",", 1)[0]
    return word, text[len(word):]


# graph's subcommands: handler(session, text after the subcommand word, the command)
def _graph_twoway(session, rest: str, cmd: Command) -> None:
    draw_twoway(session, rest, cmd.text)


def _graph_plot(session, rest: str, cmd: Command) -> None:
    """``graph scatter ...`` / ``graph line ...``: the plot word starts the twoway text."""
    draw_twoway(session, cmd.args, cmd.text)


def _graph_export(session, rest: str, cmd: Command) -> None:
    graph_export(session, rest)


def _graph_display(session, rest: str, cmd: Command) -> None:
    _find_graph(session, _names(rest)[0] if _names(rest) else None)


def _graph_drop(session, rest: str, cmd: Command) -> None:
    graph_drop(session, rest)


def _graph_dir(session, rest: str, cmd: Command) -> None:
    names = [g.name for g in session.graphs]
    if names:
        session.print("  " + "  ".join(names))


def _graph_close(session, rest: str, cmd: Command) -> None:
    return  # no windows to close


GRAPH_SUBCOMMANDS = NameTable([  # name, minimal abbreviation, handler
    ("twoway", 2, _graph_twoway),
    ("scatter", 2, _graph_plot),
    ("line", None, _graph_plot),
    ("export", 6, _graph_export),
    ("display", 2, _graph_display),
    ("drop", 4, _graph_drop),
    ("dir", 3, _graph_dir),
    ("close", 5, _graph_close),
], unknown=lambda word: StataError(f"graph {word} is not supported by mlmcli", 199),
   not_implemented=lambda name: StataError(f"graph {name} is not supported by mlmcli", 199))


def cmd_graph(session, cmd: Command) -> None:
    """``graph twoway ...``, ``graph export``, ``graph display``, ``graph drop``, ``graph dir``."""
    _no_by_prefix(cmd, "graph")
    word, rest = _subcommand(cmd.args)
    if not word:
        raise StataError("invalid syntax", 198)
    GRAPH_SUBCOMMANDS.handler(word)(session, rest, cmd)


def _names(text: str) -> list[str]:
    return split_options(text)[0].split()


def _find_graph(session, name: str | None) -> Graph:
    if not session.graphs:
        raise StataError("no graphs in memory" if name is None else f"graph {name} not found", 111)
    if name is None:
        return session.graphs[-1]
    for graph in session.graphs:
        if graph.name == name:
            return graph
    raise StataError(f"graph {name} not found", 111)


def graph_drop(session, rest: str) -> None:
    names = _names(rest)
    if not names:
        raise StataError("invalid syntax", 198)
    if names == ["_all"]:
        session.graphs.clear()
        return
    for name in names:
        _find_graph(session, name)
    session.graphs[:] = [g for g in session.graphs if g.name not in names]


EXPORT_OPTIONS = [
    OptionSpec("replace", 7), OptionSpec("as", 2, True), OptionSpec("name", 4, True),
    OptionSpec("width", 5, True), OptionSpec("height", 6, True),
]


def _pixels(opts: dict, what: str) -> int | None:
    pixels = integer_option(opts, what, None)
    if pixels is not None and not 8 <= pixels <= 16000:
        raise StataError(f"{what}() out of range", 198)
    return pixels


def graph_export(session, rest: str) -> None:
    """``graph export filename [, replace as(fmt) name(gname) width(#) height(#)]``."""
    from mlmcli.graphs.draw import FORMATS, export

    body, options, _ = split_options(rest)
    opts = resolve_options(options, EXPORT_OPTIONS)
    filename = body.strip()
    if filename.startswith('"') and filename.endswith('"') and len(filename) >= 2:
        filename = filename[1:-1]
    if not filename or (len(body.split()) > 1 and not body.strip().startswith('"')):
        raise StataError("invalid syntax", 198)
    fmt = opts["as"].strip().lower() if isinstance(opts.get("as"), str) else None
    suffix = os.path.splitext(filename)[1].lstrip(".").lower()
    if fmt is None and not suffix:
        raise StataError("could not determine the format; specify a file suffix or option as()", 198)
    fmt = fmt or suffix
    if fmt not in FORMATS:
        raise StataError(f"export format {fmt} not supported (png, svg, pdf, eps, ps)", 198)
    graph = _find_graph(session, opts["name"].strip() if isinstance(opts.get("name"), str) else None)
    if os.path.exists(filename) and not opts.get("replace"):
        raise StataError(f"file {filename} already exists", 602)
    written = export(graph, filename, fmt, _pixels(opts, "width"), _pixels(opts, "height"))
    session.print(f"(file {filename} written in {written} format)")
