"""gsem with a generalized response or random slopes, fitted by the me commands' engine.

One equation ``y <- x ... [L1[g]] [c.z#L2[g] ...]`` of family bernoulli, binomial, poisson,
ordinal or gaussian is the me model ``meglm y x ... || g: z ..., covariance(unstructured)
family() link()``: the same likelihood, the same fit (mlmcli/glmm), so the numbers are the
me command's ([ME] meglm: the me commands are gsem's multilevel models).  gsem's defaults
hold: latent variables at one level correlated (cov(L1[g]*L2[g]@0) makes them independent),
loadings fixed at 1, adaptive quadrature with 7 points, vce(robust) clustered at the latent
variables' level.  The table is gsem's (mlmcli/sem/generalized.py names it).  Several
generalized equations, or a generalized equation beside others, are refused (r(198));
several Gaussian equations with random slopes are sem/random_slopes.py's.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sem.path_model import PathModel
from mlmcli.sem.fit import variance_rank


def _family_text(resp) -> str:
    fam = resp.family
    if fam == "binomial":
        fam = f"binomial {resp.trials or 1}"
    return f"family({fam}) link({resp.link})"


# [R] maximize's options gsem hands on to the meglm fit of its generalized responses (meglm's
# option specs, me_syntax.COMMON); the other gsem fits refuse them (``refuse_ml_options``)
ML_OPTIONS = ("difficult", "technique", "tolerance", "ltolerance", "nrtolerance", "nonrtolerance", "dnumerical")
ML_VALUED = ("technique", "tolerance", "ltolerance", "nrtolerance")


def ml_option_specs():
    from mlmcli.commands.estimation.me_syntax import COMMON

    return [spec for spec in COMMON if spec.name in ML_OPTIONS]


def refuse_ml_options(opts: dict) -> None:
    """gsem fits without the me engine (multinomial, all-Gaussian) take none of ``ML_OPTIONS``."""
    for name in ML_OPTIONS:
        if opts.get(name) is not None:
            raise StataError(f"option {name}{'()' if name in ML_VALUED else ''} not allowed", 198)


def me_command_line(model: PathModel, cond: str, opts: dict, independent: bool, weight_text: str = "",
                    level_order: tuple[str, ...] = ()) -> str:
    """The meglm command line of the gsem model (its options already checked); ``weight_text``
    (``[pweight = w]``) at the observation level, as gsem's weights are; ``level_order``: the
    groups of random intercepts at nested levels, outermost first (``|| state: || district:``)."""
    if len(model.equations) != 1:
        raise StataError("mlm's gsem fits a generalized response, factor variables or paths to latent variables"
                         " in a model of one equation; several equations are available with Gaussian responses",
                         198)
    from mlmcli.sem.generalized import latent_of, latent_path_terms

    (eq,) = model.equations
    resp = eq.response
    moved = latent_path_terms(model)
    for _, w, term in moved:
        if w in eq.regressors or term in eq.regressors:
            raise StataError(f"{w}: a path to the response and to its latent variable; mlm's gsem would fit"
                             " collinear paths", 198)
    endogenous = {lat for lat, _, _ in moved}
    exogenous = [latent_of(label) for label in eq.order if latent_of(label) not in endogenous]
    if endogenous and len(exogenous) > 1:
        raise StataError("latent variables with paths from observed variables beside two or more without are"
                         " not available in mlm", 198)
    independent = independent or bool(endogenous)  # gsem: errors of endogenous variables uncorrelated
    fixed = " ".join([eq.depvar, *eq.regressors, *[term for _, _, term in moved]])
    if resp.family == "ordinal" and not eq.regressors:
        raise StataError(f"{eq.depvar}: an ordinal response needs a path from an observed variable in mlm", 198)
    fe_opts = []
    if resp.exposure:
        fe_opts.append(f"exposure({resp.exposure})")
    if resp.offset:
        fe_opts.append(f"offset({resp.offset})")
    text = fixed + (f" {cond}" if cond else "") + (f" {weight_text}" if weight_text else "")
    glob = [_family_text(resp)]
    for key in ("vce", "level", "iterate", "intpoints", "intmethod", *(n for n in ML_OPTIONS if n in ML_VALUED)):
        if opts.get(key) is not None:
            glob.append(f"{key}({opts[key]})")
    glob += [name for name in ("nolog", *(n for n in ML_OPTIONS if n not in ML_VALUED)) if opts.get(name)]
    if len(level_order) > 1:
        if fe_opts:
            text += ", " + " ".join(fe_opts)
        return text + "".join(f" || {g}:" for g in level_order) + ", " + " ".join(glob)
    if eq.order:
        groups = {lab.split("[")[-1][:-1] for lab in eq.order}
        (group,) = groups
        slopes = " ".join(x for x, _ in eq.slopes)
        re_opts = [] if eq.latents else ["noconstant"]
        if len(eq.order) > 1:
            re_opts.append(f"covariance({'independent' if independent else 'unstructured'})")
        if fe_opts:
            text += ", " + " ".join(fe_opts)
        return text + f" || {group}: {slopes}, " + " ".join(re_opts + glob)
    return text + ", " + " ".join(fe_opts + glob)


def fit_generalized(session, command_text: str, model: PathModel, cond: str, opts: dict, independent: bool,
                    level: float, weight_text: str = "") -> None:
    """Fit, print gsem's log and table, post e() (e(cmd) gsem, e(predict) gsem_p)."""
    from mlmcli.commands.estimation.convergence import finish, limit_reached
    from mlmcli.commands.estimation.me import build_spec, fit_and_log, with_log_line
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.commands.estimation.me_syntax import FE_OPTIONS, global_options
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    from mlmcli.render.glmm_display import is_pseudo, render_me_iteration_log
    from mlmcli.render.sem_display import render_sem
    from mlmcli.sem.generalized import gsem_fit

    order = nested_levels(session.data, [lat.group for lat in model.equations[0].latents]) \
        if len(model.equations) == 1 else ()
    text = me_command_line(model, cond, opts, independent, weight_text, order)
    (eq,) = model.equations
    independent = independent or bool(model.latent_paths)  # as me_command_line fitted it
    mc = parse_mixed(text, global_options("meglm"), FE_OPTIONS)
    spec, design, sample, notes = build_spec(session, "meglm", mc)
    nolog = bool(opts.get("nolog"))
    fit, result = fit_and_log(session, spec, list(design.notes) + notes, None if nolog else
                              lambda r: with_log_line(render_me_iteration_log(r.iteration_log, pseudo=is_pseudo(r)),
                                                      r.converged))
    session.print("")  # ml's display starts with a blank line, after the log or without one
    fx = spec.fixed
    offset_kind = "exposure" if eq.response.exposure else "offset" if eq.response.offset else None
    vce = "oim" if fx.vce in (None, "oim") else fx.vce
    n_clust = int(fit.n_clusters) if vce == "cluster" and fit.n_clusters else None
    sem = gsem_fit(fit, model, level=level, nolog=True, independent=independent, vce=vce,
                   clustvar=fx.cluster_var if vce == "cluster" else None, n_clust=n_clust,
                   pseudo=is_pseudo(result), offset_label=fx.offset_name, offset_kind=offset_kind,
                   level_paths=level_paths(order))
    from mlmcli.factor_variables import design_as_fitted

    kept = design_as_fitted(design, fit.labels)
    if kept is not None:  # margins' hook (sem.gsem_margins)
        sem.extra.update(margins_design=kept, n_quad=fit.spec.points if fit.spec.terms else 7)
    b, V = sem.e_matrices()

    scalars = {"N": float(sem.n), "ll": sem.loglik, "k": float(sem.n_parameters()),
               "rank": variance_rank(V.values),
               "k_dv": 1.0, "converged": 1.0 if sem.converged else 0.0}
    if fit.spec.terms:
        scalars["n_quad"] = float(fit.spec.points)
    macros = {"cmd": "gsem", "cmdline": command_text, "depvar": eq.depvar, "predict": "gsem_p",
              "title": "Generalized structural equation model", "vce": vce, "method": "ml",
              "properties": "b V", "family1": eq.response.family, "link1": eq.response.link}
    if fit.spec.terms:
        macros["intmethod"] = fit.spec.method
    if kept is not None:
        from mlmcli.sem.gsem_margins import marginsdefault

        macros["marginsdefault"] = marginsdefault(sem)
    if vce != "oim":
        macros["vcetype"] = "Robust"
    if n_clust is not None:
        macros["clustvar"] = fx.cluster_var
        scalars["N_clust"] = float(n_clust)
    full = np.asarray(sample, bool).copy()
    full[np.flatnonzero(full)] = np.asarray(fit.used, bool)
    e = EstimationResults(cmd="gsem", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=sem.result(), model=sem, sample=full, design=kept)
    e.stamp_sample(session.data)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats_with_notes

    session.print(render_sem(e.result, replay=True, **display_formats_with_notes(session, opts)))
    phases = result.iteration_log.phases
    at_limit = bool(phases) and limit_reached(phases[-1].steps, fx.iterate)
    finish(session, e, converged=result.converged, at_limit=at_limit, iterate_typed=opts.get("iterate") is not None)


def nested_levels(ds, groups: list[str]) -> tuple[str, ...]:
    """Groups of random intercepts at several levels ordered outermost first: each later group
    must nest in the one before (every value of it within one value of that group, on the
    observations where both are nonmissing); crossed groups are refused.  One group or none: ()."""
    groups = list(dict.fromkeys(groups))
    if len(groups) < 2:
        return ()
    import pandas as pd

    frame = pd.DataFrame({g: ds.numeric(g) for g in groups})

    def nests(inner: str, outer: str) -> bool:
        pair = frame[[inner, outer]].dropna()
        return bool((pair.groupby(inner)[outer].nunique() <= 1).all())

    order = sorted(groups, key=lambda g: frame[g].nunique())
    for outer, inner in zip(order, order[1:]):
        if not nests(inner, outer):
            raise StataError(f"latent variables at levels {outer} and {inner}: {inner} is not nested within {outer};"
                             " crossed latent variables are not available in mlm's gsem", 198)
    return tuple(order)


def level_paths(order: tuple[str, ...]) -> dict[str, str] | None:
    """The me engine's path of each nested level (``state``, ``state>district``)."""
    return {g: ">".join(order[:k + 1]) for k, g in enumerate(order)} if order else None

