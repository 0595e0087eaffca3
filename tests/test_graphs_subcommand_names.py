"""The words ``graph`` takes as subcommands, as graph.ado reads them (Stata 12's 1.1.9
27jan2009 and Stata 16's 1.3.4 27mar2019 agree: ``"`do'" == substr("rename", 1, max(6, ldo))``,
``substr("export", 1, max(5, ldo))``): ``rename`` only in full, ``export`` from ``expor``; a word
that is none of them is graph.ado's family path (``... is not a valid graph subcommand`` r(198),
with nothing after it ``graph specification required``).  ``graph replay`` is Stata 14's
(gr_replay_mult.ado 21apr2015; Stata 12's graph.ado has no such word), so Stata 13 reads it as
a family too, as ``graph close`` (gr_close.ado 20jan2015, ``version 14``; Stata 12's graph.ado
has no such word).  Past the table, graph.ado's ``_unab_do`` reads the family word with
``syntax [, DOTchart MATrix TWoway *]``: ``tw``, ``mat`` and ``dot`` abbreviate, any other word
is taken whole and drawn by a ``<word>graph_g`` class -- combinegraph_g, bargraph_g ... exist,
scattergraph_g, linegraph_g, combgraph_g, scgraph_g do not -- so ``graph comb``, ``graph sc``,
``graph scatter`` and ``graph line`` are no subcommands, while ``graph tw sc`` (twoway's own
plottype abbreviation) draws.  A family with nothing after it is ``graph specification
required``.  ``graph7``/``gr7`` are Stata 13's old graph command (graph7.sthlp: "provides
access to the old graph command"), which mlm does not implement."""
from __future__ import annotations

import pytest

from graphs_helpers import make_session, run


@pytest.fixture()
def s():
    session = make_session(n=10)
    assert run(session, "scatter y x")[1] == 0
    return session


@pytest.mark.parametrize("word", ["ren", "rena", "renam"])
def test_rename_is_typed_in_full(s, word):
    out, rc = run(s, f"graph {word} Graph g2", stop_on_error=False)
    assert rc == 198 and f"{word} is not a valid graph subcommand" in out
    out, rc = run(s, "graph rename Graph g2")
    assert rc == 0
    out, _ = run(s, "graph dir")
    assert "g2" in out


@pytest.mark.parametrize("word", ["expor", "export"])
def test_export_from_expor(s, word, tmp_path):
    target = tmp_path / "g.png"
    out, rc = run(s, f'graph {word} "{target}"')
    assert rc == 0 and target.exists()


@pytest.mark.parametrize("word", ["exp", "expo"])
def test_shorter_than_expor_is_no_subcommand(s, word, tmp_path):
    out, rc = run(s, f'graph {word} "{tmp_path / "g.png"}"', stop_on_error=False)
    assert rc == 198 and f"{word} is not a valid graph subcommand" in out
    assert not (tmp_path / "g.png").exists()


def test_replay_is_no_stata_13_subcommand(s):
    out, rc = run(s, "graph replay Graph", stop_on_error=False)
    assert rc == 198 and "replay is not a valid graph subcommand" in out
    out, rc = run(s, "graph replay", stop_on_error=False)
    assert rc == 198 and out.splitlines()[0] == "graph specification required"


@pytest.mark.parametrize("command", ["graph7 y x", "gr7 y x, twoway", "graph7 using old.gph"])
def test_graph7_is_statas_old_graph_command_mlm_lacks(s, command):
    word = command.split()[0]
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 199 and out.splitlines()[0] == f"{word} is a Stata command that mlm does not implement"


def test_graph_using_points_to_graph7(s):
    out, rc = run(s, "graph using old.gph", stop_on_error=False)
    assert rc == 198 and "graph7 using" in out


def test_close_is_stata_14s_no_op(s):
    """graph close (Stata 14's gr_close.ado) is accepted: mlm draws into no window, so it closes
    nothing and the graphs stay in memory (tests/test_heldout_round11.py has its forms)."""
    out, rc = run(s, "graph close Graph", stop_on_error=False)
    assert rc == 0, out
    out, rc = run(s, "graph close", stop_on_error=False)
    assert rc == 0, out


@pytest.mark.parametrize("command", ["graph comb Graph Graph", "graph sc y x", "graph scatter y x",
                                     "graph line y x", "graph tw2 scatter y x"])
def test_words_no_graph_family_takes(s, command):
    word = command.split()[1]
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 198 and f"{word} is not a valid graph subcommand" in out


@pytest.mark.parametrize("command", ["graph combine Graph Graph", "graph tw sc y x", "graph 2 sc y x",
                                     "graph mat y x", "graph dotc y", "graph dot y"])
def test_family_words_graph_ado_takes(s, command):
    out, rc = run(s, command + ", name(fam)")
    assert rc == 0
    assert "fam" in run(s, "graph dir")[0]


@pytest.mark.parametrize("word", ["bar", "hbar", "box", "hbox", "dot", "pie", "matrix", "combine", "tw", "2"])
def test_family_with_nothing_after_it(s, word):
    out, rc = run(s, f"graph {word}", stop_on_error=False)
    assert rc == 198 and out.splitlines()[0] == "graph specification required"


@pytest.mark.parametrize("word, shortest", [("display", "di"), ("describe", "d"), ("query", "q"),
                                            ("dir", "dir"), ("drop", "drop"), ("save", "save"),
                                            ("use", "use"), ("print", "print"), ("set", "set"),
                                            ("copy", "copy"), ("play", "play")])
def test_subcommand_abbreviations_as_graph_ado(word, shortest):
    """graph.ado's ``substr(word, 1, max(n, ldo))``: ``shortest`` and longer prefixes name the
    subcommand, one letter less is a family word (for ``d``, ``describe``'s own minimum, none)."""
    from mlmcli.commands.graphs.twoway import GRAPH_SUBCOMMANDS
    from mlmcli.syntax.abbreviation import resolve_abbreviation

    for typed in (word[:k] for k in range(len(shortest), len(word) + 1)):
        assert resolve_abbreviation(typed, GRAPH_SUBCOMMANDS.entries).name == word
    if len(shortest) > 1:
        shorter = resolve_abbreviation(shortest[:-1], GRAPH_SUBCOMMANDS.entries)
        assert shorter is None or shorter.name != word
