"""``oneway``: one-way analysis of variance.

    oneway response_var factor_var [if] [in] [weight] [, bonferroni scheffe sidak
           tabulate noanova nomeans nostandard nofreq noobs nolabel missing wrap]

Numbers from ``mlmcli.anova.one_way`` and ``pairwise_comparisons``; r(N), r(df_r), r(F),
r(df_m), r(mss), r(rss), r(chi2bart), r(df_bart).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, value_text, weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import counted_varlist

ONEWAY_OPTIONS = [OptionSpec("bonferroni", 1), OptionSpec("scheffe", 3), OptionSpec("sidak", 2),
                  OptionSpec("tabulate", 1), OptionSpec("noanova", 4), OptionSpec("nomeans", 4),
                  OptionSpec("nostandard", 4), OptionSpec("nofreq", 4), OptionSpec("noobs", 4),
                  OptionSpec("nolabel", 4), OptionSpec("missing", 1), OptionSpec("wrap", 1)]


def _outcome_and_group(ds, args: str) -> tuple[str, str]:
    """``response_var factor_var`` of oneway and loneway: exactly two variables, the first numeric."""
    names = counted_varlist(ds, args, 2, 2)
    if ds.is_string(names[0]):
        raise StataError("type mismatch", 109)
    return names[0], names[1]


def cmd_oneway(session, cmd) -> None:
    from mlmcli.anova import one_way, pairwise_comparisons
    from mlmcli.render.anova import render_oneway
    from mlmcli.results.anova import OnewayComparison, OnewayResult, OnewaySummaryRow

    opts = resolve_options(cmd.options, ONEWAY_OPTIONS)
    ds = session.data
    yname, gname = _outcome_and_group(ds, cmd.args)
    rows = mark(session, cmd, [yname] if opts.get("missing") else [yname, gname], strok=True)
    rows, w, kind = weights(session, cmd, rows, ("aweight", "fweight"))
    if not rows.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(yname)[rows]
    if ds.is_string(gname):
        g = ds.df[gname].to_numpy(dtype=object)[rows].astype(str)
    else:
        g = ds.numeric(gname)[rows]
    wv = None if w is None else (w[rows] if kind == "fweight" else w[rows] * (rows.sum() / w[rows].sum()))
    ow = one_way(y, g, wv)
    if len(ow.levels) < 2:
        raise StataError("1 group found, 2 required" if len(ow.levels) == 1 else "no observations", 2000)
    labels = tuple(value_text(ds, gname, v, labels=not opts.get("nolabel"), fmt="%9.0g") for v in ow.levels)
    summary, total = (), None
    if opts.get("tabulate"):
        summary = tuple(OnewaySummaryRow(lab[:11], m, s, n) for lab, m, s, n in zip(labels, ow.means, ow.sds, ow.n))
        total = OnewaySummaryRow("Total", ow.total_mean, ow.total_sd, sum(ow.n))
    comps = []
    for method, title in (("bonferroni", "Bonferroni"), ("scheffe", "Scheffe"), ("sidak", "Sidak")):
        if opts.get(method):
            P = pairwise_comparisons(ow, method)
            k = len(ow.levels)
            diffs = tuple(tuple(ow.means[i] - ow.means[j] for j in range(i)) for i in range(k))
            comps.append(OnewayComparison(title, tuple(lab[:10] for lab in labels), diffs,
                                          tuple(tuple(P[i, j] for j in range(i)) for i in range(k))))
    result = OnewayResult(
        response_label=ds.var_labels.get(yname) or yname, factor_label=ds.var_labels.get(gname) or gname,
        summary=summary, total=total, show_means=not opts.get("nomeans"), show_sd=not opts.get("nostandard"),
        show_freq=not (opts.get("nofreq") or opts.get("noobs")), table=ow.table, comparisons=tuple(comps),
        show_anova=not opts.get("noanova"))
    session.print(render_oneway(result, session.linesize))
    t = ow.table
    session.set_r({"N": float(sum(ow.n)), "df_r": float(t.df_within), "F": t.F, "df_m": float(t.df_between),
                   "mss": t.ss_between, "rss": t.ss_within, "chi2bart": t.bartlett,
                   "df_bart": float(t.bartlett_df)})


LONEWAY_OPTIONS = [OptionSpec("median", 3), OptionSpec("mean", 3), OptionSpec("exact", 2), OptionSpec("quiet", 1),
                   OptionSpec("long", 1), OptionSpec("level", 1, takes_arg=True)]


def cmd_loneway(session, cmd) -> None:
    """``loneway response_var group_var [if] [in] [aweight] [, mean median exact level(#)
    long quiet]``: one-way random-effects ANOVA and the intraclass correlation
    (``mlmcli.anova.intraclass_correlation``); r(N), r(rho), r(rho_t), r(sd_b), r(sd_w),
    r(se), r(lb), r(ub)."""
    from mlmcli.anova import intraclass_correlation, one_way
    from mlmcli.missing import stata_ratio
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.anova import render_loneway
    from mlmcli.results.anova import LonewayResult
    from mlmcli.syntax.options import confidence_level

    opts = resolve_options(cmd.options, LONEWAY_OPTIONS)
    ds = session.data
    yname, gname = _outcome_and_group(ds, cmd.args)
    if opts.get("median") and opts.get("mean"):
        raise StataError("Median and mean options are mutually exclusive.", 105)
    if cmd.weight is not None and opts.get("exact"):
        raise StataError("Exact option not available with weights.", 135)
    rows = mark(session, cmd, [yname, gname], strok=True)
    rows, w, kind = weights(session, cmd, rows, ("aweight",))
    if not rows.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(yname)[rows]
    g = ds.df[gname].to_numpy(dtype=object)[rows].astype(str) if ds.is_string(gname) else ds.numeric(gname)[rows]
    if ds.is_string(gname):  # loneway.ado: `egen long grp2 = group(grp)' for a string group
        g = np.unique(g, return_inverse=True)[1] + 1.0
    wv = None if w is None else w[rows] * (rows.sum() / w[rows].sum())
    ow = one_way(y, g, wv)
    _, codes = np.unique(g, return_inverse=True)
    sizes = np.bincount(codes, weights=w[rows] if w is not None else None).astype(float)
    balanced = bool(np.all(sizes == sizes[0]))
    if opts.get("exact") and not balanced:
        raise StataError("Balanced data (equal groups) required for exact confidence interval.", 105)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    reference = "mean" if opts.get("mean") else ("median" if opts.get("median") else "one")
    t = ow.table
    ic = intraclass_correlation(t.ss_between, t.df_between, t.ss_within, t.df_within, sizes,
                                weighted=w is not None, reference=reference, exact=bool(opts.get("exact")),
                                level=level)
    label = (ds.var_labels.get(yname) or "")[:32]
    result = LonewayResult(
        title=f"One-way Analysis of Variance for {abbrev(yname, 12)}: {label}", group_name=abbrev(gname, 12),
        nobs=int(round(sum(ow.n))), r2=stata_ratio(t.ss_between, t.ss_between + t.ss_within), ssa=t.ss_between,
        dfa=t.df_between, ssw=t.ss_within, dfw=t.df_within, F=t.F, p=t.p, rho=ic.rho, se=ic.se, lb=ic.lb,
        ub=ic.ub, sd_b=ic.sd_b, sd_w=ic.sd_w, rho_t=ic.rho_t, gr=ic.gr, truncated=ic.truncated, level=level,
        exact=bool(opts.get("exact")))
    if not opts.get("quiet"):
        session.print(render_loneway(result))
    session.set_r({"N": float(result.nobs), "rho": ic.rho, "rho_t": ic.rho_t, "sd_b": ic.sd_b, "sd_w": ic.sd_w,
                   "se": ic.se, "lb": ic.lb, "ub": ic.ub})
