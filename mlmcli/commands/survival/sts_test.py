"""``sts test varname [if] [in] [, logrank wilcoxon noshow]``: the log-rank (default) or
Wilcoxon-Breslow-Gehan test of equal survivor functions across varname's groups, Stata 13's
table (events observed and expected, chi2(k-1), Pr>chi2); r(chi2) and r(df)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.survival.sts import groups, refuse_unimplemented, st_columns, st_sample, st_weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

STS_TEST_SPECS = [OptionSpec(*row) for row in (("logrank", 1), ("wilcoxon", 1), ("noshow", 4))]
REFUSED = [OptionSpec(*row) for row in (
    ("cox", 1), ("tware", 2), ("peto", None), ("fh", None, True), ("trend", None), ("strata", 2, True),
    ("detail", 1), ("mat", None, True), ("notitle", 3),
)]
TITLES = {"logrank": "Log-rank test for equality of survivor functions",
          "wilcoxon": "Wilcoxon (Breslow) test for equality of survivor functions"}


def cmd_sts_test(session, cmd) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.render.survival import render_st_show
    from mlmcli.render.survival_sts import render_sts_test
    from mlmcli.survival.kaplan_meier import rank_test
    from mlmcli.syntax.options import resolve_options
    from mlmcli.syntax.varlist import counted_varlist

    refuse_unimplemented(cmd.options, REFUSED)
    opts = resolve_options(cmd.options, STS_TEST_SPECS)
    if opts.get("logrank") and opts.get("wilcoxon"):
        raise StataError("only one test may be specified", 198)
    description = require_st(session.data)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = counted_varlist(session.data, cmd.args, 1, None)
    if len(names) > 1:
        raise StataError("sts test with several variables not supported by mlmcli", 198)
    rows = st_sample(session, cmd, names)
    weights = st_weights(session, description)
    found = groups(session, names, rows)
    code = np.full(session.data.nobs, -1)
    for k, (_, _, mask) in enumerate(found):
        code[mask] = k
    kind = "wilcoxon" if opts.get("wilcoxon") else "logrank"
    t0, t, d = st_columns(session, rows)
    result = rank_test(code[rows], t0, t, d, None if weights is None else weights[rows], kind)
    labels = [heading.rstrip() for _, heading, _ in found]
    if not opts.get("noshow"):
        session.print(render_st_show(description))
        session.print("")
    session.print(render_sts_test(TITLES[kind], names[0], labels, result.observed, result.expected, result.chi2,
                                  result.df, result.p, result.ranks if kind == "wilcoxon" else None))
    session.set_r({"chi2": result.chi2, "df": float(result.df)})
