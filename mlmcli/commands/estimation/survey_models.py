"""``svy: regress|logit|logistic|probit|poisson``: the command's own preparation (syntax,
factor variables, collinearity, perfect prediction) with the svyset pweight on the
subpopulation's rows, then the scores of the fit -- (X'WX)^-1 x_i w_i e_i for regress,
(-H)^-1 w_i s_i for the likelihood fits -- through the linearized variance.  e(V) and the
table are the design's; the fit object is kept with that V (predict, margins).  The
commands' vce()/robust/cluster() are refused, as svy does."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.survey_replay import EFORM as _EFORM
from mlmcli.errors import StataError

_TITLES = {"regress": "Survey: Linear regression", "logit": "Survey: Logistic regression",
           "logistic": "Survey: Logistic regression", "probit": "Survey: Probit regression",
           "poisson": "Survey: Poisson regression", "ologit": "Survey: Ordered logistic regression",
           "oprobit": "Survey: Ordered probit regression", "nbreg": "Survey: Negative binomial regression", "cloglog": "Survey: Complementary log-log regression",
           "glm": "Survey: Generalized linear models", "tobit": "Survey: Tobit regression",
           "intreg": "Survey: Interval regression"}


def _model_variables(ds, inner) -> list[str]:
    from mlmcli.factor_variables import parse_terms, term_variables
    from mlmcli.syntax.options import OptionSpec, resolve_options

    words = inner.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if "." in words[0] or "(" in words[0]:
        raise StataError("depvar may not be a factor variable", 198)
    if inner.name == "intreg":  # its rows leave only when both bounds are missing (the fit drops them)
        out = [] if len(words) < 3 else term_variables(parse_terms(ds, " ".join(words[2:])))
    else:
        out = [ds.resolve(words[0])] + term_variables(parse_terms(ds, " ".join(words[1:])))
    extra = resolve_options(inner.options, [OptionSpec("offset", 3, takes_arg=True),
                                            OptionSpec("exposure", 3, takes_arg=True)], allow_unknown=True)
    for key in ("offset", "exposure"):
        if extra.get(key):
            out.append(ds.resolve(str(extra[key]).strip()))
    return out


def _refuse_vce(inner) -> None:
    for opt in inner.options:
        word = opt.name
        if word.startswith("vce") or word in ("r", "ro", "rob", "robu", "robus", "robust") or \
                (len(word) >= 2 and "cluster".startswith(word)):
            raise StataError(f"option {word} not allowed with the svy prefix", 198)


# the commands' options svy: honours (the fit's own, level(), the eform options); display
# options the svy table does not apply are refused, not ignored
_HONOURED = {"noconstant", "family", "link", "nonrtolerance", "level", "offset", "exposure", "or", "irr", "eform", "coef", "asis", "iterate", "tolerance",
             "ltolerance", "nrtolerance", "nolog", "log", "difficult", "cformat", "pformat", "sformat",
             "baselevels", "allbaselevels", "noomitted", "noemptycells"}


def _refuse_unused_options(opts: dict, name: str) -> None:
    for key, value in opts.items():
        if key.startswith("_") or value in (None, False) or key in _HONOURED:
            continue
        raise StataError(f"svy: {name} option {key} is not supported by mlmcli", 198)


def run_model(session, inner, name: str, settings, subpop, level: float, request=None):
    from mlmcli.commands.estimation.survey_sample import design_sample, embed, header_of, on_subpopulation
    from mlmcli.survey.inference import adjusted_wald, design_inference

    ds = session.data
    _refuse_vce(inner)
    sample = design_sample(session, inner, settings, _model_variables(ds, inner), subpop)
    with on_subpopulation(session, inner, settings, sample) as weighted:
        if name == "regress":
            fit, labels, b, scores, rows, notes, extra = _regress(session, weighted, sample)
        elif name == "glm":
            from mlmcli.commands.estimation.survey_glm import glm_fit

            fit, labels, b, scores, rows, notes, extra = glm_fit(session, weighted)
        elif name in ("tobit", "intreg"):
            from mlmcli.commands.estimation.survey_censored import censored_fit

            fit, labels, b, scores, rows, notes, extra = censored_fit(session, weighted, name)
        else:
            fit, labels, b, scores, rows, notes, extra = _likelihood(session, weighted, name)
    dropped = sample.sub & ~extra["fit_rows"]
    if dropped.any():  # rows the fit left out (perfect predictors) leave the estimation sample
        from mlmcli.commands.estimation.survey_sample import with_units

        sample = with_units(ds, settings, sample.touse & ~dropped, sample.sub & ~dropped, sample.weights,
                            sample.subpop_given)
    _refuse_unused_options(extra["opts"], name)
    if extra["opts"].get("level") is not None:  # the command's level() (svy's own is the default)
        from mlmcli.syntax.options import confidence_level

        level = confidence_level(extra["opts"], level)
    for note in notes:
        session.print(note)
    replication = None
    if request is not None and request.replicated:
        from mlmcli.commands.estimation.survey_replicate import run_replicates

        inf, replication = run_replicates(session, request, settings, sample, b, extra["estimate"],
                                          embed(scores, rows, sample.touse), level)
    else:
        def linearized(b, scores):
            return design_inference(b, embed(scores, rows, sample.touse), sample.units, level,
                                    weights=sample.weights[sample.touse],
                                    sub_rows=sample.sub[sample.touse] if sample.subpop_given else None)

        inf = linearized(b, scores)
        extra["fitted_metric"] = _linearized_metric(fit, labels, linearized)
    estimable = [lab for lab in labels if not (lab.base or lab.omitted)]
    tested = [j for j, lab in enumerate(estimable) if lab.name != "_cons" and not lab.name.startswith("/")]
    test = adjusted_wald(b, inf.V, tested, inf.df) if tested else None
    title = _TITLES[name]
    header = header_of(sample, title, narrow=False, test=test, r2=extra.get("r2"), replication=replication)
    if name in ("tobit", "intreg"):
        from mlmcli.commands.estimation.survey_censored import censored_results

        e = censored_results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level)
    else:
        e = _results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level)
    if replication is not None:
        from mlmcli.commands.estimation.survey_replicate import TITLES, replicate_ereturn

        replicate_ereturn(e.scalars, e.macros, request, replication, settings)
        e.result = dataclasses.replace(e.result, vce_label=TITLES[request.method])
    return e


def _regress(session, weighted, sample):
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.survey.estimators import regress_estimates

    fit, design, depvar, fit_rows, opts, _, _ = run_regress(session, weighted)
    rows = np.flatnonzero(fit_rows)
    y = session.data.numeric(depvar)[rows]
    w = sample.weights[rows]
    b, scores, r2 = regress_estimates(y, design.X, w, np.ones(len(rows), bool), constant=not opts.get("noconstant"))
    X = design.X
    extra = {"r2": r2, "depvar": depvar, "design": design, "fit_rows": fit_rows, "opts": opts,
             "estimate": lambda wd: regress_estimates(y, X, wd[rows], np.ones(len(rows), bool),
                                                      constant=not opts.get("noconstant"))[0]}
    return fit, design.labels, b, scores, rows, design.notes, extra


def _likelihood(session, weighted, name):
    from mlmcli.commands.estimation.glm import design_after_fit, prepare
    from mlmcli.glm.fit import fit_glm
    from mlmcli.mixed.inference import invert_negative_hessian

    prep = prepare(session, weighted, name)
    fit = fit_glm(prep.spec)
    if not fit.converged:  # svy runs the command first: its "convergence not achieved" ends svy
        raise StataError("convergence not achieved", 430)
    theta = fit.theta
    if fit.influence_rows is not None:  # fitted on shifted columns: (-H)^-1 s_j from that metric
        scores = fit.influence_rows
    else:
        scores = fit.model.scores(theta) @ invert_negative_hessian(fit.model.hessian(theta))
    rows = np.flatnonzero(prep.sample)[fit.model.rows]
    fit_rows = np.zeros_like(prep.sample)
    fit_rows[rows] = True
    spec_rows = np.flatnonzero(prep.sample)

    def estimate(wd):  # a replicate's refit from the full-sample estimates
        return fit_glm(dataclasses.replace(prep.spec, pweight=wd[spec_rows], start=np.asarray(theta, float))).theta

    extra = {"depvar": prep.spec.depvar, "design": design_after_fit(prep.design, fit), "fit_rows": fit_rows,
             "opts": prep.opts, "estimate": estimate}
    return fit, fit.labels, theta, scores, rows, tuple(prep.design.notes) + tuple(fit.notes), extra


def _results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level):
    from mlmcli.commands.estimation.survey_sample import strata_matrices, survey_ereturn
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import coefficient_rows
    from mlmcli.results.survey import SurveyEstimates

    depvar = extra["depvar"]
    p = sum(1 for lab in labels if not (lab.base or lab.omitted))
    rows = coefficient_rows(labels, b[:p], inf.se[:p], inf.t[:p], inf.p[:p], inf.ci_lo[:p], inf.ci_hi[:p])
    ancillary = _ancillary_rows(fit, b, inf, p) if len(b) > p else ()
    opts = extra["opts"]
    eform_option, eform_label = _EFORM.get(name, ("-", ""))
    if name == "glm":
        from mlmcli.commands.estimation.survey_glm import eform_label as glm_eform_label

        eform_option, eform_label = "eform", glm_eform_label(fit)
    eform = name == "logistic" and not opts.get("coef") or bool(eform_option and eform_option != "-"
                                                                and opts.get(eform_option))
    if eform:  # the commands' own exponentiated rows; Stata 13's eform tables leave out _cons
        from mlmcli.glm.inference import eform_rows

        rows = tuple(r for r in eform_rows(rows) if r.name != "_cons")
    derived = ()
    if name == "nbreg" and ancillary:  # alpha = exp(lnalpha), its SE by the delta method, exp of the interval
        from mlmcli.results.mixed import CoefRow

        ln = ancillary[-1]
        a = float(np.exp(ln.coef))
        derived = (CoefRow("alpha", a, a * ln.se, float("nan"), float("nan"), float(np.exp(ln.ci_lo)),
                           float(np.exp(ln.ci_hi))),)
    result = SurveyEstimates(header=header, depvar=depvar, coef_rows=rows, level=level, missing_se=inf.missing_se,
                             strata_omitted=len(sample.units.omitted),
                             coef_label=eform_label if eform else "Coef.", eform=eform, ancillary=ancillary,
                             derived=derived)
    command_text = f"{name} {inner.text or inner.args}"
    scalars, macros = survey_ereturn(sample, settings, inf, name, header.title, command_text)
    model = _with_design_variance(fit, inf, name, extra.get("fitted_metric"))
    stored = _stored_variance(fit, name)
    eb, eV = stored(inf.V)  # the fit's names (ologit's cut#:_cons), the design's V
    scalars.update(k_eq=1.0, level=level, rank=float(len(b)))
    if test is not None:
        scalars.update(F=test[0], df_m=test[1])
    if extra.get("r2") is not None:
        scalars["r2"] = float(extra["r2"])
    from mlmcli.commands.estimation.glm import PREDICT_PROGRAM

    macros.update(cmd=name, depvar=depvar, predict={"regress": "regres_p", "glm": "glim_p"}.get(name)
                  or PREDICT_PROGRAM[name],
                  marginsok="default" if name != "regress" else "XB default")
    matrices = {"b": eb, "V": eV, "V_srs": stored(inf.V_srs)[1]}
    if settings.stages[0].fpc:
        matrices["V_srswr"] = stored(inf.V_srswr)[1]
    if inf.V_srssub is not None:  # subpop(): SRS within the subpopulation (estat effects, srssubpop)
        matrices["V_srssub"] = stored(inf.V_srssub)[1]
        if settings.stages[0].fpc:
            matrices["V_srssubwr"] = stored(inf.V_srssubwr)[1]
    if name in ("ologit", "oprobit"):
        from mlmcli.results.matrix import Matrix

        cats = np.array(fit.spec.categories, float)[None, :]
        matrices["cat"] = Matrix(cats, ("r1",), tuple(f"c{i + 1}" for i in range(cats.shape[1])))
        scalars["k_cat"] = float(cats.shape[1])
    matrices.update(strata_matrices(sample.units))
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=model, sample=sample.touse.copy(), title=header.title, design=extra["design"])
    e.stamp_sample(session.data)
    return e


def _ancillary_rows(fit, b, inf, p: int) -> tuple:
    """ologit's and oprobit's cutpoints as /cut# rows, nbreg's /lnalpha (estimate, SE, interval).
    Not glm.inference's ancillary_rows/natural_ancillary (the commands' own rows): those draw
    z intervals with no t and P, where svy's rows carry the design's t on its df, P and
    t-based interval; the coefficient rows themselves are the shared ``coefficient_rows`` and
    ``eform_rows``."""
    from mlmcli.results.mixed import CoefRow

    names = fit.param_names()[len(fit.labels):]
    return tuple(CoefRow("/" + str(n).split(":")[0], float(b[j]), float(inf.se[j]), float(inf.t[j]), float(inf.p[j]),
                         float(inf.ci_lo[j]), float(inf.ci_hi[j])) for n, j in zip(names, range(p, len(b))))


def _stored_variance(fit, name):
    """V -> (e(b), e(V)) under the fit's names."""
    if name == "glm":
        from mlmcli.commands.estimation.survey_glm import glm_matrices

        return lambda V: glm_matrices(fit, V)
    return lambda V: dataclasses.replace(fit, V=V).e_matrices()


