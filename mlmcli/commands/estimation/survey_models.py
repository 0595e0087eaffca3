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
           "oprobit": "Survey: Ordered probit regression", "nbreg": "Survey: Negative binomial regression", "cloglog": "Survey: Complementary log-log regression"}


def _model_variables(ds, inner) -> list[str]:
    from mlmcli.factor_variables import parse_terms, term_variables
    from mlmcli.syntax.options import OptionSpec, resolve_options

    words = inner.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if "." in words[0] or "(" in words[0]:
        raise StataError("depvar may not be a factor variable", 198)
    out = [ds.resolve(words[0])] + term_variables(parse_terms(ds, " ".join(words[1:])))
    extra = resolve_options(inner.options, [OptionSpec("offset", 3, takes_arg=True),
                                            OptionSpec("exposure", 3, takes_arg=True)], allow_unknown=True)
    for key in ("offset", "exposure"):
        if extra.get(key):
            out.append(ds.resolve(str(extra[key]).strip()))
    return out


def _refuse_vce(inner) -> None:
    for opt in inner.options:
        word = opt.name.lower()
        if word.startswith("vce") or word in ("r", "ro", "rob", "robu", "robus", "robust") or \
                (len(word) >= 2 and "cluster".startswith(word)):
            raise StataError(f"option {word} not allowed with the svy prefix", 198)


# the commands' options svy: honours (the fit's own, level(), the eform options); display
# options the svy table does not apply are refused, not ignored
_HONOURED = {"noconstant", "level", "offset", "exposure", "or", "irr", "eform", "coef", "asis", "iterate", "tolerance",
             "ltolerance", "nrtolerance", "nolog", "log", "difficult"}


def _refuse_unused_options(opts: dict, name: str) -> None:
    for key, value in opts.items():
        if key.startswith("_") or value in (None, False) or key in _HONOURED:
            continue
        raise StataError(f"svy: {name} option {key} is not supported by mlmcli", 198)


def run_model(session, inner, name: str, settings, subpop, level: float):
    from mlmcli import ast
    from mlmcli.commands.estimation.survey_sample import design_sample, embed, header_of
    from mlmcli.survey.inference import adjusted_wald, design_inference

    ds = session.data
    _refuse_vce(inner)
    sample = design_sample(session, inner, settings, _model_variables(ds, inner), subpop)
    weighted = dataclasses.replace(inner, weight=ast.Weight("pweight", settings.wvar)) if settings.wvar else inner
    saved = getattr(session, "by_mask", None)
    session.by_mask = sample.sub if saved is None else (sample.sub & np.asarray(saved, bool))
    try:
        if name == "regress":
            fit, labels, b, scores, rows, notes, extra = _regress(session, weighted, sample)
        else:
            fit, labels, b, scores, rows, notes, extra = _likelihood(session, weighted, name)
    finally:
        session.by_mask = saved
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
    inf = design_inference(b, embed(scores, rows, sample.touse), sample.units, level,
                           weights=sample.weights[sample.touse],
                           sub_rows=sample.sub[sample.touse] if sample.subpop_given else None)
    estimable = [lab for lab in labels if not (lab.base or lab.omitted)]
    tested = [j for j, lab in enumerate(estimable) if lab.name != "_cons" and not lab.name.startswith("/")]
    test = adjusted_wald(b, inf.V, tested, inf.df) if tested else None
    title = _TITLES[name]
    header = header_of(sample, title, narrow=False, test=test, r2=extra.get("r2"))
    return _results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level)


def _regress(session, weighted, sample):
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.survey.estimators import regress_estimates

    fit, design, depvar, fit_rows, opts, _, _ = run_regress(session, weighted)
    rows = np.flatnonzero(fit_rows)
    y = session.data.numeric(depvar)[rows]
    w = sample.weights[rows]
    b, scores, r2 = regress_estimates(y, design.X, w, np.ones(len(rows), bool), constant=not opts.get("noconstant"))
    extra = {"r2": r2, "depvar": depvar, "design": design, "fit_rows": fit_rows, "opts": opts}
    return fit, design.labels, b, scores, rows, design.notes, extra


def _likelihood(session, weighted, name):
    from mlmcli.commands.estimation.glm import design_after_fit, prepare
    from mlmcli.glm.fit import fit_glm
    from mlmcli.mixed.inference import invert_negative_hessian

    prep = prepare(session, weighted, name)
    fit = fit_glm(prep.spec)
    theta = fit.theta
    bread = invert_negative_hessian(fit.model.hessian(theta))
    scores = fit.model.scores(theta) @ bread
    rows = np.flatnonzero(prep.sample)[fit.model.rows]
    fit_rows = np.zeros_like(prep.sample)
    fit_rows[rows] = True
    extra = {"depvar": prep.spec.depvar, "design": design_after_fit(prep.design, fit), "fit_rows": fit_rows,
             "opts": prep.opts}
    return fit, fit.labels, theta, scores, rows, tuple(prep.design.notes) + tuple(fit.notes), extra


