"""``graph matrix varlist [if] [in] [weight] [, options]``: the scatterplot matrix ([G-2] graph
matrix), drawn by ``mlmcli.graphs.matrix``.

Options: ``half``; marker options (``msymbol()``, ``mcolor()``, ``msize()`` ..., ``mlabel()``
...), ``jitter()``, ``jitterseed()``; ``diagonal([stringlist] [, size() color()])`` (text on the
diagonal, ``.`` keeps a variable's own), ``diagopts(size() color())``; ``maxes()`` (the axis
options every cell takes: ``xlabel()``, ``ylabel()``, ``xscale()``, ``yscale()``, ``xtick()`` ...);
``scale()``, ``iscale()`` and the titles, regions, ``name()``, ``saving()`` of every graph.
Weights (aweight, fweight, pweight) size the markers as ``scatter``'s.  The sample is every
observation with none of the variables missing (marksample's).
"""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


MATRIX_SPECS = [_o("half", None, False), _o("diagonal", 4), _o("diagopts", 5), _o("maxes", 4)]
TEXT_SPECS = [_o("size", 1), _o("color", 1)]
# axis options: inside maxes() (Stata's axis-by-axis control, outside it, is not drawn)
AXIS_OPTIONS = ("xlabel", "ylabel", "xtick", "ytick", "xmlabel", "ymlabel", "xmtick", "ymtick",
                "xscale", "yscale", "xtitle", "ytitle", "xline", "yline")


def _last(opts: dict, name: str):
    values = opts.get(name)
    return values[-1] if values else None


def _text_look(arg, what: str, notes: list[str]) -> tuple[float | None, str | None]:
    """``size()``/``color()`` of the diagonal's text; other textbox options are refused."""
    from mlmcli.graphs import style
    from mlmcli.graphs.look_options import color_value

    opts = read_options(arg) if isinstance(arg, str) else ()
    for opt in opts:
        if not any(s.matches(opt.name) for s in TEXT_SPECS):
            raise StataError(f"option {opt.name}() not supported by mlmcli in {what}: it draws "
                             "size() and color()", 198)
    found = resolve_options(opts, TEXT_SPECS)
    size = _last(found, "size")
    color = _last(found, "color")
    return (style.text_size(size) if isinstance(size, str) else None,
            color_value(color, notes) if isinstance(color, str) else None)


def _diagonal(arg, titles: list[str], notes: list[str]) -> tuple[list[str], float | None, str | None]:
    from mlmcli.graphs.syntax import items

    body, subs, _ = split_options(arg)
    texts = list(titles)
    for k, (quoted, word) in enumerate(items(body)):
        if k >= len(texts):
            break
        if quoted or word != ".":
            texts[k] = word
    size, color = _text_look(" ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name
                                      for o in subs) if subs else None, "diagonal()", notes)
    return texts, size, color


