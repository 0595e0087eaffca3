"""``dfgls varname [if] [in] [, maxlag(#) notrend ers generate(newvar)]`` ([TS] dfgls; dfgls.ado
1.1.1, Stata 16 tree): the DF-GLS unit-root test for k = maxlag .. 1 lagged differences
(``mlmcli.time_series.dfgls``), with ERS's 1% critical value and Cheung and Lai's 5% and 10%
response surfaces (``ers``: ERS's three), the Ng-Perron sequential t, SC and MAIC lag choices.

maxlag() default: Schwert's int(12 (n/100)^(1/4)).  The sample may not have gaps: tsreport (run
under version 8, as the ado) prints "Number of gaps in sample:  #", then "sample may not contain
gaps" r(498).  generate() holds the residuals of the regression with maxlag lags.  r(): N,
maxlag, optlag, maiclag, sclag (maxlag > 1), results (k MAIC SIC RMSE DFGLS); maxlag(0): r(dft0),
r(rmse0) only, as the ado exits there.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"dfgls": "dfgls varname [if] [in] [, maxlag(#) notrend ers generate(newvar)] : DF-GLS unit-root test"}


def cmd_dfgls(session, cmd) -> None:
    from mlmcli.commands.statistics.unit_root_tests import check_time_series, series_variable

    opts = resolve_options(cmd.options, [OptionSpec("maxlag", 1, takes_arg=True), OptionSpec("generate", 3, takes_arg=True),
                                         OptionSpec("notrend", 4), OptionSpec("ers", 3)])
    generate = str(opts.get("generate") or "").strip()
    if generate:
        if generate in session.data.varnames:
            raise StataError(f"{generate} already exists: specify new variable with generate( ) option", 110)
    maxlag = None
    if opts.get("maxlag") is not None:
        try:
            maxlag = float(str(opts["maxlag"]).strip())
        except ValueError:
            raise StataError("maxlag() invalid -- invalid numlist", 121) from None
        if maxlag != int(maxlag):
            raise StataError("maxlag() invalid -- invalid numlist has noninteger elements", 126)
        maxlag = int(maxlag)
    if maxlag is not None and maxlag < 0:
        raise StataError("maxlag() invalid -- invalid numlist has elements outside of allowed range", 125)
    var = series_variable(session, cmd)
    check_time_series(session, cmd)
    x, rows = _series(session, cmd, var)
    trend = not opts.get("notrend")
    _run(session, var, x, rows, maxlag, trend, bool(opts.get("ers")), generate)


def _series(session, cmd, var):
    """The sample's values in time order and their rows; gaps refused as tsreport reports them."""
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import apply_operator

    ds = session.data
    panel, time, delta = time_structure(ds)
    touse = np.asarray(mark_sample(session, cmd, [var.rpartition(".")[2]]), bool)
    x = operated_values(ds, var, panel, time, delta)
    touse &= ~np.isnan(time) & ~np.isnan(x)
    if not touse.any():
        raise StataError("no observations", 2000)
    back = apply_operator("L", touse.astype(float), panel, time, delta)
    gaps = int(np.count_nonzero(touse & (np.nan_to_num(back) != 1))) - 1
    if gaps > 0:
        session.print("")
        session.print(f"Number of gaps in sample:  {gaps}")
        raise StataError("sample may not contain gaps", 498)
    rows = np.flatnonzero(touse)
    rows = rows[np.argsort(time[rows], kind="stable")]
    return x[rows], rows


def _run(session, var, x, rows, maxlag, trend, ers, generate) -> None:
    from mlmcli.render.unit_root import render_dfgls
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.unit_root import DfglsTable
    from mlmcli.time_series.dfgls import dfgls
    from mlmcli.time_series.unit_root import cheung_lai_critical, ers_critical

    n0 = x.size
    schwert = maxlag is None
    if schwert:
        maxlag = int(12 * (n0 / 100) ** 0.25)
    if n0 - maxlag - 1 < maxlag + 2:
        raise StataError("insufficient observations", 2001)
    cv1, cv5, cv10 = ers_critical(n0, trend)
    N, lags = dfgls(x, maxlag, trend)
    table = []
    for lag in lags:
        five, ten = (cv5, cv10) if ers else cheung_lai_critical(N, lag.lag, trend)
        table.append((lag.lag, lag.statistic, cv1, five, ten))
    if generate:
        values = np.full(session.data.nobs, np.nan)
        values[rows[maxlag + 1:]] = lags[0].residuals
        from mlmcli.commands.postestimation.predict import store_prediction

        store_prediction(session, generate, values, "double", "Residuals", report_missing=False)  # qui predict
    opt = next((lag for lag in lags if lag.p_last < 0.10), None)
    sc = min(lags, key=lambda g: g.sc)  # the first of equal values, as the ado's strict <
    maic = min(lags, key=lambda g: g.maic)
    result = DfglsTable(varname=var, nobs=N, trend=trend, rows=tuple(table), schwert_maxlag=maxlag if schwert else None,
                        show_choice=maxlag > 1, opt_lag=None if opt is None else opt.lag,
                        opt_rmse=float("nan") if opt is None else opt.rmse, sc=(sc.sc, sc.lag, sc.rmse),
                        maic=(maic.maic, maic.lag, maic.rmse))
    session.print(render_dfgls(result))
    if maxlag == 0:
        session.set_r({"dft0": lags[0].statistic, "rmse0": lags[0].rmse})
        return
    r = {}
    if maxlag > 1:
        r.update(optlag=float(-1 if opt is None else opt.lag), maiclag=float(maic.lag), sclag=float(sc.lag))
    r.update(N=float(N), maxlag=float(maxlag))
    r["results"] = Matrix(np.array([[g.lag, g.maic, g.sc, g.rmse, g.statistic] for g in lags]),
                          tuple(f"r{i + 1}" for i in range(len(lags))), ("k", "MAIC", "SIC", "RMSE", "DFGLS"))
    session.set_r(r)
