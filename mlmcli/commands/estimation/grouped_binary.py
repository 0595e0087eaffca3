"""Binary models for grouped data ([R] glogit):

    blogit  pos_var pop_var [indepvars] [if] [in] [, or offset(v) vce(oim|robust|cluster v) level(#) log]
    bprobit pos_var pop_var [indepvars] [if] [in] [, offset(v) vce(oim|robust|cluster v) level(#) log]
    glogit  pos_var pop_var [indepvars] [if] [in] [, or level(#)]
    gprobit pos_var pop_var [indepvars] [if] [in] [, level(#)]

blogit/bprobit (blogit.ado, bprobit.ado): maximum-likelihood logit/probit of ``_outcome`` on the
data expanded to pos_var successes and pop_var - pos_var failures per row (frequency weights;
rows with pop_var < pos_var dropped with Stata's note), on the GLM engine; logit's display titled
"Logistic (Probit) regression for grouped data", no log unless ``log``.  glogit/gprobit
(glogit.ado, gprobit.ado): Berkson's weighted least squares -- the OLS of ln(S/F) (invnormal(S/n))
on indepvars gives p, then regress with aweights n p(1-p) (n phi(xb)^2/(p(1-p))), regress's
display under its title.  e(depvar) is "pos_var pop_var".  predict (glogit_p, gprobi_p): n (the
default, E(cases) = pop_var p), pr, xb, stdp.  margins: predict(pr) and predict(xb) (n, the
default, depends on pop_var: mlm refuses it).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {
    "blogit": "blogit pos_var pop_var [indepvars] [if] [in] [, or offset(v) vce() level(#) log] : "
              "logistic regression for grouped data",
    "bprobit": "bprobit pos_var pop_var [indepvars] [if] [in] [, offset(v) vce() level(#) log] : "
               "probit regression for grouped data",
    "glogit": "glogit pos_var pop_var [indepvars] [if] [in] [, or level(#)] : weighted least-squares logistic "
              "regression for grouped data",
    "gprobit": "gprobit pos_var pop_var [indepvars] [if] [in] [, level(#)] : weighted least-squares probit "
               "regression for grouped data",
}
TITLES = {"blogit": "Logistic regression for grouped data", "bprobit": "Probit regression for grouped data",
          "glogit": "Weighted LS logistic regression for grouped data",
          "gprobit": "Weighted LS probit regression for grouped data"}
LINK = {"blogit": "logit", "glogit": "logit", "bprobit": "probit", "gprobit": "probit"}
PREDICT = {"blogit": "glogit_p", "glogit": "glogit_p", "bprobit": "gprobi_p", "gprobit": "gprobi_p"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
_ML = [*_DISPLAY, OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
       OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("log", 3),
       OptionSpec("nolog", 5), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
       OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
       OptionSpec("asis", 4), OptionSpec("noconstant", 6), OptionSpec("score", 2, takes_arg=True)]
_WLS = [*_DISPLAY, OptionSpec("vce", 3, takes_arg=True)]


def _parse(session, cmd, name):
    from mlmcli.factor_variables import parse_terms, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    words = cmd.args.split()
    if len(words) < 2:
        raise StataError("too few variables specified", 102)
    for w in words[:2]:
        if "." in w or "(" in w:
            raise StataError("depvar may not be a factor variable", 198)
    pos, pop = ds.resolve(words[0]), ds.resolve(words[1])
    terms = parse_terms(ds, " ".join(words[2:])) if len(words) > 2 else []
    specs = _ML + ([OptionSpec("or", 2)] if name in ("blogit", "glogit") else [])
    opts = resolve_options(cmd.options, specs if name in ("blogit", "bprobit") else
                           _WLS + ([OptionSpec("or", 2)] if name == "glogit" else []))
    offset_var = None
    if opts.get("offset") is not None:
        offset_var = ds.resolve(str(opts["offset"]).strip())
    used = [pos, pop] + term_variables(terms) + ([offset_var] if offset_var else [])
    touse = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    return pos, pop, terms, opts, offset_var, touse


def run_ml(session, cmd, name: str) -> None:
    """blogit, bprobit."""
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.factor_variables import build_design
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.spec import GLMSpec

    if not cmd.args.strip() and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd, name)
    ds = session.data
    pos, pop, terms, opts, offset_var, touse = _parse(session, cmd, name)
    for refused in ("score", "noconstant", "asis"):
        if opts.get(refused) is not None:
            if refused == "score":
                raise StataError(f"score() not allowed with {name}", 198)
            raise StataError(f"option {refused} not allowed", 198)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if clustvar:
        from mlmcli.sample import mark_sample

        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    if not touse.any():
        raise StataError("no observations", 2000)
    S, n = ds.numeric(pos)[touse], ds.numeric(pop)[touse]
    for var, v in ((pos, S), (pop, n)):
        if np.any(v != np.floor(v)):
            raise StataError(f"{var} is not integer valued", 459)
    table = table_options_with_notes(session, opts)
    failures = n - S
    bad = failures < 0
    if bad.any():
        total = format(float(n[bad].sum()), ".15g")
        session.print(f"\nNote:  {total} observations with {pop} < {pos} were dropped.")
    keep = ~bad
    design = build_design(ds, terms, touse, constant=True)
    for note in design.notes:
        session.print(note)
    X = np.vstack([design.X[keep], design.X[keep]])
    y = np.concatenate([np.zeros(keep.sum()), np.ones(keep.sum())])
    fw = np.concatenate([failures[keep], S[keep]])
    live = fw > 0
    offset = None
    if offset_var:
        off = ds.numeric(offset_var)[touse][keep]
        offset = np.concatenate([off, off])[live]
    cluster = None
    if vce == "cluster":
        codes = group_codes(ds, clustvar, touse)[keep]
        cluster = np.concatenate([codes, codes])[live]
    ml = ml_settings(session, opts)
    spec = GLMSpec(depvar="_outcome", y=y[live], X=X[live], coef_labels=design.labels, family="bernoulli",
                   link=LINK[name], fweight=fw[live], offset=offset, offset_name=offset_var, vce=vce,
                   cluster=cluster, cluster_var=clustvar, level=confidence_level(opts, getattr(session, "level", 95.0)),
                   **ml)
    fit = fit_glm(spec)
    e = _post_ml(session, cmd, name, fit, design, touse, pos, pop, offset_var)
    session.e = e
    _display(session, e, opts, log=bool(opts.get("log")), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post_ml(session, cmd, name, fit, design, touse, pos, pop, offset_var):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.glm.stored_results import ml_scalars
    from mlmcli.postest.fractional_prediction import GroupedPredictions

    result = dataclasses.replace(fit.result(), title=TITLES[name])
    b, V = fit.e_matrices()
    scalars = ml_scalars(fit, result)
    robust = fit.robust
    macros = {"cmd": name, "cmdline": (cmd.text or f"{name} {cmd.args}").strip(), "depvar": f"{pos} {pop}",
              "title": TITLES[name], "chi2type": result.chi2_type, "vce": fit.spec.vce, "opt": "moptimize",
              "predict": PREDICT[name], "properties": "b V", "marginsok": "N Pr XB default",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "ml_method": "d2",
              "technique": "nr", "which": "max", "user": ""}
    robust_macros(macros, robust, fit.spec.cluster_var)
    if offset_var:
        macros["offset"] = offset_var
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    bb = b.values.ravel()[est]
    VV = V.values[np.ix_(est, est)]
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices={"b": b, "V": V}, result=result,
                          model=GroupedPredictions(bb, VV, LINK[name], pop, offset_var), sample=touse,
                          title=TITLES[name], design=design)
    e.model.posted = (b, V)
    e.stamp_sample(session.data)
    return e


def run_wls(session, cmd, name: str) -> None:
    """glogit, gprobit: Berkson's two-stage weighted least squares (module docstring)."""
    from mlmcli.distributions import norm
    from mlmcli.factor_variables import build_design
    from mlmcli.ols import fit_ols

    if not cmd.args.strip() and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd, name)
    ds = session.data
    pos, pop, terms, opts, _, touse = _parse(session, cmd, name)
    if opts.get("vce") is not None and str(opts["vce"]).strip() not in ("ols", "ol", "o"):
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(opts["vce"])
    S_all, n_all = ds.numeric(pos), ds.numeric(pop)
    with np.errstate(divide="ignore", invalid="ignore"):
        if name == "glogit":
            S = np.where(S_all >= 0, S_all, np.nan)
            F = np.where((n_all >= 0) & (n_all > S_all), n_all - S_all, np.nan)
            target = np.log(S / F)
        else:
            S = np.where(S_all >= 0, S_all, np.nan)
            P = np.where((n_all >= 0) & (S_all <= n_all), n_all, np.nan)
            target = norm.ppf(S / P)
    target = np.where(np.isfinite(target), target, np.nan)
    sample = touse & ~np.isnan(target)
    if not sample.any():
        raise StataError("no observations", 2000)
    table = table_options_with_notes(session, opts)
    design = build_design(ds, terms, sample, constant=True)
    for note in design.notes:
        session.print(note)
    y = target[sample]
    stage1 = fit_ols(y, design.X, constant=True)
    xb = design.X @ stage1.b
    if name == "glogit":
        p = 1 / (1 + np.exp(-xb))
        weight = p * (1 - p) * (S[sample] + F[sample])
    else:
        p = norm.cdf(xb)
        weight = P[sample] * norm.pdf(xb) ** 2 / (p * (1 - p))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    fit = fit_ols(y, design.X, constant=True, weight=weight, weight_kind="aweight", level=level,
                  coef_labels=design.labels, depvar=pos)
    e = _post_wls(session, cmd, name, fit, design, sample, pos, pop)
    session.e = e
    _display(session, e, opts, log=False, table=table)


