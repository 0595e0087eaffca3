"""``predict`` after ``rologit`` (Stata's rologit_p):

    predict [type] newvar [if] [in] [, pr xb stdp dpdx(varname)]

pr (the default, with rologit_p's note): exp(xb) over its sum in the group, over the if/in rows
(a row whose xb is missing adds nothing to its group's sum and gets no probability); dpdx(v):
pr (1 - pr) _b[v]; xb and stdp as _pred_se makes them.  Any row of the data, in or out of
e(sample).  Refused: nooffset (rologit without offset()).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("pr", 1), OptionSpec("xb", 1), OptionSpec("index", 1), OptionSpec("stdp", 4),
            OptionSpec("dpdx", 4, takes_arg=True), OptionSpec("nooffset", 5)]


def predict_rologit(session, e, cmd) -> None:
    import pandas as pd

    from mlmcli.factor_variables import evaluate_recipes
    from mlmcli.postest.linear_prediction import prediction_se

    opts = resolve_options(cmd.options, _OPTIONS)
    if "nooffset" in opts:
        raise StataError("option nooffset not supported by mlmcli after rologit", 198)
    if opts.pop("index", None):
        opts["xb"] = True
    chosen = [s for s in ("pr", "xb", "stdp", "dpdx") if s in opts]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    m, ds = e.model, session.data
    b, V = m.design_coefficients()
    X = evaluate_recipes(ds, m.recipes) if len(b) else np.zeros((ds.nobs, 0))
    with np.errstate(invalid="ignore"):
        xb = X @ b
    stat = chosen[0] if chosen else "pr"
    if stat == "xb":
        return store_prediction(session, name, np.where(rows, xb, np.nan), vtype, "Linear prediction")
    if stat == "stdp":
        return store_prediction(session, name, np.where(rows, prediction_se(X, V), np.nan), vtype,
                                "S.E. of the prediction")
    slope = 0.0
    if stat == "dpdx":
        var = str(opts["dpdx"]).strip()
        names = list(e.matrices["b"].colnames)
        target = ds.resolve(var) if var else var
        if target not in names:
            raise StataError(f"variable {var} not included in rologit model", 198)
        slope = float(e.matrices["b"].values[0][names.index(target)])
    elif not chosen:
        session.print("(option pr assumed; conditional probability that alternative is ranked first)")
    group = pd.factorize(ds.column(m.group_var), use_na_sentinel=False)[0]
    ex = np.where(rows & np.isfinite(xb), np.exp(np.where(np.isfinite(xb), xb, 0.0)), 0.0)
    denom = np.bincount(group, weights=ex)[group]
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(rows & np.isfinite(xb), ex / denom, np.nan)
    if stat == "dpdx":
        return store_prediction(session, name, p * (1 - p) * slope, vtype, f"marginal effect of {var}-self-")
    store_prediction(session, name, p, vtype, "prob that alternative is most attractive")
