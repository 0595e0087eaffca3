"""``graph matrix varlist [if] [in] [weight] [, options]``: the scatterplot matrix ([G-2] graph
matrix), drawn by ``mlmcli.graphs.matrix``.

Options: ``half``; marker options (``msymbol()``, ``mcolor()``, ``msize()`` ..., ``mlabel()``
...), ``jitter()``, ``jitterseed()``; ``diagonal([stringlist] [, textbox options])`` (text on the
diagonal, ``.`` keeps a variable's own), ``diagopts(textbox options)``; ``maxes()`` (the axis
options every cell takes: ``xlabel()``, ``ylabel()``, ``xscale()``, ``yscale()``, ``xtick()`` ...);
the same axis options typed outside ``maxes()``: with ``axis(#)`` those of variable #'s axis alone
(column # for x, row # for y: Stata's axis-by-axis control), without it every cell's, as in
``maxes()``; ``xtitle()``/``ytitle()``/``xline()``/``yline()`` with ``axis(#)`` are twoway
scatter options the manual says matrix allows and ignores: a note, nothing drawn; ``by(varlist, by options)`` (a matrix per group, each variable's axis ranging over
the whole sample unless ``rescale``); ``scale()``, ``iscale()`` and the titles, regions,
``name()``, ``saving()`` of every graph.
Weights (aweight, fweight, pweight) size the markers as ``scatter``'s.  The sample is every
observation with none of the variables missing (marksample's).
"""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


MATRIX_SPECS = [_o("half", None, False), _o("diagonal", 4), _o("diagopts", 5), _o("maxes", 4)]
# axis options: inside maxes() or typed alone (with axis(#): that variable's axis alone)
AXIS_OPTIONS = ("xlabel", "ylabel", "xtick", "ytick", "xmlabel", "ymlabel", "xmtick", "ymtick",
                "xscale", "yscale", "xtitle", "ytitle", "xline", "yline")
# by(): the Graph fields each group's matrix draws its cells with (the rest are the whole graph's)
CELL_FIELDS = ("xaxis", "yaxis", "xticks", "yticks", "xlines", "ylines", "reflines", "xtitle", "ytitle",
               "inner_scale")


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def _text_look(arg, notes: list[str]) -> dict:
    """``TextBox`` fields of the diagonal's textbox options (``diagonal(..., opts)``,
    ``diagopts(opts)``): size, colour, placement, orientation, justification, the box and its
    colours and size, margins ([G-3] textbox_options; the axes of ``text()`` are not theirs)."""
    from mlmcli.graphs import added_line_text_options as added

    specs = [s for s in added.TEXT_SUBOPTIONS if s.name not in ("axis", "xaxis", "yaxis")]
    opts = resolve_options(read_options(arg) if isinstance(arg, str) else (), specs)
    from dataclasses import fields as dataclass_fields

    from mlmcli.graphs.spec import TextBox

    defaults = {f.name: f.default for f in dataclass_fields(TextBox)}
    return {k: v for k, v in added.text_box_fields(opts, notes).items() if v != defaults.get(k)}  # typed


def _diagonal(arg, titles: list[str], notes: list[str]) -> tuple[list[str], dict]:
    from mlmcli.graphs.syntax import items

    body, subs, _ = split_options(arg)
    texts = list(titles)
    for k, (quoted, word) in enumerate(items(body)):
        if k >= len(texts):
            break
        if quoted or word != ".":
            texts[k] = word
    look = _text_look(" ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name
                               for o in subs) if subs else None, notes)
    return texts, look


