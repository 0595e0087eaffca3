"""``loadingplot`` and ``scoreplot`` ([MV] scoreplot) after ``pca`` and ``factor``, drawn as
loadingplot.ado 1.1.2 and scoreplot.ado 1.1.3 (Stata 16 tree) draw them:

- two components/factors (the default) or ``combined``: one ``scatter`` of each pair (i > j: i on
  the y axis, j on the x axis) put together by ``graph combine`` -- the combine options
  (_get_gropts' getcombine list) and title "Component loadings" / "Factor loadings" / "Score
  variables (pca)" with, after ``rotate``, the note "Rotation: <class> <criterion>" / "Method:
  <method>" go to the combined graph, the rest to each scatter;
- more than two, or ``matrix``: ``graph matrix`` of them with that title and note.

loadingplot: the rows of e(L) (e(r_L) after rotate unless ``norotated``) labelled with their
names (``abbrev(, maxlength())``, default 12) placed by _plotpos.ado's rule (labels of points near
an edge of the cloud point inwards) unless ``mlabposition()`` is typed.  scoreplot: the scores
``predict, notable [norotated] [scoreopt()]`` makes (on a copy of the data; the data are not
changed), over the if/in rows.  candisc and discrim lda are not in mlmcli (r(301) as after any
other command).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

_COMMON = [OptionSpec("factors", 3, True), OptionSpec("components", 3, True), OptionSpec("norotated", 5),
           OptionSpec("combined", 7), OptionSpec("matrix", 6)]
LOADING_SPECS = _COMMON + [OptionSpec("maxlength", 3, True), OptionSpec("mlabposition", 4, True),
                           OptionSpec("scheme", 3, True)]
SCORE_SPECS = _COMMON + [OptionSpec("scoreopt", 5, True), OptionSpec("scheme", 3, True)]


def _fit(session, command: str):
    e = session.e
    if e is None or not e.cmd:
        raise StataError("last estimates not found", 301)
    if e.cmd not in ("pca", "factor"):
        raise StataError(f"{command} is allowed only after factor, pca, candisc, and discrim lda", 301)
    return e


def _count(e, opts, noun: str, loadings: bool) -> tuple[int, bool]:
    """(how many components to graph, whether as a matrix): the ados' checks."""
    retained = int(e.scalars.get("f", 0))
    if retained == 1:
        raise StataError(f"only one {noun} retained", 321)
    if retained == 0 and loadings:
        raise StataError(f"no {noun}s retained", 321)
    if opts.get("combined") and opts.get("matrix"):
        raise StataError("options matrix and combined may not be specified together", 198)
    if "factors" in opts and "components" in opts:
        raise StataError("options factors() and components() may not be combined", 198)
    typed_name = "components" if "components" in opts else "factors" if "factors" in opts else None
    count = 2
    if typed_name is not None:
        text = str(opts[typed_name]).strip()
        try:
            count = int(text)
        except ValueError:
            raise StataError(f"{text} found where integer expected", 7) from None
        if not 2 <= count <= retained:
            expected = "value is 2" if retained == 2 else f"between 2 and {retained}"
            raise StataError(f"option {typed_name}() invalid; out of range\nexpected {expected}", 125)
    return count, (count > 2 or bool(opts.get("matrix"))) and not opts.get("combined")


def _rotation_note(e, opts) -> Option | None:
    if opts.get("norotated") or not e.macros.get("r_criterion"):
        return None
    lines = []
    rotation = f"{e.macros.get('r_class', '')} {e.macros.get('r_ctitle', '')}".strip()
    if rotation:
        lines.append(f"Rotation: {rotation}")
    if e.macros.get("mtitle"):
        lines.append(f"Method: {e.macros['mtitle']}")
    return Option("note", " ".join(f'"{line}"' for line in lines)) if lines else None


