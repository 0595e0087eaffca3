"""``predict`` after ``mlogit`` (Stata's mlogit_p):

    predict [type] newvar [if] [in] [, pr outcome(outcome) xb stdp]
    predict [type] {stub*|newvar1 ... newvarK} [if] [in] [, pr]

``pr`` (the default): with one new variable the probability of ``outcome()`` (the first
outcome without it), with K new variables (or ``stub*``) one per outcome in outcome order;
``xb`` and ``stdp``: the linear prediction of the outcome's equation and its standard error
(0 for the base outcome).  ``outcome()`` takes ``#k`` (the k-th outcome), a value or a value
label / equation name.  The numbers are the fit's (``mlmcli.glm.multinomial``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.commands.postestimation.predict_glm import expand_new_range
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_OPTS = [OptionSpec("pr", 1), OptionSpec("xb"), OptionSpec("stdp"), OptionSpec("stddp"),
         OptionSpec("outcome", 7, takes_arg=True), OptionSpec("scores", 5)]
_ORDER = ("pr", "xb", "stdp", "stddp", "scores")


def outcome_index(fit, typed: str) -> int:
    """``#2`` (the second outcome), ``3`` (the outcome valued 3) or ``Prepaid`` (its equation
    name) -> 0-based index."""
    spec = fit.spec
    text = typed.strip()
    if text.startswith("#"):
        try:
            k = int(text[1:])
        except ValueError:
            k = 0
        if 1 <= k <= spec.K:
            return k - 1
        raise StataError(f"outcome({text}) not found", 303)
    try:
        value = float(text)
    except ValueError:
        if text in spec.eq_names:
            return spec.eq_names.index(text)
        raise StataError(f"outcome({text}) not found", 111) from None
    if value in spec.outcomes:
        return spec.outcomes.index(value)
    raise StataError(f"outcome({text}) not found", 111)


def _label(fit, stat: str, k: int) -> str:
    from mlmcli.glm.separation import stata_g

    value = stata_g(fit.spec.outcomes[k])
    if stat == "pr":
        return f"Pr({fit.spec.depvar}=={value})"
    return ("Linear prediction" if stat == "xb" else "S.E. of linear prediction") + f", {fit.spec.depvar}=={value}"


def predict_mlogit(session, e, cmd) -> None:
    fit = e.model
    rows = np.ones(session.data.nobs, bool)
    if cmd.if_exp or cmd.in_range:
        from mlmcli.sample import mark_sample
        rows = np.asarray(mark_sample(session, cmd, []), bool)
    opts = resolve_options(cmd.options, _OPTS)
    stats = [s for s in _ORDER if s in opts]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    if "scores" in opts or "stddp" in opts:
        raise StataError(f"option {stats[0]} not supported by mlmcli after mlogit", 198)
    stat = stats[0] if stats else "pr"
    vtype, names, stub = parse_new_varlist(expand_new_range(cmd.args))
    prows = PredictionRows(session, e)
    K = fit.spec.K
    if stat == "pr" and "outcome" not in opts and (stub is not None or len(names) > 1):
        if stub is not None:
            names = [f"{stub}{k + 1}" for k in range(K)]
        if len(names) != K:
            few = len(names) < K
            raise StataError(f"{'too few' if few else 'too many'} variables specified", 102 if few else 103)
        for name in names:
            check_new_name(session.data, name)
        if not stats:
            session.print("(option pr assumed; predicted probabilities)")
        X = prows.fixed_design()
        P = fit.probabilities_at(X)
        for k, name in enumerate(names):
            store_prediction(session, name, np.where(rows, P[:, k], np.nan), vtype, _label(fit, "pr", k))
        return
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    check_new_name(session.data, names[0])
    k = outcome_index(fit, opts["outcome"]) if "outcome" in opts else 0
    if not stats:
        session.print("(option pr assumed; predicted probability)")
    values = fit.predict(stat, prows, outcome=k)
    store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, _label(fit, stat, k))
