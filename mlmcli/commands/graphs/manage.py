"""Graphs in memory and on disk: ``graph save``, ``graph use``, ``graph
display``, ``graph drop``, ``graph dir``, ``graph rename``, ``graph copy``, ``graph
describe``, ``graph close``, ``graph query`` and ``graph combine`` (``graph export``:
``commands.graphs.export``).

Saved graphs are mlmcli's JSON spec files (``mlmcli.graphs.storage``), ``.gph`` by
default, so ``graph use`` redraws exactly what was saved.
"""
from __future__ import annotations

import os
from dataclasses import replace

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import body_words, find_graph, keep_graph, played, save_graph, with_gph_suffix
from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


# ---------------------------------------------------------------- save / use
def graph_save(session, rest: str, cmd: Command) -> None:
    """``graph save [graphname] filename [, replace asis]``."""
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("replace", None), OptionSpec("asis", None)])
    words = body_words(body)
    if len(words) == 1:
        graph, filename = find_graph(session, None), words[0]
    elif len(words) == 2:
        graph, filename = find_graph(session, words[0]), words[1]
    else:
        raise StataError("invalid syntax", 198)
    save_graph(session, graph, filename, bool(opts.get("replace")))


USE_OPTIONS = [OptionSpec("name", None, True), OptionSpec("nodraw", None),
               OptionSpec("scheme", 3, True), OptionSpec("xsize", None, True),
               OptionSpec("ysize", None, True), OptionSpec("play", None, True)]


def graph_use(session, rest: str, cmd: Command) -> None:
    """``graph use filename [, name(name[, replace]) nodraw scheme() xsize() ysize()]``."""
    from mlmcli.graphs import storage
    from mlmcli.graphs import graph_options
    from mlmcli.graphs.graph_options import graph_name

    body, options, _ = split_options(rest)
    opts = resolve_options(options, USE_OPTIONS)
    words = body_words(body)
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    if "play" in opts:
        graph_options.recording_path(opts["play"])
    graph = storage.load(with_gph_suffix(words[0]))
    if "play" in opts:
        graph = played(session, graph, opts["play"])
    name, replace_it = graph_name(opts.get("name"))
    graph = _restyle(session, replace(graph, name=name, draw=not opts.get("nodraw")), opts)
    keep_graph(session, graph, replace=replace_it)


