"""``xtabond`` and ``xtdpdsys``: Arellano-Bond and Arellano-Bover/Blundell-Bond linear dynamic
panel-data estimation ([XT] xtabond, [XT] xtdpdsys).

    xtabond  depvar [indepvars] [if] [in] [, lags(#) maxldep(#) maxlags(#) twostep noconstant
             inst(varlist) pre(varlist[, lagstruct(#, #)]) endogenous(varlist[, lagstruct(#, #)])
             vce(gmm|robust) artests(#) level(#) vsquish nolstretch coeflegend]
    xtdpdsys (the same without inst())

As the ado files do (_xtab_parser.ado, xtdpd.ado), the model is xtdpd's: the regressors are
L(1/lags).depvar, L(0/#).v of each pre()/endogenous() variable and the indepvars; the
difference equation's instruments the levels of depvar lagged 2 .. maxldep+1, of each
predetermined variable lagged 1 (endogenous: 2) .. maxlags, and D. of the indepvars (inst():
its levels); the constant is estimated from a level equation whose only instrument is 1.
xtdpdsys adds to the level equation LD.depvar (and D./LD. of the pre()/endogenous()
variables) per period.  xtabond counts its observations on the difference equation
(e(N), obs per group), xtdpdsys on the level equation.  Engine: ``mlmcli.panel.dynamic_gmm``;
layout: ``mlmcli.render.dynamic_panel``.  Lagged instruments are read from every row of the
data (time-series operators ignore if/in).  diffvars() and selegend are refused.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_OPTIONS = [
    OptionSpec("lags", 2, takes_arg=True), OptionSpec("maxldep", 5, takes_arg=True),
    OptionSpec("maxlags", 6, takes_arg=True), OptionSpec("twostep", 3), OptionSpec("noconstant", 6),
    OptionSpec("artests", 2, takes_arg=True), OptionSpec("inst", 4, takes_arg=True),
    OptionSpec("pre", 3, takes_arg=True, repeatable=True),
    OptionSpec("endogenous", 3, takes_arg=True, repeatable=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("small", 2),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("vsquish", 7), OptionSpec("nolstretch", 10),
    OptionSpec("coeflegend", 5), OptionSpec("selegend", 8), OptionSpec("diffvars", 5, takes_arg=True),
]
_REPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("vsquish", 7), OptionSpec("nolstretch", 10),
           OptionSpec("coeflegend", 5)]


def cmd_xtabond(session, cmd) -> None:
    _command(session, cmd, "xtabond")


def cmd_xtdpdsys(session, cmd) -> None:
    _command(session, cmd, "xtdpdsys")


def _command(session, cmd, which: str) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, (which,))
        display(session, e, resolve_options(cmd.options, _REPLAY))
        return
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    if which == "xtdpdsys" and opts.get("inst") is not None:
        raise StataError("option inst() not allowed with xtdpdsys", 198)
    for name in ("diffvars", "selegend"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() is not available with {which} in mlmcli", 198)
    from mlmcli.commands.estimation.dynamic_panel_model import build_model, post_results

    model = build_model(session, cmd, opts, which)
    if opts.get("small"):
        session.print("small is a deprecated option")
    for note in model.notes:
        session.print(note)
    from mlmcli.panel.dynamic_gmm import fit_dpd

    fit = fit_dpd(model.problem, twostep=model.twostep, robust=model.robust, artests=model.artests)
    if fit.warn:
        raise StataError("variance-covariance matrix of the two-step estimatoris not full rank\n"
                         "Two-step estimator is not available. One-step estimator is available and "
                         "variance-covariance matrix provides correct coverage.", 198)
    e = post_results(session, cmd, model, fit, which)
    session.e = e
    display(session, e, opts)


def display(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.dynamic_panel_model import result_of
    from mlmcli.render.dynamic_panel import render_dynamic_panel

    level = confidence_level(opts, getattr(session, "level", 95.0))
    display_opts = (("vsquish", bool(opts.get("vsquish"))), ("nolstretch", bool(opts.get("nolstretch"))),
                    ("mode", "legend" if opts.get("coeflegend") else None))
    result = result_of(e, level, display_opts)
    session.print(render_dynamic_panel(result, linesize=getattr(session, "linesize", 80)))
