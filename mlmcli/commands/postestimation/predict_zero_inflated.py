"""``predict`` after ``zip`` and ``zinb`` (zip_p):

    predict [type] newvar [if] [in] [, n ir pr pr(n) pr(a,b) xb stdp equation(#1|#2|name) nooffset]

With mu = exp(x b + offset1) (``nooffset``: without the offset) and p the inflation probability
(logit or probit of z g + offset2): ``n`` (the default, "(option n assumed; predicted number of
events)") mu (1 - p), "Predicted number of events"; ``ir`` exp(x b) (1 - p), "Predicted incidence
rate"; ``pr`` p, "Pr(depvar=0)"; ``pr(n)``/``pr(a,b)`` the zero-inflated count probabilities
(tpredict_p2: ``predict_count_probabilities``); ``xb``/``stdp`` the linear prediction of the
equation() asked (the count equation by default) and its standard error.  ``scores`` is refused.
Values on the if/in rows, in and out of sample.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("n", 1), OptionSpec("ir", 2), OptionSpec("pr", 1, takes_arg=True, arg_optional=True),
         OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("equation", 2, takes_arg=True),
         OptionSpec("nooffset", 5), OptionSpec("scores", 2)]
_STATS = ("n", "ir", "pr", "xb", "stdp")


def _equation(e, text) -> int:
    if text is None:
        return 1
    t = str(text).strip()
    if t in ("#1", e.macros["depvar"]):
        return 1
    if t in ("#2", "inflate"):
        return 2
    if t in ("#3", "lnalpha") and e.cmd == "zinb":
        raise StataError("equation lnalpha has no linear prediction in mlmcli's zip_p", 198)
    raise StataError(f"equation {t} not found", 303)


def predict_zero_inflated(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTS)
    if "scores" in opts:
        raise StataError("option scores not supported by mlmcli after " + e.cmd, 198)
    chosen = [s for s in _STATS if s in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    model, data = e.model, session.data
    rows = rows_selected(session, cmd)
    nooffset = bool(opts.get("nooffset"))
    stat = chosen[0] if chosen else "n"
    if stat not in ("xb", "stdp") and opts.get("equation") is not None:
        raise StataError("option equation() not allowed", 198)
    if stat == "pr" and isinstance(opts.get("pr"), str):
        from mlmcli.commands.postestimation.predict_count_probabilities import predict_count_probability

        p = model.inflation_probability(model.index(data, 2))
        if model.nb:
            size = 1.0 / model.alpha
            dist = lambda mu: stats.nbinom(size, size / (size + mu))  # noqa: E731
        else:
            dist = stats.poisson
        return predict_count_probability(session, e, cmd, opts["pr"], opts, rows, eta=model.index(data, 1, not nooffset),
                                         distribution=dist, inflation=p)
    vtype, name = one_new_variable(session, cmd)
    if stat == "xb":
        values, label = model.index(data, _equation(e, opts.get("equation")), not nooffset), "Linear prediction"
    elif stat == "stdp":
        values, label = model.index_se(data, _equation(e, opts.get("equation"))), "S.E. of the prediction"
    else:
        p = model.inflation_probability(model.index(data, 2))
        if stat == "pr":
            values, label = p, f"Pr({e.macros['depvar']}=0)"
        elif stat == "ir":
            values, label = np.exp(model.index(data, 1, False)) * (1 - p), "Predicted incidence rate"
        else:
            if not chosen:
                session.print("(option n assumed; predicted number of events)")
            values, label = np.exp(model.index(data, 1, not nooffset)) * (1 - p), "Predicted number of events"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
