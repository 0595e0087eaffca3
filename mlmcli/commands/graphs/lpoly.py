"""``lpoly yvar xvar``: the scatter and a local polynomial smooth
(``smoothers.local_polynomial``), with ``ci`` its confidence band
(``smoothers.local_polynomial_variance``), ``generate()``, ``se()``, ``nograph`` and r() results."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    NOT_LOOK_SPECS, addplots, graph_from_series, look_of, numeric_variables, parse_options_text, plot_call,
    refuse_by_prefix, series_as_plot, stata_string, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import mark_function, new_builder
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec, confidence_level


LPOLY_SPECS = [OptionSpec(*row) for row in (
    ("kernel", 1, True), ("bwidth", 2, True), ("degree", 3, True), ("generate", 3, True),
    ("n", None, True), ("at", None, True), ("nograph", 4), ("noscatter", 4),
    ("lineopts", 5, True), ("plot", None, True), ("addplot", None, True),
    ("ci", None), ("level", 1, True), ("se", None, True), ("pwidth", 2, True), ("var", 1, True),
    ("ciopts", 3, True),
)]
PILOT_FACTOR = 1.5   # pwidth()'s default: 1.5 times the rule-of-thumb bandwidth ([R] lpoly)


def cmd_lpoly(session, cmd: Command) -> None:
    """``lpoly yvar xvar [if] [in] [, kernel() bwidth() degree() n() at() generate() nograph
    noscatter lineopts() ci level() se() pwidth() var() ciopts() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.fitted_plots import kernel_name
    from mlmcli.syntax.varlist import check_new_name

    refuse_by_prefix(cmd, "lpoly")
    yvar, xvar = numeric_variables(session, cmd, 2)
    opts, rest = take_options(cmd.options, LPOLY_SPECS)
    # pwidth(), var() and level() imply the band's standard errors; ci draws it
    with_ci = bool(opts.get("ci")) or any(k in opts for k in ("pwidth", "var", "level", "ciopts"))
    with_se = with_ci or "se" in opts
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
    se_name = opts["se"].strip() if isinstance(opts.get("se"), str) else None
    for name in names + ([se_name] if se_name else []):
        check_new_name(session.data, name)
    if se_name and not names and "at" not in opts:
        raise StataError("option se() requires option generate() or at()", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
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
    results = {"bwidth": h, "ngrid": float(np.isfinite(smooth).sum()), "degree": float(degree),
               "N": float(x.size), "kernel": kernel}
    se = pilot = None
    if with_se:
        pilot, sigma2 = _pilot_and_variance(session, opts, x, y, degree, kernel, grid.size)
        se = smoothers.local_polynomial_se(y, x, grid, h, degree, kernel, pilot, sigma2)
        results["pwidth"] = pilot
    session.set_r(results)

    def store() -> None:
        if names or se_name:
            if "at" in opts:
                for name, values in ((names[-1] if names else None, smooth), (se_name, se)):
                    if name:
                        full = np.full(nobs, np.nan)
                        full[np.isfinite(at_all)] = values
                        session.data.set_variable(name, full, "float")
            else:
                xs, ss = np.full(nobs, np.nan), np.full(nobs, np.nan)
                xs[:grid.size], ss[:grid.size] = grid, smooth
                session.data.set_variable(names[0], xs, "float")
                session.data.set_variable(names[1], ss, "float")
                session.data.var_labels[names[0]] = "lpoly smoothing grid"
                session.data.var_labels[names[1]] = f"lpoly smooth: {var_title_of(session, yvar)}"
                if se_name:
                    full = np.full(nobs, np.nan)
                    full[:grid.size] = se
                    session.data.set_variable(se_name, full, "float")
    if opts.get("nograph"):
        store()
        return
    from dataclasses import replace

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.spec import Series

    ok = np.isfinite(smooth)
    typed_line = list(parse_options_text(opts.get("lineopts")))
    if _plot_options_typed(typed_line):  # lpoly.ado's `line smooth grid, <lineopts>`: recast(), yaxis() ...
        drawn, _ = series_as_plot(session, "line", [("__lp_s", smooth[ok], "lpoly smooth"),
                                                    ("__lp_x", grid[ok], var_title_of(session, xvar))],
                                  [Option("pstyle", "p1" if opts.get("noscatter") else "p2")] + typed_line)
        series = tuple(drawn)
    else:
        line_look = look_of(typed_line, popt.LINE_SPECS + popt.COMMON_SPECS, cmd.name, session)
        series = (Series("line", grid[ok], smooth[ok], label="lpoly smooth",
                         **line_look.ready_fields("line", 1 if opts.get("noscatter") else 2)),)
    note = f"kernel = {kernel}, degree = {degree}, bandwidth = {stata_string(round(h, 2))}"
    if with_ci:
        note += f", pwidth = {stata_string(round(pilot, 2))}"
    defaults = {"title": "Local polynomial smooth", "note": note,
                "ytitle": var_title_of(session, yvar), "xtitle": var_title_of(session, xvar)}
    if not with_ci:
        defaults["legend"] = "off"
    band = _band(session, cmd, opts, grid, smooth, se, level) if with_ci else []
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
        series_all = panel.series[:1] + series + panel.series[1:] if not opts.get("noscatter") \
            else series + panel.series
        graph = replace(graph, panels=(replace(panel, series=tuple(band) + series_all),))
    else:
        graph = graph_from_series(builder, tuple(graph_opts), cmd.text, defaults, band + list(series))
    for note in builder.notes:
        session.print(note)
    store()
    finish(session, graph, builder.graph_options)



def _pilot_and_variance(session, opts, x, y, degree: int, kernel: str, npoints: int):
    """The pilot bandwidth (``pwidth()``, default 1.5 times the rule-of-thumb bandwidth) and
    the residual variance ``var(#|varname)`` (None: estimated at each point)."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number

    if "pwidth" in opts:
        pilot = number(opts["pwidth"], "pwidth")
        if pilot <= 0:
            raise StataError("pwidth() must be a positive number", 198)
    else:
        pilot = PILOT_FACTOR * smoothers.rot_bandwidth(y, x, degree, kernel)
    typed = opts.get("var")
    if not isinstance(typed, str):
        return pilot, None
    try:
        sigma2 = float(typed)
    except ValueError:
        values = session.data.numeric(session.data.resolve(typed.strip()))
        if values.size < npoints:
            raise StataError(f"var(): {typed.strip()} has fewer observations than points", 198) from None
        return pilot, values[:npoints]
    if sigma2 <= 0:
        raise StataError("var() must be a positive number", 198)
    return pilot, sigma2


def _band(session, cmd, opts, grid, smooth, se, level: float) -> list:
    """The confidence band m(a) -/+ z se(a) as an area in the scheme's CI style, with the look
    of ``ciopts()`` (rarea options)."""
    from scipy.stats import norm

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.spec import Series

    typed = list(parse_options_text(opts.get("ciopts")))
    z = float(norm.ppf(0.5 + level / 200.0))
    ok = np.isfinite(smooth) & np.isfinite(se)
    if _plot_options_typed(typed):  # lpoly.ado's `rarea lo hi grid, pstyle(ci) <ciopts>`
        label = f"{level:g}% CI"
        drawn, _ = series_as_plot(session, "rarea", [("__lp_lo", smooth[ok] - z * se[ok], label),
                                                     ("__lp_hi", smooth[ok] + z * se[ok], label),
                                                     ("__lp_x", grid[ok], "")], [Option("pstyle", "ci")] + typed)
        from dataclasses import replace

        from mlmcli.graphs.syntax import title_text

        named = [o.arg for o in typed if o.name.startswith("yvarl") and o.arg]
        key = title_text(named[-1]) if named else label  # lpoly's "95% CI", not rarea's "lower/upper"
        return [replace(d, label=key) for d in drawn]
    look = look_of(typed, popt.AREA_SPECS + popt.LINE_SPECS + popt.COMMON_SPECS, cmd.name, session)
    return [Series("area", grid[ok], smooth[ok] - z * se[ok], smooth[ok] + z * se[ok],
                   label=f"{level:g}% CI", **look.ready_fields("area", 0))]


def _plot_options_typed(typed) -> bool:
    """Is an option typed that acts on the plot, not only on its look (``NOT_LOOK_SPECS``)?"""
    return any(any(s.matches(o.name) for s in NOT_LOOK_SPECS) for o in typed)
