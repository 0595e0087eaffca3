"""``predict`` after vec (vec_p.ado / vec_p_w.ado 1.0.9, Stata 16 tree):

    predict [type] newvar [if] [in] [, equation(eqno|eqname) xb stdp residuals ce levels]

xb (the default: "(option xb assumed; fitted values)") is the equation's linear prediction of the
difference from L._ce#, the lagged differences and the deterministic terms; stdp its standard
error sqrt(x V x'); residuals D.y - xb; levels xb + L.y; ce the cointegrating equation
beta'(y, _trend, _cons) of equation(#k or _cek).  _trend counts the periods from e(tmin)
(1 there, 0 before: _vecmktrend.ado).  Refused by name: usece().
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError

_STATS = (("residuals", 1), ("xb", 2), ("stdp", 4), ("ce", 2), ("levels", 1))
_LABELS = {"xb": "Linear prediction of difference", "stdp": "S.E. of predicted difference",
           "residuals": "Residuals", "ce": "Predicted cointegrated equation", "levels": "Linear prediction of level"}


def _options(cmd):
    eq_text, chosen = None, []
    for o in cmd.options:
        low = o.name
        if len(low) >= 2 and "equation".startswith(low) and o.arg is not None:
            eq_text = o.arg.strip()
            continue
        if len(low) >= 1 and "usece".startswith(low):
            raise StataError("option usece() of predict after vec is not implemented in mlmcli", 198)
        for name, least in _STATS:
            if len(low) >= least and name.startswith(low) and o.arg is None:
                chosen.append(name)
                break
        else:
            raise StataError(f"option {o.name} not allowed", 198)
    if len([c for c in chosen if c != "levels"]) > 1:
        raise StataError("more than one statistic specified", 198)
    return eq_text, chosen


def _equation(text: str, names: list[str]) -> int:
    if text.startswith("#"):
        try:
            k = int(text[1:]) - 1
        except ValueError:
            k = -1
    else:
        k = names.index(text) if text in names else -1
    if not 0 <= k < len(names):
        raise StataError(f"equation {text} not found", 303)
    return k


def trend_values(ds, e) -> np.ndarray:
    from mlmcli.panel.time_settings import time_structure

    _, time, _ = time_structure(ds)
    order = np.argsort(time, kind="stable")
    counted = np.cumsum(np.nan_to_num(time[order], nan=-np.inf) >= e.scalars["tmin"]).astype(float)
    out = np.empty(ds.nobs)
    out[order] = counted
    return out


def cointegrating_values(ds, e):
    """(_ce# on every row, _trend, the levels of the endogenous variables): _vecmkce.ado's
    scores of e(beta) on the data in memory."""
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.panel.time_settings import time_structure

    model = e.model
    panel, time, delta = time_structure(ds)
    trend = trend_values(ds, e)
    levels = {y: operated_values(ds, y, panel, time, delta) for y in model.endog}

    def term(name):
        return trend if name == "_trend" else (np.ones(ds.nobs) if name == "_cons" else levels[name])

    ce = [sum(model.ce_coef[i, j] * term(r) for i, r in enumerate(model.ce_rows))
          for j in range(int(e.scalars["k_ce"]))]
    return ce, trend, levels


def predict_vec(session, e, cmd) -> None:
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.time_series_ops import apply_operator, canonical_operator

    eq_text, chosen = _options(cmd)
    stat = next((c for c in chosen if c != "levels"), "levels" if "levels" in chosen else "xb")
    model = e.model
    ds = session.data
    panel, time, delta = time_structure(ds)
    rank = int(e.scalars["k_ce"])
    ce, trend, level_cols = cointegrating_values(ds, e)
    ce = np.column_stack(ce)
    vtype, name = one_new_variable(session, cmd)
    if stat == "ce":
        k = _equation(eq_text or "#1", [f"_ce{j}" for j in range(1, rank + 1)])
        values = ce[:, k]
    else:
        eqnames = e.macros["eqnames"].split()
        k = _equation(eq_text or "#1", eqnames)
        cols = [apply_operator("L", ce[:, j], panel, time, delta) for j in range(rank)]
        for y in model.endog:
            head, _, var = y.rpartition(".")
            for lag in range(1, model.lags):
                op = canonical_operator(f"L{lag if lag > 1 else ''}D{head}")
                cols.append(operated_values(ds, f"{op}.{var}", panel, time, delta))
        cols += [operated_values(ds, v, panel, time, delta) for v in e.macros.get("sindicators", "").split()]
        if model.trend == "trend":
            cols.append(trend)
        if model.trend in ("constant", "rtrend", "trend"):
            cols.append(np.ones(ds.nobs))
        X = np.column_stack(cols)
        m = X.shape[1]
        b = e.matrices["b"].values.ravel()[k * m:(k + 1) * m]
        xb = X @ b
        y = model.endog[k]
        if "levels" in chosen:  # vec_p_w.ado: levels before xb, residuals and stdp
            stat = "levels"
            values = xb + apply_operator("L", level_cols[y], panel, time, delta)
        elif stat == "xb":
            values = xb
        elif stat == "stdp":
            V = e.matrices["V"].values[k * m:(k + 1) * m, k * m:(k + 1) * m]
            values = np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))
        else:
            values = apply_operator("D", level_cols[y], panel, time, delta) - xb
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows_selected(session, cmd), values, np.nan), vtype, _LABELS[stat])