def _linearized_metric(fit, labels, linearized):
    """A fit on shifted columns (``glm.rescaled_fit.FittedMetric`` with each row's influence
    there) with the design's V' in that metric: ``linearized(b', influence')`` -- where margins'
    delta method and predict's stdp work (in the user's units x V x' cancels terms near 1e18:
    margins' SE .92 for .045 after svy: logit).  None otherwise."""
    metric = getattr(fit, "fitted_metric", None)
    if metric is None or getattr(metric, "influence", None) is None:
        return None
    estimated = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    estimated += list(range(len(labels), len(metric.b)))
    V = np.zeros_like(metric.V)
    V[np.ix_(estimated, estimated)] = linearized(metric.b[estimated], metric.influence).V
    return dataclasses.replace(metric, V=V, influence=None)


def _with_design_variance(fit, inf, name, metric=None):
    """The fit object with the design's V (what predict's stdp and margins read from it) and,
    fitted on shifted columns, the design's V' in that metric (``metric``)."""
    if name == "glm":
        from mlmcli.commands.estimation.survey_glm import with_design_variance

        return with_design_variance(fit, inf.V, metric)
    if name == "regress":
        return dataclasses.replace(fit, V=inf.V, se=inf.se, t=inf.t, p=inf.p, ci_lo=inf.ci_lo, ci_hi=inf.ci_hi,
                                   df_r=float(inf.df))
    if hasattr(fit, "fitted_metric"):
        return dataclasses.replace(fit, V=inf.V, fitted_metric=metric)
    return dataclasses.replace(fit, V=inf.V)
