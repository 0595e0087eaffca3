"""``xtunitroot fisher varname [if] [in], {dfuller | pperron} lags(#) [trend drift demean]``
(_xturfisher.ado 1.0.4, Stata 16 tree): dfuller or pperron on each panel, their p-values
combined (engine ``mlmcli.panel.fisher_unit_root``); varname may carry time-series operators
(D.y).  Unbalanced panels and gaps are allowed;
lags reach rows outside if/in as Stata's time-series operators do (with demean the demeaned
series is missing there).  noconstant is refused as the ado refuses it (r(498)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_FISHER = [OptionSpec("dfuller", 2), OptionSpec("pperron", 2), OptionSpec("demean", 6), OptionSpec("noconstant", 6),
           OptionSpec("trend", 2), OptionSpec("drift", 2), OptionSpec("lags", 1, takes_arg=True)]


def xtunitroot_fisher(session, cmd, name: str) -> None:
    from mlmcli.render.panel_unit_root import render_fisher

    opts = resolve_options(cmd.options, _FISHER)
    tests = [t for t in ("dfuller", "pperron") if opts.get(t)]
    if not tests:
        raise StataError("must specify one of dfuller or pperron", 198)
    if len(tests) > 1:
        raise StataError("can specify only one of dfuller or pperron", 198)
    urtest = tests[0]
    trend, drift = bool(opts.get("trend")), bool(opts.get("drift"))
    if urtest == "pperron" and drift:
        raise StataError("cannot specify drift with pperron", 198)
    if opts.get("noconstant"):
        raise StataError("cannot specify noconstant because p-values are not available in this case", 498)
    if opts.get("lags") is None:
        raise StataError("must specify lags()", 198)
    if drift and trend:  # dfuller's own check, reached through its first-panel run
        raise StataError("cannot specify drift if time trend is included", 198)
    lags = _lags(opts["lags"])
    series, n_obs, balanced, shown = _panel_series(session, cmd, name, bool(opts.get("demean")))
    p_values = [_panel_p(session, i, urtest, s, lags, trend, drift) for i, s in enumerate(series, 1)]
    from mlmcli.panel.fisher_unit_root import combine

    r = combine(p_values, n_panels=len(series), n_obs=n_obs, urtest=urtest, trend=trend, drift=drift, lags=lags,
                balanced=balanced, demean=bool(opts.get("demean")), varname=shown)
    session.print(render_fisher(r))
    options = " ".join((["trend"] if trend else []) + (["drift"] if drift else []) + [f"lags({lags})"])
    out = {"P": r.P, "p_P": r.p_P, "df_P": float(r.df_P), "Z": r.Z, "p_Z": r.p_Z, "L": r.L, "p_L": r.p_L,
           "df_L": float(r.df_L), "Pm": r.Pm, "p_Pm": r.p_Pm, "N_g": float(r.n_panels), "N_t": r.n_periods,
           "N": float(r.N), "test": "fisher", "urtest": urtest, "options": options}
    if r.demean:
        out["demean"] = "demean"
    session.set_r(out)


def _lags(text) -> int:
    """dfuller's/pperron's lags(#): a nonnegative integer (negative: mlm refuses; not seen in Stata)."""
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("option lags() incorrectly specified", 198) from None
    if value != int(value) or value < 0:
        raise StataError("option lags() incorrectly specified", 198)
    return int(value)


def _panel_p(session, i: int, urtest: str, s, lags: int, trend: bool, drift: bool) -> float:
    """Panel i's p-value; the first panel's failure stops the command (the ado's first-panel
    check), a later one prints the ado's note and leaves the panel out."""
    from mlmcli.panel.fisher_unit_root import PanelTestError, dfuller_p, pperron_p

    time, y, sample, delta = s
    try:
        if urtest == "dfuller":
            return dfuller_p(time, y, sample, delta, lags, trend, drift)
        return pperron_p(time, y, sample, delta, lags, trend)
    except PanelTestError as exc:
        code = 2000 if str(exc) == "no observations" else 2001
        if i == 1:
            raise StataError(f"performing unit-root test on first panel using the syntax\n{urtest} ..., "
                             f"returned error code {code}", code) from None
        session.print(f"could not compute test for panel {i}")
        return float("nan")


def _panel_series(session, cmd, name: str, demean: bool):
    """Each panel with a row in the sample: (times, series, in-sample rows, delta), all its rows
    in time order; the number of sample rows; whether the sample is strongly balanced."""
    from mlmcli.commands.data.panel_settings import recorded_delta
    from mlmcli.commands.estimation.panel_common import panel_variable, time_variable
    from mlmcli.sample import mark_sample

    ds = session.data
    ivar = panel_variable(session)
    tvar = time_variable(session)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    from mlmcli.commands.estimation.common import operated_depvar

    var = operated_depvar(ds, name)  # varname(ts): D.y, L2.y are the operated series
    touse = np.asarray(mark_sample(session, cmd, [var]), bool)
    panel, time, y = ds.numeric(ivar), ds.numeric(tvar), ds.numeric(var).astype(float)
    if not touse.any():
        raise StataError("no observations", 2000)
    if demean:  # _xturdemean: each period's cross-sectional mean over the sample; missing outside it
        out = np.full(y.shape, np.nan)
        for t in np.unique(time[touse]):
            rows = touse & (time == t)
            out[rows] = y[rows] - y[rows].mean()
        y = out
    delta = recorded_delta(ds)
    series, periods = [], []
    for i in np.unique(panel[touse]):
        rows = np.flatnonzero(panel == i)
        rows = rows[np.argsort(time[rows], kind="stable")]
        series.append((time[rows], y[rows], touse[rows], delta))
        periods.append(time[rows][touse[rows]])
    balanced = all(p.size == periods[0].size and np.array_equal(p, periods[0]) for p in periods)
    return series, int(touse.sum()), balanced, var
