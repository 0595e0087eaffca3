"""The graphs in memory: ``keep_graph`` (what every graph command, and ``marginsplot``,
calls with the ``Graph`` it built), ``finish`` (``name()`` and ``saving()``) and
``save_graph`` (``graph save`` and ``saving()``)."""
from __future__ import annotations

import os

from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph


def finish(session, graph: Graph, options: dict) -> None:
    """Make ``play()``'s edits (they are made on the drawn graph, so they win over the typed
    options), keep the graph under its ``name()`` and write ``saving()``."""
    from mlmcli.graphs import graph_options as gopt

    if gopt.last(options, "play") is not None:
        graph = played(session, graph, gopt.last(options, "play"))
    if isinstance(gopt.last(options, "by"), str):
        graph = _by_scaled(graph, gopt.last(options, "by"))
    _, replace = gopt.graph_name(gopt.last(options, "name"))
    keep_graph(session, graph, replace=replace)
    target = gopt.saving_target(gopt.last(options, "saving"))
    if target is not None:
        save_graph(session, graph, target[0], target[1])


def _by_scaled(graph: Graph, by_arg: str) -> Graph:
    """``by(v, scale(#|*#))``: bygraph_g.class's parse_make reads ``SCALE(string)`` (no manual
    page lists it) and runs graph_g's ``set_scale`` on the whole by-graph -- its gmetric_mult,
    by which everything in it is sized, the panels (over their own ``scale()``) and the overall
    titles alike."""
    from dataclasses import replace

    from mlmcli.graphs import graph_options as gopt
    from mlmcli.syntax.options import split_options

    _, subs, _ = split_options(by_arg)
    typed = [o for o in subs if o.name == "scale"]
    if not typed:
        return graph
    value = gopt.scale_value(typed[-1].arg, "scale")
    return replace(graph, scale=graph.scale * value)


def played(session, graph: Graph, recording) -> Graph:
    """``graph`` with the edits of the Graph Editor recording ``recording`` made; the notes
    naming the edits mlm does not make printed."""
    from mlmcli.graphs.recordings import play_recording

    graph, notes = play_recording(graph, recording)
    for note in notes:
        session.print(note)
    return graph


def find_graph(session, name: str | None) -> Graph:
    """The graph in memory called ``name`` (None: the current one); r(111) when there is none."""
    if not session.graphs:
        raise StataError("no graphs in memory" if name is None else f"graph {name} not found", 111)
    if name is None:
        return session.graphs[-1]
    for graph in session.graphs:
        if graph.name == name:
            return graph
    raise StataError(f"graph {name} not found", 111)


def keep_graph(session, graph: Graph, replace: bool = True) -> None:
    """Make ``graph`` current (replacing one of the same name only with ``replace``, or when
    it is ``Graph``); with ``--graphs DIR``, save it (unless it was made with ``nodraw``)."""
    existing = [g for g in session.graphs if getattr(g, "name", None) == graph.name]
    if existing and not replace and graph.name != "Graph":
        raise StataError(f"graph {graph.name} already exists", 110)
    session.graphs[:] = [g for g in session.graphs if getattr(g, "name", None) != graph.name]
    session.graphs.append(graph)
    if not getattr(graph, "draw", True):  # nodraw: kept in memory, not drawn
        return
    session.graphs_drawn += 1
    if session.graph_dir:
        from mlmcli.graphs.export import export

        try:
            os.makedirs(session.graph_dir, exist_ok=True)
        except OSError:
            raise StataError(f"could not create directory {session.graph_dir}", 693) from None
        export(graph, os.path.join(session.graph_dir, f"Graph{session.graphs_drawn}.png"))


def with_gph_suffix(filename: str, suffix: str = ".gph") -> str:
    """``filename`` with ``.gph`` added when it has no suffix (Stata's rule for graph files)."""
    return filename if os.path.splitext(filename)[1] else filename + suffix


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1]
    if text.startswith('`"') and text.endswith("\"'"):
        return text[2:-2]
    return text


def save_graph(session, graph: Graph, filename: str, replace_file: bool) -> None:
    """Write ``graph`` as an mlmcli graph file (``.gph`` added when there is no suffix)."""
    from mlmcli.graphs import storage

    path = with_gph_suffix(unquote(filename))
    if os.path.exists(path) and not replace_file:
        raise StataError(f"file {path} already exists", 602)
    storage.save(graph, path)
    session.print(f"(file {path} saved)")


def body_words(body: str) -> list[str]:
    """Names and (quoted) file names of a subcommand's body."""
    from mlmcli.graphs.syntax import items

    return [word for _, word in items(body)]


def output_defaults(session, kind: str) -> dict:
    """The options ``graph set kind`` set (``print``, ``eps``, ``ps``): the session's defaults."""
    return session.settings.get(f"graph {kind}", {})
