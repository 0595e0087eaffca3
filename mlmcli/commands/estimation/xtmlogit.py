"""``xtmlogit``: random-effects and conditional fixed-effects multinomial logit for panel data
(Stata 17, [XT] xtmlogit):

    xtmlogit depvar [indepvars] [if] [in] [, re baseoutcome(#) noconstant covariance(vartype)
             vce(oim|robust|cluster v) level(#) rrr intmethod(mvaghermite|ghermite) intpoints(#)
             iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) nolog nodisplay display_options]
    xtmlogit depvar [indepvars] [if] [in], fe [baseoutcome(#) vce(oim|robust|cluster v) level(#) rrr ...]

The outcomes, the base outcome (the most frequent unless baseoutcome(#)) and the equations'
names are mlogit's.  ``re`` (the default): random intercepts u_ik in every non-base outcome's
equation, N(0, Sigma) with covariance(independent) (the default), identity, exchangeable or
unstructured, integrated by mean-variance adaptive Gauss-Hermite quadrature with
``intpoints(7)`` a dimension (``panel.multinomial_random_effects``); the comparison model is
mlogit's fit, the LR test below the table compares with it.  ``fe``: the conditional
likelihood given each panel's outcome counts (``panel.multinomial_conditional``); panels whose
outcome never changes are dropped and covariates constant within every panel omitted.
vce(robust) and vce(cluster v) (panels nested within clusters): the sandwich over panels
(clusters).  Weights, constraints(), lrmodel, from() and vce(bootstrap|jackknife) are refused
by mlmcli.  The command typed alone replays the results (``rrr``, ``level()``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import (depvar_and_terms, display_option_specs, group_codes,
                                               sandwich_vce, table_options_with_notes)
from mlmcli.commands.estimation.convergence import finish
from mlmcli.errors import StataError
from mlmcli.syntax.options import (OptionSpec, choice_option, confidence_level, integer_option, number_option,
                                   resolve_options)

OPTIONS = [
    OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("i", 1, takes_arg=True),
    OptionSpec("baseoutcome", 1, takes_arg=True), OptionSpec("noconstant", 6),
    OptionSpec("covariance", 3, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("rrr", 3), OptionSpec("lrmodel", 7),
    OptionSpec("nocnsreport", 6), OptionSpec("intmethod", 4, takes_arg=True),
    OptionSpec("intpoints", 4, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("nodisplay", 5), OptionSpec("from", 4, takes_arg=True), *display_option_specs(),
]
RE_ONLY = ("noconstant", "covariance", "intmethod", "intpoints")
REFUSED = ("constraints", "lrmodel", "from")
DEFAULT_POINTS = 7


def _check(opts: dict, cmd) -> str:
    if opts.get("re") and opts.get("fe"):
        raise StataError("options re and fe may not be combined", 198)
    model = "fe" if opts.get("fe") else "re"
    if cmd.weight is not None:
        raise StataError("weights not supported by mlmcli with xtmlogit", 198)
    for name in REFUSED:
        if name in opts:
            raise StataError(f"option {name}{'()' if opts[name] is not True else ''} not supported by mlmcli "
                             "with xtmlogit", 198)
    if model == "fe":
        for name in RE_ONLY:
            if name in opts:
                raise StataError(f"option {name}{'()' if opts[name] is not True else ''} not allowed", 198)
    v = str(opts.get("vce") or "").strip()
    if v and any(v.startswith(w[:4]) and w.startswith(v.split()[0].split(",")[0]) for w in ("bootstrap", "jackknife")):
        kind = "bootstrap" if "bootstrap".startswith(v.split()[0].split(",")[0]) else "jackknife"
        raise StataError(f"option vce({kind}) not supported by mlmcli with xtmlogit", 198)
    return model


def _covariance(opts: dict) -> str:
    if opts.get("covariance") is None:
        return "independent"
    from mlmcli.panel.multinomial_random_effects import COVARIANCES

    return choice_option(opts["covariance"], COVARIANCES, "covariance", fold_case=True)


def _points(opts: dict) -> int:
    if opts.get("intpoints") is None:
        return DEFAULT_POINTS
    n = integer_option(opts, "intpoints", DEFAULT_POINTS, minimum=1)
    if n > 128:
        raise StataError("intpoints() must be an integer between 1 and 128", 198)
    return n


def cmd_xtmlogit(session, cmd) -> None:
    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return _replay(session, cmd)
    opts = resolve_options(cmd.options, OPTIONS)
    model = _check(opts, cmd)
    e, fit = _fit(session, cmd, opts, model)
    e.stamp_sample(session.data)
    session.e = e
    if not opts.get("nodisplay"):
        display(session, e, opts)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _fit(session, cmd, opts: dict, model: str):
    from mlmcli.commands.estimation.mlogit import base_outcome, outcome_label, outcome_names
    from mlmcli.commands.estimation.panel_common import check_nested, panel_variable
    from mlmcli.factor_variables import term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    ivar = panel_variable(session, opts.get("i"))
    depvar, terms = depvar_and_terms(session, cmd.args)
    if ds.is_string(depvar):
        raise StataError(f"string variables not allowed in varlist;\n{depvar} is a string variable", 109)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    extra = [clustvar] if clustvar else []
    sample = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms) + [ivar] + extra, strok=True), bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    values = np.unique(ds.numeric(depvar)[sample])
    if len(values) == 1:
        raise StataError("outcome does not vary", 2000)
    if len(values) > 50:
        raise StataError("outcome has too many categories; must be <= 50", 149)
    outcomes = tuple(float(v) for v in values)
    codes_all = np.searchsorted(values, ds.numeric(depvar)[sample])
    base = base_outcome(opts.get("baseoutcome"), outcomes, np.bincount(codes_all, minlength=len(values)))
    names = outcome_names(ds, depvar, outcomes)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    maxopts = dict(iterate=integer_option(opts, "iterate", 300, minimum=0),
                   tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
                   nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    setup = dict(depvar=depvar, outcomes=outcomes, base=base, names=names, ivar=ivar, vce=vce, clustvar=clustvar,
                 level=level, maxopts=maxopts, nolog=bool(opts.get("nolog")))
    if model == "fe":
        from mlmcli.commands.estimation.xtmlogit_fit import fit_fe

        fit, design, sample = fit_fe(session, terms, sample, codes_all, setup)
    else:
        from mlmcli.commands.estimation.xtmlogit_fit import fit_re

        fit, design = fit_re(session, terms, sample, codes_all, setup, bool(opts.get("noconstant")),
                             _covariance(opts), _points(opts), _intmethod(opts))
    groups = group_codes(ds, ivar, sample)
    if clustvar:
        check_nested(groups, group_codes(ds, clustvar, sample))
    from mlmcli.commands.estimation.xtmlogit_fit import ereturn

    label = outcome_label(ds, depvar, outcomes[base])
    e = ereturn(cmd, fit, design, sample, groups, setup, label or "")
    return e, fit


def _intmethod(opts: dict) -> str:
    if opts.get("intmethod") is None:
        return "mvaghermite"
    return choice_option(opts["intmethod"], (("mvaghermite", 2), ("ghermite", 2)), "intmethod", fold_case=True)


def display(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.xtmlogit_fit import panel_result
    from mlmcli.render.xtmlogit import render_xtmlogit

    level = confidence_level(opts, e.result.level)
    r = e.result
    header = dict(title=r.title, ivar=r.ivar, n_groups=r.n_groups, g_min=r.g_min, g_avg=r.g_avg, g_max=r.g_max)
    result = r if level == r.level else panel_result(e.model, header, level)
    table = table_options_with_notes(session, opts)
    session.print(render_xtmlogit(result, eform=bool(opts.get("rrr")), linesize=session.linesize, options=table))


def replay(session, e) -> None:
    display(session, e, {})


def _replay(session, cmd) -> None:
    """``xtmlogit [, rrr level(#) display_options]`` after xtmlogit."""
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, ("xtmlogit",))
    keep = {"level", "rrr", "nocnsreport"} | {o.name for o in display_option_specs()}
    display(session, e, resolve_options(cmd.options, [o for o in OPTIONS if o.name in keep]))

