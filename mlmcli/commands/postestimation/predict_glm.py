"""``predict`` after the single-level GLM commands (``logit`` ... ``oprobit``).

    predict [type] newvar [if] [in] [, pr xb stdp n ir outcome(outcome) nooffset]
    predict [type] {stub*|newvar1 ... newvarK} [if] [in] [, pr]      (ologit/oprobit: one per outcome)
    predict [type] newvar [if] [in], deviance                        (logit, logistic, probit)
    predict [type] newvar [if] [in], {number|residuals|rstandard|hat|dbeta|dx2|ddeviance}  (logit, logistic)
    predict [type] newvar [if] [in], pr(n) | pr(a,b)                 (poisson, nbreg)
    predict [type] {newvar|stub*|newvar1 newvar2} [if] [in], scores  (logit ... cloglog, poisson, nbreg)

Defaults as Stata's: ``pr`` after logit/probit/cloglog (``Pr(y)``) and ologit/oprobit
(with one new variable the first outcome, with K the K outcomes), ``n`` after
poisson/nbreg.  The numbers are the fit's (``mlmcli.glm.predictions``); ``deviance`` (logit_p,
probit_p) the deviance residuals by covariate pattern over e(sample) (``mlmcli.glm.covariate_patterns``;
fweights count in each pattern, other weights r(135)); logit/logistic's pattern statistics in
``predict_logit_patterns``, ``pr(n)``/``pr(a,b)`` in ``predict_count_probabilities``, ``scores`` in
``predict_glm_scores``.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.commands.postestimation.predict import one_new_name, one_new_variable, rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_logit_patterns import PATTERN_STATISTICS
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

# ``p`` abbreviates pr (logit_p's ``Pr``: Rabe-Hesketh & Skrondal's do-files type ``predict prob, p``)
_OPTS = [OptionSpec("pr", 1, takes_arg=True, arg_optional=True), OptionSpec("xb"), OptionSpec("stdp"),
         OptionSpec("n"), OptionSpec("ir"), OptionSpec("outcome", 7, takes_arg=True), OptionSpec("nooffset", 7),
         OptionSpec("scores", 2), OptionSpec("deviance", 2)]
# logit_p's own (DEviance DX2 DDeviance RStandard DBeta Hat Number Residuals): ``n`` is number there
_LOGIT_OPTS = [o for o in _OPTS if o.name not in ("n", "ir")] + [
    OptionSpec("dx2"), OptionSpec("ddeviance", 2), OptionSpec("rstandard", 2), OptionSpec("dbeta", 2),
    OptionSpec("hat", 1), OptionSpec("number", 1), OptionSpec("residuals", 1)]
_ORDER = ("pr", "xb", "stdp", "n", "ir", "scores", "deviance", "number", "residuals", "rstandard", "hat",
          "dbeta", "dx2", "ddeviance")
# the commands whose predict has ``deviance`` (logit_p, probit_p; not cloglog_p)
DEVIANCE_COMMANDS = ("logit", "logistic", "probit")
LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction", "n": "Predicted number of events",
          "ir": "Predicted incidence rate"}
ASSUMED = {"n": "(option n assumed; predicted number of events)"}


def expand_new_range(text: str) -> str:
    """``p1-p5`` in a new-variable list -> ``p1 p2 p3 p4 p5`` (same stub, ascending numbers)."""
    out = []
    for word in text.split():
        m = re.fullmatch(r"([^\W\d]\w*?)(\d+)-([^\W\d]\w*?)(\d+)", word)
        if m and m.group(1) == m.group(3) and int(m.group(2)) <= int(m.group(4)):
            out += [f"{m.group(1)}{i}" for i in range(int(m.group(2)), int(m.group(4)) + 1)]
        else:
            out.append(word)
    return " ".join(out)


def predict_glm(session, e, cmd) -> None:
    """Stata's logit_p ... oprobit_p (``e(predict)``; see the module docstring)."""
    fit = e.model
    rows = rows_selected(session, cmd)  # predict's if/in
    logit = e.cmd in ("logit", "logistic")
    opts = resolve_options(cmd.options, _LOGIT_OPTS if logit else _OPTS)
    stats = [s for s in _ORDER if s in opts]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    if "scores" in opts:
        from mlmcli.commands.postestimation.predict_glm_scores import predict_scores

        return predict_scores(session, e, cmd, opts, rows)
    if isinstance(opts.get("pr"), str):  # pr(n), pr(a,b): poisso_p's count probabilities
        if e.cmd not in ("poisson", "nbreg"):
            raise StataError("option pr() not allowed", 198)
        from mlmcli.commands.postestimation.predict_count_probabilities import predict_count_probability

        return predict_count_probability(session, e, cmd, opts["pr"], opts, rows)
    stat = stats[0] if stats else fit.default_statistic()
    if logit and stat in PATTERN_STATISTICS:
        from mlmcli.commands.postestimation.predict_logit_patterns import predict_pattern_statistic

        return predict_pattern_statistic(session, e, cmd, stat, opts, rows)
    if stat == "deviance":
        return _deviance(session, e, cmd, opts, rows)
    if stat not in fit.statistics():
        raise StataError(f"option {stat} not allowed", 198)
    ordinal = fit.spec.family == "ordinal"
    if "outcome" in opts and not (ordinal and stat == "pr"):
        raise StataError("option outcome() not allowed", 198)
    vtype, names, stub = parse_new_varlist(expand_new_range(cmd.args))
    nooffset = bool(opts.get("nooffset"))
    prows = PredictionRows(session, e)
    if ordinal and stat == "pr" and "outcome" not in opts and (stub is not None or len(names) > 1):
        K = len(fit.spec.categories)
        if stub is not None:
            names = [f"{stub}{k + 1}" for k in range(K)]
        if len(names) != K:
            few = len(names) < K
            raise StataError(f"{'too few' if few else 'too many'} variables specified", 102 if few else 103)
        for name in names:
            check_new_name(session.data, name)
        if not stats:
            session.print("(option pr assumed; predicted probabilities)")
        for k, name in enumerate(names):
            values = np.where(rows, fit.predict("pr", prows, outcome=k, nooffset=nooffset), np.nan)
            store_prediction(session, name, values, vtype, fit.outcome_label(k))
        return
    one_new_name(session, names, stub)
    outcome = fit.outcome_index(opts["outcome"]) if "outcome" in opts else (0 if ordinal else None)
    if stat == "pr":
        label = fit.outcome_label(outcome) if ordinal else f"Pr({fit.spec.depvar})"
    else:
        label = LABELS[stat]
    if not stats:
        session.print(ASSUMED.get(stat, f"(option pr assumed; {label})"))
    values = fit.predict(stat, prows, outcome=outcome, nooffset=nooffset)
    store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, label)


