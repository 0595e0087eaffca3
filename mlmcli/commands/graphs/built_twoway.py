"""The last step of a graph command that builds its twoway from ready plots (as an ado-file's
``graph twoway`` line): build on the scratch session, print the builder's notes, keep the graph."""
from __future__ import annotations


def draw_twoway(session, scratch, cmd, plots, graph_options) -> None:
    """``twoway plots, graph_options`` drawn on ``scratch`` (the data with the command's columns)."""
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import TwowayCall

    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_options)), cmd.text)
    for line in builder.notes:
        session.print(line)
    finish(session, graph, builder.graph_options)
