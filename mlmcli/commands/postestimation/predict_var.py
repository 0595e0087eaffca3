"""``predict`` after var (var_p.ado 1.1.7, Stata 16 tree):

    predict [type] newvar [if] [in] [, equation(eqno|eqname) xb stdp residuals]

xb (the default: "(option xb assumed; fitted values)") is the equation's linear prediction from
the lags (and exogenous variables) on every row where they exist, stdp sqrt(x V x'), residuals the
equation's dependent variable minus xb (label "Residuals", var_p's).  equation() is ``#k`` or an
equation name; default #1.  xb's and stdp's labels follow predict after sureg (``Fitted values``,
``S.E. of prediction``; decided without a Stata log).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError


def predict_var(session, e, cmd) -> None:
    from mlmcli.commands.estimation.vector_autoregression import lag_name
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.panel.time_settings import time_structure

    eq_text = None
    chosen = []
    for o in cmd.options:
        low = o.name
        if len(low) >= 2 and "equation".startswith(low) and o.arg is not None:
            eq_text = o.arg.strip()
        elif low in ("xb",) or (len(low) >= 1 and "residuals".startswith(low)) or (len(low) >= 4 and "stdp".startswith(low)):
            if o.arg is not None:
                raise StataError(f"option {o.name} not allowed", 198)
            chosen.append("xb" if low == "xb" else ("residuals" if "residuals".startswith(low) else "stdp"))
        else:
            raise StataError(f"option {o.name} not allowed", 198)
    if len(chosen) > 1:
        raise StataError("more than one statistic specified", 198)
    eqnames = e.macros["eqnames"].split()
    endog = e.macros["endog"].split()
    text = eq_text or "#1"
    if text.startswith("#"):
        try:
            k = int(text[1:]) - 1
        except ValueError:
            raise StataError(f"equation {text} not found", 303) from None
        if not 0 <= k < len(eqnames):
            raise StataError(f"equation {text} not found", 303)
    elif text in eqnames:
        k = eqnames.index(text)
    else:
        raise StataError(f"equation {text} not found", 303)
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    ds = session.data
    panel, time, delta = time_structure(ds)
    lags = e.result["lags"]
    exog = e.macros.get("exog", "").split()
    cols = [operated_values(ds, lag_name(y, lag), panel, time, delta) for y in endog for lag in lags]
    cols += [operated_values(ds, x, panel, time, delta) for x in exog]
    if not e.macros.get("nocons"):
        cols.append(np.ones(ds.nobs))
    X = np.column_stack(cols)
    m = X.shape[1]
    b = e.matrices["b"].values.ravel()[k * m:(k + 1) * m]
    V = e.matrices["V"].values[k * m:(k + 1) * m, k * m:(k + 1) * m]
    xb = X @ b
    if stat == "xb":
        values, label = xb, "Fitted values"
    elif stat == "stdp":
        values, label = np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), "S.E. of prediction"
    else:
        values, label = operated_values(ds, endog[k], panel, time, delta) - xb, "Residuals"
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows_selected(session, cmd), values, np.nan), vtype, label)


def predict_svar(session, e, cmd) -> None:
    """svar_p: predict on svar's underlying var (kept with the fit; results read back by
    estimates use do not carry it)."""
    underlying = e.result.get("var") if isinstance(e.result, dict) else None
    if underlying is None:
        raise StataError("predict after svar results read by estimates use is not implemented in mlmcli", 198)
    predict_var(session, underlying, cmd)