def _axis_number(opt: Option, n: int) -> tuple[int | None, Option]:
    """(# of ``axis(#)`` or None, the option without it); ``xscale()``'s argument is all
    suboptions, the others' follow a comma."""
    from mlmcli.graphs import graph_options as gopt

    (name,) = gopt.resolve_graph_options([opt])
    if name.endswith("scale"):
        body, subs = "", read_options(opt.arg or "")
    else:
        body, subs, _ = split_options(opt.arg or "")
    chosen = [o for o in subs if o.name == "axis"]
    if not chosen:
        return None, opt
    word = (chosen[-1].arg or "").strip()
    if not word.isdecimal() or not 1 <= int(word) <= n:
        raise StataError(f"option axis() incorrectly specified: graph matrix has {n} variables "
                         f"(axes 1 to {n})", 198)
    kept = [f"{o.name}({o.arg})" if o.arg is not None else o.name for o in subs if o.name != "axis"]
    if name.endswith("scale"):
        return int(word), Option(opt.name, " ".join(kept))
    return int(word), Option(opt.name, body + (", " + " ".join(kept) if kept else ""))


def _axis_options(options: list[Option], maxes: str | None, n: int, notes: list[str]):
    """(the axis options of every cell (``maxes()`` and those typed without ``axis()``) as
    resolved options, ("x"|"y", variable index) -> Graph fields of that axis alone)."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.axis_spec import Axis

    every = list(read_options(maxes or ""))
    alone: dict[tuple[str, int], list[Option]] = {}
    for opt in options:
        number, bare = _axis_number(opt, n)
        if number is None:
            every.append(opt)
            continue
        (name,) = gopt.resolve_graph_options([bare])
        if name[1:] in ("title", "line"):  # [G-2] graph matrix: axis(#) is the axis_label_options'
            # axis-by-axis control; axis titles and added lines are twoway scatter options, which
            # matrix "allowed, but ... ignored": Stata's note, nothing drawn (without axis() mlm
            # draws them on every cell, as maxes() would)
            note = f"(note: option {name}(, axis({number})) ignored by graph matrix, as Stata ignores it)"
            if note not in notes:
                notes.append(note)
            continue
        alone.setdefault((name[0], number - 1), []).append(bare)
    every_opts = gopt.resolve_graph_options(every)
    for name in every_opts:
        if name not in AXIS_OPTIONS:
            raise StataError(f"option {name}() not allowed in maxes()", 198)
    base = gopt.common_fields(every_opts, notes) if every_opts else {}
    own = {}
    for (letter, index), opts in alone.items():
        typed = gopt.common_fields(gopt.resolve_graph_options(opts), notes)
        axis = base.get(letter + "axis", Axis())
        changed = {k: getattr(typed[letter + "axis"], k) for k in Axis.__dataclass_fields__
                   if getattr(typed[letter + "axis"], k) != getattr(Axis(), k)}
        fields = {letter + "axis": replace(axis, **changed)}
        if letter + "ticks" in typed:
            fields[letter + "ticks"] = typed[letter + "ticks"]
        own[(letter, index)] = fields
    return every_opts, base, own


def _log_axis(own_axes: dict, axis_fields: dict, k: int) -> bool:
    """Whether variable ``k``'s axes are on a log scale (its own ``xscale(log axis(#))`` or the
    matrix's): its default labels are then those above 0."""
    for letter in ("x", "y"):
        spec = own_axes.get((letter, k), {}).get(letter + "axis", axis_fields.get(letter + "axis"))
        if spec is not None and spec.log:
            return True
    return False