def label_positions(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """_plotpos.ado 1.0.0: clock positions of marker labels -- 6 (below) unless the point lies in
    the outer tenth of the cloud's x or y range, where the label points inwards."""
    def inner(v):
        lo, hi = np.nanmin(v), np.nanmax(v)
        return lo + 0.10 * (hi - lo), hi - 0.10 * (hi - lo)

    xmin, xmax = inner(x)
    ymin, ymax = inner(y)
    x_in, y_in = (x >= xmin) & (x <= xmax), (y >= ymin) & (y <= ymax)
    pos = np.full(x.size, 6.0)
    for where, value in ((x_in & (y < ymin), 12), (x_in & (y > ymax), 6), (y_in & (x < xmin), 3),
                         (y_in & (x > xmax), 9), ((y < ymin) & (x < xmin), 1), ((y < ymin) & (x > xmax), 11),
                         ((y > ymax) & (x < xmin), 5), ((y > ymax) & (x > xmax), 7)):
        pos[where] = value
    return pos


def _option_text(option: Option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


def _split_combine(rest: list[Option]) -> tuple[list[Option], list[Option]]:
    from mlmcli.commands.graphs.added_variable_plots import COMBINE_OPTION_SPECS

    combine = [o for o in rest if any(s.matches(o.name) for s in COMBINE_OPTION_SPECS)]
    return [o for o in rest if not any(o is c for c in combine)], combine


def _scratch(session, columns, labels: list[str] | None):
    """The data with ``columns`` beside them and, with ``labels``, the string variable __mv_mark."""
    from mlmcli.commands.graphs.ready_series import session_with_columns

    scratch = session_with_columns(session, columns, types="float")
    if labels is not None:
        marks = [""] * len(scratch.data.df)
        marks[:len(labels)] = labels
        scratch.data.df["__mv_mark"] = marks
        scratch.data.types["__mv_mark"] = "str32"
    return scratch


def _draw(session, cmd, scratch, names, titles, pairs_options, graph_options, matrix, title, note, scheme):
    """Each pair's scatter combined, or the matrix; ``pairs_options(i, j)``: the scatter's own options."""
    from dataclasses import replace

    from mlmcli.commands.graphs.manage import combined_graph, keep_combined
    from mlmcli.commands.graphs.matrix import graph_matrix
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import PlotCall, TwowayCall

    head = [Option("title", f'"{title}"')] + ([note] if note else []) + scheme
    if matrix:
        scratch.data.var_labels.update(dict(zip(names, titles)))
        text = " ".join(names) + ", " + " ".join(_option_text(o) for o in head + pairs_options(None, None)
                                                  + graph_options)
        graph_matrix(scratch, text, cmd)
        session.graphs_drawn = scratch.graphs_drawn
        return
    each, combine = graph_options
    graphs = []
    for i in range(1, len(names)):
        for j in range(i):
            own = [Option("ytitle", f'"{titles[i]}"'), Option("xtitle", f'"{titles[j]}"'), *pairs_options(i, j),
                   *scheme, *each]
            builder = new_builder(scratch)
            graph = builder.build(TwowayCall((PlotCall("scatter", f"{names[i]} {names[j]}", None, None, tuple(own)),),
                                             None, None, ()), cmd.text)
            for line in builder.notes:
                session.print(line)
            graphs.append(replace(graph, name=f"__mvplot{i}_{j}"))
    saved = list(session.graphs)
    session.graphs.extend(graphs)
    try:
        text = " ".join(g.name for g in graphs) + ", " + " ".join(_option_text(o) for o in head + combine)
        combined, copts, replace_it = combined_graph(session, text, cmd)
    finally:
        session.graphs[:] = saved
    keep_combined(session, combined, copts, replace_it)


def cmd_loadingplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.render.abbrev import abbrev
    from mlmcli.syntax.options import integer_option

    refuse_by_prefix(cmd, "loadingplot")
    e = _fit(session, "loadingplot")
    if cmd.args.strip() or cmd.if_exp or cmd.in_range or cmd.weight is not None:
        raise StataError("invalid syntax", 198)
    opts, rest = take_options(cmd.options, LOADING_SPECS)
    fname = "Factor" if e.cmd == "factor" else "Component"
    count, matrix = _count(e, opts, fname.lower(), True)
    maxlength = integer_option(opts, "maxlength", 12)
    note = _rotation_note(e, opts)
    loadings = e.matrices["r_L" if not opts.get("norotated") and e.macros.get("r_criterion") else "L"]
    values = np.asarray(loadings.values, float)
    marks = [abbrev(name, maxlength) for name in loadings.rownames]
    names = [f"__mv_l{i + 1}" for i in range(count)]
    titles = [f"{fname} {i + 1}" for i in range(count)]
    scratch = _scratch(session, [(n, values[:, i], t) for i, (n, t) in enumerate(zip(names, titles))], marks)
    scheme = [Option("scheme", opts["scheme"])] if "scheme" in opts else []
    typed_position = opts.get("mlabposition")
    rows = len(marks)

    def pair_options(i, j):
        out = [Option("mlabel", "__mv_mark")]
        if typed_position is not None:
            return out + [Option("mlabposition", typed_position)]
        if i is None:
            return out
        pos = np.full(len(scratch.data.df), np.nan)
        pos[:rows] = label_positions(values[:, j], values[:, i])
        column = f"__mv_pos{i}_{j}"
        scratch.data.df[column] = pos
        scratch.data.types[column] = "byte"
        return out + [Option("mlabvposition", column)]

    _draw(session, cmd, scratch, names, titles, pair_options, rest if matrix else _split_combine(rest),
          matrix, f"{fname} loadings", note, scheme)


def _scores(session, cmd, e, count: int, opts) -> tuple[list[np.ndarray], list[str]]:
    """The scores ``predict <count new>, notable [norotated] [scoreopt]`` makes, and their labels."""
    from mlmcli.runner import Runner, current_runner

    original = session.data
    work = original.copy()
    names = [f"__mv_score{i + 1}" for i in range(count)]
    extra = " ".join(w for w in ("norotated" if opts.get("norotated") else "", opts.get("scoreopt") or "") if w)
    session.data = work
    saved_quiet = session.out.quiet
    session.out.quiet = saved_quiet + 1
    try:
        (current_runner(session) or Runner(session)).execute(f"predict {' '.join(names)}, notable {extra}")
        values = [work.numeric(n).copy() for n in names]
        labels = [work.var_labels.get(n) or f"score {i + 1}" for i, n in enumerate(names)]
    finally:
        session.out.quiet = saved_quiet
        session.data = original
    return values, labels


def cmd_scoreplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.commands.graphs.twoway import mark_function

    refuse_by_prefix(cmd, "scoreplot")
    e = _fit(session, "scoreplot")
    if cmd.args.strip() or cmd.weight is not None:
        raise StataError("invalid syntax", 198)
    opts, rest = take_options(cmd.options, SCORE_SPECS)
    count, matrix = _count(e, opts, e.cmd if e.cmd == "factor" else "component", False)
    touse = np.asarray(mark_function(session)(cmd.if_exp, cmd.in_range, []), bool)
    values, titles = _scores(session, cmd, e, count, opts)
    names = [f"__mv_s{i + 1}" for i in range(count)]
    scratch = _scratch(session, [(n, np.where(touse, v, np.nan), t) for n, v, t in zip(names, values, titles)], None)
    scheme = [Option("scheme", opts["scheme"])] if "scheme" in opts else []
    _draw(session, cmd, scratch, names, titles, lambda i, j: [], rest if matrix else _split_combine(rest),
          matrix, f"Score variables ({e.cmd})", _rotation_note(e, opts), scheme)
