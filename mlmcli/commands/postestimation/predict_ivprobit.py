"""``predict`` after ``ivprobit`` (ivprobit_p, Stata 13):

    predict [type] newvar [if] [in] [, xb pr rules asif stdp]

``xb`` (the default, "(option xb assumed; fitted values)", label "Fitted values") the structural
index; ``pr``/``asif``/``rules`` Phi(x b) ("Probability of positive outcome": mlmcli drops no
perfect predictors, so e(rules) is empty and the three agree), refused after the two-step
estimator ("probabilities not available with two-step estimator"); ``stdp`` _pred_se's "S.E. of
the prediction".  ``scores`` is refused by name.

After ``ivtobit`` (ivtobit_p, Stata 13): ``xb`` (the default, the same note; "Linear prediction"),
``stdp``, ``stdf`` (ML: sqrt(stdp^2 + e(Sigma)[1,1]), "S.E. of the forecast"); pr(), e() and
ystar() are refused by name ("... not available with two-step estimator" after twostep).
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("xb"), OptionSpec("pr", 1), OptionSpec("rules", 4), OptionSpec("asif", 4), OptionSpec("stdp"),
         OptionSpec("scores", 2)]


_TOBIT_OPTS = [OptionSpec("xb"), OptionSpec("stdp"), OptionSpec("stdf"), OptionSpec("scores", 2),
               OptionSpec("pr", 1, takes_arg=True), OptionSpec("e", 1, takes_arg=True),
               OptionSpec("ystar", 2, takes_arg=True)]


def _predict_ivtobit(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _TOBIT_OPTS)
    twostep = e.macros.get("method") == "twostep"
    if opts.get("scores"):
        if twostep:
            raise StataError("option scores is not allowed with twostep results", 322)
        raise StataError("option scores not supported by mlmcli after ivtobit", 198)
    for name in ("pr", "e", "ystar"):
        if opts.get(name) is not None:
            if twostep:
                raise StataError(f"{name}() not available with two-step estimator", 198)
            raise StataError(f"option {name}() not supported by mlmcli after ivtobit", 198)
    chosen = [n for n in ("xb", "stdp", "stdf") if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "xb"
    if stat == "stdf" and twostep:
        raise StataError("option stdf not supported by mlmcli after the two-step estimator", 198)
    def forecast_se(model, data):
        se = model.index_se(data)
        return np.sqrt(se * se + e.matrices["Sigma"].values[0, 0])
    _store(session, e, cmd, not chosen, {"xb": ("Linear prediction", lambda m, d: m.index(d)),
                                         "stdp": ("S.E. of the prediction", lambda m, d: m.index_se(d)),
                                         "stdf": ("S.E. of the forecast", forecast_se)}[stat])


def _store(session, e, cmd, assumed: bool, label_and_values) -> None:
    """The note of the default statistic, then the new variable: ``label_and_values`` =
    (label, function of (model, data))."""
    if assumed:
        session.print("(option xb assumed; fitted values)")
    label, compute = label_and_values
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    store_prediction(session, name, np.where(rows, compute(e.model, session.data), np.nan), vtype, label)


def predict_ivprobit(session, e, cmd) -> None:
    if e.cmd == "ivtobit":
        return _predict_ivtobit(session, e, cmd)
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
    if stat in ("pr", "rules", "asif") and e.macros.get("method") == "twostep":
        raise StataError("probabilities not available with two-step estimator", 198)
    probability = ("Probability of positive outcome", lambda m, d: special.ndtr(m.index(d)))
    _store(session, e, cmd, not chosen, {"xb": ("Fitted values", lambda m, d: m.index(d)),
                                         "stdp": ("S.E. of the prediction", lambda m, d: m.index_se(d))}.get(
        stat, probability))
