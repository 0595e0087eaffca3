"""``lrtest``: likelihood-ratio tests between stored estimation results.

The test itself (which model is nested, df, the boundary and REML notes) is
computed in ``mlmcli.postest.lrtest``; this module gathers each model's numbers
from its stored results (``mlmcli.estimation``) and prints Stata's table.
"""
from __future__ import annotations

from mlmcli.commands.postestimation.estimates import show_dir, show_stats
from mlmcli.errors import StataError
from mlmcli.estimation.active import active, lookup
from mlmcli.estimation.results import ME_COMMANDS, MULTILEVEL_COMMANDS
from mlmcli.estimation.rows import sample_in_current_order
from mlmcli.syntax.options import OptionSpec, number_option, resolve_options

HELP = {
    "lrtest": "lrtest A [B] [, stats dir force df(#)] -- LR chi2 = -2 (ll_restricted - ll_unrestricted), "
              "df = difference in the number of parameters (Stata [R] lrtest).",
}


# e(cmd) as Stata's me commands leave it: melogit.ado ... menbreg.ado post `ereturn local
# cmd meglm` (e(cmd2) the command), while meglm and mestreg keep _me_estimate's `gsem`
# (Stata 16's ados).  lrtest.ado compares e(cmd), so menbreg against mepoisson is one
# estimator and melogit against meglm two.
GSEM_ME = ("meglm", "mestreg")


def stata_ecmd(cmd: str) -> str:
    if cmd in GSEM_ME:
        return "gsem"
    return "meglm" if cmd in ME_COMMANDS else cmd


def model_info(session, name: str):
    """ModelInfo for lrtest from stored (or active, ``.``) results."""
    from mlmcli.postest.lrtest import ModelInfo
    e = lookup(session, name)
    if "ll" not in e.scalars:
        raise StataError(f"{name} does not contain scalar e(ll)", 498)
    sc = e.scalars
    # Stata's lrtest names the active results by their stored name when they have one
    # (``estimates store B`` then ``lrtest A .``: "(Assumption: A nested in B)")
    label = name if name != "." else (e.macros.get("_estimates_name") or ".")
    crit = "log pseudolikelihood" if getattr(e.result, "pseudo", False) else ""
    # e(mecmd) posted (lrtest.ado's is_me): _xtmixed_estimate, _xtme_estimate (meqr*, xtme*) and
    # gsem under the me commands
    multilevel = e.cmd in MULTILEVEL_COMMANDS or e.cmd == "mestreg"
    return ModelInfo(
        name=label, cmd=stata_ecmd(e.cmd), multilevel=multilevel,
        model=e.macros.get("model", "") if multilevel else "", nobs=int(sc.get("N", 0)), ll=float(sc["ll"]), df=e.n_parameters(),
        depvar=e.macros.get("depvar", ""), method=e.macros.get("method", ""),
        k_f=_int_or_none(sc.get("k_f")), k_rs=_int_or_none(sc.get("k_rs")), k_rc=_int_or_none(sc.get("k_rc")),
        wtype=e.macros.get("wtype", ""), vcetype=e.macros.get("vcetype", ""),
        clustvar=e.macros.get("clustvar", ""), crittype=crit,
        sample=sample_in_current_order(session, e))  # None: lrtest compares only the Ns


def _int_or_none(v):
    return None if v is None else int(v)


def cmd_lrtest(session, cmd) -> None:
    """``lrtest modelspec1 [modelspec2] [, stats dir force df(#)]``."""
    opts = resolve_options(cmd.options, [OptionSpec("stats", 2), OptionSpec("dir", 2),
                                       OptionSpec("force", 5), OptionSpec("df", 2, takes_arg=True)])
    words = cmd.args.split()
    if not words:
        raise StataError("name(s) of estimation results expected", 198)
    if len(words) > 2:
        raise StataError(f"invalid input following specifications: {' '.join(words[2:])}", 198)
    if len(words) == 1:
        active(session)
        words.append(".")
    if words[0] == words[1]:
        raise StataError(f"models {words[0]} specified more than once", 198)
    df = None
    if "df" in opts:
        df = number_option(opts, "df", None)
        if df <= 0:
            raise StataError("df() should be positive", 198)
    from mlmcli.postest.lrtest import likelihood_ratio_test
    a, b = model_info(session, words[0]), model_info(session, words[1])
    res = likelihood_ratio_test(a, b, force=bool(opts.get("force")), df=df)
    from mlmcli.render.lrtest import render_lrtest
    session.print(render_lrtest(res, linesize=session.linesize))
    if opts.get("stats"):
        show_stats(session, [res.restricted, res.unrestricted])
    if opts.get("dir"):
        show_dir(session, [res.restricted, res.unrestricted])
    session.set_r({"p": res.p, "chi2": res.chi2, "df": float(res.df)})
