"""``svy: melogit|meprobit|mecloglog|mepoisson|menbreg|meologit|meoprobit|meglm`` (the me
commands with property svyg, Stata 14+).

Evidence (Stata 16's svy.ado, _robust2.ado, _svy_check_nested.ado and the strings of
lmatagsem.mlib, opensafely-core/cohort-extractor bin/ado/base):

* svy runs the command with its ``svyset`` option: the command maps svyset's stage-level
  ``weight()`` variables onto the model's levels -- stage 1's weight is the top level's group
  weight, stage k's level k's, one stage past the last level the observation weight.  A final
  ``[pw=]`` weight with random effects, more weight variables than levels + 1, crossed models
  and intmethod(laplace) are refused with the mlib's messages; a level left without a weight
  gets its note.
* every level's groups must lie within that stage's sampling units (``_svy_check_nested``:
  "hierarchical groups are not nested within su", r(459)).
* the variance: ``_robust2 scores [pweight], svyg cluster(su1) strata(strata1)`` -- the scores
  summed within the first-stage PSUs and centred within the first-stage strata, n_h/(n_h-1),
  no fpc and no later stage; design df = #PSU - #strata.
* subpop(): the command is fitted on the subpopulation's rows; the others keep their PSUs and
  strata with zero scores.

The fit is the me command's own (me.build_spec, fit_and_log) with the weights set as its
``[pw=]`` and ``pweight()`` options; the scores are the top-level groups' weighted score vectors
times the model-based (-H)^-1 (the glmm engine's robust sandwich parts), placed on each group's
first row and passed to the survey engine (survey.inference.design_inference)."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def run_me(session, name: str, text: str, settings, opts: dict, level: float, cmdline: str) -> None:
    from mlmcli.commands.estimation.me import build_spec, fit_and_log, intmethod_choice, with_log_line
    from mlmcli.commands.estimation.me_syntax import FE_OPTIONS, global_options
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    from mlmcli.commands.estimation.survey_sample import design_sample, with_units

    mc = parse_mixed(text, global_options(name), FE_OPTIONS)
    for key in ("or", "irr"):  # svy, or: melogit -- svy's eform option (checked by survey_prefix) for the table
        if opts.get(key):
            mc = dataclasses.replace(mc, options=dict(mc.options, **{key: True}))
    if mc.weight is not None:
        raise StataError("weights not allowed with the svy prefix; use svyset to specify weights", 101)
    if mc.options.get("vce") is not None:
        raise StataError(f"option vce() of {name} is not allowed with the svy prefix", 198)
    for eq in mc.equations:  # svyset's weight() sets each level's weight (_svy_check_cmdopts' BadOpt)
        for key in ("pweight", "fweight"):
            if getattr(eq, key) is not None:
                raise StataError(f"option {key}() not allowed with the svy prefix", 198)
    if mc.options.get("noestimate"):  # svy needs the fit's scores
        raise StataError(f"svy: {name} option noestimate is not supported by mlmcli", 198)
    if not mc.equations:
        raise StataError(f"svy: {name} without random effects is not supported by mlmcli", 198)
    if any(eq.levelvar == "_all" for eq in mc.equations):  # the mlib's svyset step: these first
        raise StataError("svy prefix not allowed with crossed models", 198)
    if intmethod_choice(mc.options) == "laplace":
        raise StataError("svy prefix not allowed with intmethod(laplace)", 198)
    mc, notes = _with_stage_weights(mc, settings, session.linesize)
    if mc.options.get("level") is None:  # svy's level() (or set level) when the command has none
        mc = dataclasses.replace(mc, options=dict(mc.options, level=f"{level:g}"))
    stage = settings.stages[0]
    if stage.su in (None, "_n"):
        raise StataError(f"svy: {name} with observations as the first-stage sampling units is not supported by "
                         "mlmcli (its linearized variance needs the scores of the top-level groups within PSUs)", 198)
    ds = session.data
    from mlmcli.parser import parse_arguments

    design = design_sample(session, parse_arguments("", name), settings, [], None)
    subpop = opts.get("subpop")
    saved = getattr(session, "by_mask", None)
    base = design.touse if saved is None else design.touse & np.asarray(saved, bool)
    try:
        session.by_mask = base
        spec, design_x, full_sample, spec_notes = build_spec(session, name, mc)  # the sample before subpop()
        sample, sub = full_sample, full_sample.copy()
        if subpop is not None:  # the fit on the subpopulation's rows
            from mlmcli.commands.estimation.survey_sample import subpopulation_rows

            sub = subpopulation_rows(session, str(subpop), full_sample)
            if not sub.any():
                raise StataError("no observations", 2000)
            session.by_mask = sub
            spec, design_x, sample, spec_notes = build_spec(session, name, mc)
    finally:
        session.by_mask = saved
    _check_nested(ds, settings, spec, np.flatnonzero(sample))  # the mlib's svyset step: before the fit
    if notes:  # the mlib prints them as one {p 0 6 2} paragraph (SMCL joins its lines)
        from mlmcli.render.lrtest import wrap_paragraph

        session.print("\n".join(wrap_paragraph(" ".join(notes), session.linesize)))
    from mlmcli.render.glmm_display import is_pseudo, render_me_iteration_log

    fit, result = fit_and_log(session, spec, list(design_x.notes) + spec_notes, None if mc.options.get("nolog")
                              else lambda r: with_log_line(render_me_iteration_log(r.iteration_log, pseudo=is_pseudo(r)),
                                                           r.converged), command=f"svy: {name}")
    fit_rows = np.flatnonzero(sample)[np.asarray(fit.model.rows)]
    used = np.zeros(ds.nobs, bool)
    used[fit_rows] = True
    touse = full_sample & ~(sub & ~used)  # rows the fit dropped leave the sample
    units_sample = with_units(ds, _first_stage_only(settings), touse, used, design.weights, subpop is not None)
    inf, V_theta = _linearized(fit, fit_rows, units_sample, level)
    e, header = _posted(session, name, cmdline, mc, fit, result, V_theta, inf, units_sample, settings, sample,
                        design_x)
    if subpop is not None:
        e.macros["subpop"] = " ".join(str(subpop).split())
    session.e = e
    _display(session, name, header, e.result, opts, mc.options)


def _with_stage_weights(mc, settings, linesize: int):
    """The me command with svyset's weights at its levels, and the notes on unweighted levels."""
    from mlmcli import ast

    levels = len(mc.equations)
    if settings.wtype:  # [pw=] (or iw) final weight: the mlib's {p 0 4 2} paragraph, {break} after the ;
        from mlmcli.render.lrtest import wrap_paragraph

        rest = wrap_paragraph("a final weight variable was svyset using the [pw=exp] syntax, but multilevel models "
                              "require that each stage-level weight variable is svyset using the stage's "
                              "corresponding weight() option", linesize, first=4, hanging=4)
        raise StataError("\n".join(["survey final weights not allowed with multilevel models;"] + rest), 459)
    weights = [st.weight for st in settings.all_stages[:settings.stages_wt]]
    if len(weights) > levels + 1:
        raise StataError("too many weight variables svyset;\nthere are more svyset weight variables than levels "
                         "specified in the model", 459)
    if not weights:
        return mc, []
    eqs = list(mc.equations)
    unweighted = []
    for k, eq in enumerate(eqs):
        w = weights[k] if k < len(weights) else None
        if w:
            eqs[k] = dataclasses.replace(eq, pweight=w)
        else:
            unweighted.append(f"Group-level pseudolikelihoods corresponding with '{eq.levelvar}' are not weighted.")
    obs = weights[levels] if len(weights) > levels else None
    if not obs:  # first: the mlib's strings hold it before the group-level one (order otherwise unseen)
        unweighted.insert(0, "Observation-level pseudolikelihoods are not weighted.")
    mc = dataclasses.replace(mc, equations=tuple(eqs),
                             weight=ast.Weight("pweight", obs) if obs else None)
    notes = ["Note: Not all levels have a svyset weight variable."] + unweighted if unweighted else []
    return mc, notes