def _post_wls(session, cmd, name, fit, design, sample, pos, pop):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.fractional_prediction import GroupedPredictions

    b, V = fit.e_matrices()
    scalars = {"N": fit.N, "mss": fit.mss, "rss": fit.rss, "df_m": float(fit.df_m), "df_r": fit.df_r, "r2": fit.r2,
               "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "rank": float(fit.rank)}
    macros = {"cmd": name, "cmdline": (cmd.text or f"{name} {cmd.args}").strip(), "depvar": f"{pos} {pop}",
              "title": TITLES[name], "vce": "ols", "model": "ols", "predict": PREDICT[name],
              "marginsok": "N Pr XB default", "properties": "b V"}
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    model = GroupedPredictions(b.values.ravel()[est], V.values[np.ix_(est, est)], LINK[name], pop, None)
    model.posted = (b, V)
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=fit.result(), model=model, sample=sample.copy(), title=TITLES[name], design=design)
    e.stamp_sample(session.data)
    return e


def _display(session, e, opts, *, log: bool, table=None) -> None:
    table = table if table is not None else table_options_with_notes(session, opts)
    level = confidence_level(opts, e.result.level)
    eform = bool(opts.get("or"))
    if e.cmd in ("glogit", "gprobit"):
        from mlmcli.render.regress_table import render_regress

        result = e.result
        if eform:
            from mlmcli.commands.estimation.regress_eform import exponentiated

            result = exponentiated(result, "Odds Ratio")
        text = render_regress(result, linesize=session.linesize, level=level, options=table)
        session.print("\n" + e.macros["title"] + "\n" + text)  # glogit.ado's Replay: title, then regress's
        return
    from mlmcli.render.glm_table import render_glm

    result = e.result
    if level != result.level:
        from mlmcli.mixed.inference import fixed_rows
        from mlmcli.glm import inference as ginf

        b, V = e.model.b, e.model.V
        fixed = fixed_rows(tuple(e.design.labels), b, V, level)
        result = dataclasses.replace(result, fixed=fixed, fixed_eform=ginf.eform_rows(fixed), level=level)
    session.print(render_glm(result, eform=eform, linesize=session.linesize, nolog=not log, options=table))


def replay_typed(session, cmd, name: str) -> None:
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, (name,))
    specs = _DISPLAY + ([OptionSpec("or", 2)] if name in ("blogit", "glogit") else [])
    _display(session, e, resolve_options(cmd.options, specs), log=False)


def cmd_blogit(session, cmd) -> None:
    run_ml(session, cmd, "blogit")


def cmd_bprobit(session, cmd) -> None:
    run_ml(session, cmd, "bprobit")


def cmd_glogit(session, cmd) -> None:
    run_wls(session, cmd, "glogit")


def cmd_gprobit(session, cmd) -> None:
    run_wls(session, cmd, "gprobit")
