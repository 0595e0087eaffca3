"""``estat dwatson``, ``estat bgodfrey`` and ``estat durbinalt`` after ``regress`` on tsset data
([R] regress postestimation time series; dwstat.ado, bgodfrey.ado, durbina.ado).  Numbers:
``mlmcli.postest.serial_correlation``.  The sample is e(sample) (dwatson: and its if/in; with
``nosample`` the rows if/in select where the residual is known) within one panel
(_ts's onepanel); gaps in it are reported as tsreport's "Number of gaps in sample" line.

Not done: Stata's _ts sorts the data by the panel and time variables first; mlm leaves the
order of the rows as it is (the lags are taken by time value, so the numbers are the same).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.regress_diagnostics import fitted_regression
from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, resolve_options


def _regress_results(session, name: str):
    e = active(session)
    if e.cmd != "regress" or e.macros.get("prefix") == "svy":  # regress_estat only
        raise StataError(f"invalid subcommand {name}", 321)
    return e


def _time_rows(session, touse: np.ndarray):
    """(panel, time, delta) of the tsset data; _ts's errors."""
    from mlmcli.panel.time_settings import time_structure

    panel, time, delta = time_structure(session.data)
    if panel is not None:
        values = panel[touse]
        values = values[~np.isnan(values)]
        if values.size and values.min() != values.max():
            raise StataError("sample may not include multiple panels", 459)
    touse &= ~np.isnan(time)
    return panel, time, delta


def _setup(session, e, touse):
    """Residuals on every row (NaN outside ``touse``), the model's columns, gaps."""
    from mlmcli.estimation.rows import fixed_design_all_rows
    from mlmcli.postest.serial_correlation import count_gaps
    from mlmcli.time_series_ops import apply_operator

    panel, time, delta = _time_rows(session, touse)
    X = fixed_design_all_rows(session, e)
    y = session.data.numeric(e.macros["depvar"])
    resid = np.where(touse, y - X @ e.model.b, np.nan)
    touse &= ~np.isnan(resid)
    lag_in = apply_operator("L", touse.astype(float), panel, time, delta) == 1
    gaps = count_gaps(touse, lag_in)
    if gaps:
        session.print(f"\nNumber of gaps in sample:  {gaps}")
    lag = lambda j: apply_operator(f"L{j}", resid, panel, time, delta)  # noqa: E731
    return resid, X, lag, gaps


def _r_common(e, touse, gaps) -> dict:
    # e(N) - e(df_r): missing when e(df_r) is not set (vce(bootstrap) posts z statistics)
    k = e.scalars["N"] - e.scalars["df_r"] if "df_r" in e.scalars else float("nan")
    return {"N_gaps": float(gaps), "N": float(touse.sum()), "k": float(k)}


# ---------------------------------------------------------------------- dwatson
def estat_dwatson(session, cmd) -> None:
    """``estat dwatson [if] [in] [, nosample nodetail]``: the Durbin-Watson d statistic."""
    e = _regress_results(session, "dwatson")
    _dwatson(session, cmd, e, estat=True)


def _dwatson(session, cmd, e, estat: bool) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected
    from mlmcli.postest.serial_correlation import durbin_watson
    from mlmcli.render.regress_diagnostics import render_dwatson
    from mlmcli.results.regress_diagnostics import DurbinWatsonResult

    if len(cmd.args.split()) > int(estat):
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("nodetail", 5), OptionSpec("nosample", 5)])
    fitted = fitted_regression(session, e)
    touse = rows_selected(session, cmd)
    if not opts.get("nosample"):
        touse = touse & fitted.sample
    resid, _, lag, gaps = _setup(session, e, touse)
    touse = ~np.isnan(resid)
    dw = durbin_watson(resid[touse], lag(1)[touse])
    r = _r_common(e, touse, gaps)
    session.print(render_dwatson(DurbinWatsonResult(r["k"], int(r["N"]), dw)))
    r["dw"] = dw
    session.set_r(r)


# ---------------------------------------------------------------------- bgodfrey / durbinalt
def _lag_orders(opts) -> list[int]:
    from mlmcli.syntax.numlist import numlist

    if not opts.get("lags"):
        return [1]
    values = numlist(str(opts["lags"]))
    if any(v != int(v) for v in values):
        raise StataError("invalid numlist has noninteger elements", 126)
    if any(v <= 0 for v in values):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    return sorted(set(int(v) for v in values))


