"""``lpoly yvar xvar``: the scatter and a local polynomial smooth
(``smoothers.local_polynomial``), ``generate()``, ``nograph`` and r() results."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    addplots, graph_from_series, look_of, numeric_variables, parse_options_text, plot_call,
    refuse_by_prefix, stata_string, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import mark_function, new_builder
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec


LPOLY_SPECS = [OptionSpec(*row) for row in (
    ("kernel", 1, True), ("bwidth", 2, True), ("degree", 3, True), ("generate", 3, True),
    ("n", None, True), ("at", None, True), ("nograph", 4), ("noscatter", 4),
    ("lineopts", 5, True), ("plot", None, True), ("addplot", None, True),
    ("ci", None), ("level", 1, True), ("se", None, True), ("pwidth", 2, True), ("var", 1, True),
    ("ciopts", 3, True), ("generateci", 9, True), ("generatevar", 9, True),
)]


def cmd_lpoly(session, cmd: Command) -> None:
    """``lpoly yvar xvar [if] [in] [, kernel() bwidth() degree() n() at() generate() nograph
    noscatter lineopts() ...]`` (the confidence band options are refused: their pilot
    bandwidth is not documented precisely enough to reproduce)."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.fitted_plots import kernel_name
    from mlmcli.syntax.varlist import check_new_name

    refuse_by_prefix(cmd, "lpoly")
    yvar, xvar = numeric_variables(session, cmd, 2)
    opts, rest = take_options(cmd.options, LPOLY_SPECS)
    for name in ("ci", "se", "pwidth", "var", "ciopts", "generateci", "generatevar", "level"):
        if name in opts:
            raise StataError(f"option {name}() is not supported by mlmcli's lpoly (no standard "
                             "errors)" if name != "ci" else
                             "option ci is not supported by mlmcli's lpoly (no standard errors)", 198)
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, [yvar, xvar])
    if rows.sum() <= 1:
        raise StataError("no observations" if not rows.any() else "insufficient observations",
                         2000 if not rows.any() else 2001)
    x, y = session.data.numeric(xvar)[rows], session.data.numeric(yvar)[rows]
    degree = int(number(opts.get("degree", "0"), "degree"))
    if degree < 0:
        raise StataError("degree() must be a nonnegative number", 198)
    kernel = kernel_name(opts.get("kernel"))
    if "bwidth" in opts:
        h = number(opts["bwidth"], "bwidth")
        if h <= 0:
            raise StataError("bwidth() must be a positive number", 198)
    else:
        h = smoothers.rot_bandwidth(y, x, degree, kernel)
    names = (opts.get("generate") or "").split()
    for name in names:
        check_new_name(session.data, name)
    if len(names) == 1 and "at" not in opts:
        raise StataError("at() must be specified for generate() to work with one variable", 198)
    if len(names) > 2:
        raise StataError("generate(): too many variables specified", 198)
    nobs = session.data.nobs
    if "at" in opts:
        at_var = session.data.resolve(opts["at"].strip())
        at_all = session.data.numeric(at_var)
        grid = at_all[np.isfinite(at_all)]
    else:
        n = int(number(opts.get("n", "50"), "n"))
        if n <= 0:
            raise StataError("n() must be a positive number", 198)
        if n <= 1:
            n = 50
        if n > nobs:
            n = nobs
            session.print(f"(n() set to {n})")
        grid = np.linspace(float(x.min()), float(x.max()), n)
    smooth = smoothers.local_polynomial(y, x, grid, h, degree, kernel)
    session.set_r({"bwidth": h, "ngrid": float(np.isfinite(smooth).sum()), "degree": float(degree),
                   "kernel": kernel})

    def store() -> None:
        if names:
            if "at" in opts:
                full = np.full(nobs, np.nan)
                full[np.isfinite(at_all)] = smooth
                session.data.set_variable(names[-1], full, "float")
            else:
                xs, ss = np.full(nobs, np.nan), np.full(nobs, np.nan)
                xs[:grid.size], ss[:grid.size] = grid, smooth
                session.data.set_variable(names[0], xs, "float")
                session.data.set_variable(names[1], ss, "float")
                session.data.var_labels[names[0]] = "lpoly smoothing grid"
                session.data.var_labels[names[1]] = f"lpoly smooth: {var_title_of(session, yvar)}"
    if opts.get("nograph"):
        store()
        return
    from dataclasses import replace

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.spec import Series

    line_look = look_of(list(parse_options_text(opts.get("lineopts"))), popt.LINE_SPECS + popt.COMMON_SPECS,
                         cmd.name)
    ok = np.isfinite(smooth)
    series = Series("line", grid[ok], smooth[ok], label="lpoly smooth",
                    style=1 if opts.get("noscatter") else 2, **line_look.series_fields("line"))
    defaults = {"title": "Local polynomial smooth",
                "note": f"kernel = {kernel}, degree = {degree}, bandwidth = {stata_string(round(h, 2))}",
                "ytitle": var_title_of(session, yvar), "xtitle": var_title_of(session, xvar), "legend": "off"}
    plots = [] if opts.get("noscatter") else [plot_call("scatter", f"{yvar} {xvar}", cmd, [])]
    marker_specs = popt.MARKER_SPECS
    scatter_opts = [o for o in rest if any(s.matches(o.name) for s in marker_specs)]
    graph_opts = [o for o in rest if o not in scatter_opts]
    if plots:
        plots[0] = PlotCall(plots[0].kind, plots[0].varlist, plots[0].if_exp, plots[0].in_range,
                            tuple(scatter_opts))
    plots += addplots(opts, graph_opts)
    builder = new_builder(session)
    if plots:
        graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                              defaults=defaults)
        panel = graph.panels[0]
        series_all = panel.series[:1] + (series,) + panel.series[1:] if not opts.get("noscatter") \
            else (series,) + panel.series
        graph = replace(graph, panels=(replace(panel, series=series_all),))
    else:
        graph = graph_from_series(builder, tuple(graph_opts), cmd.text, defaults, [series])
    for note in builder.notes:
        session.print(note)
    store()
    finish(session, graph, builder.graph_options)

