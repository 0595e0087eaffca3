"""``kdensity varname``: the kernel density estimate (``smoothers.kernel_density``) as a
line, with ``normal`` and ``student()`` overlays, ``generate()`` and r() results."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    NOT_LOOK_SPECS as _NOT_LOOK_SPECS, series_as_plot,
    addplots, build_with_series, compound_quoted, number_text, numeric_variables,
    parse_options_text, refuse_by_prefix, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import mark_function
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.summary_statistics import normal_moments
from mlmcli.syntax.options import OptionSpec


KDENSITY_SPECS = [OptionSpec(*row) for row in (
    ("kernel", 1, True), ("bwidth", 2, True), ("width", 1, True), ("generate", 1, True),
    ("n", None, True), ("at", None, True), ("nograph", 4), ("normal", 3), ("normopts", 5, True),
    ("student", 3, True), ("stopts", 4, True), ("plot", None, True), ("addplot", None, True),
    ("biweight", 2), ("cosine", 3), ("epanechnikov", 2), ("gaussian", 3), ("parzen", 3),
    ("rectangle", 3), ("triangle", 3), ("epan2", None),
)]


def cmd_kdensity(session, cmd: Command) -> None:
    """``kdensity varname [if] [in] [weight] [, kernel() bwidth() n() at() generate()
    nograph normal student() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.fitted_plots import kernel_name
    from mlmcli.syntax.varlist import check_new_name

    refuse_by_prefix(cmd, "kdensity")
    (var,) = numeric_variables(session, cmd, 1)
    opts, rest = take_options(cmd.options, KDENSITY_SPECS)
    if any(o.name == "by" for o in rest):
        raise StataError("option by() not allowed", 198)
    if "stopts" in opts and number(opts.get("student") or "0", "student") < 1:  # kdensity.ado's check and words
        raise StataError("option student() is required by stopts() option", 198)
    old = [k for k in ("biweight", "cosine", "epanechnikov", "gaussian", "parzen", "rectangle",
                       "triangle", "epan2") if opts.get(k)]
    if len(old) > 1 or (old and "kernel" in opts):
        raise StataError("only one kernel may be specified" if len(old) > 1 else
                         "kernel(): old syntax may not be combined with new syntax", 198)
    kernel = old[0] if old else kernel_name(opts.get("kernel"))
    if "at" in opts and "n" in opts:
        raise StataError("may not specify both the at() and n() options", 198)
    if "bwidth" in opts and "width" in opts:
        raise StataError("options width() and bwidth() may not be combined", 198)
    h_typed = number(opts.get("bwidth", opts.get("width", "0")), "bwidth")
    if h_typed < 0:
        raise StataError("bandwidth must be positive", 198)
    names = [n for n in (opts.get("generate") or "").split()]
    if names:
        if len(names) == 1 and "at" not in opts or len(names) > 2:
            raise StataError("invalid syntax", 198)
        for name in names:
            check_new_name(session.data, name)
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, [var])
    weights, wkind = None, None
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights as read_weights

        rows, weights, wkind = read_weights(session, cmd, rows, ("fweight", "aweight", "iweight"))
    values = session.data.numeric(var)[rows]
    w = weights[rows] if weights is not None else None
    if values.size == 0:
        raise StataError("no observations", 2000)
    h = h_typed or smoothers.silverman_bandwidth(values, w, wkind or "fweight")
    nobs = session.data.nobs
    if "at" in opts:
        at_var = session.data.resolve(opts["at"].strip())
        at_all = session.data.numeric(at_var)
        at = at_all[np.isfinite(at_all)]
        n = max(1, at.size)
    else:
        n = number(opts["n"], "n") if "n" in opts else 50
        if not float(n).is_integer():  # kdensity.ado's syntax N(integer 50)
            raise StataError("option n() incorrectly specified", 198)
        n = int(n)
        if n <= 1:
            n = 50
        if n > nobs:
            n = nobs
            session.print(f"(n() set to {n})")
        at = smoothers.density_grid(values, h, n)
    density = smoothers.kernel_density(values, at, h, kernel, w)
    scale = 1.0 / (n * float(np.mean(density))) if density.size and np.mean(density) else float("nan")
    session.set_r({"bwidth": h, "n": float(n), "scale": scale, "kernel": kernel})

    def columns() -> tuple[np.ndarray, np.ndarray]:
        """The points and the density as kdensity's variables hold them, row by row."""
        if "at" in opts:  # one density per observation with a non-missing at()
            xs, ds = at_all.copy(), np.full(nobs, np.nan)
            ds[np.isfinite(at_all)] = density
        else:
            xs, ds = np.full(nobs, np.nan), np.full(nobs, np.nan)
            xs[:n], ds[:n] = at, density
        return xs, ds

    def store() -> None:
        if names:
            xs, ds = columns()
            if len(names) == 2:
                session.data.set_variable(names[0], xs, "float")
                session.data.var_labels[names[0]] = var_title_of(session, var)
            session.data.set_variable(names[-1], ds, "float")
            session.data.var_labels[names[-1]] = f"density: {var_title_of(session, var)}"
    if opts.get("nograph"):
        store()
        return
    # the graph: the estimate as a line over its points (a variable-free plot), plus overlays
    bw = f"{h:6.4f}" if round(h, 4) != 0 else f"{h:10.3e}"
    note = f"kernel = {kernel}, bandwidth = {bw.strip()}"
    plots, extra_series = _density_plots(session, cmd, opts, values, w, at, density)
    if any(any(s.matches(o.name) for s in _NOT_LOOK_SPECS) for o in rest):
        extra_series, rest = _recast_estimate(session, var, *columns(), rest)
    defaults = {"title": "Kernel density estimate", "ytitle": "Density",
                "xtitle": var_title_of(session, var), "note": note, "legend_cols": 1}
    call = TwowayCall(tuple(plots + addplots(opts, rest)), None, None, tuple(rest))
    graph, builder = build_with_series(session, cmd, call, defaults, extra_series)
    store()
    finish(session, graph, builder.graph_options)