def _serial_test(session, cmd, name: str, durbin: bool, estat: bool = True) -> None:
    from mlmcli.postest.serial_correlation import breusch_godfrey, durbin_alternative
    from mlmcli.render.regress_diagnostics import render_serial_correlation
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.regress_diagnostics import SerialCorrelationResult

    e = _regress_results(session, name) if estat else active(session)
    if len(cmd.args.split()) > int(estat):
        raise StataError("invalid syntax", 198)
    if cmd.if_exp is not None or cmd.in_range is not None:
        raise StataError(f"{'if' if cmd.if_exp is not None else 'in'} not allowed", 101)
    specs = [OptionSpec("lags", 1, takes_arg=True), OptionSpec("small", 1), OptionSpec("nomiss0", 6)]
    if durbin:
        specs += [OptionSpec("robust", 1), OptionSpec("force", 5)]
    opts = resolve_options(cmd.options, specs)
    robust_fit = e.macros.get("vcetype") == "Robust"
    if durbin:
        if e.macros.get("clustvar"):
            raise StataError("This command does not work after specifying the cluster() option", 198)
        if e.cmd != "regress":  # durbina.ado (mlm has no newey)
            raise StataError("This command only works after regress and newey", 301)
        if robust_fit and not opts.get("force"):
            raise StataError("you must specify force after regress, robust", 198)
        if opts.get("robust") and opts.get("small"):
            raise StataError("-small- cannot be specified with -robust-.", 198)
    elif robust_fit:
        raise StataError("This command does not work after regress, robust", 198)
    elif e.cmd != "regress":
        raise StataError("This command only works after regress.", 301)
    small = bool(opts.get("small") or opts.get("robust"))
    orders = _lag_orders(opts)
    fitted = fitted_regression(session, e)
    touse = fitted.sample.copy()
    resid, X, lag, gaps = _setup(session, e, touse)
    touse = ~np.isnan(resid)
    n = int(touse.sum())
    too_large = [p for p in orders if p >= n - (2 if durbin else 1)]
    if too_large:
        raise StataError(f"lags({' '.join(map(str, too_large))}) is too large for the number of "
                         "observations in the sample", 198)
    columns = {j: lag(j)[touse] for j in range(1, max(orders) + 1)}
    regressors = X[touse][:, :-1] if fitted.constant else X[touse]
    rows = []
    for p in orders:
        lags = np.column_stack([columns[j] for j in range(1, p + 1)])
        if durbin:
            rows.append(durbin_alternative(resid[touse], lags, regressors, fitted.constant,
                                           fill_zero=not opts.get("nomiss0"), small=small,
                                           robust=bool(opts.get("robust"))))
        else:
            rows.append(breusch_godfrey(resid[touse], lags, regressors, fitted.constant,
                                        fill_zero=not opts.get("nomiss0"), small=small))
    title = ("Durbin's alternative test for autocorrelation" if durbin
             else "Breusch-Godfrey LM test for autocorrelation")
    session.print(render_serial_correlation(SerialCorrelationResult(title, tuple(rows), small,
                                                                   "H0: no serial correlation")))
    r = _r_common(e, touse, gaps)
    names = tuple(f"lags:{p}" for p in orders)

    def row_matrix(values):
        return Matrix(np.array([values], float), ("r1",), names)

    r["F" if small else "chi2"] = row_matrix([row.statistic for row in rows])
    r["df"] = row_matrix([row.df for row in rows])
    r["p"] = row_matrix([row.p for row in rows])
    if small:
        r["df_r"] = row_matrix([row.df_r for row in rows])
    r["lags"] = " ".join(map(str, orders))
    session.set_r(r)


def estat_bgodfrey(session, cmd) -> None:
    """``estat bgodfrey [, lags(numlist) nomiss0 small]``: Breusch-Godfrey's LM test."""
    _serial_test(session, cmd, "bgodfrey", durbin=False)


def estat_durbinalt(session, cmd) -> None:
    """``estat durbinalt [, lags(numlist) nomiss0 robust small force]``: Durbin's alternative test."""
    _serial_test(session, cmd, "durbinalt", durbin=True)


# ---------------------------------------------------------------------- the old names
def cmd_dwstat(session, cmd) -> None:
    """``dwstat``: estat dwatson's old name.  dwstat.ado refuses only prais (which mlm lacks);
    after a command other than regress mlm says ``last estimates not found`` r(301)
    (decided here: dwstat.ado would go on to predict that model's residuals)."""
    e = active(session)
    if e.cmd != "regress":
        raise StataError("last estimates not found", 301)
    _dwatson(session, cmd, e, estat=False)


def cmd_bgodfrey(session, cmd) -> None:
    """``bgodfrey``: estat bgodfrey's old name, with bgodfrey.ado's messages after other commands."""
    _serial_test(session, cmd, "bgodfrey", durbin=False, estat=False)


def cmd_durbina(session, cmd) -> None:
    """``durbina``: estat durbinalt's old name, with durbina.ado's messages after other commands."""
    _serial_test(session, cmd, "durbinalt", durbin=True, estat=False)