def _restyle(session, graph: Graph, opts: dict) -> Graph:
    """``scheme()``, ``xsize()``, ``ysize()`` of ``graph use``/``graph display`` (and its
    ``margins()``: room around the graph)."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs import look_options as look
    from mlmcli.graphs import style

    notes: list[str] = []
    if isinstance(opts.get("margins"), str):
        graph = replace(graph, graph_margin=look.in_points(look.margin_value(opts["margins"], "margins", notes)))
    if isinstance(opts.get("scheme"), str):
        graph = replace(graph, scheme=gopt.scheme_name(opts["scheme"], notes))
    if isinstance(opts.get("xsize"), str) or isinstance(opts.get("ysize"), str):
        w, h = graph.size or (style.WIDTH_IN, style.HEIGHT_IN)
        if isinstance(opts.get("xsize"), str):
            w = gopt.graph_size_inches(opts["xsize"], "xsize")
        if isinstance(opts.get("ysize"), str):
            h = gopt.graph_size_inches(opts["ysize"], "ysize")
        if not (0 < w <= 100 and 0 < h <= 100):
            raise StataError("xsize() and ysize() must be between 0 and 100 inches", 198)
        graph = replace(graph, size=(w, h))
    for note in notes:
        session.print(note)
    return graph


# ---------------------------------------------------------------- in memory
DISPLAY_OPTIONS = [OptionSpec("scheme", 3, True), OptionSpec("xsize", None, True),
                   OptionSpec("ysize", None, True), OptionSpec("margins", 3, True),
                   OptionSpec("scale", None, True)]


def graph_display(session, rest: str, cmd: Command) -> None:
    """``graph display [name] [, scheme() xsize() ysize() margins() scale()]``: makes the graph
    current (redrawn by the next ``graph export``, or saved under ``--graphs``); ``scale(#)``
    resizes its text, markers and line widths ([G-3] scale_option), as drawn with ``scale()``."""
    from mlmcli.graphs import graph_options as gopt

    body, options, _ = split_options(rest)
    opts = resolve_options(options, DISPLAY_OPTIONS)
    words = body_words(body)
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    graph = find_graph(session, words[0] if words else None)
    if isinstance(opts.get("scale"), str):
        graph = replace(graph, **gopt.common_fields({"scale": [opts["scale"]]}, []))
    keep_graph(session, replace(_restyle(session, graph, opts), draw=True), replace=True)


def graph_drop(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    names = body_words(body)
    if not names:
        raise StataError("invalid syntax", 198)
    if names == ["_all"]:
        session.graphs.clear()
        return
    for name in names:
        find_graph(session, name)
    session.graphs[:] = [g for g in session.graphs if g.name not in names]


def graph_drop_cmd(session, rest: str, cmd: Command) -> None:
    graph_drop(session, rest)


def graph_close(session, rest: str, cmd: Command) -> None:
    """``graph close [name ... | _all]`` (Stata 14's gr_close.ado): closes Graph windows.  mlm
    draws into no window, so nothing is closed and the graphs stay in memory (Stata's closing
    of a window does not drop its graph either: ``graph drop`` does); names may hold ``*``
    and ``?`` as Stata's, and no name closes every window as ``_all``."""
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    body_words(body)


def graph_dir(session, rest: str, cmd: Command) -> None:
    """``graph dir [pattern] [, memory gph detail]``: the graphs in memory and the ``.gph``
    files in the current folder (``detail``: with the command each was drawn by)."""
    import fnmatch

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("memory", 3), OptionSpec("gph", None),
                                     OptionSpec("detail", 3)])
    pattern = (body_words(body) or ["*"])[0]
    names: list[str] = []
    commands: list[str] = []
    if not opts.get("gph") or opts.get("memory"):
        found = [g for g in session.graphs if fnmatch.fnmatchcase(g.name, pattern)]
        names += [g.name for g in found]
        commands += [g.command for g in found]
    if not opts.get("memory") or opts.get("gph"):
        try:
            files = sorted(f for f in os.listdir(".") if f.endswith(".gph"))
        except OSError:
            files = []
        found_files = [f for f in files if fnmatch.fnmatchcase(f[:-4], pattern) or fnmatch.fnmatchcase(f, pattern)]
        names += found_files
        commands += [_file_command(f) for f in found_files]
    if not names:
        return
    if opts.get("detail"):  # one line each: the name and the command that drew it
        width = max(len(n) for n in names)
        for name, command in zip(names, commands):
            session.print(f"  {name:<{width}}  {command}".rstrip())
        return
    session.print("  " + "  ".join(names))


def _file_command(path: str) -> str:
    from mlmcli.graphs import storage

    try:
        return storage.load(path).command
    except StataError:
        return "(not an mlmcli graph)"


def graph_rename(session, rest: str, cmd: Command) -> None:
    """``graph rename [oldname] newname [, replace]``."""
    _rename_or_copy(session, rest, keep_old=False)


def graph_copy(session, rest: str, cmd: Command) -> None:
    """``graph copy [oldname] newname [, replace]``."""
    _rename_or_copy(session, rest, keep_old=True)


def _rename_or_copy(session, rest: str, keep_old: bool) -> None:
    from mlmcli.graphs.graph_options import graph_name

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("replace", None)])
    words = body_words(body)
    if len(words) == 1:
        old, new = None, words[0]
    elif len(words) == 2:
        old, new = words
    else:
        raise StataError("invalid syntax", 198)
    graph = find_graph(session, old)
    new, _ = graph_name(new)
    if any(g.name == new for g in session.graphs) and not opts.get("replace"):
        raise StataError(f"graph {new} already exists", 110)
    if not keep_old:
        session.graphs[:] = [g for g in session.graphs if g is not graph]
    session.graphs[:] = [g for g in session.graphs if g.name != new]
    session.graphs.append(replace(graph, name=new))


