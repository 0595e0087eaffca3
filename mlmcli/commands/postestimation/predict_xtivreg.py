"""``predict`` after ``xtivreg, fe | re | be`` (e(predict) xtivp_1.ado):

    predict [type] newvar [if] [in] [, xb | ue | u | e | xbu | stdp]

xb = x b (the default, "(option xb assumed; fitted values)"; stdp, mlm's addition, from the
generic predict) and ue = y - xb on the if/in rows.  u, e and xbu come from xtivp_1's mku: per
panel, u_i = mean(y) - mean(xb) over the panel's estimation rows (the same plain mean residual
after fe, re and be), on the estimation sample whatever if/in say; e = y - xb - u on the if/in
rows of the sample, xbu = xb + u on the sample.  The labels are the ado's, "idcode" and all
(it writes ``label variable ... "u[idcode]"`` whatever the panel variable is called).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATISTICS = (("xb", 2), ("ue", 2), ("u", 1), ("e", 1), ("xbu", 3), ("stdp", 4))
_LABELS = {"ue": "u[idcode] + e[idcode,t]", "u": "u[idcode]", "e": "e[idcode,t]", "xbu": "Xb + u[idcode]"}


def predict_xtivreg(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import (one_new_variable, predict_generic, rows_selected,
                                                        store_prediction)
    from mlmcli.estimation.rows import PredictionRows

    opts = resolve_options(cmd.options, [OptionSpec(name, k) for name, k in _STATISTICS])
    chosen = [name for name, _ in _STATISTICS if opts.get(name)]
    if len(chosen) > 1:
        raise StataError("you can only predict one statistic at a time", 198)
    if not chosen or chosen[0] in ("xb", "stdp"):
        return predict_generic(session, e, cmd)
    stat = chosen[0]
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    ds = session.data
    xb = np.asarray(e.model.predict("xb", PredictionRows(session, e, None)), float)
    y = ds.numeric(e.macros["depvar"])
    if stat == "ue":
        values = np.where(rows, y - xb, np.nan)
    else:
        u = _mean_residual(ds, e, y, xb)
        values = u if stat == "u" else np.where(rows, y - xb, np.nan) - u if stat == "e" else xb + u
    store_prediction(session, name, values, vtype, _LABELS[stat], report_missing=False)  # the ado: qui gen


def _mean_residual(ds, e, y: np.ndarray, xb: np.ndarray) -> np.ndarray:
    """mku: mean(y) - mean(xb) over each panel's estimation rows, on those rows (missing
    elsewhere)."""
    sample = np.asarray(e.sample, bool) if e.sample is not None else np.zeros(ds.nobs, bool)
    u = np.full(ds.nobs, np.nan)
    if not sample.any():
        return u
    panel = ds.numeric(e.macros["ivar"])[sample]
    codes = np.unique(panel, return_inverse=True)[1].ravel()
    counts = np.bincount(codes)
    y_mean = np.bincount(codes, weights=y[sample]) / counts
    xb_mean = np.bincount(codes, weights=xb[sample]) / counts
    u[sample] = (y_mean - xb_mean)[codes]
    return u
