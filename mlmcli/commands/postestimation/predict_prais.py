"""``predict`` after prais (prais_p.ado 1.1.1, Stata 16 tree).

    predict [type] newvar [if] [in] [, xb | stdp | residuals]

xb (the default, "(option xb assumed; fitted values)"), stdp and residuals (depvar - xb, on the
untransformed data) on any rows, as _predict gives them after _regress; prais_p turns off
cooksd, hat, rstandard, rstudent, stdr and stdf ("rstandard invalid" r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_rreg import chosen_statistics
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows

_NAMES = (("xb", 2), ("index", 1), ("stdp", 4), ("residuals", 2))
_TURNED_OFF = (("cooksd", 1), ("hat", 1), ("rstandard", 4), ("rstudent", 4), ("stdr", 4), ("stdf", 4))


def predict_prais(session, e, cmd) -> None:
    from mlmcli.syntax.abbreviation import resolve_choice

    typed = [o for o in cmd.options if o.arg is not None or resolve_choice(o.name, (("nooffset", 5),)) is None]
    off = [resolve_choice(o.name, _TURNED_OFF) for o in typed if o.arg is None]
    if any(off) and all(resolve_choice(o.name, _NAMES) is None for o in typed):
        one_new_variable(session, cmd)
        raise StataError(f"{''.join(name for name in off if name)} invalid", 198)
    chosen = chosen_statistics(typed, _NAMES, "not allowed")
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    values = e.model.predict(stat, PredictionRows(session, e))
    label = {"xb": "Fitted values", "stdp": "S.E. of the prediction", "residuals": "Residuals"}[stat]
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
