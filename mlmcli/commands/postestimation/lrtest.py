"""``lrtest``: likelihood-ratio tests between stored estimation results.

The test itself (which model is nested, df, the boundary and REML notes) is
computed in ``mlmcli.postest.lrtest``; this module gathers each model's numbers
from ``estimates`` and prints Stata's table.
"""
from __future__ import annotations

import dataclasses

from mlmcli.commands.postestimation.estimates import MIXED_CMDS, _dir, _npar, _stats, lookup_estimates
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {
    "lrtest": "lrtest A [B] [, stats dir force df(#)] -- LR chi2 = -2 (ll_restricted - ll_unrestricted), "
              "df = difference in the number of parameters (Stata [R] lrtest).",
}


def model_info(session, name: str):
    """ModelInfo for lrtest from stored (or active, ``.``) results."""
    from mlmcli.postest.lrtest import ModelInfo
    e = lookup_estimates(session, name)
    if "ll" not in e.scalars:
        raise StataError(f"{name} does not contain scalar e(ll)", 498)
    sc = e.scalars
    label = name
    crit = "log pseudolikelihood" if getattr(e.result, "pseudo", False) else ""
    return ModelInfo(
        name=label, cmd=e.cmd, nobs=int(sc.get("N", 0)), ll=float(sc["ll"]), df=_npar(e),
        depvar=e.macros.get("depvar", ""), method=e.macros.get("method", ""),
        k_f=_int_or_none(sc.get("k_f")), k_rs=_int_or_none(sc.get("k_rs")), k_rc=_int_or_none(sc.get("k_rc")),
        wtype=e.macros.get("wtype", ""), vcetype=e.macros.get("vcetype", ""),
        clustvar=e.macros.get("clustvar", ""), crittype=crit,
        sample=_sample_now(session, e))


def _sample_now(session, e):
    """e(sample) in the current row order, or None when it cannot be placed (then lrtest compares
    only the numbers of observations): the data may have been sorted since the fit."""
    if e.sample is None or len(e.sample) != session.data.nobs:
        return None
    if e.cmd in MIXED_CMDS and getattr(e.model, "spec", None) is not None:
        from mlmcli.commands.postestimation.re_rows import row_groups
        try:
            return row_groups(session, e).sample
        except StataError:
            return None
    return None


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
        if session.e is None:
            raise StataError("last estimates not found", 301)
        words.append(".")
    if words[0] == words[1]:
        raise StataError(f"models {words[0]} specified more than once", 198)
    df = None
    if "df" in opts:
        try:
            df = float(opts["df"])
        except ValueError:
            raise StataError("df() invalid", 198) from None
        if df <= 0:
            raise StataError("df() should be positive", 198)
    from mlmcli.postest.lrtest import likelihood_ratio_test
    a, b = model_info(session, words[0]), model_info(session, words[1])
    res = likelihood_ratio_test(a, b, force=bool(opts.get("force")), df=df)
    from mlmcli.render.lrtest import render_lrtest
    from mlmcli.render.lrtest import wrap_paragraph
    text = render_lrtest(res, linesize=session.linesize)
    if res.reml_note:
        # Stata's second note (lrtest.ado), blank line only when no boundary note precedes it
        note = wrap_paragraph("Note: LR tests based on REML are valid only when the fixed-effects "
                              "specification is identical for both models.", session.linesize)
        text += ("" if res.conservative else "\n") + "\n" + "\n".join(note)
    session.print(text)
    if opts.get("stats"):
        _stats(session, _no_opts(cmd), [res.restricted, res.unrestricted])
    if opts.get("dir"):
        _dir(session, _no_opts(cmd), [res.restricted, res.unrestricted])
    session.set_r({"p": res.p, "chi2": res.chi2, "df": float(res.df)})


def _no_opts(cmd):
    return dataclasses.replace(cmd, options=())