def graph_describe(session, rest: str, cmd: Command) -> None:
    """``graph describe [name|filename]``."""
    from mlmcli.graphs import storage
    from mlmcli.graphs import style
    from mlmcli.graphs.draw import figure_size

    body, options, _ = split_options(rest)
    resolve_options(options, [])
    words = body_words(body)
    where = "stored in memory"
    if not words:
        graph = find_graph(session, None)
    elif any(g.name == words[0] for g in session.graphs):
        graph = find_graph(session, words[0])
    else:
        path = with_gph_suffix(words[0])
        graph = storage.load(path)
        where = f"in file {path}"
    width, height = figure_size(graph)
    session.print("")
    session.print(f"{graph.name} {where}")
    session.print("")
    session.print(f"         name:  {graph.name}")
    session.print("       format:  mlmcli (JSON)")
    session.print(f"       scheme:  {graph.scheme or style.DEFAULT_SCHEME}")
    session.print(f"         size:  {height:g} x {width:g}")
    if graph.command:
        session.print(f"      command:  {graph.command}")


def graph_play(session, rest: str, cmd: Command) -> None:
    """``graph play recordingname``: the recording's edits made on the current graph
    (``mlmcli/graphs/recordings.py``; the edits mlm does not make are named in a note)."""
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    words = body_words(body)
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    graph = find_graph(session, None)
    keep_graph(session, played(session, graph, words[0]), replace=True)


def cmd_gr_edit(session, cmd: Command) -> None:
    """``gr_edit edit``: one Graph Editor edit on the current graph, as the recorder writes them
    into do-files (``gr_edit .title.text.Arrpush My title``); the edits ``play()`` makes."""
    from mlmcli.graphs.recordings import play_edits

    graph, notes = play_edits(find_graph(session, None), [cmd.args.strip()], "gr_edit")
    for note in notes:
        session.print(note)
    keep_graph(session, graph, replace=True)


def graph_set(session, rest: str, cmd: Command) -> None:
    """``graph set [window|print|eps|ps] [setting value]`` (``graph_settings``): the defaults of
    ``graph print``'s and ``graph export``'s options; the Graph window's fonts noted as unused."""
    from mlmcli.commands.graphs.current import body_words
    from mlmcli.commands.graphs.graph_settings import graph_set as set_graph_defaults

    set_graph_defaults(session, body_words(rest))


def graph_query(session, rest: str, cmd: Command) -> None:
    """``graph query, schemes``: the schemes mlmcli draws."""
    from mlmcli.graphs.style import SCHEMES

    body, options, _ = split_options(rest)
    resolve_options(options, [OptionSpec("schemes", 2)])
    session.print("Available schemes are")
    session.print("")
    for name in sorted(SCHEMES):
        if not name.startswith("_grstyle_"):  # grstyle's edited schemes are the session's own
            session.print(f"    {name}")


# ---------------------------------------------------------------- combine
COMBINE_SPECS = [OptionSpec(*row) for row in (
    ("rows", 1, True), ("cols", 1, True), ("colfirst", 4), ("holes", 3, True),
    ("iscale", 2, True), ("altshrink", 3), ("imargin", 2, True), ("ycommon", 2),
    ("xcommon", 2), ("commonscheme", 4), ("name", None, True), ("saving", None, True),
    ("nodraw", None), ("title", 2, True), ("subtitle", 3, True), ("note", None, True),
    ("caption", 3, True), ("scheme", 3, True), ("graphregion", 6, True),
    ("plotregion", 5, True), ("xsize", None, True), ("ysize", None, True),
    ("t1title", 2, True), ("b1title", 2, True), ("l1title", 2, True), ("r1title", 2, True),
    ("t2title", 2, True), ("b2title", 2, True), ("l2title", 2, True), ("r2title", 2, True),
    ("scale", None, True), ("fxsize", None, True), ("fysize", None, True),
    # nocopies: Stata's combined graph then refers to the graphs in memory instead of copies;
    # the picture is the same (mlm's combined graph always holds what was combined)
    ("nocopies", 3),
)]


def graph_combine(session, rest: str, cmd: Command) -> None:
    """``graph combine name1 name2 ... [, rows() cols() colfirst holes() ycommon xcommon
    commonscheme iscale() imargin() title() ... name() saving() nodraw]``: graphs in memory,
    or ``.gph`` files saved by ``graph save``; a graph's own ``fxsize()``/``fysize()`` set
    its share of its cell."""
    keep_combined(session, *combined_graph(session, rest, cmd))


