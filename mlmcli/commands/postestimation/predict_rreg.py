"""``predict`` after rreg (Stata's rreg_p, Stata 16 ado tree).

    predict [type] newvar [if] [in] [, xb | stdp | residuals | hat]

``xb`` (the default, "(option xb assumed; fitted values)"), ``stdp`` and ``residuals`` are the
linear fit's.  ``hat``: rreg.ado's last step is an unweighted ``_regress`` of the pseudovalues
on the regressors over the estimation sample, so ``_predict hat`` is the OLS leverage
x (X'X)^-1 x' of that sample; rreg_p multiplies it by genwt()/mean(genwt()) ("corrected (for
w) hat diagonals").  Without genwt() at the fit, or with that variable gone, rreg_p's r(198)
messages.  Other statistics: rreg_p's "option ... invalid"; nooffset/offset: not allowed.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
from mlmcli.syntax.abbreviation import resolve_choice

_NAMES = (("xb", 2), ("index", 1), ("stdp", 4), ("residuals", 2), ("hat", 1))


def predict_rreg(session, e, cmd) -> None:
    for option in cmd.options:
        if option.name in ("nooffset", "offset"):
            raise StataError(f"option {option.name} not allowed", 198)
    chosen = chosen_statistics(cmd.options, _NAMES, "invalid")
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    depvar = e.macros["depvar"]
    if stat == "hat":
        values, label = _corrected_hat(session, e), f"corrected (for {e.macros.get('genwt', '')}) hat diagonals"
    else:
        values = e.model.predict(stat, PredictionRows(session, e))
        label = {"xb": "Fitted values", "stdp": f"S.E. of prediction of {depvar}",
                 "residuals": "residuals"}[stat]
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def chosen_statistics(options, names, unknown: str) -> list[str]:
    """The statistics typed (``options``) among ``names`` ((name, min abbreviation); index is xb); another
    option is "option ... <unknown>" r(198), two different ones r(198)."""
    chosen = []
    for option in options:
        name = resolve_choice(option.name, names)
        if name is None or option.arg is not None:
            raise StataError(f"option {option.name}{'(' + option.arg + ')' if option.arg is not None else ''} "
                             f"{unknown}", 198)
        chosen.append("xb" if name == "index" else name)
    if len(set(chosen)) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} may not be combined", 198)
    return chosen


def _corrected_hat(session, e) -> np.ndarray:
    from mlmcli.postest.regression_diagnostics import weighted_leverage

    genwt = e.macros.get("genwt", "")
    if not genwt:
        raise StataError("command rreg must be run with option genwt() first", 198)
    if genwt not in session.data.varnames:
        raise StataError(f"variable {genwt} missing from dataset;\n    Command rreg must be run with "
                         "option genwt()", 198)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("e(sample) not found", 198)
    X = PredictionRows(session, e).fixed_design()
    w = session.data.numeric(genwt)
    known = ~np.isnan(w)
    scaled = w / w[known].mean() if known.any() else w
    return scaled * weighted_leverage(X, X[np.asarray(sample, bool)])
