"""``ivreg``: Stata's instrumental-variables command before ivregress (ivreg.ado 5.5; Stata 13
still runs it, undocumented).

    ivreg depvar [varlist1] (varlist2 = varlist_iv) [varlist1] [if] [in] [weight]
        [, noconstant level(#) robust cluster(c) vce(robust|cluster c)]

ivreg.ado hands the equation to ``_regress`` (2SLS with regress's small-sample statistics:
t, F, the ANOVA block), so the fit is ``ivregress 2sls ..., small`` and the layout regress's
(``render.ivreg``).  hc2/hc3 are "option hc2 invalid" r(198) as in ivreg.ado; beta, eform(),
pscore(), score() and first (ivreg.ado's doFirst prints each first stage as regress does, a
layout not built here; ivregress's first is) are refused, never ignored.
"""
from __future__ import annotations

from mlmcli.commands.estimation.common import display_option_specs
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

IVREG_OPTIONS = [OptionSpec("noconstant", 3), OptionSpec("first", 5), OptionSpec("level", 1, takes_arg=True),
                 OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
                 OptionSpec("vce", 3, takes_arg=True), OptionSpec("hc2", 3), OptionSpec("hc3", 3),
                 OptionSpec("beta", 1), OptionSpec("eform", 2, takes_arg=True),
                 OptionSpec("pscore", 3, takes_arg=True), OptionSpec("score", 2, takes_arg=True),
                 *display_option_specs()]


def cmd_ivreg(session, cmd) -> None:
    from mlmcli.commands.estimation.ivregress import fit_and_post

    if not cmd.args.strip():  # replay: only the last ivreg's results (ivreg.ado: error 301)
        e = session.e
        if e is None or e.cmd != "ivreg":
            raise StataError("last estimates not found", 301)
        import dataclasses

        from mlmcli.commands.estimation.common import table_options_with_notes
        from mlmcli.estimation.replay_level import rows_at_level, typed_replay_level
        from mlmcli.render.ivreg import render_ivreg

        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
        result = e.result
        level = typed_replay_level(session, opts, e)
        if level is not None:
            result = dataclasses.replace(result, level=level,
                                         coefs=rows_at_level(result.coefs, level, e.scalars.get("df_r")))
        return session.print(render_ivreg(result, linesize=session.linesize,
                                          table=table_options_with_notes(session, opts)))
    opts = resolve_options(cmd.options, IVREG_OPTIONS)
    for name in ("hc2", "hc3"):
        if opts.get(name):
            raise StataError(f"option {name} invalid", 198)
    for name in ("beta", "eform", "pscore", "score", "first"):
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name}() is not implemented in mlmcli for ivreg" if name not in ("beta", "first")
                             else f"option {name} is not implemented in mlmcli for ivreg", 198)
    opts["small"] = True
    fit_and_post(session, cmd, "2sls", cmd.args, opts, command="ivreg")
