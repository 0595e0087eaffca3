"""``lowess yvar xvar``: the scatter and its lowess smooth (``smoothers.lowess``), also
``by()``, ``generate()`` and ``nograph``."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    addplots, number_text, numeric_variables, parse_options_text, plot_call, refuse_by_prefix,
    sample_rows, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import build_twoway
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec


LOWESS_SPECS = [OptionSpec(*row) for row in (
    ("mean", 1), ("noweight", 3), ("bwidth", 2, True), ("logit", 2), ("adjust", 1),
    ("nograph", 3), ("generate", 3, True), ("lineopts", 5, True), ("rlopts", 5, True),
    ("plotopts", 5, True), ("plot", None, True), ("addplot", None, True), ("sort", 1),
)]


def cmd_lowess(session, cmd: Command) -> None:
    """``lowess yvar xvar [if] [in] [, mean noweight bwidth(#) logit adjust generate()
    nograph lineopts() by() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.build import read_by
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.plotdata import by_groups
    from mlmcli.syntax.varlist import check_new_name

    refuse_by_prefix(cmd, "lowess")
    yvar, xvar = numeric_variables(session, cmd, 2)
    opts, rest = take_options(cmd.options, LOWESS_SPECS)
    if isinstance(opts.get("generate"), str):
        check_new_name(session.data, opts["generate"].strip())
    rows = sample_rows(session, cmd, [yvar, xvar])
    bw = number(opts["bwidth"], "bwidth") if "bwidth" in opts else 0.8
    if bw <= 0 or bw >= 1:
        bw = 0.8
    by_arg = next((o.arg for o in rest if o.name == "by"), None)
    groups = [("", rows)]
    if isinstance(by_arg, str):
        by_vars, sub = read_by(session.data, by_arg)
        groups = by_groups(session.data, by_vars, rows, bool(sub.get("missing")))
        if len(groups) < 2:
            raise StataError("by() variable takes on only one value", 198)
    smooth = np.full(session.data.nobs, np.nan)
    y_all, x_all = session.data.numeric(yvar), session.data.numeric(xvar)
    for _, members in groups:
        x, y = x_all[members], y_all[members]
        if x.size >= 3 and float(x.max() - x.min()) >= 1e-30:
            s = smoothers.lowess(y, x, bw, mean=bool(opts.get("mean")),
                                 weighted=not opts.get("noweight"), adjust=bool(opts.get("adjust")),
                                 logit=bool(opts.get("logit")))
            smooth[np.flatnonzero(members)] = s
    def store() -> None:
        if isinstance(opts.get("generate"), str):
            name = opts["generate"].strip()
            session.data.set_variable(name, smooth, "float")
            session.data.var_labels[name] = f"lowess {yvar} {xvar}"

    if opts.get("nograph"):
        store()
        return
    title = ("Running mean smoother" if opts.get("mean") else
             "Running line smoother" if opts.get("noweight") else "Lowess smoother")
    lowess_options = [Option(k) for k in ("mean", "noweight", "logit", "adjust") if opts.get(k)]
    lowess_options.append(Option("bwidth", number_text(bw)))
    line_opts = parse_options_text(opts.get("lineopts")) + parse_options_text(opts.get("rlopts"))
    plots = [plot_call("scatter", f"{yvar} {xvar}", cmd, list(parse_options_text(opts.get("plotopts")))),
             plot_call("lowess", f"{yvar} {xvar}", cmd, lowess_options + list(line_opts))]
    # legend(nodraw), as histogram.ado types it (lowess.ado's: uncertain), the overall by() legend off too
    legend = [] if ("plot" in opts or "addplot" in opts) else [Option("legend", "nodraw")]
    plots += addplots(opts, legend)
    from mlmcli.render.numfmt import format_number

    defaults = {"title": title, "note": f"bandwidth = {format_number(bw, '%9.0g').strip()}",
                "ytitle": var_title_of(session, yvar), "xtitle": var_title_of(session, xvar)}
    from mlmcli.graphs.plots import option_specs

    # lowess.ado types its other options on the scatter: marker and connect options alike
    # (lcolor() is the scatter's connecting line, drawn with connect())
    scatter_opts = [o for o in rest if any(s.matches(o.name) for s in option_specs("scatter"))]
    graph_opts = [o for o in rest if o not in scatter_opts]
    plots[0] = PlotCall(plots[0].kind, plots[0].varlist, plots[0].if_exp, plots[0].in_range,
                        plots[0].options + tuple(scatter_opts))
    if opts.get("logit"):
        plots = plots[1:]
    call = TwowayCall(tuple(plots), None, None, tuple(legend + graph_opts))
    graph, builder = build_twoway(session, call, cmd.text, defaults=defaults)
    store()
    finish(session, graph, builder.graph_options)


