"""One stored model's share of ``suest``: the checks suest.ado makes of it, in its order, and
its b, model-based V and coefficient-level scores over the data in memory.

Checks (suest.ado 3.x's Estimate loop, Stata 13 wording -- plain text, no ``{bf:}``):
e(b)/e(V) present ("impossible to retrieve e(b) and e(V) in NAME" r(198)); NotSupported's list
(cox xtgee ivreg ivregress areg xtreg sem xtmixed mixed xtmepoisson mepoisson xtmelogit melogit
meglm gsem gmm ivpoisson reg3 sureg: "CMD is not supported by suest" r(322); mlm's me commands
answer as Stata 13's meglm does); e(sample) present ("estimation sample of the model saved
under NAME could not be restored" r(198)); e(clustvar) ("NAME was estimated with cluster(v)."
... r(322)); pweights r(322); a vce other than oim/ols ("NAME was estimated with a nonstandard
vce (robust)" r(322)); then the scores ("unable to generate scores for model NAME" r(322) where
Stata's predict has no ``score``).

Weights: fweights, aweights and iweights (every model the same, CheckWeight; their use in
``mlmcli.postest.suest.combine``).

Scores: glm (ml score: (y - mu) mu'/(phi V)), regress and anova (Fix_regress, ``mlmcli.postest.suest``), logit, logistic, probit, cloglog,
poisson, nbreg (predict_glm_scores), ologit, oprobit (predict_ordinal_scores) and mlogit
(1{y = outcome k} - p_k for every equation k, the base's included), tobit, cnreg and intreg
(predict's scores: xb's, then sigma's -- e(b)'s sigma:_cons -- or ln sigma's), streg (e(cmd2);
predict's scores, shared() frailty not implemented), clogit (its row
scores, summed over e(group) by the clustering suest.py adds); the coefficient-level score
of ``eq:x`` is the equation's score times x on the row (base and omitted columns: 0).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.results import ME_COMMANDS, QR_COMMANDS
from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
from mlmcli.postest.suest import ModelPart, regress_lnvar, regress_scores
from mlmcli.syntax.coefnames import parse_coef_name, split_eq

NOT_SUPPORTED = ("cox xtgee ivreg ivregress areg xtreg sem xtmixed mixed xtmepoisson mepoisson xtmelogit "
                 "melogit meglm gsem gmm ivpoisson reg3 sureg").split()
GLM_SCORES = ("logit", "logistic", "probit", "cloglog", "poisson", "nbreg")
CENSORED = ("tobit", "intreg", "cnreg")
SCORED = ("regress", "anova") + GLM_SCORES + ("ologit", "oprobit", "mlogit", "glm", "clogit", "streg") + CENSORED
# Stata's predict offers score after these, mlm's suest does not compute them yet
NOT_YET = ("stcrreg", "gnbreg", "mprobit",
           "heckman", "biprobit", "truncreg", "zip", "zinb", "hetprob", "scobit")


def model_part(session, name: str, e, several: bool, regressml: bool) -> tuple[ModelPart, list[str], str]:
    """(the model's part with renamed columns, its own equation names, its weight type)."""
    from mlmcli.postest.suest import renamed_columns

    b, V = e.matrices.get("b"), e.matrices.get("V")
    if b is None or V is None:
        raise StataError(f"impossible to retrieve e(b) and e(V) in {name}", 198)
    cmd = e.macros.get("cmd") or e.cmd
    _not_supported(e, cmd)
    if e.macros.get("cmd2") == "streg":  # e(cmd) is the distribution (weibull, lognormal ...)
        cmd = "streg"
    sample = sample_in_current_order(session, e)
    if sample is None or not np.any(sample):
        raise StataError(f"estimation sample of the model saved under {name} could not be restored", 198)
    clustvar = e.macros.get("clustvar", "")
    if clustvar:
        raise StataError(f"{name} was estimated with cluster({clustvar}). \nre-estimate without the cluster() "
                         "option, and \nspecify the cluster() option with suest.", 322)
    wtype = e.macros.get("wtype", "")
    if wtype == "pweight":
        raise StataError(f"model {name} was estimated with pweights, you should re-estimate using iweights", 322)
    vce, vcetype = e.macros.get("vce", ""), e.macros.get("vcetype", "")
    if vce not in ("", "oim", "ols", "standard") or vcetype not in ("", "OIM"):
        raise StataError(f"{name} was estimated with a nonstandard vce ({vce or vcetype})", 322)
    if cmd not in SCORED:
        cmd2 = e.macros.get("cmd2", "")
        if cmd in NOT_YET or cmd2 in NOT_YET:  # streg's e(cmd) is its distribution, e(cmd2) streg
            raise StataError(f"suest after {cmd2 if cmd2 in NOT_YET else cmd} is not implemented in mlmcli", 199)
        raise StataError(f"unable to generate scores for model {name}\nsuest requires that predict allow the "
                         "score option", 322)
    colnames = tuple(b.colnames)
    bv = np.asarray(b.values, float).ravel()
    Vv = np.asarray(V.values, float)
    prows = PredictionRows(session, e)
    if cmd in ("regress", "anova"):  # Fix_regress serves both
        if e.macros.get("model") == "iv":
            raise StataError("regression models with instruments are not supported by suest", 322)
        rmse, n = float(e.scalars["rmse"]), float(e.scalars["N"])
        var = rmse * rmse
        if regressml:  # suest's regressml: the ML variance rss/N
            var = float(e.scalars["rss"]) / n
            Vv = Vv * var / (rmse * rmse)
        colnames, bv, Vv = regress_lnvar(colnames, bv, Vv, np.sqrt(var), n)
        eq_scores = list(regress_scores(e.model.predict("residuals", prows), np.sqrt(var)))
    elif cmd in GLM_SCORES:
        from mlmcli.commands.postestimation.predict_glm_scores import equation_scores

        if cmd == "nbreg" and e.model.spec.dispersion != "mean":
            raise StataError("suest after nbreg, dispersion(constant) is not implemented in mlmcli", 199)
        eq_scores = equation_scores(e, prows)
    elif cmd in ("ologit", "oprobit"):
        eq_scores = _ordinal_scores(e, prows, sample)
    elif cmd == "glm":
        eq_scores = _glm_scores(session, e, prows)
    elif cmd in CENSORED:  # tobit_p's GenTobitScores / intreg's ml score: xb's, then sigma's or ln sigma's
        from mlmcli.commands.postestimation.predict_censored_scores import censored_equation_scores

        eq_scores = list(censored_equation_scores(session, e)[0])
    elif cmd == "streg":  # predict's scores (ml's, by differences of each record's log likelihood)
        from mlmcli.commands.postestimation.predict_streg_scores import streg_equation_scores

        frailty = e.model.fit_info.get("frailty") if e.model.frailty else None
        if frailty and frailty["shared"]:  # a group's likelihood: records are not independent
            raise StataError("suest after streg with shared() frailty is not implemented in mlmcli", 199)
        eq_scores = streg_equation_scores(session, e)[0]
    elif cmd == "clogit":  # Fix_clogit: the row scores; suest clusters on e(group) (see suest.py)
        from mlmcli.commands.postestimation.predict_clogit import clogit_row_scores

        eq_scores = [clogit_row_scores(session, e, sample)]
    else:
        eq_scores = _mlogit_scores(e, prows)
    renamed, own = renamed_columns(name, colnames, several)
    eqs = [split_eq(c)[0] or "_" for c in colnames]
    order = list(dict.fromkeys(eqs))
    if len(order) != len(eq_scores):
        raise StataError(f"number of score variables does not match number of equations in model {name}", 198)
    for s in eq_scores:
        if np.any(~np.isfinite(np.asarray(s, float)[sample])):
            plural = len(eq_scores) > 1
            raise StataError(f"score variable{'s' if plural else ''} for model {name} contain"
                             f"{'' if plural else 's'} missing values", 322)
    X = _score_columns(session, name, e, colnames)
    U = np.column_stack([np.asarray(eq_scores[order.index(eq)], float) for eq in eqs]) * X
    U = np.where(sample[:, None], U, 0.0)
    return ModelPart(renamed, bv, Vv, U, np.asarray(sample, bool)), own, wtype


def weight_values(session, e) -> np.ndarray:
    """The model's weight expression (e(wexp), ``= w``) on every row, as CheckWeight makes it."""
    from mlmcli.expr import evaluate

    w = evaluate(session, e.macros.get("wexp", "").lstrip().lstrip("=").strip())
    return np.asarray(w, float)


def _not_supported(e, cmd: str) -> None:
    """NotSupported: e(cmd) and e(cmd2) against suest's list (mlm's me* fits are Stata 13's meglm)."""
    if cmd in ME_COMMANDS:  # Stata 13's e(cmd) meglm (e(cmd2) melogit ...) comes first in the list
        raise StataError("meglm is not supported by suest", 322)
    for word in (cmd, e.macros.get("cmd2", "")):
        if word in NOT_SUPPORTED:
            raise StataError(f"{word} is not supported by suest", 322)
    if cmd in QR_COMMANDS and cmd.startswith("xtme"):
        raise StataError(f"{cmd} is not supported by suest", 322)


def _ordinal_scores(e, prows, sample) -> list[np.ndarray]:
    """ologit_p's scores on e(sample): x*b's (when the model has covariates) and each cutpoint's."""
    from mlmcli.commands.postestimation.predict_ordinal_scores import ordinal_scores

    fit = e.model
    y = prows.depvar()
    doit = sample & ~np.isnan(y)
    cat = np.zeros(len(y))
    cat[doit] = np.searchsorted(np.unique(y[doit]), y[doit]) + 1
    return ordinal_scores(fit.spec.link, fit.predict("xb", prows), np.asarray(fit.anc, float), cat,
                          fit.model.p > 0)


def _glm_scores(session, e, prows) -> list[np.ndarray]:
    """ml score after glm (glim_lf): (y - mu) mu' / (phi V(mu)), phi e(phi) for the continuous
    families (1 for the discrete), so that D = e(V) = phi (-H)^-1 and the scores make glm's own
    sandwich; scale() and vfactor() fits are not implemented."""
    from mlmcli.commands.postestimation.predict_glim import glim_inputs

    fit = e.model
    if fit.scale is not None or fit.vfactor != 1:
        raise StataError("suest after glm with scale() or vfactor() is not implemented in mlmcli", 199)
    X, offset, m, y = glim_inputs(session, e, prows)
    phi = 1.0 if fit.family.discrete else float(fit.phi)
    return [fit.predict("score", X, offset, y, m) / phi]


def _mlogit_scores(e, prows) -> list[np.ndarray]:
    """d lnL / d xb_k = 1{y = outcome k} - p_k, one per equation of e(b) (the base's too)."""
    fit = e.model
    P = fit.probabilities_at(prows.fixed_design())
    y = prows.depvar()
    return [np.where(np.isnan(y), np.nan, (y == v).astype(float)) - P[:, k]
            for k, v in enumerate(fit.spec.outcomes)]


def _score_columns(session, name: str, e, colnames) -> np.ndarray:
    """x of every column on every row: the fit's own design column where it has one of that
    name (time-series operators and all), else 1 for ``_cons`` and the product of the name's
    parts (``2.f`` an indicator, ``c.x`` the value); 0 for base and omitted columns."""
    from mlmcli.estimation.rows import fixed_design_all_rows

    data = session.data
    n = data.nobs
    known = {}
    if e.design is not None:
        X = fixed_design_all_rows(session, e)
        known = {nm: X[:, j] for j, nm in enumerate(e.design.column_names)}
    cols = []
    for full in colnames:
        coef = parse_coef_name(full)
        col = np.ones(n)
        if coef.is_base_or_omitted:
            cols.append(np.zeros(n))
            continue
        if split_eq(full)[1] in known:
            cols.append(np.asarray(known[split_eq(full)[1]], float))
            continue
        for part in coef.parts:
            if "." in part.var or (part.op and part.level is None and part.op.strip("co")):
                # a time-series operator (L.x, 1L.f) the fit's design does not hold
                raise StataError(f"suest: the columns of {name} with time-series operators are not rebuilt by "
                                 "mlmcli here", 199)
            if part.var == "_cons" and not part.op:
                continue
            try:
                x = data.numeric(part.var)
            except (StataError, KeyError, ValueError):
                raise StataError(f"unable to generate scores for model {name}\nsuest requires that predict "
                                 "allow the score option", 322) from None
            level = part.level
            col = col * (x if level is None else np.where(np.isnan(x), np.nan, (x == float(level)).astype(float)))
        cols.append(col)
    return np.column_stack(cols)
