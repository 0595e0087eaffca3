"""Conditional (fixed-effects) likelihood models: ``clogit``, ``xtlogit, fe`` and
``xtpoisson, fe`` (``mlmcli.conditional_likelihood``).

    clogit depvar [indepvars] [if] [in] [fw|iw|pw], group(varname)|strata(varname) [offset(v)
           vce(oim|opg|robust|cluster v|bootstrap|jackknife) robust cluster(v) nonest score(newvar)
           or level(#) nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) nonrtolerance
           technique(nr|bhhh|dfp|bfgs [#] ...) difficult from(init_specs)]  (the variances: commands.estimation.conditional_vce;
           the maximisation options: commands.estimation.conditional_maximize;
           e() and the output: commands.estimation.conditional_results)
    xtlogit depvar [indepvars] [if] [in], fe [i(panelvar) or level(#) nolog from(init_specs) collinear
            constraints(numlist)]  (constraints: commands.estimation.conditional_constraints)
    xtpoisson depvar [indepvars] [if] [in], fe [i(panelvar) irr exposure(v) offset(v) level(#) nolog]

Groups with no variation in the outcome (all 0 or all positive for logit, all 0 for
Poisson) are dropped with Stata's note; regressors without variation within groups are
omitted (``note: x omitted because of no within-group variance.``).  The population-averaged
forms (``pa``) are fitted by ``commands.estimation.gee``, the random-effects forms by
``commands.estimation.xt_random_intercept``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.commands.estimation.conditional_maximize import (clogit_maximize, fit_names, score_products,
                                                             start_values)
from mlmcli.commands.estimation.conditional_results import post_and_show
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options
from mlmcli.syntax.settings import default_iterate

COMMON = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
          OptionSpec("iterate", 4, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
          *display_option_specs()]
CLOGIT_OPTIONS = COMMON + [OptionSpec("group", 2, takes_arg=True), OptionSpec("strata", 2, takes_arg=True),
                           OptionSpec("or", 2), OptionSpec("offset", 3, takes_arg=True), OptionSpec("robust", 1),
                           OptionSpec("cluster", 2, takes_arg=True), OptionSpec("nonest", 6),
                           OptionSpec("score", 2, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
                           OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
                           OptionSpec("nonrtolerance", 7), OptionSpec("technique", 4, takes_arg=True),
                           OptionSpec("difficult", 4), OptionSpec("from", None, takes_arg=True),
                           OptionSpec("trace", None), OptionSpec("gradient", 4), OptionSpec("hessian", 4),
                           OptionSpec("showstep", None), OptionSpec("showtolerance", 8),
                           OptionSpec("constraints", 5, takes_arg=True)]
# ml's displays of the path (parameters, gradient, Hessian, steps, tolerances): not printed by mlmcli
XT_OPTIONS = COMMON + [OptionSpec("fe", 2), OptionSpec("re", 2), OptionSpec("pa", 2), OptionSpec("i", 1, takes_arg=True),
                       OptionSpec("or", 2), OptionSpec("irr", 3), OptionSpec("exposure", 1, takes_arg=True),
                       OptionSpec("offset", 3, takes_arg=True), OptionSpec("intpoints", 4, takes_arg=True),
                       OptionSpec("normal", 4), OptionSpec("corr", 4, takes_arg=True), OptionSpec("noconstant", 6)]


def _xt_vce(opts, cmdname: str):
    """xtlogit, fe and xtpoisson, fe: vce(oim), or vce(bootstrap|jackknife) over the panels (the
    prefix's clusters, as clogit's groups); xtpoisson, fe also vce(robust) (or ``robust``):
    Wooldridge's variance (``conditional_robust.poisson_fe_robust_variance``); other vce()s not
    implemented."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.commands.estimation.conditional_vce import ClogitVCE
    from mlmcli.syntax.options import vce_option

    from mlmcli.syntax.replicate_vce import split_prefix_mark

    typed, prefix = split_prefix_mark(str(opts.get("vce") or "").strip())
    if opts.get("cluster") and cmdname == "xtpoisson":
        # xtpoisson.ado's fe path (Stata 12's and 16's): _vce_parse, opt(OIM Robust) old -- no
        # argopt(Cluster), so syntax refuses cluster()
        raise StataError("option cluster() not allowed", 198)
    if opts.get("robust") and cmdname == "xtpoisson":  # _vce_parse, opt(OIM Robust) old
        agreeing = vce_option(typed, (("oim", 1), ("robust", 1)))[0] if typed and "," not in typed else None
        if typed and (agreeing is None or len(typed.split()) > 1):
            raise StataError("options vce() and robust may not be combined", 198)
        # _vce_parse takes robust with vce(robust|oim|eim|cluster): the type is vce()'s and
        # r(robust), which xtpoisson.ado's fe path uses, is set only for robust
        return ClogitVCE("oim" if agreeing == "oim" else "robust")
    if not typed or typed.lower() in ("oim", "conventional"):
        return ClogitVCE("oim")
    kind, args = vce_option(typed.split(",")[0].strip(), (("bootstrap", 4), ("jackknife", 4), ("robust", 1)))
    if kind == "robust" and cmdname == "xtpoisson" and not args and "," not in typed:
        return ClogitVCE("robust")  # Wooldridge's robust variance ([XT] xtpoisson)
    if kind not in ("bootstrap", "jackknife"):  # _vce_parse, opt(OIM) (xtlogit), opt(OIM Robust) (xtpoisson)
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(typed)
    return ClogitVCE(kind, replicates=replicate_options(typed, kind, cmdname, prefix=prefix))


