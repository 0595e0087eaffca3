"""``graph pie`` ([G-2] graph pie), drawn by ``mlmcli.graphs.pie``.

    graph pie varlist [if] [in] [weight] [, options]        one slice per variable (its sum)
    graph pie varname [if] [in] [weight], over(var) ...      one slice per group (the sum)
    graph pie [if] [in] [weight], over(var) ...              one slice per group (the count)

Options: ``over(var[, missing allcategories])``, ``missing``, ``allcategories`` (the groups of
the whole dataset, those without observations in the sample as slices of no angle, keyed in the
legend), ``cw``, ``noclockwise``, ``angle0(#)``, ``sort`` (slices by size, smallest first),
``sort(varname)`` (by the variable's mean in each group; without ``over()`` over each slice's
variable's non-missing rows, as ``graph bar``'s ``yvaroptions(sort(varname))``), ``descending`` (the
order reversed), ``pie({#|_all}, explode[(size)] color())``, ``plabel({_all|#}
{sum|percent|name|"text"}, format() gap() size() color())``, ``ptext(#a #r "text" ...,
textbox options)``, ``intensity(#)``, ``line(lcolor() lwidth())`` (the slices' outline),
``pcycle(#)``, ``by(varlist, by options)`` (a pie per group, the groups of the whole sample in
each, in one order) and the options of every graph (titles, ``legend()``, ``name()`` ...).
fweights, aweights, pweights and iweights weight the sums and counts.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.missing import stata_double
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options


def _o(name: str, abbrev: int | None, takes_arg: bool = True, optional: bool = False) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, arg_optional=optional, repeatable=True)


PIE_SPECS = [_o("over", None), _o("missing", 4, False), _o("cw", None, False),
             _o("noclockwise", 9, False), _o("angle0", 6), _o("sort", None, True, True),
             _o("descending", 4, False), _o("pie", None), _o("plabel", 2), _o("ptext", 2),
             _o("intensity", 3), _o("line", None), _o("allcategories", 4, False), _o("pcycle", None)]
OVER_SUBOPTIONS = [_o("missing", 4, False), _o("allcategories", 4, False)]
PLABEL_SPECS = [_o("format", 3), _o("gap", None)]
PIE_SUBOPTIONS = [_o("explode", 3, True, True), _o("color", None)]
LINE_SPECS = [_o("lcolor", 2), _o("lwidth", 2)]


def _weighted_sum(values: np.ndarray, rows: np.ndarray, w: np.ndarray | None) -> float:
    ok = rows & np.isfinite(values)
    with np.errstate(over="ignore", invalid="ignore"):  # a sum past the double range is missing (no slice)
        return stata_double(np.sum(values[ok] * (1.0 if w is None else w[ok])))


def _slices(session, names, opts, rows, w):
    """(slice names, values_of(rows) -> the slices' values on those rows, the over() group's
    codes or None, ``allcategories`` typed: the groups of every observation)."""
    from mlmcli.commands.graphs.ready_series import var_title_of
    from mlmcli.graphs.categorical import group_codes

    data = session.data
    over = opts.get("over")
    if not over:
        if len(names) < 1:
            raise StataError("varlist required", 100)
        columns = [data.numeric(v) for v in names]
        return ([var_title_of(session, v) for v in names],
                lambda sub: np.array([_weighted_sum(c, sub, w) for c in columns]), None,
                bool(opts.get("allcategories")))
    if len(names) > 1:
        raise StataError("too many variables specified", 103)
    body, subs, _ = split_options(over[-1])
    sub = resolve_options(subs, OVER_SUBOPTIONS)
    missing = bool(opts.get("missing") or sub.get("missing"))
    every = bool(opts.get("allcategories") or sub.get("allcategories"))
    groups = data.expand_varlist(body)
    if len(groups) > 1:  # over(varname): one variable, as pie's own varname
        raise StataError("too many variables specified", 103)
    group = groups[0] if groups else None
    if group is None:
        raise StataError("over() takes one variable", 198)
    codes, labels = group_codes(data, group, np.ones(data.nobs, dtype=bool) if every else rows, missing)
    column = data.numeric(names[0]) if names else np.ones(data.nobs)

    def values_of(sub_rows: np.ndarray) -> np.ndarray:
        return np.array([_weighted_sum(column, sub_rows & (codes == k), w) for k in range(len(labels))])
    return labels, values_of, codes, every


def _plabels(opts: dict, notes: list[str]):
    from mlmcli.graphs import added_line_text_options as added
    from mlmcli.graphs.look_options import relative_size
    from mlmcli.graphs.pie import SliceLabel, radius_share
    from mlmcli.graphs.syntax import items

    textbox_specs = [o for o in added.TEXT_SUBOPTIONS if o.name not in ("axis", "xaxis", "yaxis")]
    out = []
    for arg in opts.get("plabel", []):
        body, subs, _ = split_options(arg)
        words = items(body)
        if len(words) < 2:
            raise StataError("option plabel() incorrectly specified", 198)
        (_, which), (quoted, what) = words[0], words[1]
        if which.lower() == "_all":
            number = 0
        elif which.isdecimal() and int(which) >= 1:
            number = int(which)
        else:
            raise StataError("option plabel() incorrectly specified", 198)
        if not quoted and what.lower() not in ("sum", "percent", "name"):
            raise StataError(f"plabel(): {what} invalid; sum, percent, name or \"text\"", 198)
        # [G-2] graph pie: plabel(... [, format(%fmt) gap(relativesize) textbox_options])
        sub = resolve_options(subs, PLABEL_SPECS + textbox_specs)
        gap = radius_share(relative_size(sub["gap"][-1], "gap")) if sub.get("gap") else 0.0
        fmt = sub["format"][-1].strip() if sub.get("format") else None
        box = added.text_box_fields({k: v for k, v in sub.items() if k not in ("format", "gap")}, notes)
        size, color = box.pop("size"), box.pop("color")
        out.append(SliceLabel(number, what if quoted else what.lower(), quoted, fmt, gap, size, color,
                              tuple(box.items())))
    return out


def _explode_distance(arg) -> float:
    """``explode`` (3.8) or ``explode(relativesize)`` (``*#``: # times 3.8) as a share of the
    pie's radius."""
    from mlmcli.graphs.look_options import UNIT_PT, number, relative_size
    from mlmcli.graphs.pie import EXPLODE_UNITS, radius_share

    word = arg.strip() if isinstance(arg, str) else ""
    if not word:
        return radius_share(EXPLODE_UNITS * UNIT_PT)
    if word.startswith("*"):
        return radius_share(number(word[1:], "explode") * EXPLODE_UNITS * UNIT_PT)
    return radius_share(relative_size(word, "explode"))


def _slice_looks(opts: dict, notes: list[str], n: int) -> tuple[dict[int, dict], dict[int, float]]:
    from mlmcli.graphs.look_options import color_value
    from mlmcli.graphs.style import intensity, series_color
    from mlmcli.syntax.numlist import numlist

    looks: dict[int, dict] = {}
    exploded: dict[int, float] = {}
    for arg in opts.get("pie", []):
        body, subs, _ = split_options(arg)
        try:
            which = range(1, n + 1) if body.strip().lower() == "_all" else [int(v) for v in numlist(body)]
        except (StataError, ValueError):
            raise StataError("option pie() incorrectly specified", 198) from None
        if not which or any(k < 1 for k in which):
            raise StataError("option pie() incorrectly specified", 198)
        sub = resolve_options(subs, PIE_SUBOPTIONS)
        colour = color_value(sub["color"][-1], notes) if sub.get("color") else None
        for k in which:
            if "explode" in sub:
                exploded[k] = _explode_distance(sub["explode"][-1])
            if colour:
                looks.setdefault(k, {})["color"] = colour
    if opts.get("intensity"):
        word = opts["intensity"][-1].strip()
        factor = float(word.lstrip("*")) / (1.0 if word.startswith("*") else 100.0)
        for k in range(1, max(n, 15) + 1):
            base = looks.get(k, {}).get("color") or series_color(k)
            looks.setdefault(k, {})["color"] = intensity(base, factor)
    return looks, exploded


def _order(session, opts: dict, values: np.ndarray, labels: list[str], codes, rows,
           names: list[str]) -> np.ndarray:
    """The slices' order: as the groups (or variables) come, ``sort`` by size, ``sort(varname)``
    by the variable's mean in each group -- without ``over()`` over each slice's variable's
    observations (the rows where it is not missing), as ``graph bar``'s yvars are ordered by
    ``yvaroptions(sort(varname))``: with no variable missing they tie and keep the typed order
    -- ``descending`` reversed."""
    from mlmcli.graphs.categorical import Over, sort_key, yvar_sort_key

    order = np.arange(len(values))
    if "sort" in opts:
        arg = opts["sort"][-1]
        key = values
        if isinstance(arg, str) and arg.strip():
            (var,) = session.data.expand_varlist(arg) or [None]
            session.data.numeric(var)
            if codes is None:
                # [G-2] graph pie: "sort(varname) specifies that the slices be put in (ascending)
                # order of varname"; a varlist's slices are its variables, each summed over its
                # own observations, so each is placed by varname's mean over those
                every = np.ones(session.data.nobs, dtype=bool)
                key = yvar_sort_key(session.data, Over("", np.empty(0, dtype=int), labels,
                                                       sort_var=("mean", var)),
                                    rows, [[(name, every)] for name in names], None)
            else:
                key = sort_key(session.data, Over("", codes, labels, sort_var=("mean", var)), rows,
                               len(labels), None)
        order = np.argsort(np.where(np.isnan(key), np.inf, key), kind="stable")
    if opts.get("descending"):
        order = order[::-1]
    return order


def graph_pie(session, rest: str, cmd: Command) -> None:
    from mlmcli.commands.data.common import weights as read_weights
    from mlmcli.graphs import added_line_text_options as added
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.build import by_graph_fields, read_by
    from mlmcli.graphs.look_options import UNIT_PT, color_value
    from mlmcli.graphs.pie import pie_series, polar_texts, radius_share
    from mlmcli.graphs.plotdata import by_groups
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Graph, Panel
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
    for name in gopts:  # a pie has no axes
        if name[0] in "xyt" and name not in ("title",) and name[1:] in (
                "label", "tick", "mlabel", "mtick", "scale", "title", "line", "varformat", "text"):
            raise StataError(f"option {name}() not allowed", 198)
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
    labels, values_of, codes, every = _slices(session, names, opts, rows, w)
    values = values_of(rows)
    order = _order(session, opts, values, labels, codes, rows, names)
    labels = [labels[k] for k in order]
    if not np.any(values > 0):
        raise StataError("no observations", 2000)
    notes: list[str] = []
    looks, exploded = _slice_looks(opts, notes, len(labels))
    line = {}
    if opts.get("line"):
        sub = resolve_options(read_options(opts["line"][-1]), LINE_SPECS)
        if sub.get("lcolor"):
            line["line_color"] = color_value(sub["lcolor"][-1], notes)
        if sub.get("lwidth"):
            line["line_width"] = line_width(sub["lwidth"][-1])
    cycle = None
    if opts.get("pcycle"):
        cycle = int(gopt.number(opts["pcycle"][-1], "pcycle"))
        if cycle < 1:
            raise StataError("option pcycle() incorrectly specified", 198)
    texts = polar_texts(added.text_boxes(opts.get("ptext", []), notes), radius_share(UNIT_PT))
    by_arg = gopt.last(gopts, "by")
    keep_zero = isinstance(by_arg, str) or every
    drawing = dict(angle0=gopt.number(opts["angle0"][-1], "angle0") if opts.get("angle0") else 90.0,
                   clockwise=not opts.get("noclockwise"), looks=looks, exploded=exploded,
                   labels=_plabels(opts, notes), line=line, keep_zero=keep_zero, cycle=cycle)

    def panel(sub_rows: np.ndarray, title: str = "") -> Panel:
        series, slice_texts = pie_series(values_of(sub_rows)[order], labels, **drawing)
        return Panel(tuple(series), title=title, texts=tuple(slice_texts) + texts)

    fields: dict = {}
    if isinstance(by_arg, str):
        by_vars, by_sub = read_by(session.data, by_arg, notes)
        panels = [panel(group_rows, title) for title, group_rows in
                  by_groups(session.data, by_vars, rows, bool(by_sub.get("missing")))]
        if by_sub.get("total"):
            panels.append(panel(rows, "Total"))
        fields.update(by_graph_fields(session.data, by_vars, by_sub, len(panels), notes))
        if isinstance(by_sub.get("legend"), str):
            fields.update(gopt.legend_fields(by_sub["legend"], notes))
        fields.update(share_x=False, share_y=False)  # each pie in its own square
    else:
        panels = [panel(rows)]
    scheme = getattr(session, "graph_scheme", "s2color")
    reach = 1.0 + max(exploded.values(), default=0.0) + 0.02
    for box in texts:  # ptext() beyond the pie widens the square
        reach = max(reach, abs(box.x) + 0.05, abs(box.y) + 0.05)
    base = dict(scheme=scheme, legend="on", aspect=1.0, plot_color=scheme_of(scheme).graph_region,
                xaxis=Axis(off=True, range=(-reach, reach), grid=False),
                yaxis=Axis(off=True, range=(-reach, reach), grid=False),
                plot_margin=(0.0, 0.0, 0.0, 0.0))
    base.update(fields)
    own_opts = gopts
    if isinstance(by_arg, str):  # title and region options outside by(): every pie's ([G-3] by_option)
        from mlmcli.graphs.by_panel_titles import by_panel_options, retitled

        own_opts, panel_fields, label = by_panel_options(gopts, notes)
        base.update(panel_fields)
        panels = retitled(panels, label)
        region = dict(panel_fields.get("panel_region", ())).get("graph_color")
        if region:  # a pie's plot region shows its graph region: now each pie's own
            base["plot_color"] = region
    common = gopt.common_fields(own_opts, notes)
    if isinstance(by_arg, str):  # legend() outside by(): its contents; on/off and place are the pies'
        from mlmcli.graphs.by_panel_legends import split_legends

        common = split_legends(common, gopts, notes)
        if isinstance(by_sub.get("legend"), str):  # by(, legend()): the overall one's
            common.update(gopt.legend_fields(by_sub["legend"], notes, common.get("legend_look")))
    base.update({k: v for k, v in common.items() if k not in ("xaxis", "yaxis")})
    for note in notes:
        session.print(note)
    graph = Graph(panels=tuple(panels), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                  command=cmd.text, **base)
    finish(session, graph, gopts)

