"""``predict`` after newey (Stata's newey_p, Stata 16 ado tree).

    predict [type] newvar [if] [in] [, xb | stdp | residuals]

xb (the default, "(option xb assumed; fitted values)"), stdp (with newey's Newey-West e(V))
and residuals (depvar - xb), on any rows; nooffset is accepted (newey has no offset).
Anything else: "option ... not allowed" r(198).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_rreg import chosen_statistics
from mlmcli.estimation.rows import PredictionRows

_NAMES = (("xb", 2), ("index", 1), ("stdp", 4), ("residuals", 2))


def predict_newey(session, e, cmd) -> None:
    from mlmcli.syntax.abbreviation import resolve_choice

    # newey has no offset: nooffset leaves nothing out
    typed = [o for o in cmd.options if o.arg is not None or resolve_choice(o.name, (("nooffset", 5),)) is None]
    chosen = chosen_statistics(typed, _NAMES, "not allowed")
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    values = e.model.predict(stat, PredictionRows(session, e))
    label = {"xb": "Fitted values", "stdp": f"S.E. of prediction of {e.macros['depvar']}",
             "residuals": "Residuals"}[stat]
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