def _density_plots(session, cmd, opts, values, w, at, density):
    """The overlays of ``kdensity`` (``normal``, ``student()``) as function plots, and the
    estimate itself as a ready series."""
    from mlmcli.graphs.spec import Series

    n = float(np.sum(w)) if w is not None else float(values.size)
    mean, sd = normal_moments(values, w, n)
    lo, hi = float(np.min(at)), float(np.max(at))
    plots: list[PlotCall] = []
    if opts.get("normal") or "normopts" in opts:
        plots.append(PlotCall("function", f"y = normalden(x, {number_text(mean)}, {number_text(sd)})", None, None,
                              (Option("range", f"{number_text(lo)} {number_text(hi)}"),
                               Option("yvarlabel", compound_quoted("Normal density")))
                              + parse_options_text(opts.get("normopts"))))
    if "student" in opts:
        from mlmcli.graphs.graph_options import number

        df = number(opts["student"], "student")
        if df < 1:
            raise StataError("student() must be a positive integer", 198)
        z = f"((x-{number_text(mean)})/{number_text(sd)})"
        tden = (f"exp(lngamma(({df}+1)/2)-lngamma({df}/2))/sqrt({df}*_pi)"
                f"*(1+{z}^2/{df})^(-({df}+1)/2)/{number_text(sd)}")
        plots.append(PlotCall("function", f"y = {tden}", None, None,
                              (Option("range", f"{number_text(lo)} {number_text(hi)}"),
                               Option("yvarlabel", compound_quoted(f"t density, df = {df:g}")))
                              + parse_options_text(opts.get("stopts"))))
    order = np.argsort(at, kind="stable")
    estimate = Series("line", np.asarray(at)[order], np.asarray(density)[order],
                      label="Kernel density estimate", style=1)
    return plots, [estimate]




def _recast_estimate(session, var: str, points: np.ndarray, density: np.ndarray, typed: list[Option]):
    """``recast()``/``horizontal``/``yaxis()``/``yvarlabel()`` ...: kdensity draws its estimate as
    ``twoway line d m`` with the options typed, d and m variables beside the data (``points``,
    ``density``: their values row by row; with ``at()`` the rows sorted by m, as kdensity sorts
    them), so the estimate is built as that plot (``recast(area)``, ``recast(connected) mlabel()``
    ..., sideways with ``horizontal`` where the type recast to has it: ``line`` has not, as in
    Stata).  Returns its series and the options left for the graph.  The axis titles stay
    kdensity's (``ytitle(Density)``, ``xtitle(varname)``), which Stata also types."""
    order = np.lexsort((np.arange(len(points)), np.where(np.isfinite(points), points, np.inf)))
    columns = [("__kdensity_d", density, "Kernel density estimate"), ("__kdensity_m", points, var_title_of(session, var))]
    return series_as_plot(session, "line", columns, typed, order)
