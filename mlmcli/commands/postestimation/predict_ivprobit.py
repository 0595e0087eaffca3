"""``predict`` after ``ivprobit`` (ivprobit_p, Stata 13):

    predict [type] newvar [if] [in] [, xb pr rules asif stdp]

``xb`` (the default, "(option xb assumed; fitted values)", label "Fitted values") the structural
index; ``pr``/``asif``/``rules`` Phi(x b) ("Probability of positive outcome": mlmcli drops no
perfect predictors, so e(rules) is empty and the three agree), refused after the two-step
estimator ("probabilities not available with two-step estimator"); ``stdp`` _pred_se's "S.E. of
the prediction".  ``scores`` is refused by name.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("xb"), OptionSpec("pr", 1), OptionSpec("rules", 4), OptionSpec("asif", 4), OptionSpec("stdp"),
         OptionSpec("scores", 2)]


def predict_ivprobit(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTS)
    if opts.get("scores"):
        if e.macros.get("method") == "twostep":
            raise StataError("option scores is not allowed with twostep results", 322)
        raise StataError("option scores not supported by mlmcli after ivprobit", 198)
    probs = [n for n in ("pr", "rules", "asif") if opts.get(n)]
    if len(probs) > 1:
        raise StataError("only one of pr, rules, or asif may be specified", 198)
    chosen = [n for n in ("xb", "pr", "rules", "asif", "stdp") if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "xb"
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    if stat in ("pr", "rules", "asif") and e.macros.get("method") == "twostep":
        raise StataError("probabilities not available with two-step estimator", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    if stat == "xb":
        values, label = model.index(data), "Fitted values"
    elif stat == "stdp":
        values, label = model.index_se(data), "S.E. of the prediction"
    else:
        values, label = special.ndtr(model.index(data)), "Probability of positive outcome"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
