"""``predict`` after ppmlhdfe (ppmlhdfe_p of ppmlhdfe 2.3).

    predict newvar [if] [in] [, mu | xb | xbd | eta | d | stdp | deviance | response | pearson
                                | anscombe | scores | working]

The new variable is always a double.  ``mu`` is the default ("(option mu assumed; predicted mean
of depvar)").  xb and stdp are _predict's (xb with the offset, ln(exposure) for exposure());
every statistic but xb needs the sum of the fixed effects the fit saved with ``d`` / ``d(newvar)``
(e(d); without it "predict <stat> requires the -d- option of ppmlhdfe", r(198)) unless nothing was
absorbed: d is that variable, xbd (eta) xb + d, mu exp(xb + d), and the residuals: deviance 2
{mu - y + y ln(y / mu)} (2 mu where y = 0), response and scores y - mu, pearson (y - mu) /
sqrt(mu), anscombe 1.5 (y^(2/3) - mu^(2/3)) / mu^(1/6), working (y - mu) / mu.  cooksd, hat and
likelihood are the ado's "option not implemented" r(198) -- before the variable is created (the
ado creates it first and leaves it behind).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.ppmlhdfe_fit import PREDICT_NAMES
from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_switches import switch_options
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows


def _offset(session, e) -> np.ndarray | float:
    from mlmcli.glm.predictions import offset_variable

    if not e.macros.get("offset", ""):
        return 0.0
    name, exposure = offset_variable(e.macros["offset"])
    if exposure:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(session.data.numeric(name))
    return session.data.numeric(name)


def predict_ppmlhdfe(session, e, cmd) -> None:
    chosen = switch_options(cmd, PREDICT_NAMES)
    if len(chosen) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} may not be combined", 184)
    stat = chosen[0] if chosen else "mu"
    _, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    if not chosen:
        session.print("(option mu assumed; predicted mean of depvar)")
    absvars = e.macros.get("absvars", "")
    d = 0.0
    if stat != "xb" and absvars != "_cons":
        d_name = e.macros.get("d", "")
        if not d_name:
            raise StataError(f"predict {stat} requires the -d- option of ppmlhdfe", 198)
        if d_name not in session.data.varnames:
            raise StataError(f"variable {d_name} not found", 111)
        d = session.data.numeric(d_name)
    if stat in ("cooksd", "hat", "likelihood"):
        raise StataError(f"option not implemented: {stat}", 198)
    prows = PredictionRows(session, e)
    if stat == "stdp":
        values, label = e.model.predict("stdp", prows), "S.E. of the prediction"
    elif stat == "d":
        values, label = d + np.zeros(session.data.nobs), f"d[{absvars}]"
    else:
        xb = e.model.predict("xb", prows) + _offset(session, e)
        values, label = xb, "Linear prediction"
        if stat != "xb":
            values = xb + d
            label = f"Linear prediction: xb + d[{absvars}]" if absvars != "_cons" else "Linear prediction: xb"
        if stat not in ("xb", "xbd", "eta"):
            values, label = _from_mu(session, e, stat, np.exp(values))
    store_prediction(session, name, np.where(rows, values, np.nan), "double", label)


def _from_mu(session, e, stat: str, mu: np.ndarray) -> tuple[np.ndarray, str]:
    if stat == "mu":
        return mu, f"Predicted mean of {e.macros['depvar']}"
    y = session.data.numeric(e.macros["depvar"])
    with np.errstate(divide="ignore", invalid="ignore"):
        if stat == "deviance":
            dev = 2 * np.where(y > 0, mu - y + y * np.log(y / mu), mu)
            return np.where(np.isnan(y), np.nan, dev), "deviance residual"
        if stat in ("response", "scores"):
            return y - mu, "response residual" if stat == "response" else "score residual"
        if stat == "pearson":
            return (y - mu) / np.sqrt(mu), "Pearson residual"
        if stat == "anscombe":
            return 1.5 * (np.cbrt(y) ** 2 - np.cbrt(mu) ** 2) / mu ** (1 / 6), "Anscombe residual"
        return (y - mu) / mu, "working residual"