def _deviance(session, e, cmd, opts: dict, rows: np.ndarray) -> None:
    """``predict newvar, deviance`` after logit, logistic and probit (logit_p/probit_p): the
    deviance residual of each e(sample) row's covariate pattern, missing elsewhere."""
    from mlmcli.glm.covariate_patterns import pattern_deviance_residuals

    if e.cmd not in DEVIANCE_COMMANDS or "outcome" in opts:
        raise StataError("option deviance not allowed" if e.cmd not in DEVIANCE_COMMANDS
                         else "option outcome() not allowed", 198)
    wtype = e.macros.get("wtype", "")
    if wtype and wtype != "fweight":
        raise StataError(f"not possible with {wtype}s", 135)
    vtype, name = one_new_variable(session, cmd)
    prows = PredictionRows(session, e)
    sample = e.sample_mask(session.data)
    w = None
    if wtype:
        from mlmcli.commands.estimation.common import evaluate_weight

        w = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)
    p = e.model.predict("pr", prows, nooffset=bool(opts.get("nooffset")))
    from mlmcli.glm.pattern_statistics import covariate_variables

    # patterns of the variables (probit_p's unopvarlist), not of the indicator columns
    keys = np.column_stack([prows.variable(v) for v in covariate_variables(e.coefficients().names)]
                           or [np.zeros(prows.n)])
    values = pattern_deviance_residuals(keys, prows.depvar(), p, sample, w)
    label = "weighted deviance residual" if wtype else "deviance residual"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
