"""Graph commands: ``twoway``, ``scatter``, ``line`` and ``graph``'s subcommands
(``graph twoway|box|hbox|bar|hbar|dot|combine|save|use|display|drop|dir|rename|copy|
describe|export|close``).

A drawn graph is kept in ``session.graphs`` (the current graph is the last one);
``name(gname)`` names it and refuses to overwrite another graph of that name
without ``replace`` (``Graph``, the default name, is always replaced).  Nothing is
written unless ``graph export``/``graph save``/``saving()`` asks, or
``session.graph_dir`` is set (``mlm --graphs DIR``): then every graph drawn is also
saved as ``DIR/Graph<k>.png``.

``keep_graph(session, graph, replace=True)`` is what every graph command (and
``marginsplot``) calls with the ``Graph`` it built.
"""
from __future__ import annotations

import copy

import numpy as np

from mlmcli.ast import Command, InRange
from mlmcli.errors import StataError
from mlmcli.commands.graphs.current import finish, keep_graph  # noqa: F401 (keep_graph: for callers)
from mlmcli.graphs.spec import Graph
from mlmcli.graphs.syntax import TwowayCall, parse_twoway
from mlmcli.syntax.abbreviation import NameTable


# ---------------------------------------------------------------- drawing
def mark_function(session):
    """Stata's marksample for one plot: if/in and no missing value in the plot's variables."""
    from mlmcli.sample import mark_sample

    def mark(if_exp: str | None, in_range: InRange | None, varnames: list[str]) -> np.ndarray:
        cmd = Command(name="twoway", if_exp=if_exp, in_range=in_range)
        return np.asarray(mark_sample(session, cmd, varnames), dtype=bool)

    return mark


_mark = mark_function  # the name other command modules used


def session_on(session, data):
    """A copy of ``session`` whose data are ``data``, with no by() prefix: what a graph command
    draws (or evaluates a function) on when it has put its computed variables in place of or
    beside the data in memory, which stay as they are."""
    scratch = copy.copy(session)
    scratch.data = data
    scratch.by_vars = ()
    return scratch


def evaluator(session):
    """``evaluate(expression, x_values, x_name)`` for ``twoway function``: the expression over
    a one-variable dataset holding the x values; scalars, e() and r() stay visible."""
    from mlmcli.dataset import Dataset
    from mlmcli.expr import evaluate

    def run(expression: str, xs: np.ndarray, xname: str) -> np.ndarray:
        import pandas as pd

        scratch = session_on(session, Dataset(df=pd.DataFrame({xname: np.asarray(xs, dtype=float)}),
                                              types={xname: "double"}))
        value = evaluate(scratch, expression)
        if value.dtype == object:
            raise StataError("type mismatch", 109)
        return np.asarray(value, dtype=float)

    return run


def weigh_function(session):
    """``weigh(weight, mask, allowed)`` for twoway plots that take weights (Stata's rules)."""
    def weigh(weight, mask, allowed):
        from mlmcli.commands.data.common import weights

        return weights(session, Command(name="twoway", weight=weight), mask, allowed, default=allowed[0])

    return weigh


