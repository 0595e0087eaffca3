"""``predict`` after areg (Stata's areg_p, Stata 16 ado tree).

    predict [type] newvar [if] [in] [, xb | stdp | dresiduals | residuals | d | xbd | scores]

``xb`` (the default: "(option xb assumed; fitted values)", label "Xb") and ``stdp`` everywhere;
``dresiduals`` = y - xb wherever y and x are known ("d[absvar] + residual").  The rest only in
e(sample) (areg_p: "DR is full sample, rest are estimation subsample only"): ``d`` = the
absorbed group's (weighted, with e(wexp)) mean of y - xb over e(sample) ("d[absvar]"), ``xbd``
= xb + d ("Xb + d[absvar]"), ``residuals`` = y - xb - d ("Residuals"); ``scores`` is
residuals (GenScores).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_switches import switch_options
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows, sample_in_current_order

_NAMES = (("xb", 2), ("stdp", 4), ("dresiduals", 2), ("residuals", 1), ("scores", 2), ("d", 1), ("xbd", 3))


def predict_areg(session, e, cmd) -> None:
    chosen = switch_options(cmd, _NAMES, {"scores": "residuals"})
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    prows = PredictionRows(session, e)
    absvar = e.macros.get("absvar", "")
    if stat in ("xb", "stdp"):
        values = e.model.predict(stat, prows)
        label = "Xb" if not chosen else ("Linear prediction" if stat == "xb" else "S.E. of the prediction")
        if not chosen:
            session.print("(option xb assumed; fitted values)")
    else:
        xb = e.model.predict("xb", prows)
        y = prows.depvar()
        if stat == "dresiduals":
            values, label = y - xb, f"d[{absvar}] + residual"
        else:
            d = _absorbed_means(session, e, y - xb)
            values, label = {"d": (d, f"d[{absvar}]"), "xbd": (xb + d, f"Xb + d[{absvar}]"),
                             "residuals": (y - xb - d, "Residuals")}[stat]
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _absorbed_means(session, e, dev: np.ndarray) -> np.ndarray:
    """Per absorbed group, the (weighted) mean of ``dev`` over e(sample); missing outside it."""
    from mlmcli.commands.estimation.common import evaluate_weight

    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("e(sample) not found", 198)
    sample = np.asarray(sample, bool) & ~np.isnan(dev)
    wexp = e.macros.get("wexp", "")
    w = evaluate_weight(session, wexp.lstrip("= ").strip()) if wexp else np.ones(len(dev))
    codes = np.unique(session.data.df[e.macros["absvar"]].to_numpy()[sample], return_inverse=True)[1]
    n = int(codes.max()) + 1 if codes.size else 0
    tot = np.bincount(codes, weights=w[sample] * dev[sample], minlength=n)
    cnt = np.bincount(codes, weights=w[sample], minlength=n)
    out = np.full(len(dev), np.nan)
    out[sample] = (tot / cnt)[codes]
    return out
