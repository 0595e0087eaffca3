"""``tssmooth shwinters [type] newvar = exp [if] [in], parms(#a #b #g) [period(#) additive samp0(#)
s0(#cons #lt) sn0_0(varname) sn0_v(newvar) snt_v(newvar) forecast(#) replace]`` ([TS] tssmooth
shwinters; tssmooth.ado 1.5.5, _ts_hwsa.ado / _ts_hwsm.ado 1.4.0).  The numbers:
``mlmcli.time_series.seasonal_holt_winters``.

Without parms() the weights minimise the ados' penalized sum of squares (only with nolog: ml's
iteration log is not reproduced).  Refused by name: that search without nolog, altstarts,
normalize, several panels and gaps in the sample.
"""
from __future__ import annotations

import numpy as np

from mlmcli.storage_types import fit_storage
from mlmcli.errors import StataError
from mlmcli.missing import stata_double
from mlmcli.syntax.options import OptionSpec, resolve_options

_UNIT_PERIOD = {"d": 365, "w": 52, "m": 12, "q": 4, "h": 2}


def _period(session, opts, series, numlist_option) -> int:
    if opts.get("period") is not None:
        return int(numlist_option("period", opts["period"], most=1, low=2, high=series.nobs_half(), integer=True)[0])
    unit = session.data.format_of(series.tvar)[2:3] if session.data.format_of(series.tvar).startswith("%t") else ""
    if unit == "y":
        raise StataError("period set by tsset is invalid, period must be greater than 1", 198)
    if unit not in _UNIT_PERIOD:
        raise StataError("period not set by tsset, specify period()", 198)
    return _UNIT_PERIOD[unit]


def _checks(session, opts) -> None:
    """tssmooth.ado's checks before the work program, in its order."""
    from mlmcli.syntax.varlist import check_new_name

    if opts.get("altstarts") and opts.get("sn0_0") is not None:
        raise StataError("specify either altstarts or sn0_0(), not both", 198)
    if opts.get("altstarts") and opts.get("s0") is not None:
        raise StataError("specify either altstarts or s0(), not both", 198)
    for name in ("sn0_v", "snt_v"):
        if opts.get(name) is not None:
            try:
                check_new_name(session.data, str(opts[name]).strip())
            except StataError:
                raise StataError(f"{name}() does not specify a new variable", 198) from None
    if opts.get("sn0_v") is not None and opts.get("sn0_0") is not None:
        raise StataError("sn0_0() and sn0_v() cannot both be specified", 198)
    if opts.get("samp0") is not None and opts.get("s0") is not None:
        raise StataError("specify samp0() or s0(), not both", 198)
    if opts.get("parms") is not None and opts.get("from") is not None:
        raise StataError("from() cannot be specified with parms()", 198)
    if opts.get("parms") is None and not opts.get("nolog"):
        # the weights are found, but ml's iteration log (its numerical Newton steps) is not reproduced
        raise StataError("tssmooth shwinters without parms() (weights chosen by ml) is implemented in mlmcli "
                         "only with nolog (ml's iteration log is not reproduced); specify nolog, or "
                         "parms(alpha beta gamma)", 199)
    for name in ("altstarts", "normalize"):
        if opts.get(name):
            raise StataError(f"option {name} of tssmooth shwinters is not implemented in mlmcli", 199)


def tssmooth_shwinters(session, cmd, left, exp, prepare, store_of, numlist_option, place) -> None:
    from mlmcli.render.smoothers import render_optimal_seasonal_weights, render_seasonal_holt_winters

    opts = resolve_options(cmd.options, [
        OptionSpec("period", 3, True), OptionSpec("parms", 1, True), OptionSpec("samp0", 2, True),
        OptionSpec("s0", None, True), OptionSpec("forecast", 1, True), OptionSpec("from", 2, True),
        OptionSpec("sn0_0", None, True), OptionSpec("sn0_v", None, True), OptionSpec("snt_v", None, True),
        OptionSpec("replace", 7), OptionSpec("additive", 3), OptionSpec("altstarts", 3),
        OptionSpec("normalize", 1), OptionSpec("nolog", 5)])
    vtype, name, series, nobs, forecast = prepare(session, cmd, left, exp, opts)
    period = _period(session, opts, series, numlist_option)
    parms = numlist_option("parms", opts["parms"], most=3, least=3, low=0, high=1) if opts.get("parms") else None
    samp0 = numlist_option("samp0", opts["samp0"], most=1, low=1, high=nobs, low_open=True)[0] \
        if opts.get("samp0") is not None else None
    s0 = numlist_option("s0", opts["s0"], most=2, least=2) if opts.get("s0") is not None else None
    if opts.get("sn0_0") is not None:
        sn0_name = session.data.expand_varlist(str(opts["sn0_0"]).strip())
        if len(sn0_name) != 1 or session.data.is_string(sn0_name[0]):
            raise StataError("sn0_0() does not specify a numeric variable", 198)
    _checks(session, opts)
    if series.several_panels():
        raise StataError("tssmooth shwinters over several panels is not implemented in mlmcli", 199)
    if opts.get("from") is not None:
        numlist_option("from", opts["from"], most=3, least=3, low=0, high=1)
    fit, rows, x_rows, sn0, tseas, optimum = _fit(session, opts, series, period, parms, samp0, s0, forecast,
                                                      numlist_option)
    _finish(session, opts, series, fit, rows, x_rows, vtype, name, exp, forecast, store_of, place, optimum)
    _seasonal_variables(session, opts, fit, rows, sn0, tseas, period)
    if optimum is not None:
        session.print(render_optimal_seasonal_weights(optimum, fit.additive))
    else:
        session.print(render_seasonal_holt_winters(fit, _rss(fit, x_rows, vtype)))