def _results(session, inner, name, settings, sample, fit, labels, b, inf, header, test, extra, level):
    from mlmcli.commands.estimation.survey_sample import survey_ereturn
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import coefficient_rows
    from mlmcli.results.survey import SurveyEstimates

    depvar = extra["depvar"]
    p = sum(1 for lab in labels if not (lab.base or lab.omitted))
    rows = coefficient_rows(labels, b[:p], inf.se[:p], inf.t[:p], inf.p[:p], inf.ci_lo[:p], inf.ci_hi[:p])
    ancillary = _ancillary_rows(fit, b, inf, p) if len(b) > p else ()
    opts = extra["opts"]
    eform_option, eform_label = _EFORM.get(name, ("-", ""))
    eform = name == "logistic" and not opts.get("coef") or bool(eform_option and eform_option != "-"
                                                                and opts.get(eform_option))
    if eform:  # Stata 13's exponentiated tables leave out _cons (render/glm_table.py)
        rows = tuple(r if r.base or r.omitted else dataclasses.replace(
            r, coef=float(np.exp(r.coef)), se=float(np.exp(r.coef) * r.se), ci_lo=float(np.exp(r.ci_lo)),
            ci_hi=float(np.exp(r.ci_hi))) for r in rows if r.name != "_cons")
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
    model = _with_design_variance(fit, inf, name)
    eb, eV = model.e_matrices()  # the fit's names (ologit's cut#:_cons), the design's V
    scalars.update(k_eq=1.0, level=level, rank=float(len(b)))
    if test is not None:
        scalars.update(F=test[0], df_m=test[1])
    if extra.get("r2") is not None:
        scalars["r2"] = float(extra["r2"])
    from mlmcli.commands.estimation.glm import PREDICT_PROGRAM

    macros.update(cmd=name, depvar=depvar, predict="regres_p" if name == "regress" else PREDICT_PROGRAM[name],
                  marginsok="default" if name != "regress" else "XB default")
    matrices = {"b": eb, "V": eV, "V_srs": dataclasses.replace(fit, V=inf.V_srs).e_matrices()[1]}
    if settings.stages[0].fpc:
        matrices["V_srswr"] = dataclasses.replace(fit, V=inf.V_srswr).e_matrices()[1]
    if inf.V_srssub is not None:  # subpop(): SRS within the subpopulation (estat effects, srssubpop)
        matrices["V_srssub"] = dataclasses.replace(fit, V=inf.V_srssub).e_matrices()[1]
        if settings.stages[0].fpc:
            matrices["V_srssubwr"] = dataclasses.replace(fit, V=inf.V_srssubwr).e_matrices()[1]
    if name in ("ologit", "oprobit"):
        from mlmcli.results.matrix import Matrix

        cats = np.array(fit.spec.categories, float)[None, :]
        matrices["cat"] = Matrix(cats, ("r1",), tuple(f"c{i + 1}" for i in range(cats.shape[1])))
        scalars["k_cat"] = float(cats.shape[1])
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=model, sample=sample.touse.copy(), title=header.title, design=extra["design"])
    e.stamp_sample(session.data)
    return e


def _ancillary_rows(fit, b, inf, p: int) -> tuple:
    """ologit's and oprobit's cutpoints as /cut# rows, nbreg's /lnalpha (estimate, SE, interval)."""
    from mlmcli.results.mixed import CoefRow

    names = fit.param_names()[len(fit.labels):]
    return tuple(CoefRow("/" + str(n).split(":")[0], float(b[j]), float(inf.se[j]), float(inf.t[j]), float(inf.p[j]),
                         float(inf.ci_lo[j]), float(inf.ci_hi[j])) for n, j in zip(names, range(p, len(b))))


def _with_design_variance(fit, inf, name):
    """The fit object with the design's V (what predict's stdp and margins read from it)."""
    if name == "regress":
        return dataclasses.replace(fit, V=inf.V, se=inf.se, t=inf.t, p=inf.p, ci_lo=inf.ci_lo, ci_hi=inf.ci_hi,
                                   df_r=float(inf.df))
    return dataclasses.replace(fit, V=inf.V)
