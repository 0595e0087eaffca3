"""Treatment effects from observational data ([TE] teffects ra, ipw, ipwra, aipw; nnmatch and
psmatch in teffects_matching.py, ``teffects overlap`` is teoverlap):

    teffects ra (ovar omvarlist [, omodel noconstant]) (tvar) [if] [in] [weight] [, stat options]
    teffects ipw (ovar) (tvar tmvarlist [, tmodel noconstant]) [if] [in] [weight] [, stat options]
    teffects ipwra|aipw (ovar omvarlist [, omodel noconstant]) (tvar tmvarlist [, tmodel noconstant]) ...

stat: ``ate`` (default), ``atet``, ``pomeans``; omodel ``linear`` (default), ``logit``, ``probit``,
``poisson``; tmodel ``logit`` (default; multinomial logit for more than two levels) or ``probit``;
options ``aequations``, ``control(#)``, ``tlevel(#)``, ``level(#)``, ``vce(robust|cluster v)``,
``coeflegend``, ``nolog``, fweights and pweights.  The numbers are the joint estimating equations'
(``mlmcli.treatment_effects.estimate``); e() as _teffects_ra.ado ... _teffects_aipw.ado post it
(e(cmd) teffects, e(subcmd), e(stat), e(tvar), e(tlevels), e(control), e(treated), e(k_levels),
e(n<level>), e(marginsnotok) _ALL, e(predict) teffects_p).  The command typed alone replays.

Decisions without Stata's evidence (docs/teffects.md): iweights, vce(bootstrap|jackknife),
hetprobit/flogit/fprobit models, aipw's nls/wnls, from(), pstolerance(), osample() and aipw's
atet are refused rather than approximated.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_formats, display_formats_with_notes, format_option_specs
from mlmcli.commands.estimation.teffects_syntax import (check_variables, equation_parts, level_index, model_options,
                                                        split_equations)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"teffects": "teffects ra|ipw|ipwra|aipw|nnmatch|psmatch (ovar [omvarlist]) (tvar [tmvarlist]) [if] [in] "
                    "[weight] [, ate atet pomeans aequations control(#) tlevel(#) vce(robust) level(#)] : "
                    "treatment effects"}
_OPTIONS = [OptionSpec("ate", 3), OptionSpec("atet", 4), OptionSpec("pomeans", 3), OptionSpec("aequations", 3),
            OptionSpec("control", 3, takes_arg=True), OptionSpec("tlevel", 3, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("coeflegend", 5), OptionSpec("nolog", 5), OptionSpec("log", 3),
            OptionSpec("iterate", 4, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
            OptionSpec("pstolerance", 5, takes_arg=True), OptionSpec("osample", 2, takes_arg=True),
            *format_option_specs()]
_REPLAY = [OptionSpec("aequations", 3), OptionSpec("level", 1, takes_arg=True), OptionSpec("coeflegend", 5),
           *format_option_specs()]


def cmd_teffects(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    words = cmd.args.replace("(", " (").split(None, 1)
    sub = words[0] if words else ""
    if not sub:
        e = replay_results(session, ("teffects",))
        if e.macros.get("subcmd") in ("nnmatch", "psmatch"):
            from mlmcli.commands.estimation.teffects_matching import REPLAY_OPTIONS, display

            return display(session, e, resolve_options(cmd.options, REPLAY_OPTIONS))
        return _display(session, e, resolve_options(cmd.options, _REPLAY), log=False)
    if sub == "overlap":  # Stata 13's name of teoverlap
        from mlmcli.commands import lookup

        return lookup("teoverlap").handler()(session, dataclasses.replace(cmd, name="teoverlap", args=""))
    if sub == "nnmatch":
        from mlmcli.commands.estimation.teffects_matching import cmd_nnmatch

        return cmd_nnmatch(session, cmd, words[1] if len(words) > 1 else "")
    if sub == "psmatch":
        from mlmcli.commands.estimation.teffects_matching import cmd_psmatch

        return cmd_psmatch(session, cmd, words[1] if len(words) > 1 else "")
    if sub not in ("ra", "ipw", "ipwra", "aipw"):
        raise StataError("invalid procedure; expected one of ra, ipw, ipwra, aipw, nnmatch, or psmatch", 198)
    _estimate(session, cmd, sub, words[1] if len(words) > 1 else "")


def _estimate(session, cmd, sub: str, text: str) -> None:
    from mlmcli.commands.estimation.common import sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.treatment_effects.estimate import TreatmentData, fit_treatment_effects

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    display_formats(opts)  # _get_diopts' confirm numeric format of cformat() & co.: r(7) before the fit
    for refused in ("from", "pstolerance", "osample", "iterate"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with teffects", 198)
    stats = [s for s in ("ate", "atet", "pomeans") if opts.get(s)]
    if len(stats) > 1:
        raise StataError(f"options {' and '.join(stats)} may not be combined", 184)
    stat = stats[0] if stats else "ate"
    eqs = split_equations(text)
    if len(eqs) != 2:
        raise StataError(f"teffects {sub} requires an outcome equation and a treatment equation, each in "
                         "parentheses", 198)
    (o_vars, o_opts), (t_vars, t_opts) = equation_parts(eqs[0]), equation_parts(eqs[1])
    depvar, o_terms = depvar_and_terms(ds, o_vars)
    tvar, t_terms = depvar_and_terms(ds, t_vars)
    omodel, o_const = "weighted mean", True
    tmodel, t_const = "none", True
    if sub == "ipw":
        if o_terms or o_opts:
            raise StataError("outcome model may not have covariates or options with teffects ipw", 198)
    else:
        omodel, o_const = model_options(o_opts, ("linear", "logit", "probit", "poisson"), "outcome")
    if sub == "ra":
        if t_terms or t_opts:
            raise StataError("treatment model may not have covariates or options with teffects ra", 198)
    else:
        tmodel, t_const = model_options(t_opts, ("logit", "probit"), "treatment")
    if sub == "aipw" and stat == "atet":
        raise StataError("option atet not allowed with teffects aipw", 198)
    check_variables(ds, depvar, tvar, o_terms, t_terms)
    vce, clustvar = sandwich_vce(ds, opts, "robust")
    if vce not in ("robust", "cluster"):
        raise StataError(f"option vce({opts.get('vce')}) not supported by mlmcli with teffects", 198)
    used = [depvar, tvar] + term_variables(o_terms) + term_variables(t_terms)
    touse = np.asarray(mark_sample(session, cmd, used), dtype=bool)
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    if kind == "iweight":
        raise StataError("iweights not supported by mlmcli with teffects", 101)
    if not touse.any():
        raise StataError("no observations", 2000)
    t_all = ds.numeric(tvar)
    if np.any(t_all[touse] != np.round(t_all[touse])) or np.any(t_all[touse] < 0):
        raise StataError(f"treatment variable {tvar} must contain nonnegative integer values", 459)
    levels = sorted(float(v) for v in np.unique(t_all[touse]))
    if len(levels) < 2:
        raise StataError(f"treatment variable {tvar} must have at least two levels", 459)
    control = level_index(ds, tvar, opts["control"], levels, "control") if opts.get("control") else 0
    others = [j for j in range(len(levels)) if j != control]
    treated = level_index(ds, tvar, opts["tlevel"], levels, "tlevel") if opts.get("tlevel") else others[0]
    if treated == control:
        raise StataError("tlevel() may not be the control level", 198)
    if tmodel == "probit" and len(levels) > 2:
        raise StataError("tmodel probit is not allowed with a multivalued treatment; use logit", 198)
    y = ds.numeric(depvar)[touse]
    if omodel in ("logit", "probit") and np.any((y < 0) | (y > 1)):
        raise StataError(f"{depvar} must be between 0 and 1 for a {omodel} outcome model", 459)
    if omodel == "poisson" and np.any(y < 0):
        raise StataError(f"{depvar} must be nonnegative for a Poisson outcome model", 459)
    order = [control] + others  # codes: the control first
    code_of = {levels[j]: c for c, j in enumerate(order)}
    codes = np.array([code_of[v] for v in t_all[touse]])
    o_design = build_design(ds, o_terms, touse, constant=o_const) if sub != "ipw" else None
    t_design = build_design(ds, t_terms, touse, constant=t_const) if sub != "ra" else None
    for which, design in (("outcome", o_design), ("treatment", t_design)):
        if design is not None and design.X.shape[1] == 0:
            raise StataError(f"no variables in the {which} model", 102)
        for note in design.notes if design is not None else ():
            session.print(note)
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    cluster = ds.numeric(clustvar)[touse] if clustvar and not ds.is_string(clustvar) else (
        np.asarray(ds.df[clustvar])[touse] if clustvar else None)
    data = TreatmentData(y, codes, o_design.X if o_design else None, t_design.X if t_design else None, weights,
                         squared_weights=kind == "pweight", cluster=cluster)
    try:
        fit = fit_treatment_effects(sub, stat, data, len(levels), treated_code=order.index(treated),
                                    omodel=omodel if sub != "ipw" else "linear",
                                    tmodel=tmodel if sub != "ra" else "logit")
    except np.linalg.LinAlgError:
        raise StataError("estimating equations could not be solved: the covariates do not identify the "
                         "models", 430) from None
    if not np.all(np.isfinite(fit.theta)):
        raise StataError("convergence not achieved", 430)
    from mlmcli.commands.estimation.teffects_results import post_results

    e = post_results(session, cmd, covariates=term_variables(o_terms) + term_variables(t_terms), sub=sub, stat=stat, depvar=depvar, tvar=tvar, levels=levels, order=order,
                     treated=treated, o_design=o_design, t_design=t_design, fit=fit, touse=touse, weights=weights, kind=kind,
                     omodel=omodel, tmodel=tmodel, clustvar=clustvar,
                     level=confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"))


def _display(session, e, opts, *, log: bool) -> None:
    from mlmcli.commands.estimation.teffects_results import result_at_level
    from mlmcli.render.treatment_effects import render_treatment_effects

    r = result_at_level(session, e, confidence_level(opts, e.result.level))
    formats = display_formats_with_notes(session, opts)  # the options, else set cformat ...
    session.print(render_treatment_effects(r, log=log, aequations=bool(opts.get("aequations")),
                                           coeflegend=bool(opts.get("coeflegend")), formats=formats))
