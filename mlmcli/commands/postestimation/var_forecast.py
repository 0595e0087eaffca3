"""fcast compute after var ([TS] fcast compute; fcast_compute.ado and _varfcast_fcast.ado of the
Stata 16 tree):

    fcast compute prefix [, step(#) dynamic(time_constant) replace nose level(#)]

Creates prefix<eq> (the last observed value at dynamic()-1, then the dynamic forecasts) and,
unless nose, prefix<eq>_SE, _LB and _UB on the forecast periods; the data are tsfilled and
extended past their end when the horizon needs it (tsappend).  Standard errors: asymptotic,
``time_series.var_forecast``; not available with exogenous variables or a forecast that starts
inside the sample (nose implied, with the ado's notes).  fcast graph: ``graphs.forecast_plots``.
Refused by name: bs, bsp,
bscentile, reps(), saving(), nodots, fcast after vec (after svar: its underlying var's).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options

HELP = {"fcast": "fcast compute prefix [, step(#) dynamic(time) replace nose level(#)] : dynamic forecasts after var"}
_OPTS = [OptionSpec("step", 2, takes_arg=True), OptionSpec("dynamic", 1, takes_arg=True), OptionSpec("replace", 7),
         OptionSpec("nose", 4), OptionSpec("level", 1, takes_arg=True), OptionSpec("estimates", 3, takes_arg=True),
         OptionSpec("bs", 2), OptionSpec("bsp", 3), OptionSpec("bscentile", 3), OptionSpec("reps", 1, takes_arg=True),
         OptionSpec("saving", 2, takes_arg=True), OptionSpec("nodots", 6), OptionSpec("differences", 4)]


def cmd_fcast(session, cmd) -> None:
    words = cmd.args.split()
    if not words:
        raise StataError("no subcommand specified", 198)
    sub = words[0]  # subcommand names: case counts, as the ado compares them
    if "compute".startswith(sub) and sub:
        return _compute(session, cmd, words[1:])
    if "graph".startswith(sub) and sub:
        from mlmcli.commands.graphs.forecast_plots import fcast_graph

        return fcast_graph(session, cmd, words[1:])
    raise StataError(f"{words[0]} is not a valid subcommand", 198)


def _compute(session, cmd, words) -> None:
    opts = resolve_options(cmd.options, _OPTS)
    for name in ("bs", "bsp", "bscentile", "reps", "saving", "nodots", "differences"):
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name} of fcast compute is not implemented in mlmcli", 198)
    if len(words) != 1:
        raise StataError("prefix required" if not words else "invalid syntax", 198)
    prefix = words[0]
    e = session.e
    if opts.get("estimates") is not None and str(opts["estimates"]).strip() != ".":
        from mlmcli.estimation.active import lookup

        try:
            e = lookup(session, str(opts["estimates"]).strip())
        except StataError:
            raise StataError(f"cannot restore estimates({str(opts['estimates']).strip()})", 498) from None
    if e is None:
        raise StataError("estimates not found", 301)
    if e.cmd == "svar" and isinstance(e.result, dict) and e.result.get("var") is not None:
        e = e.result["var"]  # the forecasts of svar's underlying var (its coefficients and Sigma)
    if e.cmd != "var" or getattr(e, "model", None) is None:
        raise StataError(f"fcast compute does not work with {e.cmd}", 198)
    steps = integer_option(opts, "step", 1, minimum=1, out_of_range="step() must specify a strictly positive integer")
    level = confidence_level(opts, getattr(session, "level", 95.0))
    _forecast(session, e, prefix, steps, opts, level)


def _dynamic_value(session, text) -> float:
    from mlmcli.expr import evaluate_scalar

    try:
        value = float(evaluate_scalar(session, str(text)))
    except StataError:
        raise
    except Exception:  # noqa: BLE001 -- any malformed expression is Stata's r(198)
        raise StataError("dynamic() must specify an integer", 198) from None
    if value != int(value):
        raise StataError("dynamic() must specify an integer", 198)
    return value


def _forecast(session, e, prefix, steps, opts, level) -> None:
    from mlmcli.commands.data.time_series_fill import append_time_rows, missing_times
    from mlmcli.commands.estimation.vector_autoregression import lag_name
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.panel.time_settings import panel_setting, time_setting, time_structure
    from mlmcli.characteristics import char_key
    from mlmcli.distributions import norm
    from mlmcli.render.numfmt import format_number

    ds = session.data
    model = e.model
    data = model.data
    endog, eqnames = data.endog, e.macros["eqnames"].split()
    K, p, exog = len(endog), int(e.scalars["mlag"]), data.exog
    if panel_setting(ds):
        raise StataError("cannot forecast with panel data", 198)
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    _, time, delta = time_structure(ds)
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("e(sample) is never equal to 1", 498)
    tmin, tmax = e.scalars["tmin"], e.scalars["tmax"]
    nose = bool(opts.get("nose"))
    notes = []
    if e.macros.get("bigf") == "nobigf" and not nose:
        notes.append("nose implicitly specified, nobigf on the estimated VAR implies nose")
        nose = True
    t0 = tmax + delta
    if opts.get("dynamic") is not None:
        t0 = _dynamic_value(session, opts["dynamic"])
        if t0 < tmin:
            raise StataError("dynamic() cannot specify a time prior to the beginning of the estimation sample", 198)
        if t0 - delta < tmin + (p - 1) * delta:
            raise StataError(f"forecast must begin {p} or more periods into estimation sample", 198)
        if t0 > tmax + delta:
            raise StataError("forecast must begin no later than one period after estimation period", 198)
        if t0 - delta < tmax:
            if not nose:
                notes.append(f"since {str(opts['dynamic']).strip()} is in the estimation sample, nose is "
                             "implicitly specified")
            nose = True
    names = [prefix + eq for eq in eqnames]
    created = names + ([] if nose and not exog else [f"{n}_{s}" for n in names for s in ("LB", "UB", "SE")])
    for name in created:
        if not opts.get("replace") and name in ds.varnames:
            raise StataError(f"{name} already defined", 110)
    times = [t0 + h * delta for h in range(steps)]
    # values read before the data change: the forecasts are computed first, then written
    by_time = {}
    for row in np.flatnonzero(~np.isnan(time)):
        by_time.setdefault(float(time[row]), row)
    actual = np.column_stack([np.where(sample, ds.numeric(y) if "." not in y else operated_values(
        ds, y, None, time, delta), np.nan) for y in endog])
    ex_now = [operated_values(ds, x, None, time, delta) for x in exog]
    bf = e.matrices["bf"].values.reshape(K, -1) if "bf" in e.matrices else None
    B = e.matrices["b"].values.reshape(K, -1)
    lags = data.lags
    fc: dict[float, np.ndarray] = {}

    def y_at(t):
        if t in fc:
            return fc[t]
        row = by_time.get(t)
        return actual[row] if row is not None else np.full(K, np.nan)

    for t in times:
        z = [y_at(t - lag * delta)[j] for j in range(K) for lag in lags]
        row = by_time.get(t)
        for a, x in enumerate(exog):
            value = ex_now[a][row] if row is not None else np.nan
            if np.isnan(value):
                raise StataError("exogenous variables cannot be missing in the forecast period", 498)
            z.append(value)
        if model.constant:
            z.append(1.0)
        fc[t] = B @ np.asarray(z)
    if exog and not nose:
        notes.append("asymptotic standard error not available with exogenous variables")
        nose = True
    se = None
    if not nose:
        from mlmcli.time_series.var_forecast import forecast_se

        rows = np.flatnonzero(sample)
        rows = rows[np.argsort(time[rows], kind="stable")]
        cols = ([np.ones(len(rows))] if model.constant else []) + [
            operated_values(ds, lag_name(y, lag), None, time, delta)[rows] for lag in range(1, p + 1) for y in endog]
        Z = np.column_stack(cols)
        se = forecast_se(bf, K, p, model.constant, e.matrices["Sigma"].values, Z, steps)
    for note in notes:
        session.print(note)
    # the data change: tsfill, then the periods past the end
    append_time_rows(ds, None, tvar, missing_times(ds, None, tvar, delta), sort=True)
    have = set(float(v) for v in ds.numeric(tvar) if not np.isnan(v))
    extra = [(0.0, t) for t in times if t not in have]
    append_time_rows(ds, None, tvar, extra, sort=False)
    if opts.get("replace"):
        for name in [n + s for n in names for s in ("", "_LB", "_UB", "_SE")]:
            if name in ds.varnames:
                ds.drop_variables([name])
    time = ds.numeric(tvar)
    last = t0 - delta
    crit = float(norm.ppf(0.5 + level / 200))
    fmt = e.macros.get("tsfmt") or "%9.0g"
    dyn = format_number(t0, fmt).strip()
    for j, (name, y) in enumerate(zip(names, endog)):
        col = np.full(len(time), np.nan)
        for t, value in fc.items():
            col[time == t] = value[j]
        col[time == last] = y_at(last)[j] if last not in fc else np.nan
        ds.set_variable(name, col, "double")
        ds.var_labels[name] = f"{name}, dyn({dyn})"
        ds.chars[char_key(name, "observed")] = y
    if se is not None:  # getSEb: _LB, _UB and _SE of each equation in turn
        lv = format_number(level, "%9.0g").strip()
        for j, name in enumerate(names):
            lb, ub, sd = (np.full(len(time), np.nan) for _ in range(3))
            for h, t in enumerate(times):
                at = time == t
                sd[at], lb[at], ub[at] = se[h, j], fc[t][j] - crit * se[h, j], fc[t][j] + crit * se[h, j]
            for suffix, values, label in (("_LB", lb, f"{lv}% LB for {name}"), ("_UB", ub, f"{lv}% UB for {name}"),
                                          ("_SE", sd, f"SE for {name}")):
                ds.set_variable(name + suffix, values, "double")
                ds.var_labels[name + suffix] = label
    ds.changed = True
