"""``svy: tobit`` and ``svy: intreg``: the commands' own preparation (censored.prepare: bounds,
ll()/ul(), offset()) with the svyset pweight on the subpopulation's rows, the censored-normal
ML fit, and its linearized scores (survey/censored.py) or a refit per replicate.  The table:
the coefficients, then tobit's /sigma (sigma with the delta-method SE, symmetric interval, as
tobit shows it) or intreg's /lnsigma and sigma = exp(lnsigma); e(b) as the commands post it
(model:..., sigma:_cons or lnsigma:_cons).  het() and the commands' vce() are refused; the
"Obs. summary" footer of tobit is not shown (decided without a published svy: tobit log)."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError

TITLES = {"tobit": "Survey: Tobit regression", "intreg": "Survey: Interval regression"}


def censored_fit(session, weighted, name: str):
    """(fit, labels, b, scores, rows, notes, extra) as survey_models' fits return them."""
    from mlmcli.censored_normal import fit_censored_normal
    from mlmcli.commands.estimation.censored import prepare
    from mlmcli.survey.censored import censored_influence, centring_shift

    prep, opts = prepare(session, weighted, name)
    if prep.het is not None:
        raise StataError(f"svy: {name} option het() is not supported by mlmcli", 198)
    labels = [lab for lab in prep.design.labels if not (lab.base or lab.omitted)]
    constant = next((j for j, lab in enumerate(labels) if lab.name == "_cons"), None)

    def fit_with(data):
        return fit_censored_normal(data, constant_index=constant, fit_constant_only=False)

    fit = fit_with(prep.data)
    b = np.concatenate([fit.b, [fit.lnsigma]])
    shift = centring_shift(prep.data, constant is not None)
    if fit.fitted is None:
        scores = censored_influence(prep.data, fit.full.x, shift)
    else:  # fitted on shifted columns: each row's influence there, T IF' (in the user's units -H is
        # singular to rounding)
        rescaling, olsen = fit.fitted[0], fit.fitted[3]
        fitted_data = dataclasses.replace(prep.data, X=rescaling.apply(prep.data.X))
        scores = censored_influence(fitted_data, olsen, shift) @ rescaling.parameter_map(1).T
    rows = np.flatnonzero(prep.sample)

    def estimate(wd):  # a replicate's refit
        refit = fit_with(dataclasses.replace(prep.data, w=wd[rows]))
        return np.concatenate([refit.b, [refit.lnsigma]])

    fit_rows = np.zeros(session.data.nobs, bool)
    fit_rows[rows] = True
    opts = {k: v for k, v in opts.items() if k not in ("ll", "ul")}  # honoured by prepare
    extra = {"depvar": prep.depvars[0] if name == "tobit" else "", "design": prep.design, "fit_rows": fit_rows,
             "opts": opts, "estimate": estimate, "prep": prep}
    return fit, prep.design.labels, b, scores, rows, tuple(prep.design.notes), extra


def censored_results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level):
    """e() and the table of svy: tobit / svy: intreg."""
    from mlmcli.commands.estimation.survey_sample import strata_matrices, survey_ereturn
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import coefficient_rows
    from mlmcli.postest.censored_prediction import CensoredPredictions
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.survey import SurveyEstimates

    prep = extra["prep"]
    p = len(b) - 1
    rows = coefficient_rows(labels, b[:p], inf.se[:p], inf.t[:p], inf.p[:p], inf.ci_lo[:p], inf.ci_hi[:p])
    sigma = float(np.exp(b[p]))
    q = (inf.ci_hi[p] - b[p]) / inf.se[p] if inf.se[p] > 0 else np.nan  # the t quantile of the level
    if name == "tobit":
        se = sigma * float(inf.se[p])
        ancillary = (CoefRow("/sigma", sigma, se, np.nan, np.nan, sigma - q * se, sigma + q * se),)
        derived = ()
    else:
        ancillary = (CoefRow("/lnsigma", float(b[p]), float(inf.se[p]), np.nan, np.nan, float(inf.ci_lo[p]),
                             float(inf.ci_hi[p])),)
        derived = (CoefRow("sigma", sigma, sigma * float(inf.se[p]), np.nan, np.nan, float(np.exp(inf.ci_lo[p])),
                           float(np.exp(inf.ci_hi[p]))),)
    result = SurveyEstimates(header=header, depvar=extra["depvar"], coef_rows=rows, level=level,
                             missing_se=inf.missing_se, strata_omitted=len(sample.units.omitted),
                             ancillary=ancillary, derived=derived)
    scalars, macros = survey_ereturn(sample, settings, inf, name, header.title, f"{name} {inner.text or inner.args}")
    scalars.update(k_eq=2.0, level=level, rank=float(len(b)))
    if test is not None:
        scalars.update(F=test[0], df_m=test[1])
    macros.update(cmd=name, depvar=" ".join(prep.depvars), predict=f"{name}_p",
                  marginsok="default XB Pr(passthru) E(passthru) YStar(passthru)")
    stored = _stored(labels, name)
    eb, eV = stored(b, inf.V)
    matrices = {"b": eb, "V": eV, "V_srs": stored(b, inf.V_srs)[1]}
    if settings.stages[0].fpc:
        matrices["V_srswr"] = stored(b, inf.V_srswr)[1]
    if inf.V_srssub is not None:
        matrices["V_srssub"] = stored(b, inf.V_srssub)[1]
        if settings.stages[0].fpc:
            matrices["V_srssubwr"] = stored(b, inf.V_srssubwr)[1]
    anc = "sigma:_cons" if name == "tobit" else "lnsigma:_cons"
    model = CensoredPredictions(b[:p], inf.V[:p, :p], sigma, prep.offset_var, labels, ancillary=anc,
                                depvar=prep.depvars[0])
    model.posted = (eb, eV)
    model.limits, model.censored = prep.limit_values, prep.censored
    matrices.update(strata_matrices(sample.units))
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result, model=model,
                          sample=sample.touse.copy(), title=header.title, design=prep.design)
    e.stamp_sample(session.data)
    return e


def _stored(labels, name: str):
    """(b, V) -> e(b), e(V): model:<coefficients> (base/omitted zero), then tobit's sigma:_cons
    (delta method from ln sigma) or intreg's lnsigma:_cons."""
    from mlmcli.results.matrix import Matrix

    names = tuple(f"model:{lab.name}" for lab in labels) + (("sigma:_cons",) if name == "tobit" else
                                                             ("lnsigma:_cons",))
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)] + [len(labels)]

    def stored(b, V):
        b = np.asarray(b, float).copy()
        V = np.asarray(V, float).copy()
        if name == "tobit":  # sigma = exp(ln sigma): d sigma = sigma d ln sigma
            sigma = float(np.exp(b[-1]))
            V[-1, :] *= sigma
            V[:, -1] *= sigma
            b[-1] = sigma
        full_b = np.zeros(len(names))
        full_b[est] = b
        full_V = np.zeros((len(names), len(names)))
        full_V[np.ix_(est, est)] = V
        return Matrix(full_b[None, :], ("y1",), names), Matrix(full_V, names, names)

    return stored
