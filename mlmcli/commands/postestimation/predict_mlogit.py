"""``predict`` after ``mlogit`` (Stata 13's mlogit_p, version 11.0.0):

    predict [type] newvar [if] [in] [, pr outcome(outcome) xb stdp]
    predict [type] {stub*|newvar1 ... newvarK} [if] [in] [, pr]

``pr`` (the default; "(option pr assumed; predicted probability)" with outcome(),
"... probabilities" without): with one new variable the probability of ``outcome()`` (the
first outcome without it), with K new variables (or ``stub*``) one per outcome in outcome
order; ``xb`` and ``stdp``: the linear prediction of the outcome's equation and its standard
error (0 for the base outcome).  ``outcome()`` (or ``equation()``) takes ``#k`` (the k-th
outcome), a value or an equation name.  Labels name the outcome by its equation name:
``Pr(insure==Prepaid)``, ``Linear prediction, insure==Prepaid``.  The numbers are the fit's
(``mlmcli.glm.multinomial``).

``pr d1(outcome) [d2(outcome)]`` (Stata 15's mlogit_p 11.1.4; Stata 13's has neither): the
derivative of the probability of ``outcome()`` (#1 without it) in the index of the d1() outcome,
and with d2() the second derivative, labelled ``d Pr(y==a) / d xb(b)``; a derivative in the base
outcome's index is 0.  Refusals as mlogit_p's: d1() with xb/stdp, d2() without d1(), d1() with
several new variables ("option d1() requires option outcome()").
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_glm import expand_new_range
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.glm.multinomial import probability_derivatives
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_OPTS = [OptionSpec("pr", 1), OptionSpec("xb"), OptionSpec("index", 1), OptionSpec("stdp"), OptionSpec("stddp"),
         OptionSpec("outcome", 1, takes_arg=True), OptionSpec("equation", 1, takes_arg=True),
         OptionSpec("scores", 2), OptionSpec("d1", 2, takes_arg=True), OptionSpec("d2", 2, takes_arg=True)]
_ORDER = ("pr", "xb", "index", "stdp", "stddp", "scores")


def outcome_index(fit, typed: str) -> int:
    """mlogit_p's Eq: ``#2`` (the second outcome), ``3`` (the outcome valued 3) or ``Prepaid``
    (an equation name) -> 0-based index; "outcome ... not found" r(303)."""
    spec = fit.spec
    text = typed.strip()
    if text.startswith("#"):
        try:
            k = int(text[1:])
        except ValueError:
            k = 0
        if 1 <= k <= spec.K:
            return k - 1
        raise StataError(f"equation {text} not found", 303)
    try:
        value = float(text)
    except ValueError:
        if text in spec.eq_names:
            return spec.eq_names.index(text)
    else:
        for k, v in enumerate(spec.outcomes):
            if abs(v - value) <= 1e-7 * max(abs(v), abs(value), 1.0):  # reldif < 1e-7
                return k
    raise StataError(f"outcome {text} not found", 303)


def _label(fit, stat: str, k: int) -> str:
    name = fit.spec.eq_names[k]
    if stat == "pr":
        return f"Pr({fit.spec.depvar}=={name})"
    return ("Linear prediction" if stat == "xb" else "S.E. of linear prediction") + f", {fit.spec.depvar}=={name}"


def _one_variable(option: str, n: int) -> None:
    if n != 1:
        raise StataError(f"option {option} requires that you specify 1 new variable", 102 if n == 0 else 103)


def predict_mlogit(session, e, cmd) -> None:
    fit = e.model
    K = fit.spec.K
    rows = rows_selected(session, cmd)
    opts = resolve_options(cmd.options, _OPTS)
    stats = [s for s in _ORDER if s in opts]
    if len(stats) > 1:
        raise StataError(f"only one of {' or '.join(stats)} is allowed", 198)
    if "outcome" in opts and "equation" in opts:
        raise StataError("only one of equation() or outcome() is allowed", 198)
    typed_outcome = opts.get("outcome", opts.get("equation"))
    stat = {"index": "xb"}.get(stats[0], stats[0]) if stats else "pr"
    check_derivative_options(opts.get("d1"), opts.get("d2"), stats[0] if stats else None)
    if stat in ("stddp", "scores"):
        raise StataError(f"option {stats[0]} not supported by mlmcli after mlogit", 198)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    vtype, names, stub = parse_new_varlist(expand_new_range(cmd.args))
    if stub is not None:
        names = [f"{stub}{k + 1}" for k in range(K)]
    if not stats:
        session.print("(option pr assumed; predicted probabilit" + ("y)" if typed_outcome is not None else "ies)"))
    if len(names) > 1:
        if typed_outcome is not None:
            _one_variable("pr with outcome()" if stat == "pr" else stat, len(names))
        if len(names) != K:
            few = len(names) < K
            raise StataError(f"{'too few' if few else 'too many'} variables specified\n{fit.spec.depvar} has {K} "
                             f"outcomes and so you must specify {K} new variables, or you can use the outcome() "
                             "option and specify variables one at a time", 102 if few else 103)
        if stat != "pr":
            raise StataError(f"option {stat} requires that you specify 1 new variable", 103)
        for d in ("d1", "d2"):
            if opts.get(d) is not None:
                raise StataError(f"option {d}() requires option outcome()", 198)
        for name in names:
            check_new_name(session.data, name)
        P = fit.probabilities_at(PredictionRows(session, e).fixed_design())
        P = np.where(rows[:, None], P, np.nan)
        for k, name in enumerate(names):
            store_prediction(session, name, P[:, k], vtype, _label(fit, "pr", k), report_missing=False)
        missing = [int(np.isnan(P[:, k]).sum()) for k in range(K)]
        _say_missing(session, missing, names)
        return
    check_new_name(session.data, names[0])
    k = outcome_index(fit, typed_outcome) if typed_outcome is not None else 0
    if opts.get("d1") is not None:
        j, l = derivative_outcomes(fit, opts["d1"], opts.get("d2"))
        P = fit.probabilities_at(PredictionRows(session, e).fixed_design())
        values = probability_derivatives(P, fit.spec.base, j, l)[:, k]
        store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, derivative_label(fit, k, j, l))
        return
    values = fit.predict(stat, PredictionRows(session, e), outcome=k)
    store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, _label(fit, stat, k))


def check_derivative_options(d1, d2, stat: str | None) -> None:
    """mlogit_p's ParseOptions: d1() and d2() go with pr only; d2() needs d1()."""
    if d1 is not None and stat not in (None, "pr"):
        raise StataError(f"option d1() not allowed with option {stat}", 198)
    if d2 is not None:
        if d1 is None:
            raise StataError("option d2() requires option d1()", 198)
        if stat not in (None, "pr"):
            raise StataError(f"option d2() not allowed with option {stat}", 198)


def derivative_outcomes(fit, d1: str, d2: str | None) -> tuple[int, int | None]:
    """The 0-based outcomes of d1() and d2() (mlogit_p's Eq: #k, a value or a name)."""
    return outcome_index(fit, str(d1)), None if d2 is None else outcome_index(fit, str(d2))


def derivative_label(fit, k: int, j: int, l: int | None) -> str:
    names, y = fit.spec.eq_names, fit.spec.depvar
    if l is None:
        return f"d Pr({y}=={names[k]}) / d xb({names[j]})"
    return f"d2 Pr({y}=={names[k]}) / d xb({names[j]}) d xb({names[l]})"


def _say_missing(session, missing: list[int], names: list[str]) -> None:
    """mlogit_p's ChkMiss: one note when every variable has as many missing values, else one
    per variable (``p1: 3 missing values generated``)."""
    def say(n: int, prefix: str = "") -> None:
        if n:
            session.print(f"({prefix}{n} missing value{'s' if n != 1 else ''} generated)")
    if len(set(missing)) == 1:
        say(missing[0])
        return
    for n, name in zip(missing, names):
        say(n, f"{name}: ")