def graph_matrix(session, rest: str, cmd: Command) -> None:
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.commands.graphs.ready_series import look_of, var_title_of
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.build import by_graph_fields, read_by
    from mlmcli.graphs.matrix import matrix_panels, padded_range, variable_ticks
    from mlmcli.graphs.plotdata import by_groups
    from mlmcli.graphs.series_parts import marker_labels
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Graph
    from mlmcli.graphs.syntax import split_graph_options, split_if_in, split_weight

    body, options, _ = split_graph_options(rest)
    body, weight = split_weight(body)
    varlist, if_exp, in_range = split_if_in(body)
    if not varlist.strip():
        raise StataError("varlist required", 100)
    names = session.data.expand_varlist(varlist)
    for name in names:
        session.data.numeric(name)  # a string variable: type mismatch
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    marker_specs = popt.MARKER_SPECS + popt.JITTER_SPECS + [_o("pstyle", 4)]
    # [G-2] graph matrix: "All options allowed by graph twoway scatter are also allowed, but
    # they are ignored": those that mean nothing to a matrix (lines, axis choice, recast, legend)
    ignored_specs = popt.LINE_SPECS + popt.CONNECT_SPECS + [_o("recast", None), _o("yaxis", None),
                                                          _o("xaxis", None), _o("legend", 3)]
    mine, markers, graph, axis_typed = [], [], [], []
    notes: list[str] = []
    for opt in options:
        if any(s.matches(opt.name) for s in MATRIX_SPECS):
            mine.append(opt)
        elif any(s.matches(opt.name) for s in marker_specs):
            markers.append(opt)
        elif any(s.matches(opt.name) for s in ignored_specs):
            typed = opt.name + ("()" if opt.arg is not None else "")
            note = f"(note: option {typed} ignored by graph matrix, as Stata ignores it)"
            if note not in notes:
                notes.append(note)
        elif set(gopt.resolve_graph_options([opt])) & set(AXIS_OPTIONS):
            axis_typed.append(opt)
        else:
            graph.append(opt)
    opts = resolve_options(mine, MATRIX_SPECS)
    gopts = gopt.resolve_graph_options(graph)
    _, axis_fields, own_axes = _axis_options(axis_typed, _last(opts, "maxes"), len(names), notes)
    rows = mark_function(session)(if_exp, in_range, names)
    weights = None
    if weight is not None:
        rows, w, _ = read_weights(session, Command(name="graph", weight=weight), rows,
                                  ("aweight", "fweight", "pweight"))
        weights = np.asarray(w, float)
    if not rows.any():
        raise StataError("no observations", 2000)
    values = [session.data.numeric(v).astype(float) for v in names]
    amount = popt.jitter(resolve_options(markers, marker_specs))
    if amount:
        seed = popt.jitter_seed(resolve_options(markers, marker_specs))
        if seed is None:  # the session's random numbers, as scatter's jitter() (series_parts.jittered)
            from mlmcli.expr.random_numbers import generator

            rng = generator(session)
        else:
            rng = np.random.default_rng(seed % 2 ** 32)
        with np.errstate(over="ignore", invalid="ignore"):  # jitter(1e300): past the double range
            jittered = [c[rows] + (rng.random(int(rows.sum())) - 0.5) * amount / 100.0
                        * (float(np.ptp(c[rows])) or 1.0) for c in values]
        for c, moved in zip(values, jittered):
            c[rows] = np.where(np.isfinite(moved), moved, np.nan)  # missing there, as scatter's
    look = look_of([o for o in markers if o.name not in ("jitter", "jitterseed")
                    and not o.name.startswith("mlab")],
                   popt.MARKER_SPECS + [_o("pstyle", 4)], "graph matrix", session)
    fields = look.ready_fields("scatter", 1)
    fields.pop("style", None)
    mopts = resolve_options(markers, marker_specs)
    for name, key in (("mlabsize", "label_size"), ("mlabcolor", "label_color")):
        value = _last(mopts, name)
        if isinstance(value, str):
            from mlmcli.graphs import style
            from mlmcli.graphs.look_options import color_value

            fields[key] = style.text_size(value) if key == "label_size" else color_value(value, notes)
    if "mlabposition" in mopts:
        fields["label_position"] = int(popt.number(_last(mopts, "mlabposition"), "mlabposition"))
    titles = [var_title_of(session, v) for v in names]
    diagonal_look = _text_look(_last(opts, "diagopts"), notes)
    if "diagonal" in opts:
        titles, typed = _diagonal(_last(opts, "diagonal"), titles, notes)
        diagonal_look.update(typed)  # diagonal(, textbox options) over diagopts()
    x_typed = "xticks" in axis_fields or axis_fields.get("xaxis", Axis()).nticks is not None
    y_typed = "yticks" in axis_fields or axis_fields.get("yaxis", Axis()).nticks is not None
    n = len(names)

    def cells(members: np.ndarray, whole: np.ndarray | None):
        """The panels of the matrix of the rows ``members``; ``whole``: the rows whose range
        each axis spans (a by() graph's sample), None: ``members``'."""
        columns = [c[members] for c in values]
        span = columns if whole is None else [c[whole] for c in values]
        ranges = {letter: [padded_range(c, own_axes.get((letter, k), {}).get(letter + "axis",
                                                                           axis_fields.get(letter + "axis")))
                           for k, c in enumerate(span)] for letter in ("x", "y")}
        cell_fields = dict(fields)
        if weights is not None:
            w = weights[members]
            cell_fields["marker_scales"] = np.sqrt(w / weights[rows].mean()) if weights[rows].mean() > 0 else None
        label_texts = marker_labels(SimpleNamespace(data=session.data), SimpleNamespace(options=mopts), members,
                                    np.arange(int(members.sum())))
        panels, holes = matrix_panels(columns, titles, half=bool(opts.get("half")), marker_fields=cell_fields,
                                      diagonal_look=diagonal_look, ticks=(not x_typed, not y_typed),
                                      labels=[label_texts] if label_texts is not None else None,
                                      ranges=ranges["x"], y_ranges=ranges["y"],
                                      tick_sets=[variable_ticks(c, log=_log_axis(own_axes, axis_fields, k))
                                                 for k, c in enumerate(span)], axis_fields=own_axes)
        return panels, holes

    by_arg = gopt.last(gopts, "by")
    own_opts, part_fields, label = gopts, {}, None
    if isinstance(by_arg, str):  # title and region options outside by(): each group's matrix's
        from mlmcli.graphs.by_panel_titles import by_part_options

        own_opts, part_fields, label = by_part_options(gopts, notes)
    common = gopt.common_fields(own_opts, notes)
    for key in ("xaxis", "yaxis"):  # maxes(): the axes of every cell, no grid unless asked
        base = axis_fields.get(key, Axis())
        common[key] = base if base.grid is not None else replace(base, grid=False)
    for key in ("xticks", "yticks", "xlines", "ylines", "reflines", "xtitle", "ytitle"):
        if key in axis_fields:
            common[key] = axis_fields[key]
    common.setdefault("inner_scale", min(1.0, 2.6 / (n + 0.6)))
    scheme = getattr(session, "graph_scheme", "s2color")
    matrix_fields = dict(scheme=scheme, legend="off", cols=n, share_x=False, share_y=False)
    if isinstance(by_arg, str):
        from mlmcli.graphs.by_panel_titles import group_label

        by_vars, by_sub = read_by(session.data, by_arg, notes)
        rescale = bool(by_sub.get("rescale"))
        groups = by_groups(session.data, by_vars, rows, bool(by_sub.get("missing")))
        if by_sub.get("total"):
            groups.append(("Total", rows))
        parts = []
        for title, members in groups:
            panels, holes = cells(members, None if rescale else rows)
            own = {k: v for k, v in common.items() if k in CELL_FIELDS}
            parts.append(Graph(panels=tuple(panels), subtitle=group_label(title, label), holes=holes,
                               **matrix_fields, **own, **part_fields))
        outer = {k: v for k, v in common.items() if k not in CELL_FIELDS}
        outer.update(by_graph_fields(session.data, by_vars, by_sub, len(parts), notes))
        outer.update(scheme=scheme, legend="off", share_x=False, share_y=False)
        result = Graph(panels=(), parts=tuple(parts), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                       command=cmd.text, **outer)
    else:
        panels, holes = cells(rows, None)
        common.setdefault("size", (5.5, 4.0))
        graph_fields = dict(matrix_fields, holes=holes)
        graph_fields.update(common)
        result = Graph(panels=tuple(panels), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                       command=cmd.text, **graph_fields)
    for note in notes:
        session.print(note)
    finish(session, result, gopts)

