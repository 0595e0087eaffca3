"""``graph pie`` ([G-2] graph pie), drawn by ``mlmcli.graphs.pie``.

    graph pie varlist [if] [in] [weight] [, options]        one slice per variable (its sum)
    graph pie varname [if] [in] [weight], over(var) ...      one slice per group (the sum)
    graph pie [if] [in] [weight], over(var) ...              one slice per group (the count)

Options: ``over(var[, missing])``, ``missing``, ``cw``, ``noclockwise``, ``angle0(#)``, ``sort``
(slices by size, smallest first), ``descending`` (the order reversed), ``pie(#, explode
color())``, ``plabel({_all|#} {sum|percent|name|"text"}, format() gap() size() color())``,
``intensity(#)``, ``line(lcolor() lwidth())`` (the slices' outline) and the options of every graph
(titles, ``legend()``, ``name()`` ...).  fweights, aweights, pweights and iweights weight the sums
and counts.  ``by()``, ``sort(varname)``, ``ptext()`` and ``allcategories`` are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


def _o(name: str, abbrev: int | None, takes_arg: bool = True, optional: bool = False) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, arg_optional=optional, repeatable=True)


PIE_SPECS = [_o("over", None), _o("missing", 4, False), _o("cw", None, False),
             _o("noclockwise", 9, False), _o("angle0", 6), _o("sort", None, True, True),
             _o("descending", 4, False), _o("pie", None), _o("plabel", 2), _o("ptext", 2),
             _o("intensity", 3), _o("line", None), _o("allcategories", 4, False)]
PLABEL_SPECS = [_o("format", 3), _o("gap", None), _o("size", None), _o("color", None)]
PIE_SUBOPTIONS = [_o("explode", 3, True, True), _o("color", None)]
LINE_SPECS = [_o("lcolor", 2), _o("lwidth", 2)]


def _weighted_sums(values: np.ndarray, rows: np.ndarray, w: np.ndarray | None) -> float:
    ok = rows & np.isfinite(values)
    weights = np.ones(ok.sum()) if w is None else np.asarray(w, float)[ok]
    return float(np.sum(values[ok] * weights))


def _slices(session, names, opts, rows, w) -> tuple[np.ndarray, list[str]]:
    """(values, names) of the slices."""
    from mlmcli.commands.graphs.ready_series import var_title_of
    from mlmcli.graphs.categorical import group_codes

    data = session.data
    over = opts.get("over")
    if not over:
        if len(names) < 1:
            raise StataError("varlist required", 100)
        return (np.array([_weighted_sums(data.numeric(v), rows, w) for v in names]),
                [var_title_of(session, v) for v in names])
    if len(names) > 1:
        raise StataError("too many variables specified", 103)
    body, subs, _ = split_options(over[-1])
    missing = bool(opts.get("missing")) or any(o.name.lower().startswith("miss") for o in subs)
    for sub in subs:
        if not sub.name.lower().startswith("miss"):
            raise StataError(f"over(, {sub.name}) not supported by mlmcli with graph pie", 198)
    (group,) = data.expand_varlist(body) or [None]
    if group is None:
        raise StataError("over() takes one variable", 198)
    codes, labels = group_codes(data, group, rows, missing)
    values = []
    for k in range(len(labels)):
        members = rows & (codes == k)
        if names:
            values.append(_weighted_sums(data.numeric(names[0]), members, w))
        else:
            values.append(float(members.sum()) if w is None else float(np.sum(np.asarray(w, float)[members])))
    return np.array(values), labels


def _plabels(opts: dict, notes: list[str]):
    from mlmcli.graphs.look_options import color_value
    from mlmcli.graphs.pie import SliceLabel
    from mlmcli.graphs.style import text_size
    from mlmcli.graphs.syntax import items

    out = []
    for arg in opts.get("plabel", []):
        body, subs, _ = split_options(arg)
        words = items(body)
        if len(words) < 2:
            raise StataError("option plabel() incorrectly specified", 198)
        (_, which), (quoted, what) = words[0], words[1]
        if which.lower() == "_all":
            number = 0
        elif which.isdigit() and int(which) >= 1:
            number = int(which)
        else:
            raise StataError("option plabel() incorrectly specified", 198)
        if not quoted and what.lower() not in ("sum", "percent", "name"):
            raise StataError(f"plabel(): {what} invalid; sum, percent, name or \"text\"", 198)
        sub = resolve_options(subs, PLABEL_SPECS)
        gap = float(sub["gap"][-1]) if sub.get("gap") else 0.0
        size = text_size(sub["size"][-1]) if sub.get("size") else None
        color = color_value(sub["color"][-1], notes) if sub.get("color") else None
        fmt = sub["format"][-1].strip() if sub.get("format") else None
        out.append(SliceLabel(number, what if quoted else what.lower(), quoted, fmt, gap, size, color))
    return out


def _slice_looks(opts: dict, notes: list[str]) -> tuple[dict[int, dict], set[int]]:
    from mlmcli.graphs.look_options import color_value
    from mlmcli.graphs.style import intensity, series_color

    looks: dict[int, dict] = {}
    exploded: set[int] = set()
    for arg in opts.get("pie", []):
        body, subs, _ = split_options(arg)
        if not body.strip().isdigit() or int(body) < 1:
            raise StataError("option pie() incorrectly specified", 198)
        k = int(body)
        sub = resolve_options(subs, PIE_SUBOPTIONS)
        if "explode" in sub:
            if isinstance(sub["explode"][-1], str) and sub["explode"][-1].strip():
                raise StataError("pie(#, explode(size)) not supported by mlmcli: explode moves a slice "
                                 "out by a tenth of the radius", 198)
            exploded.add(k)
        if sub.get("color"):
            colour = color_value(sub["color"][-1], notes)
            if colour:
                looks.setdefault(k, {})["color"] = colour
    if opts.get("intensity"):
        factor = float(opts["intensity"][-1].strip().lstrip("*")) / (1.0 if opts["intensity"][-1].strip().startswith("*") else 100.0)
        for k in range(1, 16):
            base = looks.get(k, {}).get("color") or series_color(k)
            looks.setdefault(k, {})["color"] = intensity(base, factor)
    return looks, exploded


def graph_pie(session, rest: str, cmd: Command) -> None:
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.look_options import color_value
    from mlmcli.graphs.pie import pie_series
    from mlmcli.graphs.spec import Axis, Graph, Panel
    from mlmcli.graphs.style import line_width, scheme as scheme_of
    from mlmcli.graphs.syntax import split_graph_options, split_if_in, split_weight

    body, options, _ = split_graph_options(rest)
    body, weight = split_weight(body)
    varlist, if_exp, in_range = split_if_in(body)
    names = session.data.expand_varlist(varlist) if varlist.strip() else []
    for name in names:
        session.data.numeric(name)
    mine = [o for o in options if any(s.matches(o.name) for s in PIE_SPECS)]
    opts = resolve_options(mine, PIE_SPECS)
    gopts = gopt.resolve_graph_options([o for o in options if o not in mine])
    for name in ("ptext", "allcategories"):
        if name in opts:
            raise StataError(f"option {name} not supported by mlmcli with graph pie", 198)
    if "by" in gopts:
        raise StataError("option by() not supported by mlmcli with graph pie", 198)
    for name in gopts:  # a pie has no axes
        if name[0] in "xyt" and name not in ("title",) and name[1:] in (
                "label", "tick", "mlabel", "mtick", "scale", "title", "line", "varformat", "text"):
            raise StataError(f"option {name}() not allowed", 198)
    sort_arg = opts.get("sort", [None])[-1] if "sort" in opts else None
    if isinstance(sort_arg, str) and sort_arg.strip():
        raise StataError("sort(varname) not supported by mlmcli with graph pie: sort orders the "
                         "slices by size", 198)
    if not names and not opts.get("over"):
        raise StataError("varlist required", 100)
    rows = mark_function(session)(if_exp, in_range, names if opts.get("cw") else [])
    w = None
    if weight is not None:
        rows, w_all, _ = read_weights(session, Command(name="graph", weight=weight), rows,
                                      ("fweight", "aweight", "pweight", "iweight"))
        w = np.asarray(w_all, float)
    if not rows.any():
        raise StataError("no observations", 2000)
    values, labels = _slices(session, names, opts, rows, None if w is None else w)
    order = np.arange(len(values))
    if "sort" in opts:
        order = np.argsort(values, kind="stable")
    if opts.get("descending"):
        order = order[::-1]
    values, labels = values[order], [labels[k] for k in order]
    if not np.any(values > 0):
        raise StataError("no observations", 2000)
    notes: list[str] = []
    looks, exploded = _slice_looks(opts, notes)
    line = {}
    if opts.get("line"):
        sub = resolve_options(read_options(opts["line"][-1]), LINE_SPECS)
        if sub.get("lcolor"):
            line["line_color"] = color_value(sub["lcolor"][-1], notes)
        if sub.get("lwidth"):
            line["line_width"] = line_width(sub["lwidth"][-1])
    angle0 = float(opts["angle0"][-1]) if opts.get("angle0") else 90.0
    series, texts = pie_series(values, labels, angle0=angle0, clockwise=not opts.get("noclockwise"),
                               looks=looks, exploded=exploded, labels=_plabels(opts, notes), line=line)
    scheme = getattr(session, "graph_scheme", "s2color")
    reach = 1.0 + (0.1 if exploded else 0.0) + 0.02
    fields = dict(scheme=scheme, legend="on", aspect=1.0,
                  plot_color=scheme_of(scheme).graph_region,
                  xaxis=Axis(off=True, range=(-reach, reach), grid=False),
                  yaxis=Axis(off=True, range=(-reach, reach), grid=False),
                  plot_margin=(0.0, 0.0, 0.0, 0.0))
    common = gopt.common_fields(gopts, notes)
    fields.update({k: v for k, v in common.items() if k not in ("xaxis", "yaxis")})
    for note in notes:
        session.print(note)
    graph = Graph(panels=(Panel(tuple(series), texts=tuple(texts)),),
                  name=gopt.graph_name(gopt.last(gopts, "name"))[0], command=cmd.text, **fields)
    finish(session, graph, gopts)
