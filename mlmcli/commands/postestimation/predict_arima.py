"""``predict`` after arima (arima_p.ado, Stata 16 tree), the part mlm implements:

    predict [type] newvar [if] [in] [, xb | y | residuals | yresiduals] [structural]

xb (the default, "(option xb assumed; predicted values)"): the one-step prediction of the
(differenced) depvar, x b plus the Kalman filter's prediction of the ARMA disturbance from the
periods before; residuals: depvar - xb; structural: x b alone (and depvar - x b).  Rows past the sample's end
(tsappend) get the filter's forecasts; the filter runs over the estimation sample's depvar only
(``ArimaModel.predictions``).  y: xb in the undifferenced variable, xb + (y - depvar) (so
L.y + xb after arima D.y; missing where the lagged y is, past the data's end too: Stata's dynamic
forecasts of y are not implemented); yresiduals: y - that, the residuals again.  mse, dynamic()
and t0() are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError

_NAMES = (("xb", 2), ("y", 1), ("residuals", 1), ("yresiduals", 3), ("structural", 3))
_REFUSED = (("mse", 3), ("dynamic", 3), ("t0", 2))


def read_statistic(options, stochastic=()) -> tuple[str | None, bool]:
    """(the statistic typed or None, structural) of arima_p's options; ``stochastic``: (name,
    abbreviation) pairs margins refuses as functions of more than e(b) (r(498)), checked first."""
    from mlmcli.syntax.abbreviation import resolve_choice

    chosen, structural = [], False
    for o in options:
        if stochastic and o.arg is None and resolve_choice(o.name, stochastic):
            from mlmcli.margins.response import STOCHASTIC

            raise StataError(STOCHASTIC, 498)
        name = resolve_choice(o.name, _NAMES)
        if name is None or (stochastic and o.arg is not None):
            refused = resolve_choice(o.name, _REFUSED)
            if refused:
                raise StataError(f"predict option {refused} after arima is not implemented in mlmcli", 198)
            raise StataError(f"option {o.name} not allowed", 198)
        if name == "structural":
            structural = True
        else:
            chosen.append(name)
    if len(set(chosen)) > 1:
        raise StataError("only one statistic may be specified", 198)
    return (chosen[0] if chosen else None), structural


def predict_arima(session, e, cmd) -> None:
    typed, structural = read_statistic(cmd.options)
    chosen = [typed] if typed else []
    stat = typed or "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    xb, resid = e.model.predictions(session, e, structural)
    if stat in ("y", "yresiduals"):  # the undifferenced series: xb plus (y - depvar), y the depvar's variable
        from mlmcli.panel.time_settings import time_structure
        from mlmcli.commands.statistics.correlogram import operated_values

        ds = session.data
        panel, time, delta = time_structure(ds)
        depvar = e.macros["depvar"]
        level = ds.numeric(depvar.rpartition(".")[2]) - operated_values(ds, depvar, panel, time, delta)
        xb = xb + level
    values = xb if stat in ("xb", "y") else resid
    if not chosen:
        session.print("(option xb assumed; predicted values)")
    kind = "structural" if structural else "one-step"
    label = {"xb": f"xb prediction, {kind}", "y": f"y prediction, {kind}", "residuals": f"residual, {kind}",
             "yresiduals": f"y residual, {kind}"}[stat]
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