def _no_by_prefix(cmd: Command, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


def new_builder(session):
    """A TwowayBuilder over the session's data: marksample, expressions, weights, the seed
    (``jitter()``) and the scheme of ``set scheme``."""
    from mlmcli.graphs.build import TwowayBuilder

    from mlmcli.commands.graphs.fit_jackknife_hooks import graph_hooks

    builder = TwowayBuilder(session.data, mark_function(session), evaluator(session),
                            seed=int(getattr(session, "seed", 123456789)) % (2 ** 32),
                            weigh=weigh_function(session),
                            scheme=getattr(session, "graph_scheme", "s2color"))
    from mlmcli.commands.graphs.fit_jackknife_hooks import GraphStream

    builder.random_stream = GraphStream(session)  # the fits' bootstraps draw from the session's stream
    builder.jackknife_hooks = graph_hooks(session, builder.random_stream)  # estopts(vce(jackknife, keep n() reject() ...))
    builder.matrices = session.matrices
    from mlmcli.expr.dates import literal_value

    builder.date_value = literal_value  # tsline's tlabel(01jan2001 ...): the date literals' numbers
    return builder


def build_twoway(session, call: TwowayCall, command: str = "", *, defaults: dict | None = None):
    """(Graph, the builder): the graph of a parsed twoway call; notes printed."""
    builder = new_builder(session)
    graph = builder.build(call, command=command, defaults=defaults)
    for message in builder.messages:
        session.print(message)
    for note in builder.notes:
        session.print(note)
    return graph, builder


def draw_twoway(session, text: str, command: str = "", *, defaults: dict | None = None) -> Graph:
    """Build the graph of ``twoway`` text and make it the current graph."""
    call = parse_twoway(text)
    graph, builder = build_twoway(session, call, command, defaults=defaults)
    finish(session, graph, builder.graph_options)
    return graph


def cmd_twoway(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "twoway")
    draw_twoway(session, cmd.args, cmd.text)


def cmd_scatter(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "scatter")
    draw_twoway(session, "scatter " + cmd.args, cmd.text)


def cmd_line(session, cmd: Command) -> None:
    _no_by_prefix(cmd, "line")
    draw_twoway(session, "line " + cmd.args, cmd.text)


def cmd_plot(session, cmd: Command) -> None:
    """``tsline y``, ``tsrline lo hi``: tsline.ado and tsrline.ado run ``graph twoway tsline `0'``
    (the other plot types are not commands: ``connected y x`` is r(199), commands/__init__)."""
    _no_by_prefix(cmd, cmd.name)
    draw_twoway(session, cmd.name + " " + cmd.args, cmd.text)


# ---------------------------------------------------------------- graph ...
def _subcommand(args: str) -> tuple[str, str]:
    text = args.strip()
    word = text.split(None, 1)[0] if text else ""
    word = word.split(",", 1)[0]
    return word, text[len(word):]


def _graph_twoway(session, rest: str, cmd: Command) -> None:
    draw_twoway(session, rest, cmd.text)


_M = "mlmcli.commands.graphs.manage:"
_C = "mlmcli.commands.graphs.categorical:"

# name, minimal abbreviation (None: the whole name), handler: graph.ado's table (Stata 12's
# 27jan2009 and Stata 16's 27mar2019 agree on these: rename only in full, export from expor);
# the graph families are _unab_do's words (tw, mat, dot abbreviate; combine, bar ... in full),
# each a <family>graph_g class: there is no scattergraph_g or linegraph_g, so `graph scatter`
# is no family.  graph replay (gr_replay_mult.ado, 21apr2015) is Stata 14's, not Stata 13's; graph close
# (gr_close.ado, 20jan2015, version 14) is too, and accepted: do-files close windows with it
GRAPH_SUBCOMMANDS = NameTable([
    ("twoway", 2, _graph_twoway),
    ("bar", None, _C + "graph_bar"),
    ("hbar", None, _C + "graph_hbar"),
    ("dot", None, _C + "graph_dot"),
    ("box", None, _C + "graph_box"),
    ("hbox", None, _C + "graph_hbox"),
    ("combine", None, _M + "graph_combine"),
    ("export", 5, "mlmcli.commands.graphs.export:graph_export_cmd"),
    ("save", 4, _M + "graph_save"),
    ("use", None, _M + "graph_use"),
    ("display", 2, _M + "graph_display"),
    ("drop", 4, _M + "graph_drop_cmd"),
    ("close", None, _M + "graph_close"),
    ("dir", 3, _M + "graph_dir"),
    ("rename", None, _M + "graph_rename"),
    ("copy", None, _M + "graph_copy"),
    ("describe", 1, _M + "graph_describe"),
    ("play", None, _M + "graph_play"),
    ("query", 1, _M + "graph_query"),
    ("pie", None, "mlmcli.commands.graphs.pie:graph_pie"),
    ("matrix", 3, "mlmcli.commands.graphs.matrix:graph_matrix"),
    ("print", None, "mlmcli.commands.graphs.print_graph:graph_print"),
    ("set", None, _M + "graph_set"),
], unknown=lambda word: StataError(f"\n{word} is not a valid graph subcommand", 198),
   not_implemented=lambda name: StataError(f"graph {name} is not supported by mlmcli", 199))


# graph.ado's families: past its table of subcommands, where a word with nothing after it is
# "graph specification required"
_GRAPH_FAMILIES = frozenset({"twoway", "bar", "hbar", "dot", "box", "hbox", "combine", "pie", "matrix"})


def _graph_alias(word: str) -> str:
    """The subcommand graph.ado reads ``word`` as where the table's name differs: ``2`` is
    twoway, ``draw`` (4 letters at least) is display, ``dotchart`` (``dot``...) is dot."""
    from mlmcli.syntax.abbreviation import abbreviates

    if word == "2":
        return "twoway"
    if abbreviates(word, "draw", 4):
        return "display"
    if abbreviates(word, "dotchart", 3):
        return "dot"
    return word


def cmd_graph(session, cmd: Command) -> None:
    """``graph <subcommand> ...``.  As graph.ado: ``graph using`` is an old Stata 7 form; a graph
    family (``graph bar``) or a word naming no subcommand is ``graph specification required``
    alone, and the word is ``<word> is not a valid graph subcommand`` with more text (r(198))."""
    from mlmcli.syntax.abbreviation import abbreviates, resolve_abbreviation

    _no_by_prefix(cmd, "graph")
    word, rest = _subcommand(cmd.args)
    if not word:
        raise StataError("invalid syntax", 198)
    word = _graph_alias(word)
    if abbreviates(word, "using", 3):
        raise StataError("graph using is no longer supported; type graph use.  If you are trying to use an old "
                         "format Stata 7 graph, type graph7 using.", 198)
    entry = resolve_abbreviation(word, GRAPH_SUBCOMMANDS.entries)
    if (entry is None or entry.name in _GRAPH_FAMILIES) and not rest.strip():
        raise StataError("graph specification required", 198)
    GRAPH_SUBCOMMANDS.handler(word)(session, rest, cmd)


# kept for callers of the first version
def graph_export(session, rest: str) -> None:
    from mlmcli.commands.graphs.export import graph_export as export

    export(session, rest)


def graph_drop(session, rest: str) -> None:
    from mlmcli.commands.graphs.manage import graph_drop as drop

    drop(session, rest)
