"""Multinomial probit regression with independent errors ([R] mprobit), on
``mlmcli.glm.multinomial_probit``:

    mprobit depvar [indepvars] [if] [in] [, noconstant baseoutcome(#|lbl) probitparam intpoints(#)
            level(#) nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) display_options]

As mprobit.ado: the outcomes are depvar's sorted values (at most 30: r(149); one: r(148)), the
base the most frequent (the first of equally frequent ones) unless baseoutcome() names a value or
a value label (else r(459)); the start is mlogit's fit times sqrt(6)/pi (sqrt(3)/pi under
probitparam); ml's log, a Wald test of the slopes (waldtest(K-1)), and mlogit's table with
``(base outcome)``, titled "Multinomial probit regression".  intpoints() (1 to 500, r(498)) sets
the Gauss-Hermite nodes; mprobit.ado's own rule at those nodes is not at hand, so the last
digits of ln L and the coefficients may differ from Stata's (decided).  predict: mlogit's
(pr outcome(), xb, stdp) with the probit's probabilities.  The command typed alone replays.
vce(robust|cluster v): ml's sandwich of the scores (N/(N-1) or G/(G-1)).  Refused by name (not
landed): weights, vce(bootstrap|jackknife), constraints(), from(), score().
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"mprobit": "mprobit depvar [indepvars] [if] [in] [, baseoutcome() probitparam intpoints(#) noconstant] : "
                   "multinomial probit regression (independent errors)"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 6), OptionSpec("notable", 7),
            OptionSpec("nocnsreport", 6)]
_OPTIONS = [
    OptionSpec("intpoints", 4, takes_arg=True), OptionSpec("noconstant", 6),
    OptionSpec("baseoutcome", 4, takes_arg=True),
    OptionSpec("probitparam", 6), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
    OptionSpec("from", 4, takes_arg=True), OptionSpec("score", 2, takes_arg=True), *_DISPLAY,
]


def cmd_mprobit(session, cmd) -> None:
    import dataclasses

    from mlmcli.commands.estimation.choice_common import refuse_unlanded, typed_outcome_index
    from mlmcli.commands.estimation.common import (depvar_and_terms, display_option_specs,
                                                   table_options_with_notes, weighted_sample)
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.commands.estimation.mlogit import outcome_names
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial
    from mlmcli.commands.postestimation.margins_choice_models import MprobitFit
    from mlmcli.glm.multinomial_probit import ProbitLikelihood, fit_multinomial_probit
    from mlmcli.results.glmm import IterationPhase
    from mlmcli.syntax.options import STANDARD_VCE_KINDS, integer_option, refuse_unbuilt_vce

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + display_option_specs())
    refuse_unlanded(opts, cmd, "mprobit", ("constraints", "from", "score"))
    refuse_unbuilt_vce(opts.get("vce"), STANDARD_VCE_KINDS, ("oim", "robust", "cluster"), "mprobit")
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce

    vce, clustvar = sandwich_vce(ds, opts, "oim")
    depvar, terms = depvar_and_terms(session, cmd.args)
    if ds.is_string(depvar):
        raise StataError(f"depvar {depvar} is a string variable; use encode to convert it", 108)
    table = table_options_with_notes(session, opts)
    sample, _, _ = weighted_sample(session, cmd, [depvar] + term_variables(terms), ())
    if clustvar:
        from mlmcli.sample import mark_sample

        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    if design.X.shape[1] == 0:
        raise StataError("too few variables specified", 102)
    y = ds.numeric(depvar)[sample]
    values = np.unique(y)
    if len(values) == 1:
        raise StataError(f"there is only one outcome in {depvar}", 148)
    if len(values) > 30:
        raise StataError(f"there are {len(values)} outcomes in {depvar}; the maximum number of outcomes is 30", 149)
    outcomes = tuple(float(v) for v in values)
    codes = np.searchsorted(values, y)
    base = typed_outcome_index(opts.get("baseoutcome"), ds, depvar, outcomes,  # mlogit's: the most frequent
                                int(np.argmax(np.bincount(codes, minlength=len(values)))))
    points = integer_option(opts, "intpoints", 15)
    if len(values) > 2 and points < 1:
        raise StataError("intpoints() must be greater than zero", 498)
    if len(values) > 2 and points > 500:
        raise StataError(f"intpoints({points}) is excessive; typically no accuracy is gained beyond 30", 498)
    ml = ml_settings(session, opts)
    spec = MultinomialSpec(depvar=depvar, y=codes, outcomes=outcomes, eq_names=outcome_names(ds, depvar, outcomes),
                           base=base, X=design.X, labels=tuple(design.labels), constant=not opts.get("noconstant"),
                           **{**ml, "iterate": 50})
    level = confidence_level(opts, getattr(session, "level", 95.0))
    try:
        logit = fit_multinomial(spec, level)
    except StataError:
        raise StataError("mlogit initial estimates failed; try using the from() option", 498) from None
    probitparam = bool(opts.get("probitparam"))
    start = logit.theta * (np.sqrt(3.0) if probitparam else np.sqrt(6.0)) / np.pi
    lik = ProbitLikelihood(design.X, codes, base, len(values), np.ones(len(codes)), probitparam, points)
    p = design.X.shape[1]
    cons = [k * p + p - 1 for k in range(len(values) - 1)] if not opts.get("noconstant") else []
    lik.grad_hess = _refusing_flat_regions(lik.grad_hess, lik.loglik, cons)
    with np.errstate(all="ignore"):
        res, V = fit_multinomial_probit(lik, start, **ml)
        n_clusters = None
        if vce != "oim":  # ml's sandwich: N/(N-1), or G/(G-1) over clusters
            from mlmcli.glm.fit import sandwich

            codes = group_codes(ds, clustvar, sample) if clustvar else None
            V = sandwich(lik.grad_hess(res.x)[1], lik.scores(res.x), codes)
            n_clusters = int(codes.max()) + 1 if codes is not None else None
    spec = dataclasses.replace(spec, **ml, vce=vce, cluster_var=clustvar)
    fit = MprobitFit(spec=spec, model=logit.model, theta=res.x, V=V, loglik=res.f, ll_0=float("nan"),
                               converged=res.converged, phases=[IterationPhase("", tuple(res.steps))],
                               limit_reached=res.limit_reached, level=level, robust=vce != "oim",
                               n_clusters=n_clusters)
    fit.probitparam, fit.points, fit.margins_design = probitparam, points, design
    e = _ereturn(cmd, fit, design, sample, points, probitparam, ds)
    session.e = e
    _display(session, e, opts, nolog=bool(opts.get("nolog")), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _refusing_flat_regions(grad_hess, loglik, cons):
    """grad_hess that stops the fit where the likelihood is flat: every equation's constant
    without curvature (each outcome's probability saturated at 0 or 1 against the base: the
    numerical Hessian's _cons diagonal 0), or, without constants, a Hessian of zeros at a log
    likelihood of 0.  Newton would step "(not concave)" for all of iterate()'s 16,000
    iterations.  ml's message for a flat region (decided without a Stata log of this case)."""
    def checked(theta):
        g, H = grad_hess(theta)
        if cons:
            flat = bool(np.all(np.abs(np.diag(H)[cons]) <= 1e-12))
        else:
            flat = not np.any(np.abs(H) > 1e-12) and loglik(theta) > -1e-8
        if flat:
            raise StataError("could not calculate numerical derivatives -- flat or discontinuous region encountered",
                             430)
        return g, H
    return checked


def _ereturn(cmd, fit, design, sample, points, probitparam, ds):
    from mlmcli.commands.estimation.mlogit import outcome_label
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.matrix import Matrix

    spec = fit.spec
    result = fit.result()
    b, V = fit.e_matrices()
    K = spec.K
    scalars = {"N": float(len(spec.y)), "k": float(b.values.shape[1]), "k_eq": float(K), "k_eq_model": float(K),
               "k_dv": 1.0, "df_m": float(result.df_m), "ll": fit.loglik, "chi2": result.chi2, "p": result.p,
               "k_indvars": float(sum(1 for lab in spec.labels if lab.name != "_cons")),
               "const": float(spec.constant), "k_out": float(K), "ibaseout": float(spec.base + 1),
               "baseout": spec.outcomes[spec.base], "k_points": float(points if K > 2 else 0),
               "probitparam": float(probitparam), "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.phases[0].steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    macros = {"cmd": "mprobit", "cmdline": (cmd.text or f"mprobit {cmd.args}").strip(), "depvar": spec.depvar,
              "title": "Multinomial probit regression", "chi2type": "Wald", "vce": spec.vce, "opt": "moptimize",
              "which": "max", "ml_method": "e1", "user": "mprobit_lf", "technique": "nr",
              "crittype": "log pseudolikelihood" if spec.vce != "oim" else "log likelihood", "properties": "b V",
              "predict": "mprobit_p",
              "marginsnotok": "stdp SCores", "outeqs": " ".join(spec.eq_names),
              "indvars": " ".join(lab.name for lab in spec.labels if lab.name != "_cons")}
    if spec.vce != "oim":
        macros["vcetype"] = "Robust"
    if spec.cluster_var:
        macros["clustvar"] = spec.cluster_var
        scalars["N_clust"] = float(fit.n_clusters)
    for i, v in enumerate(spec.outcomes, start=1):
        macros[f"out{i}"] = outcome_label(ds, spec.depvar, v) or f"{v:g}"
    matrices = {"b": b, "V": V, "outcomes": Matrix(np.array(spec.outcomes, float)[:, None],
                                                   tuple(f"r{i + 1}" for i in range(K)), ("c1",))}
    e = EstimationResults(cmd="mprobit", scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=fit, sample=sample, title=macros["title"], design=design)
    return e


def _display(session, e, opts: dict, *, nolog: bool, table=None) -> None:
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.render.multinomial_table import render_multinomial

    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = e.model.result(level)
    table = table if table is not None else table_options_with_notes(session, opts)
    session.print(render_multinomial(result, linesize=session.linesize, nolog=nolog,
                                     noheader=bool(opts.get("noheader")), notable=bool(opts.get("notable")),
                                     cnsreport=not opts.get("nocnsreport"), options=table))


def replay(session, e) -> None:
    _display(session, e, {}, nolog=True)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import replay_typed as replay_command

    replay_command(session, cmd, "mprobit", _DISPLAY, lambda session, e, opts, log: _display(session, e, opts,
                                                                                          nolog=not log))
