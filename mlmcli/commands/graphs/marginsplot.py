"""``marginsplot`` -- graph the results of the last ``margins`` (``mlmcli.graphs.marginsplot``).

    marginsplot [, xdimension(dim) plotdimension(dimlist) bydimension(dimlist) recast(plottype)
                   recastci(plottype) noci level(#) title() subtitle() xtitle() ytitle() note()
                   caption() legend() name() xlabel() ylabel() xline() yline() ...]

Dimensions are ``_at``, the at() variables, over() and marginlist variables and ``_deriv``
(the dy/dx variables).  ``x()`` is ``xdimension()``, ``by()`` is ``bydimension()``.  The
graph goes through the graph layer like any ``twoway`` graph (current graph, ``graph
export``, ``--graphs DIR``).
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import keep_graph
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {
    "marginsplot": (
        "marginsplot [, xdimension() plotdimension() bydimension() recast() recastci() noci level() title() "
        "...] -- graph the results of the last margins."),
}

OPTIONS = [
    OptionSpec("xdimension", 4, True), OptionSpec("x", 1, True), OptionSpec("plotdimension", 4, True),
    OptionSpec("bydimension", 5, True), OptionSpec("by", 2, True), OptionSpec("recast", 6, True),
    OptionSpec("recastci", 8, True), OptionSpec("noci", 4), OptionSpec("level", 1, True),
    OptionSpec("title", 2, True), OptionSpec("subtitle", 3, True), OptionSpec("xtitle", 3, True),
    OptionSpec("ytitle", 3, True), OptionSpec("note", 4, True), OptionSpec("caption", 3, True),
    OptionSpec("legend", 3, True), OptionSpec("name", 4, True), OptionSpec("xlabel", 4, True),
    OptionSpec("ylabel", 4, True), OptionSpec("xline", 5, True, repeatable=True),
    OptionSpec("yline", 5, True, repeatable=True), OptionSpec("horizontal", 3), OptionSpec("addplot", 7, True),
    OptionSpec("allxlabels", 4), OptionSpec("nolabels", 7),
]
# styling options accepted and left to the scheme, as twoway does for its styling options
STYLING = ["plotopts", "ciopts", "plot1opts", "plot2opts", "plot3opts", "plot4opts", "ci1opts", "ci2opts",
           "ci3opts", "ci4opts", "scheme", "graphregion", "plotregion", "xsize", "ysize", "aspectratio",
           "nodraw", "xscale", "yscale", "saving"]


def _dims(text) -> list[str]:
    words = str(text).split(",")[0].split()
    return words


def cmd_marginsplot(session, cmd: Command) -> None:
    """``marginsplot`` (module docstring)."""
    from mlmcli.graphs.build import graph_name, var_title
    from mlmcli.graphs.graph_options import legend_fields
    from mlmcli.graphs.marginsplot import marginsplot_graph, points_from
    from mlmcli.graphs.syntax import title_text
    from mlmcli.margins.inference import critical_value
    from mlmcli.results.margins import MarginsResult

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    styling = [OptionSpec(n, 4, True, arg_optional=True, repeatable=True) for n in STYLING]
    opts = resolve_options(cmd.options, OPTIONS + styling)
    for name in ("horizontal", "addplot", "allxlabels", "nolabels"):
        if opts.get(name) is not None:
            raise StataError(f"option {name} not allowed", 198)
    res = session.margins
    if not isinstance(res, MarginsResult) or (session.r.get("cmd") != "margins" and
                                              (session.e is None or session.e.cmd != "margins")):
        raise StataError("previous command was not margins", 301)
    rows = res.rows
    if "level" in opts:
        level = confidence_level(opts, res.level)
        q = critical_value(level, None if res.stat_label == "z" else _df(session))
        rows = tuple(replace(r, lo=r.b - q * r.se, hi=r.b + q * r.se) for r in rows)
    else:
        level = res.level
    ci = not opts.get("noci") and not res.nose
    points = points_from(rows)
    if not points:
        raise StataError("nothing to plot: no estimable margins", 2000)
    order = [d for d, _ in res.dims]
    x = opts.get("xdimension", opts.get("x"))
    x = _dims(x)[0] if x else None
    plot = _dims(opts["plotdimension"]) if opts.get("plotdimension") else None
    by_text = opts.get("bydimension", opts.get("by"))
    by = _dims(by_text) if by_text else None
    data = session.data
    labels = {d: d for d in order}
    xtitle = None
    recast = str(opts.get("recast", "connected")).strip().lower()
    recastci = str(opts.get("recastci", "rcap")).strip().lower()
    title = title_text(opts["title"]) if "title" in opts else \
        res.plot_title + (f" with {level:g}% CIs" if ci else "")
    graph = marginsplot_graph(points, order, list(res.at_vars), x=x, plot=plot, by=by, recast=recast,
                              recastci=recastci, ci=ci, title=title,
                              ytitle=title_text(opts["ytitle"]) if "ytitle" in opts else res.ylabel,
                              xtitle=title_text(opts["xtitle"]) if "xtitle" in opts else xtitle,
                              dim_labels=labels, command=cmd.text or "marginsplot")
    if "xtitle" not in opts:
        xdim = graph.xtitle
        if xdim and xdim in data.df.columns:
            graph = replace(graph, xtitle=var_title(data, xdim))
    changes: dict = {}
    for key in ("subtitle", "note", "caption"):
        if key in opts:
            changes[key] = title_text(opts[key])
    if "legend" in opts:
        changes.update(legend_fields(opts["legend"]))
    if isinstance(opts.get("name"), str):
        changes["name"] = graph_name(opts["name"])
    for key, field in (("xline", "xlines"), ("yline", "ylines")):
        if key in opts:
            changes[field] = tuple(float(v) for arg in opts[key] for v in str(arg).split(",")[0].split())
    if "ylabel" in opts:
        from mlmcli.syntax.numlist import numlist

        changes["yticks"] = tuple(numlist(str(opts["ylabel"]).split(",")[0]))
    if "xlabel" in opts:
        from mlmcli.syntax.numlist import numlist

        changes["xticks"] = tuple(numlist(str(opts["xlabel"]).split(",")[0]))
    if by:
        changes.setdefault("note", "")
    graph = replace(graph, **changes)
    keep_graph(session, graph)


def _df(session):
    e = session.e
    return e.scalars.get("df_r") if e is not None else session.r.get("df_r")
