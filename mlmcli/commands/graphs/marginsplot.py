"""``marginsplot`` -- graph the results of the last ``margins`` (``mlmcli.graphs.marginsplot``).

    marginsplot [, xdimension(dimlist [, dimopts]) plotdimension() bydimension()
                   graphdimension() horizontal noci derivlabels name() allxlabels nolabels
                   allsimplelabels nosimplelabels separator() noseparator plotopts()
                   plot#opts() recast() ciopts() ci#opts() recastci() level() byopts()
                   twoway_options]

Dimensions are ``_at``, the at() variables, over() and marginlist variables and ``_deriv``
(the dy/dx variables).  ``x()`` is ``xdimension()``, ``by()`` is ``bydimension()``; dimopts
are ``labels()``, ``elabels()``, ``nolabels``, ``allsimplelabels``, ``nosimplelabels``,
``separator()``, ``noseparator``.  The graph is a ``twoway`` of the margins (the graph
module's docstring): ``plotopts()``/``plot#opts()`` take the options of the ``recast()``
plot type, ``ciopts()``/``ci#opts()`` those of the ``recastci()`` type, every other option is
a twoway option (titles, axes, legend, scheme, regions, ``name()``, ``saving()`` ...) and
``byopts()`` holds ``by()``'s suboptions.  ``mcompare()`` adjusts the intervals as ``margins,
mcompare()`` does; ``unique`` and ``csort`` (pairwise comparisons' options) change nothing, with a
note.  ``addplot()``'s twoway plots draw from the data in memory (the margins' variables
beside it: ``margins_beside``) after the margins plots, or before them with ``below``; their
legend keys follow marginsplot's (``legend(order(3 "data"))`` after one plot with intervals).
Dimensions, ``name()``/``saving()`` with several graphs and the plot order of ``recast(bar|area)``
are marginsplot.ado's (docs/marginsplot_dimensions.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options, split_options

HELP = {
    "marginsplot": (
        "marginsplot [, xdimension() plotdimension() bydimension() graphdimension() horizontal noci "
        "recast() recastci() plotopts() plot#opts() ciopts() ci#opts() level() byopts() twoway_options] "
        "-- graph the results of the last margins."),
}

OPTIONS = [OptionSpec(*row) for row in (
    ("xdimension", 1, True), ("plotdimension", 4, True), ("bydimension", 2, True),
    ("graphdimension", 2, True), ("horizontal", 5), ("noci", 4), ("derivlabels", 8),
    ("allxlabels", 4), ("nolabels", 5), ("allsimplelabels", 6), ("nosimplelabels", 5),
    ("separator", 3, True), ("noseparator", 5), ("recast", None, True),
    ("recastci", None, True), ("level", 1, True), ("mcompare", 5, True), ("unique", None),
    ("csort", None), ("addplot", None, True),
    ("__swapxp", None),  # marginsplot.ado 1.2.4's undocumented swap of the x and plot dimensions
)] + [OptionSpec(name, least, True, repeatable=True)  # marginsplot.ado: PLOTOPts, CIOPts, BYOPts
     for name, least in (("plotopts", 6), ("ciopts", 4), ("byopts", 4))]
# [R] marginsplot: unique and csort order pairwise comparisons (margins, pwcompare), which
# marginsplot in mlmcli does not draw: on margins' own results they have nothing to act on
PAIRWISE_ONLY = ("unique", "csort")
# marginsplot.ado draws these margins plots before the intervals (the margins keys are 1..k)
MARGINS_FIRST = ("area", "bar")
DIMOPTS = [OptionSpec(*row) for row in (
    ("labels", 3, True), ("elabels", 4, True), ("nolabels", 5), ("allsimplelabels", 6),
    ("nosimplelabels", 5), ("separator", 3, True), ("noseparator", 5),
)]
# marginsplot.ado (Stata 16) reads them with ``syntax [, PLOT`i'opts(string asis) *]`` and
# ``CI`i'opts``: ``plot1``, ``plot1opt``, ``ci2o`` ... are the same option
_NUMBERED = re.compile(r"(plot|ci)(\d+)(?:o(?:p(?:ts?)?)?)?")


def split_marginsplot_options(options) -> tuple[dict, dict, dict, list[Option]]:
    """Typed options -> (marginsplot's own, resolved; plot#opts; ci#opts; the twoway options)."""
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    own, rest = [], []
    plot_k: dict[int, list[Option]] = {}
    ci_k: dict[int, list[Option]] = {}
    for opt in options:
        m = _NUMBERED.fullmatch(opt.name)
        if m:
            if opt.arg is None:
                raise StataError(f"{opt.name}() invalid", 198)
            target = plot_k if m.group(1) == "plot" else ci_k
            target.setdefault(int(m.group(2)), []).extend(
                o for part in split_top(opt.arg, ",") for o in read_options(part))
        elif any(s.matches(opt.name) for s in OPTIONS):
            own.append(opt)
        else:
            rest.append(opt)
    return resolve_options(own, OPTIONS), plot_k, ci_k, rest


def _plot_options(texts) -> list[Option]:
    """``plotopts(...)`` texts -> the options inside (a stray comma is a space, as in twoway)."""
    from mlmcli.graphs.syntax import split_top
    from mlmcli.syntax.options import read_options

    return [o for text in texts or () for part in split_top(text, ",") for o in read_options(part)]


def _label_rule(opts: dict, base=None):
    """The LabelRule of the global label options (``base`` None) or of a dimension's dimopts
    laid over the global rule ``base``."""
    from mlmcli.graphs.graph_options import legend_keys_and_texts
    from mlmcli.graphs.marginsplot import LabelRule
    from mlmcli.graphs.syntax import items

    rule = base or LabelRule()
    if opts.get("allsimplelabels") and opts.get("nosimplelabels"):
        raise StataError("options allsimplelabels and nosimplelabels may not be combined", 198)
    if opts.get("separator") is not None and opts.get("noseparator"):
        raise StataError("options separator() and noseparator may not be combined", 198)
    if opts.get("allsimplelabels"):
        rule = replace(rule, simple="all")
    if opts.get("nosimplelabels"):
        rule = replace(rule, simple="none")
    if opts.get("nolabels"):
        rule = replace(rule, nolabels=True)
    if opts.get("separator") is not None:
        found = items(str(opts["separator"]))
        rule = replace(rule, separator=found[0][1] if len(found) == 1 else str(opts["separator"]))
    if opts.get("noseparator"):
        rule = replace(rule, separator=" ")
    if isinstance(opts.get("labels"), str):
        rule = replace(rule, labels=tuple(word for _, word in items(opts["labels"])))
    if isinstance(opts.get("elabels"), str):
        pairs = legend_keys_and_texts(opts["elabels"])
        if not pairs:
            raise StataError("option elabels() incorrectly specified", 198)
        rule = replace(rule, elabels=tuple(pairs))
    return rule


def _dimension(text, rule):
    """``[dimlist] [, dimopts]`` -> a Dimension (None when not typed).  marginsplot.ado's ParseDim
    reads ``syntax [anything] [, ...]``: with no dimlist (``plot(, labels(...))``) the dimension
    is chosen as when untyped, and the options label it."""
    from mlmcli.graphs.marginsplot import Dimension

    if text is None:
        return None
    body, options, _ = split_options(str(text))
    return Dimension(tuple(body.split()), _label_rule(resolve_options(options, DIMOPTS), rule))


def _typed_axis_rule(options: list[Option], letter: str) -> bool:
    """Did the user give the axis its own labels (``xlabel(0(1)5)``, ``xlabel(#4)``)?"""
    from mlmcli.graphs import graph_options as gopt

    opts = gopt.resolve_graph_options(options)
    args = opts.get(f"{letter}label", []) + (opts.get("tlabel", []) if letter == "x" else [])
    for arg in args:
        if isinstance(arg, str):
            ticks, fields = gopt.axis_labels(arg)
            if ticks is not None or "nticks" in fields or "ticklabels" in fields:
                return True
    return False


def _margins_result(session):
    from mlmcli.results.margins import MarginsResult

    res = session.margins
    if not isinstance(res, MarginsResult) or (session.r.get("cmd") != "margins" and
                                              (session.e is None or session.e.cmd != "margins")):
        raise StataError("previous command was not margins", 301)
    return res


def _rows_at_level(session, res, opts: dict):
    """The margins' intervals at ``level()`` and adjusted by ``mcompare()`` as ``margins, level()
    mcompare()`` adjusts them: within each term (an equation's margins of one heading), the
    family its m estimable margins (Scheffe: of rank d, the rank of their block of r(V))."""
    from mlmcli.commands.postestimation.margins_output import mcompare_method
    from mlmcli.margins.contrasts import Adjustment
    from mlmcli.margins.inference import critical_value

    method = mcompare_method(opts) if opts.get("mcompare") is not None else None
    if "level" not in opts and method is None:
        return res.rows, res.level  # as margins computed them (mcompare()-adjusted when it was asked for)
    if getattr(res, "counts", ()) and method is None:
        raise StataError("option level() not allowed after margins, mcompare(): marginsplot in mlmcli draws "
                         "the intervals margins computed; rerun margins with level() or give mcompare()", 198)
    level = confidence_level(opts, res.level)
    e = session.e
    df = e.scalars.get("df_r") if e is not None else session.r.get("df_r")
    df = None if res.stat_label == "z" else df
    crit = [critical_value(level, df)] * len(res.rows)
    if method not in (None, "noadjust"):
        families: dict = {}
        for i, r in enumerate(res.rows):
            if r.estimable and not r.base and np.isfinite(r.se):
                families.setdefault((r.eq, r.term), []).append(i)
        V = session.r.get("V")
        for idx in families.values():
            rank = len(idx)
            if method == "scheffe":
                if V is None or np.shape(V.values) != (len(res.rows), len(res.rows)):
                    raise StataError("mcompare(scheffe) needs r(V) of the last margins", 198)
                sub = V.values[np.ix_(idx, idx)]
                rank = int(np.linalg.matrix_rank(sub)) if np.isfinite(sub).all() else 0  # missing: no rank
            q = Adjustment(method, len(idx), rank).critical(level, df)
            for i in idx:
                crit[i] = q
    return tuple(replace(r, lo=r.b - q * r.se, hi=r.b + q * r.se) for r, q in zip(res.rows, crit)), level


def _derivative_labels(session, points):
    """``derivlabels``: each dy/dx variable named by its variable label (a factor level by its
    value label)."""
    from mlmcli.graphs.marginsplot import PlotPoint

    data = session.data
    order: dict = {}  # each dy/dx variable's place: marginsplot.ado's _deriv is 1, 2, ..., so two
    out = []          # variables with the same label stay two margins
    for p in points:
        value, text = p.coords.get("_deriv", (None, None))
        if value is None:
            out.append(p)
            continue
        level, dot, var = text.partition(".")
        if dot and var in data.df.columns:
            new = data.value_label_text(var, value) or text
        else:
            new = data.var_labels.get(text) or text
        place = order.setdefault((value, text), float(len(order) + 1))
        out.append(PlotPoint(p.b, p.lo, p.hi, {**p.coords, "_deriv": (place, new)}))
    return out


def _dimension_labels(data, order):
    """Variable labels and value-label tables of the dimensions that are variables."""
    names = [d for d in order if d in data.df.columns]
    var_labels = {d: data.var_labels[d] for d in names if data.var_labels.get(d)}
    tables = {d: data.value_labels.get(data.value_label_of.get(d, ""), {}) for d in names}
    return var_labels, tables


def cmd_marginsplot(session, cmd: Command) -> None:
    """``marginsplot`` (module docstring)."""
    from mlmcli.graphs.marginsplot import points_from

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    opts, plot_k, ci_k, twoway_options = split_marginsplot_options(cmd.options)
    for name in PAIRWISE_ONLY:
        if opts.get(name):
            session.print(f"(note: option {name} has no effect: the margins are not pairwise comparisons)")
    res = _margins_result(session)
    rows, level = _rows_at_level(session, res, opts)
    ci = not opts.get("noci") and not res.nose
    points = points_from(rows)
    if not points:
        raise StataError("nothing to plot: no estimable margins", 2000)
    if opts.get("derivlabels"):
        points = _derivative_labels(session, points)
    draw_points(session, cmd, opts, plot_k, ci_k, twoway_options, points, MarginsSource(
        dims=tuple(res.dims), at_vars=tuple(res.at_vars), plot_title=res.plot_title, ylabel=res.ylabel,
        level=level, ci=ci, at_options=tuple(getattr(res, "at_options", ())), labels=session.data))


@dataclass(frozen=True)
class MarginsSource:
    """What marginsplot draws from besides the points: the dimensions (name, its name in the
    margins file) in marginsplot.ado's order, the at() variables that vary, the titles, the
    level, whether intervals are drawn, the at() options and the dataset whose variable and
    value labels label the dimensions (the data in memory; combomarginsplot's files)."""

    dims: tuple
    at_vars: tuple
    plot_title: str
    ylabel: str
    level: float
    ci: bool
    at_options: tuple
    labels: object
    per_plot: object = None  # combomarginsplot: a plot's points -> (its plot options, its ci options)


def draw_points(session, cmd: Command, opts: dict, plot_k, ci_k, twoway_options, points, src: MarginsSource) -> None:
    """Choose the dimensions of ``points`` and draw them (marginsplot's graph; combomarginsplot's)."""
    from mlmcli.commands.graphs.twoway import build_twoway, session_on
    from mlmcli.graphs.marginsplot import (Dimension, addplot_legend_order, choose_dimensions, graph_groups,
                                           margins_beside, marginsplot_twoway)
    from mlmcli.graphs.plotdata import var_title
    from mlmcli.graphs.syntax import TwowayCall

    level, ci = src.level, src.ci
    rule = _label_rule(opts)
    dims = {role: _dimension(opts.get(name), rule) for role, name in (
        ("x", "xdimension"), ("plot", "plotdimension"), ("by", "bydimension"), ("graph", "graphdimension"))}
    order = [d for d, _ in src.dims]
    _say_identifying(session, points, src.dims, src.at_options)
    x, plot, by, graph, extra = choose_dimensions(
        points, order, list(src.at_vars), **{role: list(d.names) if d else None for role, d in dims.items()})
    if extra:
        _note_added_to_plot(session, [dict(src.dims)[d] for d in extra])
    if opts.get("__swapxp") and plot:  # marginsplot.ado: only when there is a plot dimension
        x, plot = plot, x
        dims["x"], dims["plot"] = dims["plot"], dims["x"]
    # a single x dimension is labelled by its values alone (the axis title names it)
    x_rule = dims["x"].rule if dims["x"] else rule
    if len(x) == 1 and x_rule.simple is None:
        x_rule = replace(x_rule, simple="all")
    as_dim = {role: Dimension(tuple(names), dims[role].rule if dims[role] else rule)
              for role, names in (("plot", plot), ("by", by), ("graph", graph))}
    horizontal = bool(opts.get("horizontal"))
    recast = str(opts.get("recast", "connected")).strip().lower()
    recastci = str(opts.get("recastci", "rcap")).strip().lower()
    title = src.plot_title + (f" with {level:g}% CIs" if ci else "")
    var_labels, tables = _dimension_labels(src.labels, order)
    xtitle = "" if not x else var_title(src.labels, x[0]) if len(x) == 1 and x[0] in src.labels.df.columns \
        else " ".join(x)
    if x == ["_deriv"]:  # marginsplot.ado: char _deriv[varname] "Effects with Respect to", the axis title
        xtitle = "Effects with Respect to"
    elif x == ["_predict"]:  # char _predict[varname] "predict()"
        xtitle = "predict()"
    groups = graph_groups(points, as_dim["graph"])
    several = len(groups) > 1
    if several:  # marginsplot.ado: name(stub#[, replace]) and saving(file#[, ...]) for graph #
        twoway_options, numbered, save_failure = _numbered_name_and_saving(twoway_options)
    xlabels_typed = _typed_axis_rule(twoway_options, "y" if horizontal else "x")
    byopts = " ".join(opts.get("byopts", []))
    added, added_options, below = _added(opts)
    # marginsplot.ado draws each graph, then restores the data in memory and runs `graph addplot`
    # on it, which refuses a by() graph (a bygraph_g, not a twowaygraph_g: graph.ado)
    refused = bool(added) and bool(by)
    margins_first = recast in MARGINS_FIRST
    base_plot_k, base_ci_k = plot_k, ci_k
    for number, (group_text, group_points) in enumerate(groups, 1):
        if src.per_plot is not None:
            plot_k, ci_k = _with_per_plot(group_points, as_dim["plot"], src.per_plot, base_plot_k, base_ci_k)
        mp = marginsplot_twoway(
            group_points, order, list(src.at_vars), x=Dimension(tuple(x), x_rule), plot=as_dim["plot"],
            by=as_dim["by"], recast=recast, recastci=recastci, ci=ci, horizontal=horizontal,
            allxlabels=bool(opts.get("allxlabels")), title=title, ytitle=src.ylabel, xtitle=xtitle,
            level=level, var_labels=var_labels, value_labels=tables,
            plotopts=_plot_options(opts.get("plotopts")), ciopts=_plot_options(opts.get("ciopts")),
            plot_k=plot_k, ci_k=ci_k, xlabels_typed=xlabels_typed, byopts=byopts, margins_first=margins_first)
        own = list(mp.options) + (numbered(number) if several else [])
        if several:
            mp.defaults["subtitle"] = group_text
        if added:
            mp.defaults.pop("legend", None)
            mp.defaults["legend_order"] = addplot_legend_order(mp, ci, len(added), below)
        scratch = session_on(session, margins_beside(session.data, mp.data) if added and not refused else mp.data)
        plots = list(mp.plots) if refused else added + list(mp.plots) if below else list(mp.plots) + added
        typed = list(twoway_options)
        if as_dim["by"].names:
            typed, own = _titles_of_the_whole_graph(typed, own)
        if added and not refused:  # graph addplot's legend(order()), then the options typed in addplot()
            typed += _graph_addplot_legend(mp.defaults["legend_order"]) + added_options
        call = TwowayCall(tuple(plots), None, None, tuple(own + typed))
        drawn, builder = build_twoway(scratch, call, cmd.text or "marginsplot", defaults=mp.defaults)
        if mp.n_plots == 1 and not added and drawn.legend == "off" and _asks_for_legend(builder.graph_options):
            drawn = replace(drawn, legend="on")
        finish(session, drawn, builder.graph_options)
        if several and save_failure is not None:
            raise save_failure
        if refused:
            raise StataError("Graph family bygraph_g does not support addplot.", 198)


def _with_per_plot(points, plot, per_plot, plot_k, ci_k):
    """plot#opts()/ci#opts() with each plot's own options after them (combomarginsplot's
    file#opts(), fileci#opts(): cmp_marginsplot16 appends them to ci#opts and plot#opts)."""
    from mlmcli.graphs.marginsplot import plot_members

    plot_k = {k: list(v) for k, v in plot_k.items()}
    ci_k = {k: list(v) for k, v in ci_k.items()}
    for j, members in enumerate(plot_members(points, plot), 1):
        extra_plot, extra_ci = per_plot(members)
        if extra_plot:
            plot_k.setdefault(j, []).extend(extra_plot)
        if extra_ci:
            ci_k.setdefault(j, []).extend(extra_ci)
    return plot_k, ci_k


def _titles_of_the_whole_graph(typed: list[Option], own: list[Option]) -> tuple[list[Option], list[Option]]:
    """marginsplot's subgraphs (bydimension()): its own title is the whole graph's, drawn once
    over them, and a ``title()``, ``note()`` or ``caption()`` typed to marginsplot replaces it
    there: they are moved into the by() it builds (outside it they would be each panel's,
    [G-3] by_option) -- uncertain: what marginsplot.ado does with them."""
    from mlmcli.graphs.graph_options import GRAPH_SPECS

    specs = [spec for spec in GRAPH_SPECS if spec.name in ("title", "note", "caption")]
    whole = [o for o in typed if o.arg is not None and any(spec.matches(o.name) for spec in specs)]
    if not whole:
        return typed, own
    moved = " ".join(f"{o.name}({o.arg})" for o in whole)
    own = [Option("by", f"{o.arg} {moved}") if o.name == "by" else o for o in own]
    return [o for o in typed if o not in whole], own


def _added(opts: dict):
    """``addplot()`` -> (its plots, the twoway options typed in it, below)."""
    from mlmcli.commands.graphs.ready_series import added_plots

    text = opts.get("addplot")
    if not isinstance(text, str) or not text.strip():
        if text is not None:
            raise StataError("option addplot() invalid", 198)
        return [], [], False
    plots, options, below = added_plots(text)
    return plots, options, below


def _graph_addplot_legend(order) -> list[Option]:
    """The ``legend(order())`` marginsplot.ado gives ``graph addplot`` after drawing the margins:
    it comes after the options typed outside ``addplot()`` (so their ``order()`` is replaced) and
    before those typed inside it (whose ``order()`` wins)."""
    keys = " ".join(f"{key} `\"{text}\"'" if text else str(key) for key, text in order)
    return [Option("legend", f"order({keys})")]


def _numbered_name_and_saving(options: list[Option]):
    """(the options without ``name()``/``saving()``, graph number -> their numbered forms) as
    marginsplot.ado types them for several graphs: ``name(_mp_#, replace)`` by default,
    ``name(stub#[, replace])`` and ``saving(file#[, suboptions])`` (# appended to the name as
    typed: ``saving(g.gph)`` writes ``g.gph1``), and the error that stops the command after the
    first graph is drawn, or None: a quoted file name takes the number after its closing quote
    (``saving("g.gph"1, )``), and gr_save.ado's ``gettoken filenm nothing`` leaves ``1`` over:
    ``invalid syntax, 1 not allowed`` r(198)."""
    from mlmcli.graphs import graph_options as gopt

    resolved = gopt.resolve_graph_options(options)
    name_arg, saving_arg = gopt.last(resolved, "name"), gopt.last(resolved, "saving")
    stub, replace_it = gopt.graph_name(name_arg) if name_arg is not None else ("_mp_", True)
    file, subs, failure = None, "", None
    if saving_arg is not None:
        body, sub_options, _ = split_options(str(saving_arg))
        file = body.strip()
        gopt.saving_target(saving_arg)  # its suboptions checked
        if file.startswith(('"', "`")):
            file, failure = None, StataError("invalid syntax, 1 not allowed", 198)
        subs = ", ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name for o in sub_options)
    kept = [o for o in options if not any(
        s.matches(o.name) for s in gopt.GRAPH_SPECS if s.name in ("name", "saving"))]

    def numbered(number: int) -> list[Option]:
        out = [Option("name", f"{stub}{number}" + (", replace" if replace_it else ""))]
        if file is not None:
            out.append(Option("saving", f"{file}{number}" + (f", {subs}" if subs else "")))
        return out
    return kept, numbered, failure


def _say_identifying(session, points, dims, ats) -> None:
    """marginsplot.ado's first lines: a blank line and ``Variables that uniquely identify margins:``
    with the dimensions ``identifying`` finds (no typed ones), named as in the data (``_atopt``
    for the at() row, ``_deriv``); with several at() options ``Multiple at() options
    specified:`` and one ``_atoption=#: spec`` paragraph each ({p 6 10 2})."""
    from mlmcli.graphs.marginsplot import identifying
    from mlmcli.render.lrtest import wrap_paragraph

    file_names = dict(dims)
    found = identifying(points, [d for d, _ in dims])
    # (the ado's at(x), for an at() variable also met as another dimension, cannot arise: mlm keys
    # the dimensions by name)
    names = [file_names[d] if d in ("_at", "_deriv") else d for d in found]
    session.print("")
    text = f"Variables that uniquely identify margins: {' '.join(names)}"
    session.print("\n".join(wrap_paragraph(text, session.linesize, first=2, hanging=6)))
    if len(ats) > 1:  # _dta[k_at] > 1: each at() as margins kept it, numbered in a width of its count
        session.print("  Multiple at() options specified:")
        width = 1 if len(ats) < 10 else 2 if len(ats) < 100 else 4
        for i, at in enumerate(ats, 1):
            session.print("\n".join(wrap_paragraph(f"_atoption={i:{width}d}: {at}", session.linesize,
                                                    first=6, hanging=10)))


def _note_added_to_plot(session, names: list[str]) -> None:
    """marginsplot.ado's note when every dimension option is typed and does not identify the
    margins: the rest join plotdimension(), named as in its margins file (``_by1``, ``_m2``)."""
    from mlmcli.render.lrtest import wrap_paragraph

    text = ("Dimension options do not specify all variables required to uniquely identify margins.  "
            f"Variables {' '.join(names)} included in plotdimension().")
    session.print("\n".join(wrap_paragraph(text, session.linesize, first=2, hanging=6)))


def _asks_for_legend(graph_options: dict) -> bool:
    """A single plot has no legend unless ``legend()`` names keys (``order()``/``label()``)."""
    from mlmcli.graphs import graph_options as gopt

    for arg in graph_options.get("legend", []):
        fields = gopt.legend_fields(arg)
        if fields.get("legend") != "off" and ("legend_order" in fields or "legend_labels" in fields):
            return True
    return False
