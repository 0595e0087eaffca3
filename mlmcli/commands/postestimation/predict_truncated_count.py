"""``predict`` after ``tpoisson``, ``tnbreg``, ``ztp`` and ``ztnb`` (tpoisson_p, tnbreg_p, ztp_p, ztnb_p):

    predict [type] newvar [if] [in] [, n ir cm pr(n) pr(a,b) xb stdp nooffset]

With mu = exp(x b + offset) and the model's untruncated count distribution f (Poisson or NB2):
``n`` (the default, "(option n assumed; predicted number of events)") mu, "Predicted number of
events"; ``ir`` exp(x b), "Predicted incidence rate"; ``cm`` the conditional mean
E(y | y > t) = (mu - sum_{k<=t} k f(k)) / Pr(y > t) (tpoisson_p's mu Pr(y >= t)/Pr(y > t) for the
Poisson), "Conditional mean of n > ll(t)"; ``pr(n)``/``pr(a,b)`` the untruncated probabilities
(tpredict_p2); ``xb``, ``stdp``.  ``cpr()`` and ``scores`` are refused.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("n", 1), OptionSpec("ir", 2), OptionSpec("cm", 2), OptionSpec("pr", 1, takes_arg=True),
         OptionSpec("cpr", 2, takes_arg=True), OptionSpec("xb", 2), OptionSpec("stdp", 4),
         OptionSpec("nooffset", 5), OptionSpec("scores", 2)]


def _distribution(model):
    if not model.nb:
        return stats.poisson
    size = 1.0 / model.alpha
    return lambda mu: stats.nbinom(size, size / (size + mu))


def predict_truncated_count(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTS)
    for refused in ("scores", "cpr"):
        if refused in opts:
            raise StataError(f"option {refused} not supported by mlmcli after {e.cmd}", 198)
    chosen = [s for s in ("n", "ir", "cm", "xb", "stdp", "pr") if s in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    model, data = e.model, session.data
    rows = rows_selected(session, cmd)
    offset = not opts.get("nooffset")
    if chosen == ["pr"]:
        from mlmcli.commands.postestimation.predict_count_probabilities import predict_count_probability

        return predict_count_probability(session, e, cmd, str(opts["pr"]), opts, rows, eta=model.index(data, offset),
                                         distribution=_distribution(model))
    stat = chosen[0] if chosen else "n"
    vtype, name = one_new_variable(session, cmd)
    if stat == "n":
        if not chosen:
            session.print("(option n assumed; predicted number of events)")
        values, label = np.exp(model.index(data, offset)), "Predicted number of events"
    elif stat == "ir":
        values, label = np.exp(model.index(data, False)), "Predicted incidence rate"
    elif stat == "xb":
        values, label = model.index(data, offset), "Linear prediction"
    elif stat == "stdp":
        values, label = model.index_se(data), "S.E. of the prediction"
    else:
        mu = np.exp(model.index(data, offset))
        t = model.truncation_points(data)
        dist = _distribution(model)(np.where(np.isfinite(mu), mu, 1.0))
        top = int(np.nanmax(np.where(np.isfinite(t), t, 0))) if t.size else 0
        below = sum(k * np.where(t >= k, dist.pmf(k), 0.0) for k in range(1, top + 1))
        tt = np.where(np.isfinite(t), t, 0)
        values = np.where(np.isfinite(mu) & np.isfinite(t), (mu - below) / dist.sf(tt), np.nan)
        shown = model.point if isinstance(model.point, str) else f"{model.point:g}"
        label = f"Conditional mean of n > ll({shown})"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