def keep_combined(session, combined: Graph, opts: dict, replace_it: bool) -> None:
    """The combined graph becomes the current graph (and is saved with ``saving()``)."""
    from mlmcli.graphs import graph_options as gopt

    keep_graph(session, combined, replace=replace_it)
    target = gopt.saving_target(opts.get("saving"))
    if target is not None:
        save_graph(session, combined, target[0], target[1])


def combined_graph(session, rest: str, cmd: Command, extra_specs=()) -> tuple[Graph, dict, bool]:
    """(the combined graph, the resolved options, whether ``name(, replace)``); notes printed.
    ``extra_specs``: further options a caller (grc1leg) reads from the same list."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs import look_options as look
    from mlmcli.graphs import storage
    from mlmcli.syntax.numlist import numlist

    body, options, _ = split_options(rest)
    opts = resolve_options(options, COMBINE_SPECS + list(extra_specs))
    from mlmcli.graphs.syntax import items

    words = items(body)
    if not words:
        raise StataError("invalid syntax", 198)
    parts = []
    for quoted, name in words:
        # combinegraph_g.class's ReplayGraphs: a quoted name or one with .gph is a file;
        # any other word names a graph in memory, taken literally (no wildcards)
        if quoted or ".gph" in name:
            if not os.path.isfile(with_gph_suffix(name)):
                raise StataError(f"file {with_gph_suffix(name)} not found", 601)
            parts.append(storage.load(with_gph_suffix(name)))
        elif any(g.name == name for g in session.graphs):
            parts.append(find_graph(session, name))
        else:
            raise StataError(f"{name} is not a memory graph", 198)
    notes: list[str] = []
    typed = {k: [v] for k, v in opts.items()}  # the shared readers take lists of values
    fields: dict = {"scheme": getattr(session, "graph_scheme", "s2color")}
    fields.update(gopt.title_fields(typed, notes))
    sides = gopt.side_titles(typed)
    if sides:
        fields["side_titles"] = tuple(sorted(sides.items()))
    rows = int(gopt.number(opts["rows"], "rows")) if "rows" in opts else 0
    cols = int(gopt.number(opts["cols"], "cols")) if "cols" in opts else 0
    if rows < 0 or cols < 0:
        raise StataError("option rows() or cols() incorrectly specified", 198)
    if "scheme" in opts:
        fields["scheme"] = gopt.scheme_name(opts["scheme"], notes)
    if opts.get("commonscheme"):
        parts = [replace(p, scheme=fields["scheme"]) for p in parts]
    fields.update(gopt.region_fields(typed, notes, graph_base=look.MARGINS["medsmall"]))
    # s2color's ``margin combinegraph medsmall``: the combined graph's own region shows around
    # the graphs in its colour (``graphregion(color())``) unless ``graphregion(margin())`` says
    fields.setdefault("graph_margin", look.in_points(look.margin_value("medsmall", "graphregion")))
    if "xsize" in opts or "ysize" in opts:
        from mlmcli.graphs import style

        fields["size"] = (gopt.number(opts.get("xsize", style.WIDTH_IN), "xsize"),
                          gopt.number(opts.get("ysize", style.HEIGHT_IN), "ysize"))
    for name in ("scale", "iscale", "fxsize", "fysize", "nodraw"):
        if name in opts:
            fields.update(gopt.common_fields({name: [opts[name]]}, notes))
    for name in ("xaxis", "yaxis"):
        fields.pop(name, None)
    if "holes" in opts:
        holes = [int(v) for v in numlist(str(opts["holes"]))]
        if any(h < 1 for h in holes):
            raise StataError("option holes() incorrectly specified", 198)
        fields["holes"] = tuple(sorted(set(holes)))
    if opts.get("colfirst"):
        fields["colfirst"] = True
    if "imargin" in opts:
        fields["gap"] = max(look.in_points(look.margin_value(opts["imargin"], "imargin", notes)))
    name, replace_it = gopt.graph_name(opts.get("name"))
    fields.pop("title_affixes", None)
    combined = Graph(panels=(), parts=tuple(parts), rows=rows, cols=cols,
                     share_x=bool(opts.get("xcommon")), share_y=bool(opts.get("ycommon")),
                     name=name, command=cmd.text, legend="off", alt_shrink=bool(opts.get("altshrink")),
                     **fields)
    for note in notes:
        session.print(note)
    return combined, opts, replace_it
