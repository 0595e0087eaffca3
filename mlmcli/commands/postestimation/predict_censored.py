"""``predict`` after ``tobit``, ``intreg``, ``cnreg`` and ``xttobit`` (tobit_p, intreg_p, xttobit_p):

    predict [type] newvar [if] [in] [, xb stdp stdf pr(a,b) e(a,b) ystar(a,b) nooffset]
    predict [type] newvar [if] [in] [, xb stdp stdf pr0(a,b) e0(a,b) ystar0(a,b) nooffset]   (xttobit)

a and b are numbers, ``.`` (open) or numeric variables, as after regress (regre_p2's rules and
labels: ``postest.regress_prediction``); the default is xb, with "(option xb assumed; fitted
values)".  ``scores``: one variable per equation (``predict_censored_scores``).

After xttobit, tobit_p as Stata 13 calls it (``_caller() <= 14``): the statistics with the random
effect u_i = 0, named pr0(), e0(), ystar0() (so ``pr()``, ``e()``, ``ystar()`` abbreviate them),
with tobit_p's GetRMSE sigma = sqrt(sigma_u^2 + sigma_e^2) for them and for stdf; ``scores`` is
GenTobitScores' "option scores not allowed" r(198).
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
# xttobit (tobit_p's E0(string) Pr0(string) YStar0(string))
_XT_NAMES = (("xb", 2), ("stdp", 4), ("stdf", 4), ("pr0", 1), ("e0", 1), ("ystar0", 2), ("nooffset", 5),
             ("scores", 2))


def predict_censored(session, e, cmd) -> None:
    chosen, offset = [], True
    xt = e.cmd in ("xttobit", "xtintreg")  # xtintreg_p: xttobit_p's statistics
    names = _XT_NAMES if xt else _NAMES
    if any(resolve_choice(o.name, names) == "scores" for o in cmd.options):  # tobit_p: first
        if xt:
            raise StataError("option scores not allowed", 198)
        if e.cmd == "truncreg":  # truncr_p's scores are the truncated likelihood's, not tobit's
            raise StataError("option scores not supported by mlmcli after truncreg", 198)
        from mlmcli.commands.postestimation.predict_censored_scores import predict_censored_scores

        return predict_censored_scores(session, e, cmd)
    for option in cmd.options:
        name = resolve_choice(option.name, names)
        if name is None:
            raise option_not_allowed(option.name, option.arg)
        typed_as = name
        name = name.rstrip("0") if xt else name  # pr0 -> pr ...
        if name == "nooffset":
            offset = False
            continue
        if (name in _TAKES) != (option.arg is not None):
            raise StataError(f"option {option.name} incorrectly specified" if option.arg is None
                             else f"option {option.name}() not allowed", 198)
        chosen.append((name, option.arg, typed_as))
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat, arg, typed_as = chosen[0] if chosen else ("xb", None, "xb")
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    fit = e.model
    X = PredictionRows(session, e).fixed_design()
    prows = PredictionRows(session, e)
    depvar = e.macros["depvar"].split()[0]
    if xt:
        return _xttobit(session, e, (stat, arg, typed_as), bool(chosen), offset, vtype, name, rows)
    xb = fit.index(X @ fit.b, prows, offset)
    sigma = fit.sigma_at(session.data)
    if stat == "xb":
        values, label = xb, ("Linear prediction" if chosen else "Fitted values")
    elif stat in ("stdp", "stdf"):
        stdp = fit.predict("stdp", prows)  # (a fit on shifted columns: in its own metric)
        values, label = (stdp if stat == "stdp" else fit.statistic("stdf", xb, stdp, sigma)), LABELS[stat]
    else:
        prediction = Prediction(stat, typed=parse_bounds(arg, stat))
        lo, hi = bound_values(prediction, lambda text: bound_from_text(session.data, text))
        values, label = fit.statistic(stat, xb, None, sigma, lo, hi), prediction.label(depvar)
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _xttobit(session, e, statistic, typed: bool, offset: bool, vtype, name, rows) -> None:
    """tobit_p after xttobit: x b and its standard errors from the model, pr0/e0/ystar0 and stdf
    with sigma = sqrt(sigma_u^2 + sigma_e^2) (GetRMSE's)."""
    from mlmcli.postest.regression_diagnostics import truncated_statistic

    stat, arg, typed_as = statistic  # (pr, "0,2", pr0)
    prows = PredictionRows(session, e, nooffset=not offset)
    xb = e.model.predict("xb", prows)
    sigma = float(np.hypot(e.scalars["sigma_u"], e.scalars["sigma_e"]))
    depvar = e.macros["depvar"].split()[0]
    if stat == "xb":
        values, label = xb, ("Linear prediction" if typed else "Fitted values")
    elif stat in ("stdp", "stdf"):
        stdp = e.model.predict("stdp", prows)
        values, label = (stdp if stat == "stdp" else np.sqrt(stdp * stdp + sigma * sigma)), LABELS[stat]
    else:
        prediction = Prediction(stat, typed=parse_bounds(arg, typed_as))
        lo, hi = bound_values(prediction, lambda text: bound_from_text(session.data, text))
        values, label = truncated_statistic(stat, xb, sigma, lo, hi), prediction.label(depvar)
    if not typed:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
