"""``predict`` after newey (Stata's newey_p, Stata 16 ado tree).

    predict [type] newvar [if] [in] [, xb | stdp | residuals]

xb (the default, "(option xb assumed; fitted values)"), stdp (with newey's Newey-West e(V))
and residuals (depvar - xb), on any rows.  Anything else: r(198).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.abbreviation import resolve_choice

_NAMES = (("xb", 2), ("index", 1), ("stdp", 4), ("residuals", 2))


def predict_newey(session, e, cmd) -> None:
    chosen = []
    for option in cmd.options:
        name = resolve_choice(option.name.lower(), _NAMES)
        if name is None or option.arg is not None:
            raise StataError(f"option {option.name}{'(' + option.arg + ')' if option.arg is not None else ''} "
                             "not allowed", 198)
        chosen.append("xb" if name == "index" else name)
    if len(set(chosen)) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} may not be combined", 198)
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    values = e.model.predict(stat, PredictionRows(session, e))
    label = {"xb": "Fitted values", "stdp": f"S.E. of prediction of {e.macros['depvar']}",
             "residuals": "Residuals"}[stat]
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
