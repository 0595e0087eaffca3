"""Unit-root tests on tsset data ([TS] dfuller, [TS] pperron; dfuller.ado 1.3.0, pperron.ado 1.0.10,
Stata 16 tree):

    dfuller varname [if] [in] [, noconstant trend drift regress lags(#)]
    pperron varname [if] [in] [, noconstant trend regress lags(#)]

dfuller regresses D.x on L.x, lags() lagged differences DL(1/#).x and (trend) t - min(t);
Z(t) = b/se of L.x.  pperron regresses x on L.x (and the trend) and corrects rho and its t with
the Newey-West long-run variance of the residuals (lags() default int(4 (T/100)^(2/9))):

    Z(rho) = T (rho - 1) - (T se/s)^2 (lambda - gamma_0)/2
    Z(t)   = (rho - 1)/se sqrt(gamma_0/lambda) - (lambda - gamma_0)(T se/s) / (2 sqrt(lambda))

with gamma_j = sum_t u_t u_{t-j} / T, lambda = gamma_0 + 2 sum_j (1 - j/(lags+1)) gamma_j and s
the regression's root MSE.  Critical values and p-values: ``mlmcli.time_series.unit_root``.
Panel data must hold one panel in the if/in sample ("sample may not include multiple panels"
r(459)); e() is left as it was (_estimates hold ..., restore).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"dfuller": "dfuller varname [if] [in] [, noconstant trend drift regress lags(#)] : augmented Dickey-Fuller "
                   "unit-root test",
        "pperron": "pperron varname [if] [in] [, noconstant trend regress lags(#)] : Phillips-Perron unit-root test"}


def lags_option(text) -> int | None:
    """The integer of a typed lags() (None when not typed)."""
    if text is None:
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("option lags() incorrectly specified", 198) from None
    if value != int(value):
        raise StataError("option lags() incorrectly specified", 198)
    return int(value)


def _lags(opts) -> int:
    value = lags_option(opts.get("lags"))
    return -1 if value is None else value


def series_variable(session, cmd) -> str:
    from mlmcli.commands.estimation.common import operated_depvar

    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    return operated_depvar(session.data, words[0])


def check_time_series(session, cmd):
    """_ts ..., sort onepanel: the time variable, one panel over if/in."""
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.sample import mark_sample

    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds)
    if panel:
        rows = np.asarray(mark_sample(session, dataclasses.replace(cmd, if_exp=cmd.if_exp), []), bool)
        values = ds.numeric(panel)[rows]
        values = values[~np.isnan(values)]
        if values.size and values.min() != values.max():
            raise StataError("sample may not include multiple panels", 459)
    return tvar


def _operated(op: str, name: str) -> str:
    """``D`` on ``z`` -> ``D.z``; on ``L.z`` -> ``DL.z`` (operators chain)."""
    head, dot, var = name.partition(".")
    return f"{op}{head}.{var}" if dot else f"{op}.{name}"


def _regression(session, cmd, words: list[str], tvar: str, constant: bool, trend: bool, level: float):
    """The test regression: regress's sample and design for ``words``, refitted with the trend
    t - min(t) (min over the if/in rows where the variable and t are present) before _cons."""
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.ast import Option
    from mlmcli.ols import fit_ols
    from mlmcli.sample import mark_sample

    ds = session.data
    timed = f"!missing({tvar})"
    inner = dataclasses.replace(cmd, name="regress", args=" ".join(words), options=[] if constant else
                                [Option("noconstant")], if_exp=f"({cmd.if_exp}) & {timed}" if cmd.if_exp else timed)
    fit, design, depvar, sample, _, _, _ = run_regress(session, inner)
    if not trend:
        return fit, None, sample
    touse = np.asarray(mark_sample(session, cmd, [_base_name(words[1])]), bool)
    time = ds.numeric(tvar)
    touse &= ~np.isnan(time)
    tt = time[sample] - np.min(time[touse])
    X = np.column_stack([design.X[:, :-1], tt, design.X[:, -1]])
    tfit = fit_ols(ds.numeric(depvar)[sample], X, constant=True, level=level)
    return tfit, tt, sample


def _base_name(operated: str) -> str:
    return operated.rpartition(".")[2]


def cmd_dfuller(session, cmd) -> None:
    from mlmcli.time_series.unit_root import dickey_fuller_critical, mackinnon_p

    opts = resolve_options(cmd.options, [OptionSpec("trend", 2), OptionSpec("noconstant", 6), OptionSpec("drift", 2),
                                         OptionSpec("lags", 1, takes_arg=True), OptionSpec("regress", 3)])
    lags = _lags(opts)
    trend, nocons, drift = bool(opts.get("trend")), bool(opts.get("noconstant")), bool(opts.get("drift"))
    if drift and nocons:
        raise StataError("cannot specify drift if constant is excluded", 198)
    if drift and trend:
        raise StataError("cannot specify drift if time trend is included", 198)
    if nocons and trend:
        raise StataError("cannot choose trend if constant is excluded", 198)
    case = 1 if nocons else (4 if trend else (3 if drift else 2))
    var = series_variable(session, cmd)
    tvar = check_time_series(session, cmd)
    lags = max(lags, 0)
    words = [_operated("D", var), _operated("L", var)] + ([_operated(f"DL(1/{lags})", var)] if lags else [])
    level = getattr(session, "level", 95.0)
    fit, tt, _ = _regression(session, cmd, words, tvar, not nocons, trend, level)
    n = int(round(fit.N))
    with np.errstate(invalid="ignore", divide="ignore"):  # a constant series: missing
        zt = float(np.float64(fit.b[0]) / fit.se[0])
    cv = dickey_fuller_critical(case, n, fit.df_r)
    p = p_label = None
    if case in (2, 4):
        p, p_label = mackinnon_p(zt, "c" if case == 2 else "ct"), "MacKinnon approximate p-value for Z(t)"
    elif case == 3:
        from mlmcli.distributions import t as t_dist

        p, p_label = float(t_dist.cdf(zt, fit.df_r)), "p-value for Z(t)"
    title = ("Augmented " if lags else "") + "Dickey-Fuller test for unit root"
    result = _test_result(title, n, [("Z(t)", zt, *cv)], p, p_label, fit, tt, opts, var, lags, level,
                          band="t" if case == 3 else "Interpolated Dickey-Fuller", depvar=words[0])
    _show(session, result, level)
    r = {"Zt": zt, "N": float(n), "lags": float(lags), "cv1": cv[0], "cv5": cv[1], "cv10": cv[2]}
    if p is not None:
        r["p"] = p
    session.set_r(r)


def cmd_pperron(session, cmd) -> None:
    from mlmcli.time_series.unit_root import ZRHO, interpolated, dickey_fuller_critical, mackinnon_p

    opts = resolve_options(cmd.options, [OptionSpec("trend", 2), OptionSpec("noconstant", 6),
                                         OptionSpec("lags", 1, takes_arg=True), OptionSpec("regress", 3)])
    lags = _lags(opts)
    trend, nocons = bool(opts.get("trend")), bool(opts.get("noconstant"))
    if nocons and trend:
        raise StataError("cannot choose trend if constant is excluded", 198)
    case = 1 if nocons else (4 if trend else 2)
    var = series_variable(session, cmd)
    tvar = check_time_series(session, cmd)
    level = getattr(session, "level", 95.0)
    fit, tt, sample = _regression(session, cmd, [var, _operated("L", var)], tvar, not nocons, trend, level)
    T = int(round(fit.N))
    if lags < 0:
        lags = int(4 * (T / 100) ** (2 / 9))
    u = np.full(sample.size, np.nan)
    u[sample] = fit.residuals
    zrho, zt = phillips_perron(u, float(fit.b[0]), float(fit.se[0]), fit.rmse, T, lags, session.data)
    cvp, cvt = interpolated(ZRHO[case], T), dickey_fuller_critical(case, T)
    p = mackinnon_p(zt, "c" if case == 2 else "ct") if case != 1 else None
    result = _test_result("Phillips-Perron test for unit root", T, [("Z(rho)", zrho, *cvp), ("Z(t)", zt, *cvt)], p,
                          "MacKinnon approximate p-value for Z(t)" if p is not None else None, fit, tt, opts, var, 0,
                          level, newey_lags=lags, depvar=var)
    _show(session, result, level)
    r = {"Zt": zt, "Zrho": zrho, "lags": float(lags), "N": float(T)}
    if p is not None:
        r["pval"] = p  # pperron.ado also returns a hidden r(p)
    session.set_r(r)


def phillips_perron(u: np.ndarray, rho: float, se: float, s: float, T: int, lags: int, ds) -> tuple[float, float]:
    """(Z(rho), Z(t)) from the residuals u (NaN outside the regression) over all rows."""
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.time_series_ops import apply_operator

    panel, time, delta = time_structure(ds)
    gam0 = float(np.nansum(u * u)) / T
    lam = gam0
    for i in range(1, lags + 1):
        back = apply_operator(f"L{i}", u, panel, time, delta)
        lam += 2 * (1 - i / (lags + 1)) * float(np.nansum(u * back)) / T
    with np.errstate(invalid="ignore", divide="ignore"):  # a constant series: Stata's missing values
        z = np.float64(T) * se / s
        zrho = T * (rho - 1) - z * z * (lam - gam0) / 2
        zt = (rho - 1) / np.float64(se) * np.sqrt(np.float64(gam0) / lam) - 0.5 * (lam - gam0) * z / np.sqrt(lam)
    return float(zrho), float(zt)


def _test_result(title, n, rows, p, p_label, fit, tt, opts, var, lags, level, *, band="Interpolated Dickey-Fuller",
                 newey_lags=None, depvar=""):
    from mlmcli.results.unit_root import UnitRootTest

    regression = disp = None
    if opts.get("regress"):
        if tt is None:
            regression = fit.result()
        else:
            disp = _disp_rows(fit, lags, level)
    return UnitRootTest(title=title, nobs=n, rows=tuple(rows), band=band, newey_lags=newey_lags, p_label=p_label,
                        p=p, regression=regression, disp_depvar=depvar, disp_group=_base_name(var) if "." not in var
                        else var, disp_rows=disp or ())


def _disp_rows(fit, lags: int, level: float):
    """DispReg's rows: L1., LD., L#D. ... _trend, _cons (t p-values and level% intervals)."""
    from mlmcli.distributions import t as t_dist
    from mlmcli.results.unit_root import DispRegRow

    labels = ["L1."] + (["LD."] if lags >= 1 else []) + [f"L{i}D." for i in range(2, lags + 1)] + ["_trend", "_cons"]
    q = float(t_dist.ppf(0.5 + level / 200, fit.df_r))
    rows = []
    for j, label in enumerate(labels):
        b, se = float(fit.b[j]), float(fit.se[j])
        rows.append(DispRegRow(label, b, se, b / se, float(2 * t_dist.sf(abs(b / se), fit.df_r)), b - q * se, b + q * se))
    return tuple(rows)


def _show(session, result, level) -> None:
    from mlmcli.render.unit_root import render_unit_root

    session.print(render_unit_root(result, level=level, linesize=session.linesize))