def _first_stage_only(settings):
    """svy.ado's svyg variance: cluster(su1) strata(strata1), no fpc, no later stage."""
    stage = dataclasses.replace(settings.stages[0], fpc=None)
    return dataclasses.replace(settings, stages=(stage,), weight_only_stages=())


def _check_nested(ds, settings, spec, rows: np.ndarray) -> None:
    """_svy_check_nested on the model's sample (rows): stage k's sampling units constant within
    level k's groups (the terms' nested codes), checked before the fit as the mlib does."""
    levels = []
    for term in spec.terms:  # outermost first; a level's later equations share its groups
        if term.levelvar not in [name for name, _ in levels]:
            levels.append((term.levelvar, np.asarray(term.group, np.int64)))
    for (_, group), st in zip(levels, settings.all_stages):  # weight-only stages too (r(su#))
        if st.su in (None, "_n"):
            continue
        values = ds.df[st.su].to_numpy()[rows]
        _, code = np.unique(values.astype(str) if ds.is_string(st.su) else values, return_inverse=True)
        first = np.full(int(group.max()) + 1, -1, np.int64)
        first[group[::-1]] = code.ravel()[::-1]
        if np.any(first[group] != code.ravel()):
            raise StataError(f"hierarchical groups are not nested within {st.su}", 459)


