"""``xtintreg``: random-effects interval-data regression ([XT] xtintreg).

    xtintreg depvar_lower depvar_upper [indepvars] [if] [in] [iweight] [, noconstant i(panelvar)
             offset(varname) intreg intmethod(mvaghermite|ghermite) intpoints(#) vce(oim) level(#)
             nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) display_options]

Each observation is a point (lower == upper), left-censored (lower missing), right-censored
(upper missing) or an interval (lower < upper); both missing leave the sample, lower > upper is
xtintreg.ado's r(198).  Engine: ``panel.tobit_random_effects`` with ``panel.interval_random_effects``'
data; layout: ``render.xttobit`` (title, /sigma_u, /sigma_e, rho, the LR test of sigma_u = 0
under ``intreg`` as Stata 13 (before 15, the test was asked for), the observation summary with
a fourth line for the intervals).  ``predict`` is xttobit's (xb, stdp, stdf, pr0(), e0(),
ystar0()).  ``fe``/``pa`` are xtintreg.ado's refusals; ``vce()`` other than ``oim``,
``constraints()``, ``from()`` and ``collinear`` are refused.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.syntax.settings import setting_value

TITLE = "Random-effects interval regression"
_DISPLAY = [OptionSpec("nocnsreport", 6), *display_option_specs()]
_OPTIONS = [
    OptionSpec("noconstant", 6), OptionSpec("i", 1, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("intreg", 6), OptionSpec("intmethod", 4, takes_arg=True), OptionSpec("intpoints", 4, takes_arg=True),
    OptionSpec("quad", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("constraints", 6, takes_arg=True), OptionSpec("collinear", 3), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("pa", 2), *_DISPLAY]


def cmd_xtintreg(session, cmd) -> None:
    e = session.e
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        if e is None or e.cmd != "xtintreg":
            raise StataError("last estimates not found", 301)
        display(session, e, resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *_DISPLAY]))
        return
    _fit(session, cmd)


def _options(cmd):
    from mlmcli.syntax.options import choice_option

    opts = resolve_options(cmd.options, _OPTIONS)
    if opts.get("fe"):
        raise StataError("Fixed-effects model not available", 198)
    if opts.get("pa"):
        raise StataError("Population-averaged model not available", 198)
    for name in ("constraints", "collinear", "from"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() is not implemented in mlmcli for xtintreg", 198)
    if opts.get("vce") is not None and str(opts["vce"]).strip() != "oim":
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(opts["vce"])  # xttobit.ado: _vce_parse, opt(OIM) old (docs/xt_vce.md)
    if opts.get("intpoints") is not None and opts.get("quad") is not None:
        raise StataError("intpoints() and quad() may not be specified together", 198)
    if opts.get("quad") is not None:
        opts["intpoints"] = opts["quad"]
    adaptive = True
    if opts.get("intmethod") is not None:
        adaptive = choice_option(opts["intmethod"], (("mvaghermite", 2), ("ghermite", 2)), "intmethod") != "ghermite"
    points = 12
    if opts.get("intpoints") is not None:
        try:
            points = int(str(opts["intpoints"]).strip())
        except ValueError:
            raise StataError("option intpoints() incorrectly specified", 198) from None
        if not 4 <= points <= 195:
            raise StataError("number of quadrature points must be between 4 and 195", 198)
    table_options(opts)  # _get_diopts before the fit
    return opts, adaptive, points


def _fit(session, cmd) -> None:
    from mlmcli.commands.estimation.common import evaluate_weight, weight_vars
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.commands.estimation.xt_re_weights import check_constant_within, panel_weight
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.panel.interval_random_effects import IntervalPanelData
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import integer_option

    ds = session.data
    weight = panel_weight(cmd, "xtintreg")  # iweights only, constant within the panel
    opts, adaptive, points = _options(cmd)
    words = cmd.args.split()
    if len(words) < 2:
        raise StataError("too few variables specified", 102)
    if "." in words[0] or "." in words[1]:
        raise StataError("depvar may not be a factor variable", 198)
    lo_var, hi_var = ds.resolve(words[0]), ds.resolve(words[1])
    terms = parse_terms(ds, " ".join(words[2:])) if len(words) > 2 else []
    ivar = panel_variable(session, opts.get("i"))
    offset_var = variable_option(ds, opts, "offset")
    used = term_variables(terms) + ([offset_var] if offset_var else []) + weight_vars(ds, weight)
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    sample &= np.asarray(mark_sample(session, cmd, [ivar], strok=True), dtype=bool)
    lo_all, hi_all = ds.numeric(lo_var), ds.numeric(hi_var)
    sample &= ~(np.isnan(lo_all) & np.isnan(hi_all))
    if weight is not None:
        w_all = evaluate_weight(session, weight)
        sample &= ~np.isnan(w_all) & (w_all != 0)
    if not np.any(sample):
        raise StataError("no observations", 2000)
    lo, hi = lo_all[sample], hi_all[sample]
    if np.any(lo > hi):
        raise StataError(f"observations with {lo_var} > {hi_var} not allowed", 198)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    codes = np.unique(np.asarray(ds.df[ivar])[sample], return_inverse=True)[1].ravel()
    w = None
    if weight is not None:
        w = w_all[sample]
        check_constant_within(w, codes, ivar)
    data = IntervalPanelData(np.zeros(len(lo)), design.X, codes, lo, hi,
                             np.zeros(len(lo)) if offset_var is None else ds.numeric(offset_var)[sample], w)
    iterate = integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0)
    from mlmcli.commands.estimation.xttobit import fit_with_options, log_text, post_and_show

    fit = fit_with_options(data, opts, points=points, adaptive=adaptive, iterate=iterate)
    if not opts.get("nolog"):
        session.print(log_text(fit, bool(opts.get("intreg"))))
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = _estimation_results(session, cmd, fit, design, (lo_var, hi_var), ivar, codes, sample, offset_var,
                            "mvaghermite" if adaptive else "ghermite", points, level, bool(opts.get("intreg")))
    post_and_show(session, cmd, e, fit, opts, iterate, weighted=weight is not None, show=display)


def _estimation_results(session, cmd, fit, design, depvars, ivar, codes, sample, offset_var, intmethod, points,
                        level, lr):
    """xttobit's e() with xtintreg.ado's differences: the two depvars, N_int, and the test of
    sigma_u = 0 as e(chi2_c)/e(chi2_ct) (LR with e(ll_c) under intreg, else Wald)."""
    from mlmcli.commands.estimation.xttobit import tobit_estimation_results, tobit_result

    result = dataclasses.replace(tobit_result(fit, design, depvars[0], ivar, codes, intmethod, points, level, lr),
                                 title=TITLE)
    e = tobit_estimation_results(session, cmd, fit, result, design, sample, offset_var)
    e.cmd, e.title = "xtintreg", TITLE
    e.macros.update(cmd="xtintreg", depvar=" ".join(depvars), title=TITLE, predict="xtintreg_p")
    for name in ("ll_0", "p_c", "ic"):
        e.scalars.pop(name, None)
    e.scalars["N_int"] = float(result.counts[3])
    if lr:
        e.scalars.update(ll_c=float(fit.pooled.f), chi2_c=result.lr_chi2)
        e.macros["chi2_ct"] = "LR"
    else:
        su, v = float(fit.estimates[-2]), float(fit.V[-2, -2])
        e.scalars["chi2_c"] = su * su / v if v > 0 else float("nan")
        e.macros["chi2_ct"] = "Wald"
    return e


def display(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.xttobit import display as tobit_display

    tobit_display(session, e, opts)


def replay(session, e) -> None:
    display(session, e, {})
