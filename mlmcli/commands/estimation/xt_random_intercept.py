"""The random-effects forms of ``xtlogit``, ``xtprobit`` and ``xtpoisson, normal``:

    xtlogit depvar [indepvars] [if] [in] [, re i(panelvar) noconstant offset(varname) or
            intmethod(mvaghermite|aghermite|ghermite) intpoints(#) vce(oim|robust|cluster v)
            level(#) nolog iterate(#) tolerance(#) ltolerance(#) constraints(numlist) from(init_specs)
            collinear]  (xtlogit's constraints(): commands.estimation.xt_re_constraints)

A random intercept per panel, u_i ~ N(0, sigma_u^2): the glmm engine's model of
``melogit depvar indepvars || panelvar:`` (``meprobit``, ``mepoisson``) integrated by
mean-variance adaptive Gauss-Hermite quadrature with 12 points unless ``intpoints(#)`` (Stata
13's default for these commands; ``aghermite`` is the mode-curvature scheme).  Reported in the
xt way: ``/lnsig2u`` = ln sigma_u^2 (the estimation metric: e(b)'s ``lnsig2u:_cons``),
``sigma_u`` = exp(lnsig2u / 2) and, for the binary models, ``rho`` = sigma_u^2 / (sigma_u^2
+ c) with c = pi^2/3 (logit) or 1 (probit); their SEs by the delta method, their confidence
limits the transformed limits of ``/lnsig2u``.  The LR test of rho = 0 (sigma_u = 0) compares
with the pooled model: chibar2(01).  ``xtpoisson, re`` without ``normal`` is the gamma model
(``mlmcli.panel.poisson_gamma``: closed-form likelihood, ``/lnalpha`` and ``alpha`` = the
variance of the gamma-distributed effect, LR test of alpha = 0 against ``poisson``).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options, table_options_with_notes
from mlmcli.commands.estimation.convergence import finish, limit_reached
from mlmcli.commands.estimation.xt_re_results import estimated_names, estimation_results, make_result, parameter_rows
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

MODELS = {"xtlogit": ("melogit", "or", "Odds Ratio", "logistic"),
          "xtprobit": ("meprobit", None, None, "probit"),
          "xtpoisson": ("mepoisson", "irr", "IRR", "Poisson"),
          "xtcloglog": ("mecloglog", "eform", "exp(b)", "cloglog")}


def options_of(cmdname: str) -> list[OptionSpec]:
    opts = [OptionSpec("re", 2), OptionSpec("i", 1, takes_arg=True), OptionSpec("noconstant", 6),
            OptionSpec("offset", 3, takes_arg=True), OptionSpec("intmethod", 4, takes_arg=True),
            OptionSpec("intpoints", 4, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
            OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
            *display_option_specs()]  # [XT] xtlogit ... display_options, coeflegend
    eform = MODELS[cmdname][1]
    if eform:
        opts.append(OptionSpec(eform, 2 if eform in ("or", "eform") else 3))
    if cmdname == "xtpoisson":
        # xtpoisson.ado's syntax also has the old Robust (the gamma model's vce(robust))
        opts += [OptionSpec("normal", 4), OptionSpec("exposure", 1, takes_arg=True), OptionSpec("robust", 1)]
    if cmdname == "xtlogit":  # mlopts' collinear and constraints(), Estimate's FROM(string)
        opts += [OptionSpec("collinear", 3), OptionSpec("constraints", 5, takes_arg=True),
                 OptionSpec("from", None, takes_arg=True), OptionSpec("nocnsreport", 7)]
    return opts


def _intmethod(opts: dict) -> str:
    if "intmethod" not in opts:
        return "mvaghermite"
    from mlmcli.syntax.options import choice_option
    chosen = choice_option(opts["intmethod"], (("mvaghermite", 2), ("aghermite", 1), ("ghermite", 2)), "intmethod")
    return "mcaghermite" if chosen == "aghermite" else chosen


def intpoints_option(opts: dict, cmdname: str | None = None) -> int:
    """``intpoints(#)`` of the xt random-effects commands (xtlogit ... xttobit): 12 unless given, 1 to 195
    (xtcloglog.ado: 4 to 195)."""
    if "intpoints" not in opts:
        return 12
    try:
        q = int(str(opts["intpoints"]).strip())
    except ValueError:
        raise StataError("intpoints() must be an integer", 198) from None
    if cmdname == "xtcloglog" and not 4 <= q <= 195:
        raise StataError("number of quadrature points must be between 4 and 195", 198)
    if not 1 <= q <= 195:
        raise StataError("intpoints() must be between 1 and 195", 198)
    return q


# ====================================================================== the fit
def fit_random_intercept(session, cmd, cmdname: str) -> None:
    from mlmcli.commands.estimation.me import build_spec
    from mlmcli.commands.estimation.panel_common import random_intercept_command

    opts = resolve_options(cmd.options, options_of(cmdname))
    table_options(opts)  # _get_diopts runs before the fit: a bad cformat() or fvwrap() fits nothing
    gamma = cmdname == "xtpoisson" and not opts.get("normal")
    if opts.pop("robust", None):
        if not gamma:  # the normal model's xtps_ren has no robust option
            raise StataError("option robust not allowed", 198)
        opts.setdefault("vce", "robust")
    from mlmcli.commands.estimation.xt_re_weights import panel_weight, refuse_with_vce

    weight = panel_weight(cmd, cmdname, gamma=gamma, normal_poisson=cmdname == "xtpoisson" and not gamma)
    if gamma and ("intmethod" in opts or "intpoints" in opts):
        raise StataError(f"option {'intmethod' if 'intmethod' in opts else 'intpoints'}() not allowed", 198)
    from mlmcli.commands.estimation.xt_re_replicates import replicate_request

    request = replicate_request(opts, cmdname, MODELS[cmdname][1:3])
    if weight is not None:
        refuse_with_vce(opts.get("vce") if not gamma else None, request, cmdname)
    if request is not None:
        opts = {k: v for k, v in opts.items() if k != "vce"}
        opts["nolog"] = True  # the prefix's full-sample run is quiet
    mc, ivar = random_intercept_command(session, cmd, opts, ("offset", "exposure"),
                                        noconstant=bool(opts.get("noconstant")), iweight=weight)
    spec, design, sample, notes = build_spec(session, MODELS[cmdname][0], mc)
    from mlmcli.commands.estimation.panel_common import check_panels_in_clusters

    check_panels_in_clusters(spec)  # xtlogit.ado: _xtreg_chk_cl2 `clust' `ivar' `touse'
    if weight is not None:  # the panel's iweight as its level weight: ln L = sum_i w_i ln L_i
        spec = dataclasses.replace(spec, level_iweights=True)
    from mlmcli.commands.estimation.common import check_collinear_option

    check_collinear_option(opts, design, cmdname)
    constraints = None
    if opts.get("constraints") is not None:  # commands.estimation.xt_re_constraints
        from mlmcli.commands.estimation.xt_re_constraints import with_constraints

        if request is not None:  # the replicates' model test would need the constraints too
            raise StataError(f"option constraints() with vce({request[0]}) not supported by mlmcli", 198)
        spec, *constraints = with_constraints(session, spec, design, str(opts["constraints"]))
        constraints = None if constraints[0] is None else constraints
    if opts.get("from") is not None:
        spec = _with_start(session, spec, design, str(opts["from"]))
    notes = list(design.notes) + notes
    cmdline = (cmd.text or cmdname).strip()
    if gamma:
        for note in notes:
            session.print(note)
        e, at_limit = _fit_gamma(session, spec, design, sample, ivar, cmdline, opts, request)
    else:
        e, at_limit = _fit_gaussian(session, cmdname, spec, design, sample, ivar, cmdline, opts, notes, request,
                                    constraints)
    if weight is not None:
        from mlmcli.commands.estimation.xt_re_weights import weight_macros

        e.macros.update(weight_macros(cmd))
    e.stamp_sample(session.data)
    session.e = e
    display(session, e, opts)
    finish(session, e, converged=bool(e.scalars.get("converged", 1.0)), at_limit=at_limit,
           iterate_typed=opts.get("iterate") is not None)


def _with_start(session, spec, design, text: str):
    """from(): xtlogit.ado's ``_mkvec `from', colnames(names)`` over (b, lnsig2u) -- the values
    given, 0 the others -- as the engine's start (ln sigma_u = lnsig2u / 2); a copy of another
    length is _mkvec's r(503), a name the model lacks without skip ml's r(111)."""
    from mlmcli.graphs.fpfit_ml_start import start_values_from

    names = [f"{spec.fixed.depvar}:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    start = np.nan_to_num(start_values_from(session, names + ["lnsig2u:_cons"], text))
    start[-1] /= 2.0
    return dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, start=start))


def _log(session, opts, phases, converged: bool = True, pseudo: bool = False) -> None:
    if opts.get("nolog"):
        return
    from mlmcli.commands.estimation.me import with_log_line
    from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log
    from mlmcli.results.glmm import IterationLog

    text = with_log_line(render_xt_re_iteration_log(IterationLog(tuple(phases)), pseudo), converged)
    if text:
        session.print(text)


def _fit_gaussian(session, cmdname, spec, design, sample, ivar, cmdline, opts, notes, request=None,
                  constraints=None):
    from mlmcli.commands.estimation.me import fit_and_log, with_log_line
    from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log

    spec = dataclasses.replace(spec, intmethod=_intmethod(opts), intpoints=intpoints_option(opts, cmdname))
    started = spec.fixed.start is not None
    pseudo = spec.fixed.vce != "oim" or spec.fixed.cluster is not None  # vce(robust|cluster): crittyp()
    comparison = None
    if constraints is not None and not started:  # the comparison logit under the constraints
        from mlmcli.commands.estimation.xt_re_constraints import comparison_fit

        comparison = comparison_fit(spec, constraints[1])

    def log_text(r):
        log = r.iteration_log
        if comparison is not None and comparison.phases:
            log = dataclasses.replace(log, phases=(dataclasses.replace(log.phases[0], steps=tuple(
                comparison.phases[-1].steps)),) + tuple(log.phases[1:]))
        return with_log_line(_started_log(log, pseudo) if started else render_xt_re_iteration_log(log, pseudo),
                             r.converged)

    fit, glmm = fit_and_log(session, spec, notes, None if opts.get("nolog") else log_text)
    if fit.robust:  # _xt_robust's ``di`` and heading, not under the ado's nolog
        session.print("\nCalculating robust standard errors:")
    p = fit.model.p
    T = np.eye(len(fit.theta))
    T[p, p] = 2.0  # ln sd -> lnsig2u = 2 ln sd
    fit.xt_eb_transform = T  # margins' vce(unconditional): the influence in e(b)'s (b, lnsig2u)
    fit.xt_unconditional = True
    g = glmm.groups[0].summary
    lr = None if started else glmm.lr_test  # from(): xtlogit fits no comparison model, posts no e(ll_c)
    fixed, wald, labels = glmm.fixed, (glmm.wald_chi2, glmm.wald_df, glmm.wald_p), ()
    if constraints is not None:
        fixed, wald, lr = _constrained_parts(fit, glmm, comparison, T)
        labels = constraints[0].labels
    comparison_ll = {}
    if lr is None and not started and constraints is None and fit.robust:  # not shown, still posted
        lnsig2u = float((T @ fit.theta)[-1])
        comparison_ll = dict(ll_c=float(fit.ll_single), chi2_c=0.0 if lnsig2u <= -14 else
                             abs(2.0 * (fit.loglik - float(fit.ll_single))))
    result = make_result(cmdname, fit.spec.depvar, ivar, fit.nobs(), g, "Gaussian", fixed, T @ fit.theta,
                         T @ np.nan_to_num(fit.V) @ T.T, glmm.level, wald,
                         fit.loglik, lr, **comparison_ll, intmethod=fit.spec.method, intpoints=fit.spec.points,
                         robust=fit.robust, cluster=(glmm.n_clusters, glmm.cluster_var) if glmm.cluster_var else None,
                         constraint_labels=labels)
    phases = glmm.iteration_log.phases
    at_limit = bool(phases) and limit_reached(phases[-1].steps, spec.fixed.iterate)
    theta, V = T @ fit.theta, T @ np.nan_to_num(fit.V) @ T.T
    extra = None
    if request is not None:
        from mlmcli.glmm.spec import subset_random_intercept as subset_glmm_spec

        used = np.flatnonzero(np.asarray(fit.used, bool))
        codes = np.unique(np.asarray(spec.terms[0].group)[used], return_inverse=True)[1]
        start = spec.fixed.start if spec.fixed.start is not None else fit.theta
        from mlmcli.glmm.rescaled_fit import fit_glmm_rescaled

        def refit_rows(rows, panels):
            sub = subset_glmm_spec(spec, used[rows], panels)
            r = fit_glmm_rescaled(dataclasses.replace(sub, fixed=dataclasses.replace(sub.fixed, start=start)))
            if not r.converged or len(r.theta) != len(theta) or not np.all(r.used):
                raise ValueError("replicate did not converge")
            return T @ r.theta

        V, extra = _replicated(session, request, cmdname, theta, refit_rows, codes, sample, ivar,
                               estimated_names(fit.spec.depvar, fit.labels, "lnsig2u"))
        result = _replicate_result(result, fit.labels, theta, V, extra, cmdname, "lnsig2u")
    e = estimation_results(cmdname, cmdline, fit, result, fit.labels, theta, V, fit.used, sample, design, ivar,
                           "lnsig2u", fit.converged, robust=fit.robust and extra is None)
    if constraints is not None:  # e(Cns) over e(b)'s columns
        from mlmcli.postest.ml_constraints import cns_matrix

        names = e.matrices["b"].colnames
        est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)] + [len(names) - 1]
        e.matrices["Cns"] = cns_matrix(constraints[0], names, est)
    if extra is not None:
        from mlmcli.commands.estimation.xt_re_replicates import replicate_ereturn

        replicate_ereturn(e, extra)
    return e, at_limit


def _constrained_parts(fit, glmm, comparison, T):
    """(the table's rows, the model's Wald test, the LR test of rho = 0) under constraints():
    ml's slopes test, ``(constrained)`` where a constraint fixes b, e(ll_c) the constrained
    comparison logit's (none after from())."""
    from mlmcli.commands.estimation.xt_re_constraints import slopes_wald
    from mlmcli.glm.inference import chibar_or_chi2
    from mlmcli.postest.ml_constraints import mark_constrained
    from mlmcli.results.glmm import LRTestSingle

    V = T @ np.nan_to_num(fit.V) @ T.T
    theta = T @ fit.theta
    lr = None
    if comparison is not None:
        chi2 = 0.0 if theta[-1] <= -14 else abs(2.0 * (fit.loglik - comparison.loglik))
        lr = LRTestSingle(chi2, 1, chibar_or_chi2(chi2, 1)[0], "chibar2(01)", comparison.loglik, "logistic",
                          "Likelihood-ratio test of rho=0:")
    return mark_constrained(glmm.fixed), slopes_wald(fit.labels, theta, V), lr


def _started_log(log, pseudo: bool = False) -> str:
    """The log after from(): xtlogit.ado skips the comparison model and the refinement (``noi di``,
    then ml's iterations from the values given, no heading)."""
    from mlmcli.render.iteration_log import iteration_line

    steps = log.phases[-1].steps if log.phases else ()
    return "\n".join([""] + [iteration_line(k, s.loglik, "log pseudolikelihood" if pseudo else "log likelihood", s.note) for k, s in enumerate(steps)])


def _replicated(session, request, cmdname, theta, refit_rows, codes, sample, ivar, colnames=None):
    from mlmcli.commands.estimation.xt_re_replicates import replicate_covariance

    if colnames is not None and len(colnames) == len(theta):  # reject()'s e(b): theta's columns
        request[1]["_colnames"] = list(colnames)
    full = np.asarray(sample, bool)
    return replicate_covariance(session, request, cmdname, theta, refit_rows, codes, full, ivar)


def _replicate_result(result, labels, theta, V, extra, cmdname, kind):
    from mlmcli.commands.estimation.xt_re_replicates import replicated_result

    return replicated_result(result, labels, theta, V, extra,
                             lambda est, se, df: parameter_rows(kind, cmdname, est, se, result.level, df))


def _fit_gamma(session, spec, design, sample, ivar, cmdline, opts, request=None):
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.inference import chibar_or_chi2
    from mlmcli.results.glmm import LRTestSingle
    from mlmcli.mixed.inference import fixed_rows, wald_test
    from mlmcli.panel.poisson_gamma import PoissonRandomEffectsPredictions, fit_poisson_gamma
    from mlmcli.results.glmm import IterationPhase, IterationStep
    from mlmcli.results.mixed import GroupSummary

    from mlmcli.glmm.rescaled_fit import design_rescaling

    weight = spec.terms[0].fweight if spec.level_iweights else None  # the panels' iweight, row by row
    fx = spec.fixed
    # a regressor near 1e9 or scaled by 1e9: the pooled and full fits on the rescaled columns
    # (glmm.rescaled_fit), theta and V mapped back (the iterations never converged, V missing)
    rescaling = design_rescaling(spec)
    X_fit = np.asarray(fx.X, float) if rescaling is None else rescaling.apply(fx.X)
    pooled = fit_glm(dataclasses.replace(fx, X=X_fit, vce="oim", cluster=None, iweight=weight))
    for note in pooled.notes:
        session.print(note)
    used = np.asarray(pooled.used, bool)
    X = X_fit[used]  # the estimable columns only (base levels have none)
    codes = np.unique(np.asarray(spec.terms[0].group)[used], return_inverse=True)[1]
    off = None if fx.offset is None else np.asarray(fx.offset, float)[used]
    fit = fit_poisson_gamma(np.asarray(fx.y, float)[used], X, codes, off, np.asarray(pooled.beta),
                            iterate=fx.iterate, tolerance=fx.tolerance, ltolerance=fx.ltolerance,
                            weight=None if weight is None else np.asarray(weight, float)[used])
    start = fit.theta[:X.shape[1]]  # the replicates' start, in the fitted columns

    def in_user_units(theta, V=None):
        return (theta if V is None else (theta, V)) if rescaling is None else rescaling.to_user(theta, V)

    fit = dataclasses.replace(fit, **dict(zip(("theta", "V"), in_user_units(fit.theta, fit.V))))
    robust = request is None and (fx.vce != "oim" or fx.cluster is not None)  # crittype(log pseudolikelihood)
    _log(session, opts, [IterationPhase("Fitting Poisson model:", tuple(
        IterationStep(k, v) for k, v in enumerate(s.loglik for s in pooled.phases[-1].steps)) if pooled.phases
        else ()), IterationPhase("Fitting full model:", tuple(IterationStep(k, v) for k, v in enumerate(fit.history)))],
        fit.converged, robust)
    p = X.shape[1]
    V_model, cluster = fit.V, None
    if robust:
        fit, chi2_robust, cluster = _robust_gamma(fit, fx, used, codes, weight)
    rows = fixed_rows(pooled.labels, fit.theta[:p], fit.V[:p, :p], fx.level)
    chi2, df, pv = wald_test(pooled.labels, fit.theta[:p], fit.V[:p, :p])
    if robust:  # the ado: ``est scalar chi2 = r(chi2)``, all of e(b) (constant and lnalpha too), df as before
        from mlmcli.postest.poisson_fit import chi2_tail

        chi2, pv = chi2_robust, float(chi2_tail(df, chi2_robust))
    sizes = np.bincount(codes)
    g = GroupSummary(ivar, len(sizes), int(sizes.min()), float(sizes.mean()), int(sizes.max()))
    lr_chi2 = max(2 * (fit.loglik - pooled.loglik), 0.0)
    lr = LRTestSingle(lr_chi2, 1, chibar_or_chi2(lr_chi2, 1)[0], "chibar2(01)", pooled.loglik, "Poisson",
                      "Likelihood-ratio test of alpha=0:")
    result = make_result("xtpoisson", fx.depvar, ivar, int(used.sum()), g, "Gamma", rows, fit.theta, fit.V, fx.level,
                         (chi2, df, pv), fit.loglik, lr, robust=robust, cluster=cluster)
    off = fx.offset_name
    exposure = bool(off and off.startswith("ln("))
    predictions = PoissonRandomEffectsPredictions(fit.theta[:p], fit.V[:p, :p], off[3:-1] if exposure else off, exposure)
    at_limit = not fit.converged and len(fit.history) - 1 >= fx.iterate
    V, extra = fit.V, None
    if request is not None:
        y_used = np.asarray(fx.y, float)[used]

        def refit_rows(rows, panels):
            r = fit_poisson_gamma(y_used[rows], X[rows], panels, None if off is None else off[rows],
                                  start, iterate=fx.iterate, tolerance=fx.tolerance, ltolerance=fx.ltolerance)
            if not r.converged:
                raise ValueError("replicate did not converge")
            return in_user_units(r.theta)

        off = None if fx.offset is None else np.asarray(fx.offset, float)[used]
        V, extra = _replicated(session, request, "xtpoisson", fit.theta, refit_rows, codes, sample, ivar,
                               estimated_names(fx.depvar, pooled.labels, "lnalpha"))
        result = _replicate_result(result, pooled.labels, fit.theta, V, extra, "xtpoisson", "lnalpha")
    e = estimation_results("xtpoisson", cmdline, predictions, result, pooled.labels, fit.theta, V, used,
                           sample, design, ivar, "lnalpha", fit.converged, robust=robust)
    if robust:  # the ado's e(V_modelbased): the ml fit's (-H)^-1, e(V)'s stripes
        from mlmcli.results.matrix import Matrix

        Vm = np.zeros(e.matrices["V"].values.shape)
        idx = [j for j, lab in enumerate(pooled.labels) if not (lab.base or lab.omitted)] + [len(pooled.labels)]
        Vm[np.ix_(idx, idx)] = V_model
        names = e.matrices["V"].colnames
        e.matrices["V_modelbased"] = Matrix(Vm, names, names)
    if extra is not None:
        from mlmcli.commands.estimation.xt_re_replicates import replicate_ereturn

        replicate_ereturn(e, extra)
    return e, at_limit


def _robust_gamma(fit, fx, used, codes, weight):
    """vce(robust) (the panels as clusters) or vce(cluster v) for the gamma model: xtpoisson.ado's
    sandwich (``panel.poisson_gamma.robust_covariance``), its Wald chi2 over all of e(b), and
    (N_clust, clustvar) for the table's note under vce(cluster v) only."""
    from mlmcli.panel.poisson_gamma import PoissonGammaModel, robust_covariance

    X = np.asarray(fx.X, float)[used]
    off = None if fx.offset is None else np.asarray(fx.offset, float)[used]
    model = PoissonGammaModel(np.asarray(fx.y, float)[used], X, codes, off,
                              None if weight is None else np.asarray(weight, float)[used])
    by_cluster = fx.vce == "cluster" and fx.cluster is not None  # vce(robust): the panels, no e(clustvar)
    clusters = np.asarray(fx.cluster)[used] if by_cluster else codes
    V = robust_covariance(model, fit.theta, fit.V, clusters)
    chi2 = float(fit.theta @ np.linalg.pinv(V) @ fit.theta)
    cluster = (len(np.unique(clusters)), fx.cluster_var) if by_cluster else None
    return dataclasses.replace(fit, V=V), chi2, cluster


# ====================================================================== display
def _at_level(result, cmdname: str, level: float):
    """The rows again with confidence intervals at ``level``."""
    from mlmcli import distributions as stats

    from mlmcli.results.mixed import CoefRow

    z = stats.norm.ppf(0.5 + level / 200)
    fixed = tuple(r if (r.base or r.omitted) else CoefRow(r.name, r.coef, r.se, r.stat, r.p, r.coef - z * r.se,
                                                          r.coef + z * r.se, r.term, r.level)
                  for r in result.fixed)
    kind = result.estimation[0].label[1:]
    first, natural = parameter_rows(kind, cmdname, result.estimation[0].estimate, result.estimation[0].se, level)
    return dataclasses.replace(result, fixed=fixed, estimation=first, natural=natural, level=level)


def display(session, e, opts: dict) -> None:
    from mlmcli.glm.inference import eform_rows
    from mlmcli.render.xt_random_intercept import render_xt_re

    cmdname = e.cmd
    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = _at_level(result, cmdname, level)
    eform_word, eform_label = MODELS[cmdname][1:3]
    if eform_word and opts.get(eform_word):
        result = dataclasses.replace(result, fixed=eform_rows(result.fixed), eform=eform_label)
    if opts.get("nocnsreport"):  # [XT] xtlogit: the constraints are not listed above the table
        result = dataclasses.replace(result, constraint_labels=())
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    session.print(render_xt_re(result, linesize=session.linesize, options=table))


def replay(session, e) -> None:
    display(session, e, {})


def replay_command(session, cmd) -> None:
    """``xtlogit [, or level(#) display_options]`` after ``xtlogit, re``."""
    e = session.e
    spec = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
    if e.cmd == "xtlogit":  # the only one of the three with constraints()
        spec.append(OptionSpec("nocnsreport", 7))
    eform = MODELS[e.cmd][1]
    if eform:
        spec.append(OptionSpec(eform, 2 if eform in ("or", "eform") else 3))
    display(session, e, resolve_options(cmd.options, spec))