def graph_matrix(session, rest: str, cmd: Command) -> None:
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.commands.graphs.ready_series import look_of, var_title_of
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.matrix import matrix_panels
    from mlmcli.graphs.series_parts import marker_labels
    from mlmcli.graphs.spec import Axis, Graph
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
    mine, markers, graph = [], [], []
    for opt in options:
        if any(s.matches(opt.name) for s in MATRIX_SPECS):
            mine.append(opt)
        elif any(s.matches(opt.name) for s in marker_specs):
            markers.append(opt)
        else:
            graph.append(opt)
    opts = resolve_options(mine, MATRIX_SPECS)
    gopts = gopt.resolve_graph_options(graph)
    for name in AXIS_OPTIONS:
        if name in gopts:
            raise StataError(f"option {name}() not supported by mlmcli with graph matrix outside "
                             "maxes(): type it in maxes(), where it applies to every cell", 198)
    if "by" in gopts:
        raise StataError("option by() not supported by mlmcli with graph matrix", 198)
    if "legend" in gopts:
        raise StataError("option legend() not allowed", 198)
    axis_opts = gopt.resolve_graph_options(read_options(_last(opts, "maxes") or ""))
    for name in axis_opts:
        if name not in AXIS_OPTIONS:
            raise StataError(f"option {name}() not allowed in maxes()", 198)
    rows = mark_function(session)(if_exp, in_range, names)
    scales = None
    if weight is not None:
        rows, w, _ = read_weights(session, Command(name="graph", weight=weight), rows,
                                  ("aweight", "fweight", "pweight"))
        w = np.asarray(w, float)[rows]
        scales = np.sqrt(w / w.mean()) if w.size and w.mean() > 0 else None
    if not rows.any():
        raise StataError("no observations", 2000)
    notes: list[str] = []
    columns = [session.data.numeric(v)[rows].astype(float) for v in names]
    amount = popt.jitter(resolve_options(markers, marker_specs))
    if amount:
        seed = popt.jitter_seed(resolve_options(markers, marker_specs))
        rng = np.random.default_rng((int(getattr(session, "seed", 123456789)) if seed is None else seed) % 2 ** 32)
        columns = [c + rng.uniform(-0.5, 0.5, c.size) * amount / 100.0 * (float(np.ptp(c)) or 1.0)
                   for c in columns]
    look = look_of([o for o in markers if o.name.lower() not in ("jitter", "jitterseed")
                    and not o.name.lower().startswith("mlab")],
                   popt.MARKER_SPECS + [_o("pstyle", 4)], "graph matrix", session)
    fields = look.ready_fields("scatter", 1)
    fields.pop("style", None)
    mopts = resolve_options(markers, marker_specs)
    label_texts = marker_labels(SimpleNamespace(data=session.data), SimpleNamespace(options=mopts), rows,
                                np.arange(int(rows.sum())))
    for name, key in (("mlabsize", "label_size"), ("mlabcolor", "label_color")):
        value = _last(mopts, name)
        if isinstance(value, str):
            from mlmcli.graphs import style
            from mlmcli.graphs.look_options import color_value

            fields[key] = style.text_size(value) if key == "label_size" else color_value(value, notes)
    if "mlabposition" in mopts:
        fields["label_position"] = int(popt.number(_last(mopts, "mlabposition"), "mlabposition"))
    if scales is not None:
        fields["marker_scales"] = scales
    titles = [var_title_of(session, v) for v in names]
    size, color = _text_look(_last(opts, "diagopts"), "diagopts()", notes)
    if "diagonal" in opts:
        titles, dsize, dcolor = _diagonal(_last(opts, "diagonal"), titles, notes)
        size, color = dsize or size, dcolor or color
    axis_fields = gopt.common_fields(axis_opts, notes) if axis_opts else {}
    x_typed = "xticks" in axis_fields or axis_fields.get("xaxis", Axis()).nticks is not None
    y_typed = "yticks" in axis_fields or axis_fields.get("yaxis", Axis()).nticks is not None
    panels, holes = matrix_panels(columns, titles, half=bool(opts.get("half")), marker_fields=fields,
                                  diagonal_size=size, diagonal_color=color, ticks=(not x_typed, not y_typed),
                                  labels=[label_texts] if label_texts is not None else None)
    common = gopt.common_fields(gopts, notes)
    for key in ("xaxis", "yaxis"):  # maxes(): the axes of every cell, no grid unless asked
        base = axis_fields.get(key, Axis())
        common[key] = base if base.grid is not None else replace(base, grid=False)
    for key in ("xticks", "yticks", "xlines", "ylines", "reflines", "xtitle", "ytitle"):
        if key in axis_fields:
            common[key] = axis_fields[key]
    n = len(names)
    common.setdefault("inner_scale", min(1.0, 2.6 / (n + 0.6)))
    common.setdefault("size", (5.5, 4.0))
    graph_fields = dict(scheme=getattr(session, "graph_scheme", "s2color"), legend="off", cols=n,
                        share_x=False, share_y=False, holes=holes)
    graph_fields.update(common)
    for note in notes:
        session.print(note)
    result = Graph(panels=tuple(panels), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                   command=cmd.text, **graph_fields)
    finish(session, result, gopts)
