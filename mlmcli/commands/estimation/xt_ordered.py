"""``xtologit`` and ``xtoprobit``: random-effects ordered logit/probit (Stata 13, [XT] xtologit,
[XT] xtoprobit):

    xtologit depvar [indepvars] [if] [in] [, offset(varname) vce(oim|robust|cluster v) level(#) or
             nocnsreport display_options intmethod(mvaghermite|ghermite) intpoints(#) nolog
             iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) nodisplay coeflegend]

The model of ``meologit depvar indepvars || panelvar:`` (``meoprobit``) with the panel variable
xtset has (or ``i()``), integrated by mean-variance adaptive Gauss-Hermite quadrature with 12
points unless ``intpoints(#)``: the glmm engine's fit, the same numbers as meologit's with
``intpoints(12)``.  Shown the xt way (``mlmcli.render.xt_ordered``): the cutpoints ``/cut1`` ...
with z and P, ``/sigma2_u`` (the variance of u_i, log-scale limits), the LR test of sigma2_u = 0
against ologit/oprobit.  e(b) ends ``cut1:_cons`` ... ``sigma2_u:_cons``.  Stata 13 takes no
weights here; constraints(), collinear, noskip and vce(bootstrap|jackknife) are refused by
mlmcli (docs/xtologit.md).  ``startgrid(numlist)`` ("improve starting value of the random-intercept
parameter by performing a grid search") is meologit's startgrid(numlist) on sigma2_u.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.commands.estimation.convergence import finish, limit_reached
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

ENGINE = {"xtologit": "meologit", "xtoprobit": "meoprobit"}
UNSUPPORTED = ("constraints", "collinear", "noskip", "from")


def options_of(cmdname: str) -> list[OptionSpec]:
    opts = [OptionSpec("i", 1, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
            OptionSpec("intmethod", 4, takes_arg=True), OptionSpec("intpoints", 4, takes_arg=True),
            OptionSpec("vce", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
            OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
            OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nocnsreport", 7),
            OptionSpec("nodisplay", 5),
            OptionSpec("constraints", 5, takes_arg=True), OptionSpec("collinear", 3), OptionSpec("noskip", 6),
            OptionSpec("startgrid", 6, takes_arg=True, arg_optional=True), OptionSpec("from", None, takes_arg=True),
            *display_option_specs()]
    if cmdname == "xtologit":
        opts.append(OptionSpec("or", 2))
    return opts


def _intmethod(opts: dict) -> str:
    """[XT] xtologit: mvaghermite (the default) or ghermite."""
    if "intmethod" not in opts:
        return "mvaghermite"
    from mlmcli.syntax.options import choice_option

    return choice_option(opts["intmethod"], (("mvaghermite", 2), ("ghermite", 2)), "intmethod")


def _refuse(cmdname: str, opts: dict, cmd) -> None:
    if cmd.weight is not None:  # Stata 13's syntax line has no [weight]
        raise StataError("weights not allowed", 101)
    for name in UNSUPPORTED:
        if name in opts:
            raise StataError(f"option {name}{'()' if opts[name] is not True else ''} not supported by mlmcli "
                             f"with {cmdname}", 198)
    v = opts.get("vce")
    if v is not None:
        kind = str(v).strip().split(",")[0].split()
        if kind and any(w.startswith(kind[0].lower()) and len(kind[0]) >= k for w, k in
                        (("bootstrap", 4), ("jackknife", 4))):
            word = "bootstrap" if "bootstrap".startswith(kind[0].lower()) else "jackknife"
            raise StataError(f"option vce({word}) not supported by mlmcli with {cmdname}", 198)


def cmd_xtologit(session, cmd) -> None:
    _command(session, cmd, "xtologit")


def cmd_xtoprobit(session, cmd) -> None:
    _command(session, cmd, "xtoprobit")


def _command(session, cmd, cmdname: str) -> None:
    if not cmd.args.strip():
        return _replay(session, cmd, cmdname)
    opts = resolve_options(cmd.options, options_of(cmdname))
    _refuse(cmdname, opts, cmd)
    from mlmcli.commands.estimation.xt_random_intercept import intpoints_option

    method, points = _intmethod(opts), intpoints_option(opts)
    e, at_limit = _fit(session, cmd, cmdname, opts, method, points)
    e.stamp_sample(session.data)
    session.e = e
    if not opts.get("nodisplay"):
        display(session, e, opts)
    finish(session, e, converged=bool(e.scalars.get("converged", 1.0)), at_limit=at_limit,
           iterate_typed=opts.get("iterate") is not None)


def _fit(session, cmd, cmdname, opts, method, points):
    from mlmcli.commands.estimation.me import build_spec, fit_and_log, with_log_line
    from mlmcli.commands.estimation.panel_common import check_panels_in_clusters, random_intercept_command
    from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log

    mc, ivar = random_intercept_command(session, cmd, opts, ("offset",))
    spec, design, sample, notes = build_spec(session, ENGINE[cmdname], mc)
    check_panels_in_clusters(spec)  # _xtordinal: _xtreg_chk_cl2
    spec = dataclasses.replace(spec, intmethod=method, intpoints=points)
    if "startgrid" in opts:  # the values of sigma2_u, the model's only variance (me_start)
        spec = dataclasses.replace(spec, start_grid=(_start_grid(opts["startgrid"], cmdname),))

    pseudo = spec.fixed.vce != "oim" or spec.fixed.cluster is not None  # me`model' under vce(robust|cluster)

    def log_text(r):
        return with_log_line(render_xt_re_iteration_log(r.iteration_log, pseudo), r.converged)

    fit, glmm = fit_and_log(session, spec, list(design.notes) + notes, None if opts.get("nolog") else log_text)
    from mlmcli.commands.estimation.xt_ordered_results import ordered_results

    phases = glmm.iteration_log.phases
    at_limit = bool(phases) and limit_reached(phases[-1].steps, spec.fixed.iterate)
    return ordered_results(cmdname, (cmd.text or cmdname).strip(), fit, glmm, design, sample, ivar), at_limit


def _start_grid(typed, cmdname: str) -> tuple:
    """startgrid(numlist): (the variances tried, None: the random intercept).  The syntax line
    has startgrid(numlist), not meologit's optional startgrid[(gridspec)]: a numlist is required."""
    from mlmcli.syntax.numlist import numlist

    if typed is True or not str(typed).strip():
        raise StataError(f"option startgrid() invalid: {cmdname} requires startgrid(numlist)", 198)
    try:
        values = tuple(float(v) for v in numlist(str(typed)))
    except StataError:
        raise StataError(f"option startgrid({typed}) invalid", 198) from None
    if any(not v > 0 for v in values):
        raise StataError(f"option startgrid({typed}) invalid: variances must be positive", 198)
    return values, None


# ====================================================================== display
def display(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.xt_ordered_results import result_at_level
    from mlmcli.glm.inference import eform_rows
    from mlmcli.render.xt_ordered import render_xt_ordered

    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = result_at_level(result, level)
    if opts.get("or"):
        result = dataclasses.replace(result, fixed=tuple(eform_rows(result.fixed)), eform="Odds Ratio")
    table = table_options_with_notes(session, opts)
    session.print(render_xt_ordered(result, linesize=session.linesize, options=table))


def replay(session, e) -> None:
    display(session, e, {})


def _replay(session, cmd, cmdname: str) -> None:
    """``xtologit [, or level(#) display_options]`` after xtologit."""
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, (cmdname,))
    names = {"level", "or", "nocnsreport"} | {o.name for o in display_option_specs()}
    specs = [o for o in options_of(cmdname) if o.name in names]
    opts = resolve_options(cmd.options, specs)
    display(session, e, opts)
