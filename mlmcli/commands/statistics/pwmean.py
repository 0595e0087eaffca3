"""``pwmean varname [if] [in], over(varlist) [mcompare(method) level(#) cieffects pveffects effects
cimeans cformat() pformat() sformat() vsquish]`` ([R] pwmean): every pairwise difference of the
means of varname over the cells of the over() variables, with equal variances (numbers in
``mlmcli.classic_tests.pairwise_means``, tables by ``mlmcli.render.margins`` as pwcompare's).
mcompare(): noadjust (the default), bonferroni, sidak, scheffe, tukey, snk and duncan (each pair's
studentized range over the r means it spans, as _mc_pvalue/_mc_crit in Stata's _b_stat Mata code)
and dunnett (each cell against the first, dunnettprob with k - 1 comparisons);
``sort`` orders the tables' rows by the mean or difference shown.  ``groups``: the means with
group letters (``mlmcli.margins.letters``, as pwcompare's); not with mcompare(dunnett), whose
comparisons leave most pairs untested (refused by name).  Results in e() as Stata's eclass
pwmean leaves them (b and V of the means, b_vs and V_vs of the differences).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"pwmean": "pwmean varname [if] [in], over(varlist) [mcompare(method) effects cimeans pveffects level(#)]"
                  " : pairwise comparisons of means"}
_OPTIONS = [OptionSpec(*row) for row in (
    ("over", 4, True), ("mcompare", 5, True), ("level", 1, True), ("cieffects", 2), ("pveffects", 2),
    ("effects", 3), ("cimeans", 3), ("groups", 5), ("sort", 4), ("cformat", 7, True), ("pformat", 7, True),
    ("sformat", 7, True), ("vsquish", 7))]
def _method(opts) -> str:
    from mlmcli.commands.postestimation.margins_output import mcompare_method

    word = str(opts.get("mcompare") or "").strip().lower()
    if len(word) >= 4 and "dunnett".startswith(word):
        return "dunnett"
    return mcompare_method(opts, pairwise=True)


def _against_control(fit):
    """Dunnett's comparisons: each cell with the first (the control); decided without a Stata log
    that pwmean shows only these."""
    from dataclasses import replace

    keep = [r for r, (j, i) in enumerate(fit.pairs) if i == 0]
    return replace(fit, pairs=tuple(fit.pairs[r] for r in keep), diffs=fit.diffs[keep],
                   V_diffs=fit.V_diffs[np.ix_(keep, keep)])


def cmd_pwmean(session, cmd) -> None:
    from mlmcli.classic_tests.pairwise_means import pairwise_means
    from mlmcli.commands.data.common import mark
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    if not opts.get("over"):
        raise StataError("option over() required", 198)
    depvar = counted_varlist(ds, cmd.args, 1, 1)[0]
    over = counted_varlist(ds, str(opts["over"]), 1, None)
    for name in [depvar, *over]:
        if ds.is_string(name):
            raise StataError("string variables not allowed in varlist;\n" + f"{name} is a string variable", 109)
    method = _method(opts)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = mark(session, cmd, [depvar, *over])
    groups = np.column_stack([ds.numeric(v)[rows] for v in over])
    for j, name in enumerate(over):
        g = groups[:, j]
        if g.size and (np.any(g < 0) or np.any(g != np.floor(g))):
            raise StataError(f"{name}:  factor variables may not contain "
                             f"{'negative' if np.any(g < 0) else 'noninteger'} values", 452)
    if not rows.any():
        raise StataError("no observations", 2000)
    fit = pairwise_means(ds.numeric(depvar)[rows], groups)
    if method == "dunnett" and opts.get("groups"):
        raise StataError("option groups with mcompare(dunnett) not supported by mlmcli for pwmean", 198)
    if method == "dunnett":
        fit = _against_control(fit)
    _show(session, cmd, opts, depvar, over, fit, method, level)


def _texts(ds, over, cell) -> list[str]:
    from mlmcli.commands.data.common import value_text

    return [value_text(ds, v, x) for v, x in zip(over, cell)]


def _show(session, cmd, opts, depvar, over, fit, method, level) -> None:
    from mlmcli.commands.postestimation.margins_output import mctitle
    from mlmcli.dunnett_distribution import dunnett_cdf
    from mlmcli.margins.contrasts import RANGE_METHODS, Adjustment, dunnett_critical, range_adjusted
    from mlmcli.margins.inference import estimates
    from mlmcli.render.margins import comparisons_count_table, estimates_table
    from mlmcli.results.margins import MarginRow

    ds = session.data
    term = "#".join(over)
    several = len(over) > 1
    k = len(fit.cells)
    labels = [" ".join(_texts(ds, over, c)) for c in fit.cells]
    names = ["#".join(f"{int(x)}.{v}" for v, x in zip(over, c)) for c in fit.cells]
    est_m = estimates(fit.means, fit.V_means, fit.df_r, level)
    means = tuple(MarginRow(names[i], "", term, labels[i], float(est_m.b[i]), float(est_m.se[i]),
                            float(est_m.stat[i]), float(est_m.p[i]), float(est_m.lo[i]), float(est_m.hi[i]))
                  for i in range(k))
    est = estimates(fit.diffs, fit.V_diffs, fit.df_r, level)
    if not fit.pairs:  # over() of one group: no comparisons, so nothing to adjust (an empty table)
        p, crit = np.array([]), float("nan")
    elif method in RANGE_METHODS:
        p, crit = range_adjusted(method, fit.means, fit.pairs, est.stat, fit.df_r, level)
    elif method == "dunnett":  # _mc_pvalue/_mc_crit: dunnettprob(levels - 1, df, |t|)
        p = np.array([1 - dunnett_cdf(k - 1, fit.df_r, abs(t)) for t in est.stat])
        crit = dunnett_critical(k - 1, fit.df_r, level)
    else:
        adj = Adjustment(method, len(fit.pairs), max(k - 1, 1))
        p = adj.p(est.stat, fit.df_r) if len(fit.pairs) else np.array([])
        crit = adj.critical(level, fit.df_r)
    vs_rows, vs_names = [], []
    for r, (j, i) in enumerate(fit.pairs):
        a, b = (f"({labels[j]})", f"({labels[i]})") if several else (labels[j], labels[i])
        name = "#".join(f"{int(xj)}vs{int(xi)}.{v}" for v, xj, xi in zip(over, fit.cells[j], fit.cells[i]))
        vs_names.append(name)
        half = (crit[r] if np.ndim(crit) else crit) * est.se[r]
        vs_rows.append(MarginRow(name, "", term, f"{a} vs {b}", float(est.b[r]), float(est.se[r]),
                                 float(est.stat[r]), float(p[r]), float(est.b[r] - half), float(est.b[r] + half)))
    if opts.get("effects") or (opts.get("cieffects") and opts.get("pveffects")):
        columns = "full"
    elif opts.get("pveffects"):
        columns = "pv"
    else:
        columns = "ci"
    show_effects = not ((opts.get("cimeans") or opts.get("groups"))
                        and not (opts.get("effects") or opts.get("cieffects") or opts.get("pveffects")))
    title_mc = "Dunnett" if method == "dunnett" else mctitle(method)
    from mlmcli.commands.estimation.common import margins_formats

    fmt = dict(zip(("cformat", "pformat", "sformat"), margins_formats(opts)))
    out = ["", "Pairwise comparisons of means with equal variances", "", "over         : " + " ".join(over)]
    if title_mc:
        out += ["", comparisons_count_table(((term, len(fit.pairs)),))]
    vsquish = bool(opts.get("vsquish"))
    if opts.get("sort"):  # the tables' rows in ascending order of what they show (r() and e() keep theirs)
        means = tuple(sorted(means, key=lambda r: r.b))
        vs_rows = sorted(vs_rows, key=lambda r: r.b)
    if opts.get("cimeans"):
        out += ["", estimates_table(means, column_title="Mean", vce_title="", stat_label="t", level=level,
                                    linesize=session.linesize, columns="ci", vsquish=vsquish,
                                    cformat=fmt["cformat"], depvar=depvar)]
    if opts.get("groups"):
        from mlmcli.margins.letters import group_codes
        from mlmcli.render.margins import groups_table

        sig = np.zeros((k, k), bool)
        for r, (j, i) in enumerate(fit.pairs):
            sig[i, j] = sig[j, i] = p[r] < (100.0 - level) / 100.0
        codes = group_codes(fit.means, sig) if k > 1 else [""] * k
        by_name = dict(zip(names, codes)) if codes is not None else None
        out += ["", groups_table(means, None if by_name is None else [by_name[r.name] for r in means],
                                 mctitle=title_mc, vce_title="", level=level, cformat=fmt["cformat"],
                                 linesize=session.linesize, vsquish=vsquish, column_title="Mean", depvar=depvar,
                                 noun="Means")]
    if show_effects and vs_rows:
        out += ["", estimates_table(tuple(vs_rows), column_title="Contrast", vce_title="", stat_label="t",
                                    level=level, linesize=session.linesize, columns=columns,
                                    mctitle=title_mc or "Unadjusted", vsquish=vsquish, depvar=depvar, **fmt)]
    session.print("\n".join(out))
    _post(session, cmd, depvar, over, fit, names, vs_names, est, p, crit, method, level, est_m)


def _post(session, cmd, depvar, over, fit, names, vs_names, est, p, crit, method, level, est_m) -> None:
    from mlmcli.commands.postestimation.margins_output import typed_cmdline
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.margins.inference import Estimates, r_table
    from mlmcli.results.matrix import Matrix

    names, vs_names = tuple(names), tuple(vs_names)
    half = crit * est.se
    adjusted = Estimates(est.b, est.V, est.se, est.stat, np.asarray(p), est.b - half, est.b + half, fit.df_r, level)
    mats = {"b": Matrix(fit.means[None, :], ("y1",), names), "V": Matrix(fit.V_means, names, names),
            "b_vs": Matrix(fit.diffs[None, :], ("y1",), vs_names), "V_vs": Matrix(fit.V_diffs, vs_names, vs_names)}
    scalars = {"N": fit.N, "df_r": fit.df_r, "k_terms": 1.0, "level": float(level)}
    macros = {"cmd": "pwmean", "cmdline": typed_cmdline("pwmean", cmd), "depvar": depvar, "over": " ".join(over),
              "title": "Pairwise comparisons of means with equal variances", "mcmethod_vs": method,
              "properties": "b V"}
    session.e = EstimationResults(cmd="pwmean", scalars=scalars, macros=macros, matrices=mats, result=None,
                                  model=None, sample=None, title=macros["title"])
    session.set_r({"table_vs": r_table(adjusted, vs_names), "table": r_table(est_m, names)})
