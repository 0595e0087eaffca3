"""gsem with several equations that share no parameter, fitted equation by equation.

When at most one equation has latent variables (random intercepts, possibly at nested levels:
``(m <- x z) (y <- m x L1[district] L2[state], logit)``, a multilevel mediation model) and no
path leads to a latent variable, gsem's likelihood is a sum over the equations, each with its
own parameters: the errors of observed endogenous variables are uncorrelated and latent
variables enter one equation only.  The joint maximum is then each equation's maximum, and
the information matrix is block diagonal, so every equation is fitted alone by the me
commands' engine (``meglm`` of its family and link, with ``|| state: || district:`` for the
random intercepts) and the blocks are put together in gsem's order: each equation's paths (its
latent variables with loadings constrained to 1), then the latent variances, then the error
variances ``var(e.y)``.  Each equation uses the observations where its own variables are
present (gsem's default equation-wise deletion); e(N) counts the observations used by any.

The log is the equation with latent variables' (else the last non-Gaussian one's) with the
others' maximized log likelihoods added -- the joint log when the others start at their
maximum, as they do from gsem's fixed-effects starting values when they are Gaussian; with
Gaussian equations only it is the one line at the maximum, as sem/estimate.py's closed form.
vce(robust), vce(cluster) and pweights (whose scores would couple the equations) and ordinal
responses (their cutpoints' names) are refused; fweights are each equation's."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sem.path_model import PathModel
from mlmcli.sem.fit import variance_rank


def separable(model: PathModel) -> bool:
    """Several equations, at most one with latent variables, no paths to latent variables."""
    with_latents = [eq for eq in model.equations if eq.random_labels]
    return len(model.equations) > 1 and len(with_latents) <= 1 and not model.latent_paths


def _shifted(log, shift: float):
    """The iteration log with ``shift`` added to every log likelihood."""
    phases = tuple(dataclasses.replace(ph, steps=tuple(dataclasses.replace(s, loglik=s.loglik + shift)
                                                       for s in ph.steps)) for ph in log.phases)
    return dataclasses.replace(log, phases=phases)


def _main_index(model: PathModel) -> int:
    for k, eq in enumerate(model.equations):
        if eq.random_labels:
            return k
    generalized = [k for k, eq in enumerate(model.equations) if not eq.response.gaussian]
    return generalized[-1] if generalized else len(model.equations) - 1


def fit_separable(session, command_text: str, model: PathModel, cond: str, opts: dict, independent: bool,
                  level: float, weight_text: str = "") -> None:
    from mlmcli.commands.estimation.convergence import finish, limit_reached
    from mlmcli.commands.estimation.gsem_generalized import level_paths, me_command_line, nested_levels
    from mlmcli.commands.estimation.me import build_spec, fit_and_log, with_log_line
    from mlmcli.commands.estimation.me_syntax import FE_OPTIONS, global_options
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.glmm_display import render_me_iteration_log
    from mlmcli.render.sem_display import render_sem
    from mlmcli.sem.fit import SEMFit
    from mlmcli.sem.generalized import gsem_fit

    if opts.get("vce") is not None:
        raise StataError("vce(robust) and vce(cluster) of a gsem whose equations mlm fits one by one are not"
                         " available in mlm", 198)
    if weight_text[1:].lstrip().lower().startswith("p"):  # robust, clustered at the top level across equations
        raise StataError("pweights of a gsem whose equations mlm fits one by one are not available in mlm", 101)
    if any(eq.response.family == "ordinal" for eq in model.equations):
        raise StataError("an ordinal response beside other equations is not available in mlm's gsem", 198)
    blocks = []
    for eq in model.equations:  # every equation parsed and its sample built before any fit
        order = nested_levels(session.data, [lat.group for lat in eq.latents])
        text = me_command_line(PathModel((eq,)), cond, opts, independent, weight_text, order)
        mc = parse_mixed(text, global_options("meglm"), FE_OPTIONS)
        spec, design, sample, notes = build_spec(session, "meglm", mc)
        blocks.append((eq, order, spec, design, sample, notes))
    main = _main_index(model)
    closed_form = model.equations[main].response.gaussian and not model.equations[main].random_labels
    fitted: dict[int, tuple] = {}
    for k in [k for k in range(len(blocks)) if k != main] + [main]:
        eq, order, spec, design, sample, notes = blocks[k]
        others = sum(float(fitted[j][0].loglik) for j in fitted)
        show = k == main and not opts.get("nolog") and not closed_form
        fit, result = fit_and_log(session, spec, list(design.notes) + notes, None if not show else
                                  lambda r, others=others: with_log_line(
                                      render_me_iteration_log(_shifted(r.iteration_log, others)), r.converged))
        fitted[k] = (fit, result)
    if closed_form and not opts.get("nolog"):  # Gaussian equations only: least squares, at the maximum at once
        from mlmcli.render.iteration_log import iteration_line

        total = sum(float(f.loglik) for f, _ in fitted.values())
        session.print("\n" + iteration_line(0, total, "log likelihood"))
    session.print("")
    sems, used = [], np.zeros(len(session.data.df), bool)
    for k, (eq, order, spec, design, sample, notes) in enumerate(blocks):
        fit, result = fitted[k]
        fx = spec.fixed
        kind = "exposure" if eq.response.exposure else "offset" if eq.response.offset else None
        sems.append(gsem_fit(fit, PathModel((eq,)), level=level, nolog=True, independent=independent, vce="oim",
                             clustvar=None, n_clust=None, pseudo=False, offset_label=fx.offset_name,
                             offset_kind=kind, level_paths=level_paths(order)))
        full = np.asarray(sample, bool).copy()
        full[np.flatnonzero(full)] = np.asarray(fit.used, bool)
        used |= full
    names, b, constrained, variances, offsets = [], [], set(), set(), []
    place: list[list[int]] = [[] for _ in sems]

    def take(k: int, j: int) -> None:
        s = sems[k]
        if j in s.constrained:
            constrained.add(len(names))
        if j in s.variances:
            variances.add(len(names))
        place[k].append(j)
        names.append(s.names[j])
        b.append(float(s.b[j]))

    for k, s in enumerate(sems):  # paths (with the constrained loadings), equation by equation
        for j, nm in enumerate(s.names):
            if not nm.startswith(("var(", "cov(")):
                take(k, j)
        offsets += list(s.offset_rows)
    for prefix in (("var(", "cov("), ("var(e.",)):  # latent (co)variances, then error variances
        for k, s in enumerate(sems):
            for j, nm in enumerate(s.names):
                if nm.startswith(prefix) and (prefix == ("var(e.",) or not nm.startswith("var(e.")):
                    take(k, j)
    V = np.zeros((len(names), len(names)))  # block diagonal: no parameter is shared
    for k, s in enumerate(sems):
        cols = [names.index(s.names[j]) for j in place[k]]
        V[np.ix_(cols, cols)] = s.V[np.ix_(place[k], place[k])]
    main_fit, main_result = fitted[main]
    loglik = float(sum(float(f.loglik) for f, _ in fitted.values()))
    converged = all(bool(r.converged) for _, r in fitted.values())
    sem = SEMFit("gsem", model, tuple(names), np.asarray(b), V, loglik, int(used.sum()), level,
                 tuple(s + loglik - float(main_fit.loglik) for s in sems[main].iterations),
                 constrained=frozenset(constrained), variances=frozenset(variances), converged=converged,
                 nolog=True, offset_rows=tuple(offsets))
    bm, Vm = sem.e_matrices()
    scalars = {"N": float(sem.n), "ll": loglik, "k": float(sem.n_parameters()),
               "rank": variance_rank(V),
               "k_dv": float(len(model.equations)), "converged": 1.0 if converged else 0.0}
    macros = {"cmd": "gsem", "cmdline": command_text, "depvar": " ".join(model.endogenous), "predict": "gsem_p",
              "title": "Generalized structural equation model", "vce": "oim", "method": "ml",
              "properties": "b V"}
    for k, eq in enumerate(model.equations, 1):
        macros[f"family{k}"], macros[f"link{k}"] = eq.response.family, eq.response.link
    if main_fit.spec.terms:
        scalars["n_quad"] = float(main_fit.spec.points)
        macros["intmethod"] = main_fit.spec.method
    e = EstimationResults(cmd="gsem", scalars=scalars, macros=macros, matrices={"b": bm, "V": Vm},
                          result=sem.result(), model=sem, sample=used)
    e.stamp_sample(session.data)
    session.e = e
    session.print(render_sem(e.result, replay=True))
    phases = main_result.iteration_log.phases
    at_limit = bool(phases) and limit_reached(phases[-1].steps, blocks[main][2].fixed.iterate)
    finish(session, e, converged=converged, at_limit=at_limit, iterate_typed=opts.get("iterate") is not None)
