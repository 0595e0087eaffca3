"""``roctab refvar classvar [if] [in] [fweight] [, detail hanley binomial summary graph
specificity norefline table level(#) nolabel twoway_options]``: nonparametric ROC analysis
(Stata's roctab; numbers in ``mlmcli.roc_analysis``, tables in ``mlmcli.render.roc``).

As roctab.ado: with ``graph`` the table is shown only when ``summary``, ``detail`` or
``table`` asks for it; r(N), r(area), r(se), r(lb), r(ub), r(level) are left behind.
``bamber`` and ``lorenz`` are refused (r(198)) rather than ignored.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, value_text, weights
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.syntax.options import OptionSpec, confidence_level
from mlmcli.syntax.varlist import counted_varlist

ROCTAB_OPTIONS = [OptionSpec(*row) for row in (
    ("detail", 1), ("hanley", 3), ("binomial", 4), ("summary", 3), ("graph", 1), ("specificity", 4),
    ("norefline", 5), ("table", 3), ("level", 1, True), ("nolabel", 5), ("bamber", 3), ("lorenz", 3),
    ("nobiasadj", 6), ("plotopts", 6, True), ("rlopts", 4, True), ("addplot", None, True), ("plot", None, True),
)]


def cmd_roctab(session, cmd) -> None:
    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.render.roc import render_roc_area, render_roc_detail
    from mlmcli.roc_analysis import roc_area

    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, 2, empty_ok=True)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    opts, graph_options = take_options(cmd.options, ROCTAB_OPTIONS)
    for refused in ("bamber", "lorenz", "nobiasadj", "table"):
        if opts.get(refused):
            raise StataError(f"option {refused} not allowed", 198)
    if opts.get("specificity"):
        opts["graph"] = True
    if graph_options and not opts.get("graph"):
        raise option_not_allowed(graph_options[0].name, graph_options[0].arg)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    refvar, classvar = names
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    d = ds.numeric(refvar)[rows]
    from mlmcli.roc_analysis import check_true_status

    check_true_status(refvar, d)
    result = roc_area(d, ds.numeric(classvar)[rows], None if w is None else w[rows], level=level,
                      se_method="hanley" if opts.get("hanley") else "delong",
                      ci_method="binomial" if opts.get("binomial") else "normal")
    level_text = format(level, "g")
    if opts.get("detail"):
        cuts = [value_text(ds, classvar, float(v), labels=not opts.get("nolabel")) for v in result.levels]
        session.print(render_roc_detail(result, cuts))
    if opts.get("graph"):
        _roc_graph(session, cmd, result, opts, graph_options)
    if not opts.get("graph") or opts.get("summary") or opts.get("detail"):
        session.print(render_roc_area(result, level_text))
    session.set_r({"N": result.n, "area": result.area, "se": result.se, "lb": result.lb, "ub": result.ub,
                   "level": level})


def _roc_graph(session, cmd, result, opts, graph_options) -> None:
    """Sensitivity against 1 - specificity (or specificity), connected, with the reference line
    and the note "Area under ROC curve = #" (roctab.ado's MYLRoc)."""
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import graph_from_series, refline_color
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Series
    from mlmcli.render.numfmt import format_number

    x = result.curve_fpr if not opts.get("specificity") else 1 - result.curve_fpr
    y = result.curve_tpr
    series = [Series("connected", np.asarray(x), np.asarray(y), label="Sensitivity", style=1)]
    if not opts.get("norefline"):
        ref_y = np.array([0.0, 1.0]) if not opts.get("specificity") else np.array([1.0, 0.0])
        series.append(Series("line", np.array([0.0, 1.0]), ref_y, label="Reference", style=2,
                             color=refline_color()))
    defaults = {"ytitle": "Sensitivity", "xtitle": "Specificity" if opts.get("specificity") else "1 - Specificity",
                "note": "Area under ROC curve = " + format_number(result.area, "%6.4f").strip(),
                "legend": "off", "xaxis": Axis(grid=True), "yaxis": Axis(grid=True)}
    builder = new_builder(session)
    graph = graph_from_series(builder, tuple(graph_options), cmd.text, defaults, series)
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)
