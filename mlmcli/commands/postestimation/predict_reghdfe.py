"""``predict`` after reghdfe (reghdfe_p of Sergio Correia's reghdfe 5/6).

    predict newvar [if] [in] [, xb | stdp | residuals | d | xbd | dresiduals | score]

The new variable is always a double (reghdfe_p ignores the storage type).  ``xb`` (the
default, "(option xb assumed; fitted values)") and ``stdp`` come from e(b), e(V).  The others
need the residuals the fit saved with ``resid`` / ``residuals(newvar)`` (their name in
e(resid); without it "you must add the resid option to reghdfe before running this
prediction", r(198)): residuals = that variable (missing outside e(sample)), d = y - xb -
resid ("d[absvars]"), xbd = y - resid ("Xb + d[absvars]"), dresiduals = y - xb; ``score``
is residuals (reghdfe_p's "HACK").
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_switches import switch_options
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows

_NAMES = (("xb", 2), ("stdp", 4), ("residuals", 1), ("d", 1), ("xbd", 3), ("dresiduals", 2), ("score", 2))


def predict_reghdfe(session, e, cmd) -> None:
    chosen = switch_options(cmd, _NAMES, {"score": "residuals"})
    if len(chosen) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} are mutually exclusive", 198)
    stat = chosen[0] if chosen else "xb"
    _, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    prows = PredictionRows(session, e)
    absvars = e.macros.get("absvars", "")
    if stat in ("xb", "stdp"):
        values = e.model.predict(stat, prows)
        label = "Linear prediction" if stat == "xb" else "S.E. of the prediction"
    else:
        resid_name = e.macros.get("resid", "")
        if not resid_name:
            raise StataError("you must add the resid option to reghdfe before running this prediction", 198)
        if resid_name not in session.data.varnames:
            raise StataError(f"variable {resid_name} not found", 111)
        resid = session.data.numeric(resid_name)
        y = session.data.numeric(e.macros["depvar"])
        xb = e.model.predict("xb", prows)
        values, label = {"residuals": (resid, "Residuals"), "d": (y - xb - resid, f"d[{absvars}]"),
                         "xbd": (y - resid, f"Xb + d[{absvars}]"), "dresiduals": (y - xb, "")}[stat]
    store_prediction(session, name, np.where(rows, values, np.nan), "double", label)
