"""Generalized linear models: extensions to the binomial family ([R] binreg), on glm's engine:

    binreg depvar [indepvars] [if] [in] [weight] [, or|rr|rd|hr n(#|varname) noconstant exposure(v)
           offset(v) vce(eim|robust|cluster v) coefficients irls ml level(#) nolog iterate(#) ltolerance(#)
           display_options]

As binreg.ado: ``or`` (the default) is glm's family(binomial n()) with the logit link, ``rr`` the
log link, ``rd`` the identity link and ``hr`` the log-complement link; the table's heading is
Odds Ratio, Risk Ratio, Risk Diff. or Hlth Ratio (exponentiated but for rd) when one of them is
typed and ``coefficients`` is not (the default ``or`` shows coefficients).  The default fit is
glm's IRLS (``glm.irls``: Fisher scoring from glm.ado's start, deviance log, EIM standard errors;
vce(robust|cluster): "Semirobust" for a non-canonical link); ``ml`` is glm's Newton-Raphson fit
(``commands/estimation/generalized_linear``) with all of glm's vce().  The header is glm's ("MQL
Fisher scoring (IRLS EIM)" and BIC alone under IRLS, as glm.ado's Display).  predict is glm's
(glim_p).  Refused: mu()/init(), constraints(), and under IRLS vce(oim|opg|...), scale(),
vfactor().  The command typed alone replays.  Layout: ``render.binomial_regression``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"binreg": "binreg depvar [indepvars] [if] [in] [weight] [, or|rr|rd|hr n(#|varname) vce() ml irls "
                  "coefficients] : GLM of the binomial family: odds ratios, risk ratios, risk differences, "
                  "health ratios"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("coefficients", 4), OptionSpec("or", 2),
            OptionSpec("rr", 2), OptionSpec("rd", 2), OptionSpec("hr", 2), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("ml", 2), OptionSpec("irls", 4), OptionSpec("n", 1, takes_arg=True),
    OptionSpec("noconstant", 6), OptionSpec("exposure", 3, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("scale", 3, takes_arg=True),
    OptionSpec("vfactor", 2, takes_arg=True), OptionSpec("disp", 4, takes_arg=True),
    OptionSpec("mu", 2, takes_arg=True), OptionSpec("init", 3, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True), OptionSpec("search", 6),
    OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7), OptionSpec("fisher", 6, takes_arg=True),
]
# measure -> (glm link, heading of the table, exponentiated)
MEASURES = {"or": ("logit", "Odds Ratio", True), "rr": ("log", "Risk Ratio", True),
            "rd": ("identity", "Risk Diff.", False), "hr": ("logc", "Hlth Ratio", True)}
_GLM_PASSED = ("noconstant", "exposure", "offset", "level", "iterate", "tolerance", "ltolerance", "nrtolerance",
               "nolog", "collinear")


def _measure(opts) -> str:
    typed = [k for k in MEASURES if opts.get(k)]
    if len(typed) > 1:
        raise StataError("may choose only one of or, rr, rd, hr options", 198)
    return typed[0] if typed else "or"


def heading(measure: str, typed: bool, coefficients: bool) -> str | None:
    """The table's coefficient heading (None: Coef.): binreg.ado's eform()/coeftitle()."""
    if measure == "rd" or (typed and not coefficients):
        return MEASURES[measure][1]
    return None


def _n_option(ds, text):
    t = str(text).strip()
    try:
        v = float(t)
    except ValueError:
        if len(t.split()) == 1 and t in ds.varnames or _is_variable(ds, t):
            return ds.resolve(t)
        raise StataError(f"option n({t}) invalid - integer or variable name expected", 198) from None
    if v != int(v):
        raise StataError(f"option n({t}) invalid - integer or variable name expected", 198)
    return t


def _is_variable(ds, text) -> bool:
    try:
        ds.resolve(text)
        return True
    except StataError:
        return False


def _irls_vce(ds, opts):
    """binreg's IRLS variance: eim (default), robust, cluster v (glm's irls parse); oim and opg
    refused first."""
    from mlmcli.commands.estimation.generalized_linear import irls_vce
    from mlmcli.syntax.options import vce_option, vcetype_not_allowed

    v = opts.get("vce")
    if v is not None:
        kind, _ = vce_option(v, (("eim", 1), ("robust", 1), ("cluster", 2), ("oim", 1), ("opg", 1)))
        if kind in ("oim", "opg"):
            raise StataError(f"vce({kind}) with binreg's IRLS not supported by mlmcli; add option ml", 198)
        if kind is None:
            raise vcetype_not_allowed(v)
    return irls_vce(ds, opts)


def run(session, cmd) -> None:
    from mlmcli.ast import Option
    from mlmcli.commands.estimation.generalized_linear import fit_command
    from mlmcli.commands.estimation.common import table_options_with_notes

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    if not cmd.args.strip():  # if/in or a weight without a depvar (syntax varlist(min=1))
        raise StataError("varlist required", 100)
    opts = resolve_options(cmd.options, _OPTIONS)
    measure = _measure(opts)
    ml = bool(opts.get("ml"))
    if ml and opts.get("irls"):
        raise StataError("ml and irls options may not be combined", 198)
    if not ml and opts.get("search"):
        raise StataError("option search is allowed only in combination with option ml", 198)
    if not ml and opts.get("from") is not None:
        raise StataError("option from() is allowed only in combination with option ml", 198)
    for refused in ("mu", "init", "constraints", "from"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with binreg", 198)
    if not ml:
        for refused in ("scale", "vfactor"):
            if opts.get(refused) is not None:
                raise StataError(f"option {refused}() with binreg's IRLS not supported by mlmcli; add option ml", 198)
    family = "binomial" + (f" {_n_option(ds, opts['n'])}" if opts.get("n") is not None else "")
    link = MEASURES[measure][0]
    passed = [o for o in cmd.options if any(OptionSpec(name).matches(o.name) for name in _GLM_PASSED)]
    if ml:
        passed += [o for o in cmd.options if any(OptionSpec(n, k).matches(o.name) for n, k in
                                                 (("vce", 3), ("robust", 1), ("cluster", 2), ("scale", 3),
                                                  ("vfactor", 2), ("search", 6)))]
        vce, clustvar = None, None
    else:
        vce, clustvar = _irls_vce(ds, opts)
        if clustvar:  # glm marks its sample with the cluster variable too
            passed.append(Option("cluster", clustvar))
    glm_cmd = dataclasses.replace(cmd, name="glm", options=tuple(passed) + (Option("family", family),
                                                                             Option("link", link)))
    from mlmcli.commands.estimation.generalized_linear import OPTIONS as GLM_OPTIONS

    glm_opts = resolve_options(glm_cmd.options, GLM_OPTIONS)
    table = table_options_with_notes(session, opts)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        # rd/hr links step outside (0, 1) and values near 1e307 overflow: inf/NaN, refused below
        fit, design, sample, kind, m_var = fit_command(session, glm_cmd, glm_opts)
    if not np.isfinite(fit.beta).all():
        raise StataError("could not calculate numerical derivatives -- discontinuous region with missing "
                         "values encountered", 430)
    for note in design.notes:
        session.print(note)
    irls = None
    if not ml:
        fit, irls = _refit_irls(session, fit, design, sample, kind, vce, clustvar, opts)
    from mlmcli.commands.estimation.binreg_results import post, show

    e = post(session, cmd, fit, design, sample, kind, measure, irls, heading(measure, measure in [
        k for k in MEASURES if opts.get(k)], bool(opts.get("coefficients"))))
    session.e = e
    log = not opts.get("nolog")
    show(session, e, opts, log=log, table=table, deviances=irls.deviances if log and irls is not None else None)
    from mlmcli.commands.estimation.convergence import finish

    # glm's ml hands iterate() to ml (the warning, rc 0); its IRLS ends in r(430) unconverged
    finish(session, e, converged=fit.converged, at_limit=ml, iterate_typed=ml)


def _refit_irls(session, fit, design, sample, kind, vce, clustvar, opts):
    """glm's IRLS on the ML fit's data; the fit's estimates, V and statistics replaced."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.irls import fit_irls
    from mlmcli.syntax.options import number_option

    ds = session.data
    n = len(fit.y)
    offset = np.zeros(n)
    if fit.offset_name:
        name = fit.offset_name
        offset = (np.log(ds.numeric(name[3:-1])) if name.startswith("ln(") else ds.numeric(name))[sample]
    w = fit.w
    if kind == "aweight":
        w = w / w.mean()
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" else None
    iterate = ml_settings(session, opts)["iterate"]
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # refused below when not finite
        result = fit_irls(fit.family, fit.link, design.X, fit.y, fit.family.denominators(n), offset, w,
                          iterate=iterate, ltolerance=number_option(opts, "ltolerance", 1e-6),
                          frequency=kind == "fweight", cluster=cluster, robust=vce == "robust" or kind == "pweight")
    if not np.isfinite(result.beta).all():
        raise StataError("could not calculate numerical derivatives -- discontinuous region with missing "
                         "values encountered", 430)
    if kind == "pweight" and vce == "eim":
        vce = "robust"
    canonical = fit.link.name == "logit"
    label = {"eim": "EIM", "robust": "Robust" if canonical else "Semirobust",
             "cluster": "Robust" if canonical else "Semirobust"}[vce]
    refit = dataclasses.replace(
        fit, beta=result.beta, V=result.V, mu=result.mu, deviance=result.deviance, pearson=result.pearson,
        loglik=float("nan"), phi=1.0, vce=vce, vce_label=label, iterations=[], converged=result.converged,
        limit_reached=not result.converged, cluster_var=clustvar,
        n_clusters=int(cluster.max()) + 1 if cluster is not None else None)
    return refit, result


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.binreg_results import show
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, ("binreg",))
    opts = resolve_options(cmd.options, _DISPLAY)
    show(session, e, opts)


def cmd_binreg(session, cmd) -> None:
    run(session, cmd)

