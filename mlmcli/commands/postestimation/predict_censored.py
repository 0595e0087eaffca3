"""``predict`` after ``tobit`` and ``intreg`` (tobit_p, intreg_p):

    predict [type] newvar [if] [in] [, xb stdp stdf pr(a,b) e(a,b) ystar(a,b) nooffset]

a and b are numbers, ``.`` (open) or numeric variables, as after regress (regre_p2's rules and
labels: ``postest.regress_prediction``); the default is xb, with "(option xb assumed; fitted
values)".  ``scores``: one variable per equation (``predict_censored_scores``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.estimation.rows import PredictionRows
from mlmcli.postest.regress_prediction import LABELS, Prediction, bound_from_text, bound_values, parse_bounds
from mlmcli.syntax.abbreviation import resolve_choice

_NAMES = (("xb", 2), ("stdp", 4), ("stdf", 4), ("pr", 1), ("e", 1), ("ystar", 2), ("nooffset", 5),
          ("scores", 2))
_TAKES = ("pr", "e", "ystar")


def predict_censored(session, e, cmd) -> None:
    from mlmcli.postest.linear_prediction import prediction_se

    chosen, offset = [], True
    if any(resolve_choice(o.name.lower(), _NAMES) == "scores" for o in cmd.options):  # tobit_p: first
        from mlmcli.commands.postestimation.predict_censored_scores import predict_censored_scores

        return predict_censored_scores(session, e, cmd)
    for option in cmd.options:
        name = resolve_choice(option.name.lower(), _NAMES)
        if name is None:
            raise option_not_allowed(option.name, option.arg)
        if name == "nooffset":
            offset = False
            continue
        if (name in _TAKES) != (option.arg is not None):
            raise StataError(f"option {option.name} incorrectly specified" if option.arg is None
                             else f"option {option.name}() not allowed", 198)
        chosen.append((name, option.arg))
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat, arg = chosen[0] if chosen else ("xb", None)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    fit = e.model
    X = PredictionRows(session, e).fixed_design()
    prows = PredictionRows(session, e)
    xb = fit.index(X @ fit.b, prows, offset)
    depvar = e.macros["depvar"].split()[0]
    sigma = fit.sigma_at(session.data)
    if stat == "xb":
        values, label = xb, ("Linear prediction" if chosen else "Fitted values")
    elif stat in ("stdp", "stdf"):
        stdp = prediction_se(X, fit.V)
        values, label = (stdp if stat == "stdp" else fit.statistic("stdf", xb, stdp, sigma)), LABELS[stat]
    else:
        prediction = Prediction(stat, typed=parse_bounds(arg, stat))
        lo, hi = bound_values(prediction, lambda text: bound_from_text(session.data, text))
        values, label = fit.statistic(stat, xb, None, sigma, lo, hi), prediction.label(depvar)
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