def _group_influence(fit) -> np.ndarray:
    """(G, k): each top-level group's weighted score vector times the model-based (-H)^-1,
    in the fit's own metric (beta, log sd, atanh corr)."""
    from mlmcli.glmm.derivatives import group_scores

    model = fit.model
    S = fit.group_score_rows if fit.group_score_rows is not None else group_scores(model, fit.theta)
    W = model.top_weights()
    if W is not None:
        S = S * np.asarray(W, float)[:, None]
    bread = fit.V_model if fit.V_model is not None else fit.V
    return S @ np.nan_to_num(np.asarray(bread, float))


def _linearized(fit, fit_rows: np.ndarray, sample, level: float):
    """The design's inference in e(b)'s metric and the linearized V in the fit's metric."""
    from mlmcli.commands.estimation.survey_sample import embed
    from mlmcli.glmm.stored_results import eb_layout
    from mlmcli.survey.inference import design_inference

    IF = _group_influence(fit)
    top = np.asarray(fit.model.structure.levels[0].group, np.int64)
    _, first = np.unique(top, return_index=True)
    rows_scores = np.zeros((len(fit_rows), IF.shape[1]))
    rows_scores[first] = IF[top[first]]
    scores = embed(rows_scores, fit_rows, sample.touse)
    from mlmcli.survey.linearized import linearized_variance

    V_theta = linearized_variance(scores, sample.units).V
    names, idx, T, _ = eb_layout(fit)
    eb_scores = np.zeros((scores.shape[0], len(names)))
    eb_scores[:, idx] = scores @ T.T
    b, _ = fit.e_matrices()
    inf = design_inference(np.asarray(b.values, float).ravel(), eb_scores, sample.units, level,
                           weights=sample.weights[sample.touse])
    return inf, V_theta


def _posted(session, name, cmdline, mc, fit, result, V_theta, inf, sample, settings, spec_sample, design_x):
    """e() (the me command's, with the design's V and svy's scalars and macros) and the header."""
    from mlmcli.commands.estimation.me import estimation_results, post_constraints
    from mlmcli.commands.estimation.survey_me_replay import design_result
    from mlmcli.commands.estimation.survey_sample import header_of, strata_matrices, survey_ereturn
    from mlmcli.survey.inference import adjusted_wald

    fit2 = dataclasses.replace(fit, V=V_theta)
    title = "Survey: " + result.title
    res = design_result(fit2, result, title, inf.df)
    b, V = fit2.e_matrices()
    tested = [j for j, lab in enumerate(fit.labels)  # e(b)'s fixed columns: one per label, base ones too
              if not (lab.base or lab.omitted) and lab.name != "_cons"]
    test = adjusted_wald(np.asarray(b.values, float).ravel(), np.asarray(V.values, float), tested, inf.df) \
        if tested else None
    e = estimation_results(name, cmdline, mc, fit2.spec, design_x, spec_sample, fit2, res)
    post_constraints(session, e, fit, mc)
    command = cmdline.split(":", 1)[-1].strip()
    scalars, macros = survey_ereturn(sample, settings, inf, name, title, command)
    e.scalars.update(scalars)
    for key in ("chi2", "p", "ll_c", "chi2_c", "p_c", "df_c"):  # svy's F replaces the Wald and LR tests
        e.scalars.pop(key, None)
    if test is not None:
        e.scalars.update(F=test[0], df_m=test[1])
    for key in ("chi2type", "clustvar"):  # no vce(cluster) of the command's own
        e.macros.pop(key, None)
    e.scalars.pop("N_clust", None)
    e.macros.update(macros)
    e.macros.update(cmd=name, cmdline=cmdline)
    if fit.spec.fixed.censor is not None:  # svy: metobit/meintreg -- e(cmd) meglm, e(cmd2) the command
        from mlmcli.commands.estimation.me_censored import post_censored
        post_censored(session, e, name, mc)
    e.matrices.update(strata_matrices(sample.units))
    e.result = res
    e.title = title
    e.sample = sample.touse.copy()
    e.stamp_sample(session.data)
    return e, header_of(sample, title, narrow=False, test=test)


def _display(session, name: str, header, result, prefix_opts: dict, cmd_opts: dict) -> None:
    from mlmcli.commands.estimation.me_display import display
    from mlmcli.render.survey import render_header

    if not prefix_opts.get("noheader") and not cmd_opts.get("noheader"):
        session.print("\n" + render_header(header))
    if not prefix_opts.get("notable"):
        display(session, name, result, dict(cmd_opts, noheader=True))

