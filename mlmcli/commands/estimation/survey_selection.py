"""``svy: heckprob`` and ``svy: heckman`` (ML) ([SVY] svy estimation; [R] heckprob, [R] heckman:
vce(), first, noskip, twostep and weights are not allowed with the svy prefix): the command's
own preparation (``heckman.prepare``: the selection rule, the sample, factor variables) with the
svyset pweight on the subpopulation's rows, its ML fit, and each row's influence
w_i s_i (-H)^-1 (s_i the row's score in (b, g, athrho[, ln sigma]), H the weighted Hessian at
the optimum) through the linearized variance.

The design sample reads the selection equation's variables only (an unselected row's outcome
is missing by design); rows the command then leaves out (a selected row with a missing outcome
regressor) leave e(sample).  e(b)/e(V) under the command's names with the design's V; e() is
the command's with svy's scalars and macros; e(chi2_c) is the Wald test of athrho = 0 on the
design's V (chi2_ct Wald).  The header is svy's, its adjusted Wald F of the outcome
equation's coefficients (e(k_eq_model) 1, as svy tests ml commands' first equation); the
table the command's equations, /athrho (and /lnsigma), rho (sigma, lambda) with t on the
design df.  Not shown (no published svy log read): the censored/uncensored counts in the
header and the independence test's footer line.  heckman's mills() and nshazard() are refused
under svy."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError

TITLES = {"heckprob": "Survey: Probit model with sample selection", "heckman": "Survey: Heckman selection model"}
_REFUSED = ("first", "vce", "robust", "cluster", "twostep", "mills", "nshazard")


def selection_variables(session, inner, name: str) -> list[str]:
    """The selection equation's variables (and its depvar when typed), the variables every
    row of the design sample needs; the options svy refuses, r(198)."""
    from mlmcli.commands.estimation.heckman import HECKMAN_OPTIONS, PROBIT_OPTIONS, parse_select
    from mlmcli.factor_variables import term_variables
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(inner.options, PROBIT_OPTIONS if name == "heckprob" else HECKMAN_OPTIONS)
    for word in _REFUSED:
        if opts.get(word) is not None and opts.get(word) is not False:
            raise StataError(f"option {word} not allowed with the svy prefix", 198)
    if opts.get("select") is None:
        raise StataError("option select() required", 198)
    seldep, terms, _, offset = parse_select(session.data, opts["select"])
    return [v for v in [seldep, offset] if v] + term_variables(terms)


def run_selection(session, inner, name: str, settings, subpop, level: float, request, cmdline: str):
    """e() of svy: heckprob or svy: heckman (its table printed by ``render``)."""
    from mlmcli.commands.estimation.survey_sample import (design_sample, embed, header_of, on_subpopulation,
                                                           with_units)

    if request is not None and request.replicated:
        raise StataError(f"svy {request.method}: {name} is not supported by mlmcli (svy: {name} computes the "
                         "linearized variance)", 198)
    sample = design_sample(session, inner, settings, selection_variables(session, inner, name), subpop)
    with on_subpopulation(session, inner, settings, sample) as weighted:
        prep, fit, influence, extra = _fit(session, weighted, name)
    if prep.opts.get("level") is not None:  # the command's own level() (svy's is the default)
        from mlmcli.syntax.options import confidence_level

        level = confidence_level(prep.opts, level)
    dropped = sample.sub & ~prep.sample
    if dropped.any():
        sample = with_units(session.data, settings, sample.touse & ~dropped, sample.sub & ~dropped, sample.weights,
                            sample.subpop_given)
    from mlmcli.survey.inference import adjusted_wald, design_inference

    rows = np.flatnonzero(prep.sample)
    inf = design_inference(fit.theta, embed(influence, rows, sample.touse), sample.units, level,
                           weights=sample.weights[sample.touse],
                           sub_rows=sample.sub[sample.touse] if sample.subpop_given else None)
    outcome = [j for j, lab in enumerate(_estimated(prep.design)) if lab.name != "_cons"]
    test = adjusted_wald(fit.theta, inf.V, outcome, inf.df) if outcome else None
    header = header_of(sample, TITLES[name], narrow=False, test=test)
    return _results(session, weighted, name, prep, fit, extra, inf, sample, settings, header, test, level, cmdline)


def _estimated(design):
    return [lab for lab in design.labels if not (lab.base or lab.omitted)]


def _fit(session, weighted, name: str):
    """(prep, fit, influence, extra): the command's fit on the subpopulation with the pweights
    and each fitted row's influence; ``extra`` what its e() needs besides (heckman's two
    comparison log likelihoods)."""
    from mlmcli.commands.estimation.heckman import prepare
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.mixed.inference import invert_negative_hessian

    prep = prepare(session, weighted, name)
    for note in prep.design.notes + prep.select_design.notes:
        session.print(note)
    ml = ml_settings(session, prep.opts)
    d = prep.data
    if name == "heckprob":
        from mlmcli.glm.heckman_selection import (ProbitSelectionLikelihood, fit_probit_selection, probit,
                                                  probit_selection_start)
        from mlmcli.glm.separation import NOT_VARY

        s = d.selected
        if np.all(d.y[s] != 0) or np.all(d.y[s] == 0):
            raise StataError(NOT_VARY, 2000)
        selection = probit(d.Z, s, d.offset_select, d.w, **ml)
        start = probit_selection_start(d, selection[0], **ml)
        fit = fit_probit_selection(d, start.theta, **ml)
        model, extra = ProbitSelectionLikelihood(d), {}
    else:
        from mlmcli.glm.heckman_selection import (HeckmanLikelihood, fit_selection, ml_start, regression_loglik,
                                                  two_step)

        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                ts = two_step(d, **ml)
        except np.linalg.LinAlgError:
            raise StataError("the two-step estimates cannot be computed: the outcome design is singular", 498) from None
        fit = fit_selection(d, ml_start(d, ts), **ml)
        model, extra = HeckmanLikelihood(d), {"probit_ll": ts.probit_ll, "regress_ll": regression_loglik(d)}
    if not fit.converged:
        session.print("convergence not achieved")
    _, H = model.grad_hess(fit.theta)
    influence = (model.scores(fit.theta) * d.w[:, None]) @ invert_negative_hessian(H)
    return prep, fit, influence, extra


def _results(session, weighted, name, prep, fit, extra, inf, sample, settings, header, test, level, cmdline):
    from mlmcli.commands.estimation.heckman_results import ml_results, probit_results
    from mlmcli.commands.estimation.survey_sample import strata_matrices, survey_ereturn
    from mlmcli.commands.estimation.survey_selection_replay import svy_result
    from mlmcli.distributions import chi2 as chi2_dist

    design_fit = dataclasses.replace(fit, V=inf.V)
    if name == "heckprob":
        e = probit_results(session, weighted, prep, design_fit, float("nan"), ())
        tail = ("athrho:_cons",)
    else:
        e = ml_results(session, weighted, prep, design_fit, extra["probit_ll"], extra["regress_ll"])
        tail = ("athrho:_cons", "lnsigma:_cons")
    scalars, macros = survey_ereturn(sample, settings, inf, name, TITLES[name],
                                     f"{name} {(weighted.text or weighted.args).strip()}")
    for key in ("ll_c", "chi2", "p", "N_clust"):
        e.scalars.pop(key, None)
    for key in ("crittype", "vcetype", "clustvar", "wtype", "wexp"):
        e.macros.pop(key, None)
    V = e.matrices["V"].values
    b = e.matrices["b"].values.ravel()
    a = len(b) - len(tail)  # athrho's column
    chi2_c = float(b[a] ** 2 / V[a, a]) if V[a, a] > 0 else float("nan")
    e.scalars.update(scalars, level=level, chi2_c=chi2_c, p_c=float(chi2_dist.sf(chi2_c, 1)), k_eq_model=1.0)
    if test is not None:
        e.scalars.update(F=test[0], df_m=test[1])
    e.macros.update(macros, cmd=name, chi2_ct="Wald", cmdline=cmdline, crittype="log pseudolikelihood")
    e.matrices["V_srs"] = dataclasses.replace(e.matrices["V"], values=_full(prep, inf.V_srs, V.shape, tail))
    e.matrices.update(strata_matrices(sample.units))
    e.sample = sample.touse.copy()
    e.stamp_sample(session.data)
    e.title = TITLES[name]
    e.result = svy_result(e.result, level, inf.df, header, b, V)
    return e


def _full(prep, V, shape, tail):
    """A V over the estimated columns placed among e(b)'s (base/omitted columns zero)."""
    from mlmcli.commands.estimation.heckman_results import selection_matrices

    return selection_matrices(prep, np.zeros(V.shape[0]), V, tail)[1].values if V is not None else np.zeros(shape)
