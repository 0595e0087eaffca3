"""``predict`` after ``fracreg`` (fracreg_p), ``hetprob`` (hetpr_p) and ``betareg`` (betareg_p):

    predict [type] newvar [if] [in] [, cm xb stdp sigma scores nooffset]      (fracreg)
    predict [type] newvar [if] [in] [, pr sigma xb stdp nooffset]             (hetprob)

``cm`` (the default, "(option cm assumed)") G(x b / exp(z g)), "Conditional mean of depvar";
``xb`` "Linear prediction"; ``stdp`` "S.E. of the prediction"; ``sigma`` exp(z g) "Sigma" (after
het() only: fracreg_p's "option sigma invalid" r(198)); ``scores`` the equation-level score of the
mean equation, "equation-level score from fractional probit|logit" (after het() mlm refuses it).
After hetprob ``pr`` is the default ("(option pr assumed; Pr(depvar))"), Phi(x b / exp(z g)),
"Pr(depvar)"; its scores are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("cm", "xb", "stdp", "sigma", "scores")
_OPTS = [OptionSpec("cm", 2), OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("sigma", 1),
         OptionSpec("scores", 2), OptionSpec("nooffset", 5), OptionSpec("index", 5)]


def design_and_index(session, e, offset: bool = True):
    """(X, x b) on every row: the first equation's design, its index with the offset (unless
    ``offset`` is False: nooffset)."""
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.postest.linear_prediction import linear_prediction

    model = e.model
    X = PredictionRows(session, e).fixed_design()
    xb = linear_prediction(X, model.b)
    if offset and getattr(model, "offset_var", None):
        xb = xb + session.data.numeric(model.offset_var)
    return X, xb


def predict_hetprob(session, e, cmd) -> None:
    predict_fractional(session, e, cmd, hetprob=True)


def predict_fractional(session, e, cmd, *, hetprob: bool = False) -> None:
    from mlmcli.glm.fractional_response import link_derivatives
    from mlmcli.postest.linear_prediction import prediction_se

    opts = resolve_options(cmd.options, _OPTS + ([OptionSpec("pr", 1)] if hetprob else []))
    if opts.pop("index", None):
        opts["xb"] = True
    if hetprob and ("cm" in opts or "scores" in opts):
        raise StataError(f"option {'cm' if 'cm' in opts else 'scores'} not allowed" if "cm" in opts else
                         "option scores not supported by mlmcli after hetprob", 198)
    if opts.pop("pr", None):
        opts["cm"] = True
    chosen = [s for s in _STATS if s in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "cm"
    model, data = e.model, session.data
    if stat == "sigma" and model.het is None:
        raise StataError("option sigma invalid\n    Option sigma may only be specified when option het() is "
                         "specified with fracreg.", 198)
    if stat == "scores" and model.het is not None:
        raise StataError("option scores not supported by mlmcli after fracreg with het()", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    offset = not opts.get("nooffset")
    X, xb = design_and_index(session, e, offset)
    depvar = e.macros["depvar"]
    if stat == "cm":
        if not chosen:
            session.print(f"(option pr assumed; Pr({depvar}))" if hetprob else "(option cm assumed)")
        values = model.conditional_mean(xb, model.sigma_at(data, offset))
        label = f"Pr({depvar})" if hetprob else f"Conditional mean of {depvar}"
    elif stat == "xb":
        values, label = xb, "Linear prediction"
    elif stat == "stdp":
        values, label = prediction_se(X, model.V), "S.E. of the prediction"
    elif stat == "sigma":
        values, label = model.sigma_at(data, offset), "Sigma"
    else:
        y = data.numeric(e.macros["depvar"])
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            values = link_derivatives(model.link, y, xb)[1]
        label = f"equation-level score from fractional {model.link}"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


_BETA = [OptionSpec("cmean", 2), OptionSpec("cvariance", 4), OptionSpec("xb", 2), OptionSpec("xbscale", 5),
         OptionSpec("stdp", 4), OptionSpec("scores", 2)]


def predict_betareg(session, e, cmd) -> None:
    """betareg_p: cmean (default, "(option cmean assumed)"), cvariance mu(1-mu)/(1+phi), xb, xbscale,
    stdp, scores (stub* or two names: the equation-level scores of the two equations)."""
    from mlmcli.glm.beta_regression import mean, precision
    from mlmcli.postest.linear_prediction import prediction_se

    opts = resolve_options(cmd.options, _BETA)
    chosen = [o.name for o in _BETA if o.name in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 498)
    stat = chosen[0] if chosen else "cmean"
    model, data, depvar = e.model, session.data, e.macros["depvar"]
    rows = rows_selected(session, cmd)
    X, xb = design_and_index(session, e)
    if stat == "scores":
        return _beta_scores(session, e, cmd, xb, rows)
    vtype, name = one_new_variable(session, cmd)
    if not chosen:
        session.print("(option cmean assumed)")
    if stat == "cmean":
        values, label = mean(model.link, xb)[0], f"Conditional mean of {depvar}"
    elif stat == "cvariance":
        mu = mean(model.link, xb)[0]
        values, label = mu * (1 - mu) / (1 + precision(model.slink, model.scale_index(data))[0]), \
            f"Conditional variance of {depvar}"
    elif stat == "xb":
        values, label = xb, f"Linear prediction in {depvar} equation"
    elif stat == "xbscale":
        values, label = model.scale_index(data), "Linear prediction in scale equation"
    else:
        values, label = prediction_se(X, model.V), "S.E. of the linear prediction"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _beta_scores(session, e, cmd, xb, rows) -> None:
    from mlmcli.glm.beta_regression import BetaData, BetaLikelihood
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}1", f"{stub}2"]
    if len(names) not in (1, 2):
        raise StataError("too many variables specified", 103)
    for name in names:
        check_new_name(session.data, name)
    model, data = e.model, session.data
    y = data.numeric(e.macros["depvar"])
    zeta = model.scale_index(data)
    ok = np.isfinite(xb) & np.isfinite(zeta) & (y > 0) & (y < 1)
    n = int(ok.sum())
    # the indexes as one-column designs with coefficient 1
    like = BetaLikelihood(BetaData(y[ok], xb[ok][:, None], zeta[ok][:, None], np.ones(n)), model.link, model.slink)
    s = np.column_stack(like.equation_scores(np.array([1.0, 1.0])))
    for j, (name, eq) in enumerate(zip(names, (e.macros["depvar"], "scale"))):
        values = np.full(data.nobs, np.nan)
        values[ok] = s[:, j]
        store_prediction(session, name, np.where(rows, values, np.nan), vtype,
                         f"equation-level for [{eq}] score from betareg")


def predict_grouped(session, e, cmd) -> None:
    """glogit_p, gprobi_p (blogit, bprobit, glogit, gprobit): n (default, "(option n assumed;
    E(cases))") pop G(x b), "E(cases)"; pr G(x b), "Pr(outcome)"; xb; stdp.  The regression
    statistics glogit_p lists (cooksd, hat, residuals ...) are its r(198)."""
    from mlmcli.glm.fractional_response import mean_function
    from mlmcli.postest.linear_prediction import prediction_se

    names = (("n", 1), ("pr", 1), ("xb", 2), ("stdp", 4))
    others = ("cooksd", "hat", "residuals", "rstandard", "rstudent", "stdf", "stdr")
    opts = resolve_options(cmd.options, [OptionSpec(n, k) for n, k in names]
                           + [OptionSpec(o, 1) for o in others] + [OptionSpec("nooffset", 5)])
    if any(o in opts for o in others):
        raise StataError("invalid syntax", 198)
    chosen = [n for n, _ in names if n in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "n"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    X, xb = design_and_index(session, e, not opts.get("nooffset"))
    if stat == "n":
        if not chosen:
            session.print("(option n assumed; E(cases))")
        values, label = mean_function(model.link, xb) * data.numeric(model.pop), "E(cases)"
    elif stat == "pr":
        values, label = mean_function(model.link, xb), "Pr(outcome)"
    elif stat == "xb":
        values, label = xb, "Linear prediction"
    else:
        values, label = prediction_se(X, model.V), "S.E. of the prediction"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def predict_scobit(session, e, cmd) -> None:
    """scob_p: pr (default, "(option pr assumed; Pr(depvar))") 1 - (1 + exp(x b))^(-alpha), xb, stdp;
    scores are refused."""
    from mlmcli.glm.skewed_logit import probability
    from mlmcli.postest.linear_prediction import prediction_se

    opts = resolve_options(cmd.options, [OptionSpec("pr", 1), OptionSpec("xb", 2), OptionSpec("stdp", 4),
                                         OptionSpec("index", 5), OptionSpec("nooffset", 5), OptionSpec("scores", 2)])
    if "scores" in opts:
        raise StataError("option scores not supported by mlmcli after scobit", 198)
    if opts.pop("index", None):
        opts["xb"] = True
    chosen = [s for s in ("pr", "xb", "stdp") if s in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "pr"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data, depvar = e.model, session.data, e.macros["depvar"]
    X, xb = design_and_index(session, e, not opts.get("nooffset"))
    if stat == "pr":
        if not chosen:
            session.print(f"(option pr assumed; Pr({depvar}))")
        values, label = probability(xb, model.lnalpha), f"Pr({depvar})"
    elif stat == "xb":
        values, label = xb, "Linear prediction"
    else:
        values, label = prediction_se(X, model.V), "S.E. of the prediction"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