def _fit(session, opts, series, period, parms, samp0, s0, forecast, numlist_option):
    from mlmcli.time_series.seasonal_holt_winters import check_seasonals, seasonal_holt_winters, start_values

    additive = bool(opts.get("additive"))
    rows = np.flatnonzero(series.touse)
    rows = rows[np.argsort(series.time[rows], kind="stable")]
    if np.any(np.rint(np.diff(series.time[rows]) / series.delta) != 1):
        raise StataError("tssmooth shwinters over gaps in the sample is not implemented in mlmcli", 199)
    x = series.x[rows]
    present = np.flatnonzero(~np.isnan(x))
    if present.size == 0:
        raise StataError("no observations", 2000)
    # _ts_hwsm drops the leading missing values from the sample; both stop at the last value
    rows = rows[(present[0] if not additive else 0): present[-1] + 1]
    x = series.x[rows]
    n = x.size
    tseas = (int(np.flatnonzero(~np.isnan(x))[-1]) // period) + 1
    if not additive and tseas < 2:
        raise StataError("insufficient data, only one year in data", 498)
    n_pre = samp0 if samp0 is not None else max(tseas // 2, 2)
    if n_pre > tseas:
        raise StataError(f"there are {tseas} in sample which is smaller than the {n_pre:g} specified in s0samp()", 198)
    if additive and n < period:
        raise StataError("number of seasons differs from number of periods", 198)
    a0 = b0 = None
    sn0 = None
    if s0 is None or opts.get("sn0_0") is None:
        a0, b0, sn0 = start_values(x, period, n_pre, additive)
    if s0 is not None:
        a0, b0 = s0
        if not additive and opts.get("sn0_0") is None:
            sn0 = start_values(x, period, n_pre, additive, b0=b0)[2]
    if opts.get("sn0_0") is not None:
        values = session.data.numeric(str(opts["sn0_0"]).strip())[rows[:period]]
        sn0 = np.asarray(values, float)
    check_seasonals(sn0[: min(period, n)], additive, str(opts.get("sn0_0") or "").strip() or None)
    optimum = None
    if parms is None:
        from mlmcli.time_series.seasonal_holt_winters import optimal_weights

        start = (.5, .5, .5)
        if opts.get("from") is not None:  # _ts_hwsa's init(numlist min=3 max=3 >0 <1), which from() becomes
            start = tuple(numlist_option("init", opts["from"], most=3, least=3, low=0, high=1,
                                         low_open=True, high_open=True))
        optimum = optimal_weights(x, period, a0, b0, sn0, additive, start)
        parms = (optimum.alpha, optimum.beta, optimum.gamma)
    alpha, beta, gamma = parms
    fit = seasonal_holt_winters(x, period, alpha, beta, gamma, a0, b0, sn0, forecast, additive, n_pre)
    return fit, rows, x, sn0, tseas, optimum


def _rss(fit, x, vtype):
    predicted = fit.predicted[: x.size]
    if vtype == "float":  # the ado's errors read the prediction back from the new (float) variable
        predicted = fit_storage(predicted, "float")  # past float's range: missing
    err = (x - predicted)[~np.isnan(x) & ~np.isnan(predicted)]
    if not err.size:
        return 0, 0.0, np.nan
    # errors near 1e300: their squares past the double range, summed as (err / 2^j)^2 (exact scaling)
    k = float(np.ldexp(1.0, min(int(np.frexp(np.max(np.abs(err)))[1]), 1023)))
    share = float(np.sum((err / k) ** 2))
    return err.size, stata_double(share * k * k), stata_double(float(np.sqrt(share / err.size)) * k)


def _seasonal_variables(session, opts, fit, rows, sn0, tseas, period) -> None:
    """sn0_v(): the starting seasonals on the first year's rows; snt_v(): the seasonals of the last
    year (the ados' double variables)."""
    ds = session.data
    for option, values, where in (("sn0_v", sn0, slice(0, period)),
                                  ("snt_v", fit.seasonals, slice((tseas - 1) * period, tseas * period))):
        if opts.get(option) is None:
            continue
        out = np.full(ds.nobs, np.nan)
        picked = rows[where]
        out[picked] = np.asarray(values)[where][: picked.size] if option == "snt_v" else values[: picked.size]
        ds.set_variable(str(opts[option]).strip(), out, "double")
    ds.changed = True


def _finish(session, opts, series, fit, rows, x, vtype, name, exp, forecast, store_of, place, optimum) -> None:
    from mlmcli.render.numfmt import fmt

    out = np.full(session.data.nobs, np.nan)
    out[rows] = fit.predicted[: rows.size]
    if forecast:
        pid = series.panel[rows[0]]
        out = place(series, pid, float(series.time[rows[-1]]), fit.predicted[rows.size:], out)
    parms = " ".join(fmt(v, "%4.3f").strip() for v in (fit.alpha, fit.beta, fit.gamma))
    label = f"{'shw-add' if fit.additive else 'shw'} parms({parms}) = {exp.strip()}"
    store_of(session, name, vtype, out, label, label)
    nres, rss, rmse = _rss(fit, x, vtype)
    r = {"N": float(nres), "rss": rss, "rmse": rmse, "constant": fit.constant, "linear": fit.linear,
         "s1_0": fit.a0, "s2_0": fit.b0} | ({"prss": optimum.prss} if optimum is not None else {})
    r |= {"N_pre": float(fit.n_pre), "alpha": fit.alpha, "beta": fit.beta,
         "gamma": fit.gamma, "timevar": series.tvar}
    r |= {"panelvar": series.pvar} if series.pvar else {}
    r |= {"exp": exp.strip(), "method": f"shwinters, {'additive' if fit.additive else 'multiplicative'}"}
    session.set_r(r)
