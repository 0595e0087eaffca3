"""``svy: mlogit``: mlogit's own preparation and fit with the svyset pweight on the
subpopulation's rows, then the design's V from the scores (-H)^-1 w s of the free equations'
estimable coefficients (mlmcli/glm/multinomial.py's scores and observed Hessian).  The table
is mlogit's (one block an outcome, the base outcome's note) with the Linearized heading and t
statistics on the design df; the header is svy's with the adjusted Wald F of every
coefficient but the constants."""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np

from mlmcli.errors import StataError


def run_mlogit(session, inner, settings, subpop, level: float, request=None):
    from mlmcli import ast
    from mlmcli.commands.estimation import mlogit
    from mlmcli.commands.estimation.survey_sample import design_sample, embed, header_of, strata_matrices, survey_ereturn, with_units
    from mlmcli.commands.estimation.survey_replicate import TITLES, replicate_ereturn
    from mlmcli.glm.multinomial import fit_multinomial
    from mlmcli.survey.inference import adjusted_wald, design_inference

    ds = session.data
    for opt in inner.options:
        word = opt.name
        if word.startswith("vce") or word in ("r", "ro", "rob", "robu", "robus", "robust") or \
                (len(word) >= 2 and "cluster".startswith(word)):
            raise StataError(f"option {word} not allowed with the svy prefix", 198)
    words = inner.args.split()
    if not words:
        raise StataError("varlist required", 100)
    from mlmcli.factor_variables import parse_terms, term_variables

    variables = [ds.resolve(words[0])] + term_variables(parse_terms(ds, " ".join(words[1:])))
    sample = design_sample(session, inner, settings, variables, subpop)
    weighted = dataclasses.replace(inner, weight=ast.Weight("pweight", settings.weight_exp)) \
        if settings.weight_exp else inner
    saved = getattr(session, "by_mask", None)
    session.by_mask = sample.sub if saved is None else (sample.sub & np.asarray(saved, bool))
    try:
        spec, design, fit_rows, opts, _ = mlogit.prepare(session, weighted)
    finally:
        session.by_mask = saved
    for key in ("constraints", "from", "collinear"):
        if opts.get(key) not in (None, False):
            raise StataError(f"svy: mlogit option {key} is not supported by mlmcli", 198)
    from mlmcli.syntax.options import confidence_level

    if opts.get("level") is not None:
        level = confidence_level(opts, level)
    for note in design.notes:
        session.print(note)
    fit = fit_multinomial(dataclasses.replace(spec, vce="oim", cluster=None, cluster_var=None), level)
    dropped = sample.sub & ~fit_rows
    if dropped.any():
        sample = with_units(ds, settings, sample.touse & ~dropped, sample.sub & ~dropped, sample.weights,
                            sample.subpop_given)
    model = fit.model  # theta: the free equations' estimable coefficients (X holds only those)
    free = list(range(model.k))
    if fit.influence_rows is not None:  # fitted on shifted columns: (-H)^-1 s_j from that metric
        scores = fit.influence_rows
    else:
        H = model.hessian(fit.theta)[np.ix_(free, free)]
        try:
            bread = np.linalg.inv(-H)
        except np.linalg.LinAlgError:
            raise StataError("matrix not positive definite", 506) from None
        scores = model.scores(fit.theta)[:, free] @ bread  # weighted already
    rows = np.flatnonzero(fit_rows)
    replication = None
    if request is not None and request.replicated:  # each replicate a refit from the full-sample fit
        from mlmcli.commands.estimation.survey_replicate import run_replicates

        def estimate(wd):
            refit = fit_multinomial(dataclasses.replace(spec, vce="oim", cluster=None, cluster_var=None,
                                                        pweight=wd[rows], start=np.asarray(fit.theta, float)), level)
            return refit.theta[free]

        inf, replication = run_replicates(session, request, settings, sample, fit.theta[free], estimate,
                                          embed(scores, rows, sample.touse), level)
    else:
        inf = design_inference(fit.theta[free], embed(scores, rows, sample.touse), sample.units, level,
                               weights=sample.weights[sample.touse])
    V = np.zeros((model.k, model.k))
    V[np.ix_(free, free)] = inf.V
    names = [spec.labels[j].name for j in fit.estimable()] * len(model.free)
    tested = [i for i, name in enumerate(names) if name != "_cons"]
    test = adjusted_wald(fit.theta[free], inf.V, tested, inf.df) if tested else None
    vcetype = "Linearized" if replication is None else TITLES[request.method]
    linearized = SimpleNamespace(n=None, vcetype=vcetype, df_r=float(inf.df), kind="linearized")
    fit = dataclasses.replace(fit, V=V, replicate=linearized, robust=False, fitted_metric=None)  # V: the design's
    from mlmcli.commands.postestimation.margins_choice_models import as_mlogit_fit

    fit = as_mlogit_fit(fit, design)  # margins' hooks (vce(unconditional): the design's linearization)
    title = "Survey: Multinomial logistic regression"
    header = header_of(sample, title, narrow=False, test=test, replication=replication)
    result = dataclasses.replace(fit.result(level), title=title)
    label = mlogit.outcome_label(ds, spec.depvar, spec.outcomes[spec.base])
    e = mlogit.ereturn(weighted, fit, design, sample.touse.copy(), "", label or "")
    for key in ("ll", "ll_0", "chi2", "r2_p", "p"):
        e.scalars.pop(key, None)
    for key in ("chi2type", "crittype", "vcetype", "wtype", "wexp", "user", "ml_method", "technique", "opt",
                "which"):
        e.macros.pop(key, None)
    scalars, macros = survey_ereturn(sample, settings, inf, "mlogit", title, f"mlogit {inner.text or inner.args}")
    e.scalars.update(scalars)
    e.scalars.update(level=level)
    e.matrices.update(strata_matrices(sample.units))
    if test is not None:
        e.scalars.update(F=test[0], df_m=test[1])
    if replication is not None:
        replicate_ereturn(e.scalars, macros, request, replication, settings)
    e.macros.update(macros)
    e.macros.update(cmd="mlogit", title=title)
    # estat effects' SRS variances, laid out as e(V) (the fuzz: a KeyError on V_srs before)
    for key, V_key in (("V_srs", inf.V_srs), ("V_srswr", inf.V_srswr if settings.stages[0].fpc else None),
                       ("V_srssub", inf.V_srssub),
                       ("V_srssubwr", inf.V_srssubwr if settings.stages[0].fpc else None)):
        if V_key is not None:
            full = np.zeros((model.k, model.k))
            full[np.ix_(free, free)] = V_key
            e.matrices[key] = mlogit.ereturn(weighted, dataclasses.replace(fit, V=full), design,
                                             sample.touse.copy(), "", label or "").matrices["V"]
    from mlmcli.results.survey import SurveyMultinomial

    e.result = SurveyMultinomial(header, result, eform=bool(opts.get("rrr")))
    e.stamp_sample(ds)
    return e


def render_mlogit(e, linesize: int) -> str:
    from mlmcli.render.multinomial_table import render_multinomial_table
    from mlmcli.render.survey import render_header

    return "\n".join(["", render_header(e.result.header), "",
                      render_multinomial_table(e.result.table, eform=e.result.eform, linesize=linesize)])