def _notes(design, W: np.ndarray, C: np.ndarray, keep: np.ndarray) -> list[str]:
    """Stata's notes for the candidate columns left out: ``no within-group variance`` for a
    column constant within every group, ``collinearity`` otherwise (``design.notes`` lists
    the dropped candidates in order)."""
    own = np.einsum("ij,ij->j", W, W) if W.size else np.zeros(0)
    centred = C - C.mean(axis=0) if C.size else C
    scale = np.einsum("ij,ij->j", centred, centred) if C.size else own
    zero = own <= 1e-12 * np.maximum(scale, 1e-300)
    dropped = [k for k in range(C.shape[1]) if not keep[k]]
    texts = []
    for k, note in zip(dropped, design.notes):
        name = note[len("note: "):].split(" omitted", 1)[0]
        texts.append(f"note: {name} omitted because of no within-group variance." if zero[k] else note)
    return texts


def fit_conditional(session, cmd, family: str, group_var: str, opts: dict, title: str, xt: bool, vce=None,
                    maximize=None, constraints_text=None):
    """The conditional model's fit: (fit, design, sample, scalars, log, chi2type, variance
    details for the table).  ``vce``: clogit's ``conditional_vce.ClogitVCE`` (default oim);
    under bootstrap/jackknife the full-sample fit is quiet (the prefix runs it so).
    ``maximize``: clogit's (tolerances or None, from()'s ``fpfit_ml_start.read_from`` or None).
    ``constraints_text``: constraints() (``conditional_constraints``: the fit over gamma)."""
    from mlmcli.commands.estimation.conditional_vce import ClogitVCE
    from mlmcli.commands.estimation.common import depvar_and_terms, group_codes, weighted_sample
    from mlmcli.commands.estimation.panel_common import check_exposure, offset_option, offset_values
    from mlmcli.conditional_likelihood import ConditionalFit, clogit_derivatives, group_index, maximise
    from mlmcli.conditional_robust import group_terms, robust_variance, weighted_derivatives
    from mlmcli.factor_variables import term_variables
    from mlmcli.panel.centred_fit import far_column_rescaling
    from mlmcli.panel.design import candidate_columns, design_with, estimable
    from mlmcli.panel.groups import Panels
    from mlmcli import distributions as stats
    from dataclasses import replace

    vce = vce or ClogitVCE()
    replicated = vce.kind in ("bootstrap", "jackknife")
    say = (lambda text: None) if replicated else session.print
    ds = session.data
    depvar, terms = depvar_and_terms(session, cmd.args)
    extra = [vce.cluster] if vce.cluster else []
    sample, w_all, weight_kind = weighted_sample(session, cmd, [depvar] + term_variables(terms) + extra,
                                                 () if xt else ("fweight", "iweight", "pweight"))
    sample &= ~np.isnan(ds.numeric(group_var)) if not ds.is_string(group_var) else \
        (ds.df[group_var].astype(str) != "").to_numpy()
    offset = offset_option(ds, opts)
    if offset is not None:
        sample &= ~np.isnan(ds.numeric(offset[1]))
        check_exposure(ds, offset, sample)
    if not sample.any():
        raise StataError("no observations", 2000)
    y_all = ds.numeric(depvar)
    if family == "poisson" and np.any(y_all[sample] < 0):
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    codes = group_codes(ds, group_var, sample)
    y = y_all[sample]
    outcome = (y != 0).astype(float) if family == "logit" else y
    panels = Panels(codes)
    informative = _informative(outcome, panels, family)
    if family == "poisson":  # a single observation carries no conditional information
        single = panels.sizes == 1
        if single.any():
            n1 = int(single.sum())
            say(f"note: {n1} group{'s' if n1 > 1 else ''} ({n1} obs) dropped because of only one obs "
                          "per group")
        n_zero = int((~informative & ~single).sum())
        informative &= ~single
    else:
        n_zero = int((~informative).sum())
    # clogit.ado's CheckGroups, over every group of the sample (xtlogit, fe runs clogit); e(multiple)
    multiple = family == "logit" and bool(np.any(np.bincount(codes, weights=outcome) > 1))
    if multiple:
        say("note: multiple positive outcomes within groups encountered.")
    n_drop = n_zero
    if n_drop:
        obs = int(np.sum(~informative[codes])) - (int(np.sum(panels.sizes == 1)) if family == "poisson" else 0)
        s = "s" if n_drop > 1 else ""
        if family == "logit":
            say(f"note: {n_drop} group{s} ({obs} obs) dropped because of all positive or\n"
                          "      all negative outcomes.")
        else:
            say(f"note: {n_drop} group{s} ({obs} obs) dropped because of all zero outcomes")
    keep_rows = informative[codes]
    if not keep_rows.any():
        raise StataError("no observations", 2000)
    sample_idx = np.flatnonzero(sample)
    sample = np.zeros_like(sample)
    sample[sample_idx[keep_rows]] = True
    codes = group_codes(ds, group_var, sample)
    panels = Panels(codes)
    outcome = outcome[keep_rows]
    layout, C = candidate_columns(ds, terms, sample)
    W = panels.within(C) if C.shape[1] else C
    keep = estimable(W, C, constant=False)
    design = design_with(ds, terms, layout, C, keep, False)
    from mlmcli.commands.estimation.common import check_collinear_option

    check_collinear_option(opts, design, cmd.name)  # xtlogit, fe's collinear (_rmcoll's and clogit's)
    for note in _notes(design, W, C, keep):
        say(note)
    X = C[:, keep]
    groups = group_index(codes)
    w_group = cluster_of_group = None
    if family == "logit":
        off = offset_values(ds, offset, sample)
        if w_all is not None:
            w_group = _constant_within(w_all[sample], groups, group_var, "weight")
        if vce.cluster and not vce.nonest:
            cluster_of_group = _cluster_codes(ds, vce.cluster, sample, groups)
        derivatives = clogit_derivatives if off is None and w_group is None else weighted_derivatives(w_group, off)
    else:
        off = offset_values(ds, offset, sample)

        from mlmcli.commands.estimation.conditional_vce import poisson_offset_derivatives
        from mlmcli.conditional_likelihood import cpoisson_derivatives

        derivatives = cpoisson_derivatives if off is None else poisson_offset_derivatives(off)
    from mlmcli.mixed.blas_threads import single_threaded_blas

    cns = None
    if constraints_text is not None:
        from mlmcli.commands.estimation.conditional_constraints import read_fe_constraints
        from mlmcli.conditional_likelihood import reduced_derivatives

        cns = read_fe_constraints(session, fit_names(design.labels, depvar), constraints_text, say)
    derivatives = finite_derivatives(derivatives)
    full_derivatives = derivatives
    with single_threaded_blas():
        tolerances, start, schedule = maximize or (None, None, None)
        max_iter, start = integer_option(opts, "iterate", default_iterate(session, 300), minimum=0), start_values(start, fit_names(design.labels, depvar))
        if cns is not None:  # ml's fit over gamma, from b = 0 (or from()) projected onto the constraints
            start = cns[1].gamma(np.zeros(X.shape[1]) if start is None else start)
            derivatives = reduced_derivatives(full_derivatives, cns[1])
        if schedule is not None and schedule != [("nr", schedule[0][1])]:  # ml's other techniques
            from mlmcli.conditional_techniques import maximise_techniques

            b, ll, H, log, converged = maximise_techniques(
                derivatives, score_products(w_group, off), X, outcome, groups, schedule, max_iter=max_iter,
                start=start, tolerances=tolerances)
        elif cns is None and (rescaling := far_column_rescaling(X, False, shift_free=True)) is not None:
            # a column far from 0 next to its spread (near 1e9) centred -- the conditional likelihood
            # is free of a shift -- and columns of very different magnitudes (one scaled by 1e9)
            # scaled by powers of two for the Newton steps: in the user's units the Hessian is
            # not negative definite to rounding ("not concave" to the iteration limit)
            b, ll, H, log, converged = maximise(
                derivatives, rescaling.apply(X), outcome, groups, max_iter=max_iter,
                start=None if start is None else rescaling.from_user(start), tolerances=tolerances)
            b, H = rescaling.to_user(b), rescaling.hessian_to_user(H)
            if not (np.isfinite(b).all() and np.isfinite(H).all()):  # past the double range in
                # the user's units: the fit there, which stops as ml does
                b, ll, H, log, converged = maximise(derivatives, X, outcome, groups, max_iter=max_iter,
                                                    start=start, tolerances=tolerances)
        else:
            b, ll, H, log, converged = maximise(derivatives, X, outcome, groups, max_iter=max_iter, start=start,
                                                tolerances=tolerances)
    derivatives = full_derivatives
    ll_0 = derivatives(X, outcome, groups, np.zeros(X.shape[1]))[0]
    if cns is not None:
        from mlmcli.conditional_likelihood import constrained_estimates

        b, V = constrained_estimates(cns[1], b, H)
    else:
        from mlmcli.glm.newton import inverse_information

        # -H singular at the end (a regressor near 1e-150: its squares underflow to 0): the
        # variances are missing, as glm's, not a LinAlgError
        V = inverse_information(H) if X.shape[1] else np.zeros((0, 0))
    K = X.shape[1]
    robust = vce.kind in ("robust", "cluster") or (weight_kind == "pweight" and not replicated)
    n_clusters, extra = 0, {}
    wooldridge = family == "poisson" and vce.kind == "robust"  # xtpoisson, fe: by panel, no clustvar
    if K and wooldridge:
        from mlmcli.conditional_robust import poisson_fe_robust_variance

        V = poisson_fe_robust_variance(V, X, outcome, groups, b, off)
    elif K and (robust or vce.kind == "opg"):
        from mlmcli.commands.estimation.conditional_vce import clogit_special_variance

        V, n_clusters = clogit_special_variance(ds, vce, V, X, outcome, groups, b, off, w_group, weight_kind,
                                                cluster_of_group, sample, w_all)
    if replicated and K:
        from mlmcli.commands.estimation.conditional_vce import clogit_replicates

        vce.replicates["_rows"] = np.flatnonzero(sample)  # the replicates' data rows (bootstrap's strata())
        vce.replicates["_colnames"] = fit_names(design.labels, depvar)  # reject()'s e(b): b's columns
        V, extra = clogit_replicates(session, vce, b, X, outcome, codes, off,
                                     None if w_all is None else w_all[sample], weight_kind,
                                     command="clogit" if not xt else f"xt{family}", family=family,
                                     jackknife_clusters=_jackknife_clusters(ds, vce, sample),
                                     renumber=vce.replicates.get("idcluster") == group_var)
        from mlmcli.postest.prefix_model_test import replicate_wald
        chi2, rank_rep = replicate_wald(b, V)  # _prefix_model_test: missing when V is singular
        chi2type = "Wald"
    elif cns is not None:  # ml's Wald test under constraints (the sandwich's V when robust)
        from mlmcli.commands.estimation.xt_re_constraints import slopes_wald

        chi2, df_m, p_m = slopes_wald(design.labels, b, V)
        chi2type = "Wald"
    elif robust:
        chi2 = float(b @ np.linalg.solve(V, b)) if K else 0.0
        chi2type = "Wald"
    elif family == "logit":
        chi2, chi2type = 2 * (ll - ll_0), "LR"
    else:
        chi2 = float(b @ np.linalg.solve(V, b)) if K else 0.0
        chi2type = "Wald"
    level = confidence_level(opts, getattr(session, "level", 95.0))
    fit = ConditionalFit(family, depvar, group_var, design.labels, b, V, level, y[keep_rows], codes,
                         offset)
    sizes = panels.sizes
    n_obs = float(w_all[sample].sum()) if weight_kind == "fweight" else float(sample.sum())
    scalars = {"N": n_obs, "N_g": float(panels.n), "ll": ll, "ll_0": ll_0, "chi2": chi2,
               "df_m": float(K), "p": float(stats.chi2.sf(chi2, K)) if K else float("nan"), "k": float(K),
               "rank": float(safe_rank(V)) if K else 0.0, "converged": float(converged),
               "g_min": float(sizes.min()), "g_avg": float(sizes.mean()), "g_max": float(sizes.max()),
               "ic": float(len(log) - 1)}
    if cns is not None:
        scalars.update(df_m=float(df_m), p=p_m)
    if not xt or family == "logit":  # xtlogit.ado's fe branch keeps clogit's e(r2_p) (re's clears it)
        scalars["r2_p"] = 1 - ll / ll_0 if ll_0 else float("nan")
    if robust and not wooldridge:
        scalars["N_clust"] = float(n_clusters)
    if extra:  # the replicates' e(): N_reps, N_clust, df_r and F (jackknife)
        scalars.update(extra)
        scalars["df_m"] = float(rank_rep)  # _prefix_model_test's r(df)
        if "df_r" in extra:  # jackknife's model test is F(k, n-1), in place of chi2
            scalars.update(F=chi2 / K, p=float(stats.f.sf(chi2 / K, K, extra["df_r"])))
            del scalars["chi2"]
        fit = replace(fit, df_r=extra.get("df_r"))
    variance = {"robust": robust, "kind": vce.kind,
                "cluster": None if wooldridge else vce.cluster or (group_var if robust else None),
                "n_clusters": n_clusters, "replicate_clusters": vce.replicates.get("cluster") and
                ds.resolve(vce.replicates["cluster"]), "score": (X, outcome, groups, b, off) if opts.get("score") else None,
                "weight_kind": weight_kind, "wexp": cmd.weight.exp if weight_kind else None,
                "offset": offset[1] if offset is not None and family == "logit" else None,
                "constraints": None if cns is None else cns[0], "multiple": multiple}
    return fit, design, sample, scalars, log, chi2type, variance


