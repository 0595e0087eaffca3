"""``spearman``: Spearman's rank correlation.

    spearman varname1 varname2 [if] [in]
    spearman varlist [if] [in] [, stats(rho obs p) star(#) print(#) bonferroni sidak]

Ranks (ties averaged) over the observations where every variable is known; the test of
independence is the t test of rho on N - 2 df.  Two variables: spearman.ado's text and
r(N), r(rho), r(p); more: the lower-triangle matrix of rho (pwcorr's layout, its p-values
and counts under each row as stats() asks) after ``(obs=N)``, and r(N), r(Rho), r(P).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.commands.statistics.correlate import significance_level
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPEARMAN_OPTIONS = [OptionSpec("stats", 2, takes_arg=True), OptionSpec("star", 2, takes_arg=True),
                    OptionSpec("print", 1, takes_arg=True), OptionSpec("bonferroni", 1), OptionSpec("sidak", 2),
                    OptionSpec("matrix", 1), OptionSpec("pw", 2)]


def cmd_spearman(session, cmd) -> None:
    from mlmcli.correlation import pair_correlation, rank_matrix, significance
    from mlmcli.render.correlation import render_pwcorr, render_spearman_pair
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.statistics import PairwiseCorrelations, SpearmanPair

    opts = resolve_options(cmd.options, SPEARMAN_OPTIONS)
    if opts.get("pw"):
        raise StataError("spearman, pw is not implemented in mlmcli", 199)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else [n for n in ds.df.columns if not ds.is_string(n)]
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    for n in names:
        if ds.is_string(n):
            raise StataError("type mismatch", 109)
    stats_words = str(opts.get("stats") or "rho").lower().split()
    for w in stats_words:
        if w not in ("rho", "obs", "p"):
            raise StataError(f"stats({w}) invalid", 198)
    if opts.get("bonferroni") and opts.get("sidak"):
        raise StataError("options bonferroni and sidak may not be combined", 198)
    adjustment = "bonferroni" if opts.get("bonferroni") else ("sidak" if opts.get("sidak") else None)
    rows = mark(session, cmd, names)
    N = int(rows.sum())
    if N == 0:
        raise StataError("no observations", 2000)
    ranks = rank_matrix(np.column_stack([ds.numeric(n)[rows] for n in names]))
    k = len(names)
    rho = np.eye(k)
    p = np.zeros((k, k))
    for i in range(k):
        for j in range(i):
            r, _ = pair_correlation(ranks[:, i], ranks[:, j])
            rho[i, j] = rho[j, i] = r
            p[i, j] = p[j, i] = significance(r, N, adjustment, k)
    if k == 2 and not opts.get("matrix"):
        session.print(render_spearman_pair(SpearmanPair(names[0], names[1], N, float(rho[1, 0]), float(p[1, 0]))))
        session.set_r({"N": float(N), "rho": float(rho[1, 0]), "p": float(p[1, 0])})
        return
    session.print(f"(obs={N})")
    table = PairwiseCorrelations(tuple(names), tuple(map(tuple, rho)), tuple(map(tuple, p)),
                                 tuple(tuple(N for _ in range(k)) for _ in range(k)), sig="p" in stats_words,
                                 obs="obs" in stats_words, star=significance_level(opts, "star"),
                                 print_level=significance_level(opts, "print"))
    session.print(render_pwcorr(table))
    session.set_r({"N": float(N), "rho": float(rho[1, 0]), "p": float(p[1, 0]),
                   "Rho": Matrix(rho, tuple(names), tuple(names)), "P": Matrix(p, tuple(names), tuple(names))})