def _jackknife_clusters(ds, vce, sample):
    """The prefix's clusters (observations or its cluster()), or vce(jackknife, cluster(v))'s
    codes over the estimation sample; None for the groups; v missing there: r(459)."""
    from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes, prefix_cluster_codes

    if vce.replicates.get("prefix"):
        return prefix_cluster_codes(ds, vce.replicates, sample)
    name = vce.replicates.get("cluster") if vce.kind == "jackknife" else None
    return jackknife_cluster_codes(ds, name, sample) if name else None


def _constant_within(values: np.ndarray, groups, group_var: str, what: str) -> np.ndarray:
    """One value per group of a variable constant within groups (clogit's weights)."""
    from mlmcli.conditional_robust import group_values

    first = group_values(values, groups)
    sizes = np.diff(groups.starts)
    if np.any(values[groups.order] != np.repeat(first, sizes)):
        raise StataError(f"{what} must be constant within {group_var}", 199)
    return first


def _cluster_codes(ds, var: str, sample: np.ndarray, groups) -> np.ndarray:
    """The cluster of each group; a group split across clusters is Stata's error."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.conditional_robust import group_values

    codes = group_codes(ds, var, sample).astype(float)
    first = group_values(codes, groups)
    if np.any(codes[groups.order] != np.repeat(first, np.diff(groups.starts))):
        raise StataError("groups (strata) are not nested within clusters", 459)
    return first


def _informative(outcome: np.ndarray, panels, family: str) -> np.ndarray:
    totals = panels.sums(outcome)
    if family == "logit":
        return (totals > 0) & (totals < panels.sizes)
    return totals > 0


def _replay(session, cmd, cmdname: str, eform_word: str, eform_label: str) -> None:
    from dataclasses import replace

    from mlmcli.render.panel_regression import render_ml_model

    e = session.e
    # clogit.ado's replay checks e(cmd) only: after xtlogit, fe (e(cmd) "clogit", e(cmd2) "xtlogit")
    # clogit typed alone shows those results through clogit's Display (ml display's header)
    via_clogit = cmdname == "clogit" and e is not None and e.cmd == "xtlogit" and e.macros.get("cmd") == "clogit"
    e = replay_results(session, ("xtlogit",) if via_clogit else (cmdname,))
    opts = resolve_options(cmd.options, [OptionSpec(eform_word, 2), OptionSpec("level", 1, takes_arg=True),
                                         *display_option_specs()])
    table = table_options_with_notes(session, opts)
    fit = e.model
    if "level" in opts:
        fit = replace(fit, level=confidence_level(opts, fit.level))
    eform = eform_label if opts.get(eform_word) else None
    coefs = fit.coef_rows(bool(eform))
    if e.result.constraint_labels:
        from mlmcli.postest.ml_constraints import mark_constrained

        coefs = mark_constrained(coefs)
    result = replace(e.result, coefs=coefs, eform=eform, level=fit.level)
    if via_clogit:  # ml display's header (no group lines): N, LR chi2, Pseudo R2, e(title) kept
        result = replace(result, ivar=None, pseudo_r2=e.scalars.get("r2_p", float("nan")))
    session.print(render_ml_model(result, linesize=session.linesize, table=table))


def replay(session, e) -> None:
    from mlmcli.render.panel_regression import render_ml_model

    if e.macros.get("model") == "re":  # xtlogit/xtpoisson, re: their own table (as typed alone)
        from mlmcli.commands.estimation import xt_random_intercept

        return xt_random_intercept.replay(session, e)
    session.print(render_ml_model(e.result, linesize=session.linesize))


def cmd_clogit(session, cmd) -> None:
    if not cmd.args.strip():
        return _replay(session, cmd, "clogit", "or", "Odds Ratio")
    ds = session.data
    opts = resolve_options(cmd.options, CLOGIT_OPTIONS)
    if opts.get("group") and opts.get("strata"):
        raise StataError("strata() and group() may not be specified together", 198)
    if not (opts.get("group") or opts.get("strata")):
        raise StataError("group() required", 198)
    group = ds.resolve(str(opts.get("group") or opts.get("strata")).strip())
    from mlmcli.commands.estimation.conditional_vce import check_score_name, clogit_vce

    vce = clogit_vce(ds, opts, cmd.weight)
    check_score_name(ds, opts, vce)
    maximize = clogit_maximize(session, opts)
    if maximize[2] is not None and all(t == "bhhh" for t, _ in maximize[2]) and vce.kind == "oim" \
            and opts.get("vce") is None:  # ml: technique(bhhh) alone makes vce(opg) the default
        from mlmcli.commands.estimation.conditional_vce import ClogitVCE

        vce = ClogitVCE("opg")
    constraints = opts.get("constraints")
    if constraints is not None:
        from mlmcli.commands.estimation.conditional_constraints import check_clogit_constraints

        check_clogit_constraints(vce.kind, maximize[2])
    title = "Conditional (fixed-effects) logistic regression"
    table = table_options_with_notes(session, opts)
    out = fit_conditional(session, cmd, "logit", group, opts, title, xt=False, vce=vce, maximize=maximize,
                          constraints_text=constraints)
    post_and_show(session, cmd, *out, cmdname="clogit", title=title, opts=opts, xt=False,
          eform="Odds Ratio" if opts.get("or") else None, table=table)


def _xt(session, cmd, family: str, cmdname: str, eform_word: str, eform_label: str) -> None:
    from mlmcli.commands.estimation.panel_common import panel_variable

    from mlmcli.commands.estimation import gee

    if gee.population_averaged_request(session, cmd, cmdname, (eform_word, eform_label)):
        return None
    from mlmcli.commands.estimation import xt_random_intercept as re_model

    if not cmd.args.strip():
        if session.e is not None and session.e.cmd == cmdname and session.e.macros.get("model") == "re":
            return re_model.replay_command(session, cmd)
        return _replay(session, cmd, cmdname, eform_word, eform_label)
    if not any(o.name == "fe" for o in cmd.options):
        return re_model.fit_random_intercept(session, cmd, cmdname)
    # xtpoisson.ado's syntax: vce(string) Robust CLuster(passthru) (xtlogit's fe has neither)
    old_vce = [OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True)] if cmdname == "xtpoisson" else []
    # xtlogit.ado: mlopts' collinear and constraints() (handed to clogit), FROM(string) -> from()
    ml = [OptionSpec("collinear", 3), OptionSpec("constraints", 5, takes_arg=True),
          OptionSpec("from", None, takes_arg=True)] if cmdname == "xtlogit" else []
    opts = resolve_options(cmd.options, XT_OPTIONS + old_vce + ml)
    vce = _xt_vce(opts, cmdname)
    if opts.get("re"):
        raise StataError("options fe and re may not be combined", 198)
    for bad in ("intpoints", "normal", "corr", "noconstant") + (("irr", "exposure", "offset") if family == "logit"
                                                                   else ("or",)):
        if opts.get(bad):
            raise StataError(f"option {bad} not allowed", 198)
    ivar = panel_variable(session, opts.get("i"))
    title = ("Conditional fixed-effects logistic regression" if family == "logit" else
             "Conditional fixed-effects Poisson regression")
    if opts.get("constraints") is not None and vce.kind != "oim":  # the replicates would need them too
        raise StataError(f"option constraints() with vce({vce.kind}) not supported by mlmcli", 198)
    table = table_options_with_notes(session, opts)
    from mlmcli.graphs.fpfit_ml_start import read_from

    start = None if opts.get("from") is None else read_from(session, str(opts["from"]))
    out = fit_conditional(session, cmd, family, ivar, opts, title, xt=True, vce=vce,
                          maximize=None if start is None else (None, start, None),
                          constraints_text=opts.get("constraints"))
    post_and_show(session, cmd, *out, cmdname=cmdname, title=title, opts=opts, xt=True,
          eform=eform_label if opts.get(eform_word) else None, table=table)


def cmd_xtlogit(session, cmd) -> None:
    _xt(session, cmd, "logit", "xtlogit", "or", "Odds Ratio")


def cmd_xtpoisson(session, cmd) -> None:
    _xt(session, cmd, "poisson", "xtpoisson", "irr", "IRR")


def finite_derivatives(derivatives):
    """``derivatives`` whose score or Hessian past the double range (a regressor near 1e150 and
    its squares) is ml's "could not calculate numerical derivatives" r(430), as Stata's are
    missing there, not a floating-point error.  A trial point whose group sums underflow to 0
    (k positives whose weights' products all pass below the smallest double) has ln L = -inf,
    which the step halving refuses, as ml refuses a missing ln L."""
    def checked(*args):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ll, g, H = derivatives(*args)
        if np.isfinite(ll) and not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
            from mlmcli.errors import derivatives_missing

            raise derivatives_missing()
        return ll, g, H
    return checked
