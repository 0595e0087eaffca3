"""``estpost`` (Ben Jann's estout package, ``ssc install estout``): results of a
non-estimation command posted in e() so that ``esttab``/``estout`` tabulate them
(``esttab, cells("mean sd")`` reads e(mean), e(sd): estout's ``myel`` elements).  A
compatible implementation written from estpost.ado (github benjann/estout).

    estpost summarize [varlist] [if] [in] [, detail listwise casewise quietly esample]
    estpost ttest varlist [if] [in], by(groupvar) [unequal welch listwise casewise quietly esample]

Posted as estpost_summarize does: e(N), e(k), e(cmd) ``estpost``, e(subcmd) ``summarize``
and one 1 x k row per statistic summarize returns (e(count) for r(N), e(sum_w), e(mean),
e(Var), e(sd), e(min), e(max), e(sum); with ``detail`` also e(skewness), e(kurtosis) and
e(p1) ... e(p99)), columns named by the variables; no e(b)/e(V).  Without ``listwise`` an
observation is dropped only when every variable is missing.

``tabstat varlist, statistics() columns(variables|statistics)`` posts, as estpost_tabstat
does without by(): with columns(statistics) (the default for one variable) one row per
statistic (e(mean), e(count) for N, e(semean) for se(mean), e(p50) for median) over the
variables; with columns(variables) (the default for several) one row per variable over the
statistics (e(price): mean, sd ...; a variable b or V is posted as e(_b), e(_V)).

``tabulate var`` (one-way) posts, as estpost_tabulate_oneway: e(b) the frequencies with a
Total column (unless ``nototal``), e(pct), e(cumpct) (Total's cumulative percent missing),
e(depvar), e(r); columns named by the value labels, or the values when a label holds ``:``,
``.`` or ``"`` or is longer than 30 characters (the labels then in e(labels)); ``missing``/
``sort``/``subpop()`` are refused (r(198)).  ``tabulate rowvar colvar``: estpost_twoway.

``correlate varlist`` posts, as estpost_correlate: the first variable's correlations with the
others in e(b) and e(rho), their p-values (of the regression's F test) in e(p), observations in
e(count) (pairwise within the sample), e(depvar); with ``matrix`` every pair ``y:x`` of the
lower half (the diagonal's p missing), with ``nohalf`` the full matrix; ``print(#)`` leaves
correlations with p above # missing; ``bonferroni``/``sidak`` adjust p.

``ttest`` posts, as estpost_ttest does, e(b) = mu_1 - mu_2 of each variable (no e(V)), e(count)
= N_1 + N_2 and e(se) e(t) e(df_t) e(p_l) e(p) e(p_u) e(N_1) e(mu_1) e(N_2) e(mu_2) of
``ttest var, by()``.  summarize takes aweights, fweights and iweights (summarize's weighted
figures, e(wtype) e(wexp)), tabstat aweights and fweights and by() (estpost_tabstat); weights
elsewhere are refused (r(101)) for now.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.community.estpost_listing import listing as _listing
from mlmcli.render.numfmt import format_number
from mlmcli.errors import StataError
from mlmcli.missing import extended
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options

HELP = {"estpost": ("estpost summarize [varlist] [if] [in] [, detail listwise quietly esample] | "
                    "estpost tabstat varlist [if] [in] [, statistics() columns(variables|statistics) listwise] | "
                    "estpost tabulate varname [if] [in] [, nototal nolabel quietly esample] | "
                    "estpost correlate varlist [if] [in] [, matrix nohalf print(#) bonferroni sidak listwise] | "
                    "estpost ttest varlist [if] [in], by(groupvar) [unequal welch listwise quietly esample]")}

_SUMMARIZE_OPTS = [OptionSpec("esample", 2), OptionSpec("quietly", 1), OptionSpec("listwise", 4),
                   OptionSpec("casewise", 4), OptionSpec("detail", 1), OptionSpec("meanonly", 4)]
_PLAIN = ("N", "sum_w", "mean", "Var", "sd", "min", "max", "sum")
_DETAIL = ("N", "sum_w", "mean", "Var", "sd", "skewness", "kurtosis", "sum", "min", "max",
           "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99")
_MEANONLY = ("N", "sum_w", "mean", "min", "max", "sum")
_LATER = ("ci", "prtest", "stci", "svy")
_TTEST_OPTS = [OptionSpec("by", takes_arg=True), OptionSpec("esample", 2), OptionSpec("quietly", 1),
               OptionSpec("listwise", 4), OptionSpec("casewise", 4), OptionSpec("unequal", 3), OptionSpec("welch", 1)]
_TABSTAT_OPTS = [OptionSpec("statistics", 1, takes_arg=True), OptionSpec("stats", 5, takes_arg=True),
                 OptionSpec("columns", 1, takes_arg=True), OptionSpec("esample", 2), OptionSpec("quietly", 1),
                 OptionSpec("listwise", 4), OptionSpec("casewise", 4), OptionSpec("by", takes_arg=True),
                 OptionSpec("nototal", 5), OptionSpec("missing", 1)]
# tabstat's statistic names as estpost posts them (tabstat's N is e(count), se(mean) e(semean))
_TABSTAT_NAMES = {"n": "count", "count": "count", "mean": "mean", "me": "mean", "mea": "mean", "sum": "sum",
                  "max": "max", "min": "min", "range": "range", "sd": "sd", "v": "variance", "var": "variance",
                  "variance": "variance", "cv": "cv", "semean": "semean", "se(mean)": "semean",
                  "skewness": "skewness", "skew": "skewness", "kurtosis": "kurtosis", "kurt": "kurtosis",
                  "median": "p50", "med": "p50", "iqr": "iqr"}
_TABULATE_OPTS = [OptionSpec("esample", 2), OptionSpec("quietly", 1), OptionSpec("nototal", 5),
                  OptionSpec("nolabel", 5), OptionSpec("missing", 1), OptionSpec("sort"), OptionSpec("subpop", 3, takes_arg=True)]
_CORRELATE_OPTS = [OptionSpec("esample", 2), OptionSpec("quietly", 1), OptionSpec("listwise", 4),
                   OptionSpec("casewise", 4), OptionSpec("matrix", 1), OptionSpec("nohalf", 3),
                   OptionSpec("print", 1, takes_arg=True), OptionSpec("bonferroni", 1), OptionSpec("sidak", 3)]
_TTEST_STATS = ("se", "t", "df_t", "p_l", "p", "p_u", "N_1", "mu_1", "N_2", "mu_2")


def cmd_estpost(session, cmd) -> None:
    words = cmd.args.split(None, 1)
    sub = words[0] if words else ""
    rest = words[1] if len(words) > 1 else ""
    if sub and len(sub) >= 2 and "summarize".startswith(sub):
        return _summarize(session, cmd, rest)
    if sub == "ttest":
        return _ttest(session, cmd, rest)
    if sub and len(sub) >= 2 and "tabulate".startswith(sub):
        return _tabulate(session, cmd, rest)
    if sub and len(sub) >= 3 and "correlate".startswith(sub):
        return _correlate(session, cmd, rest)
    if sub == "tabstat":
        return _tabstat(session, cmd, rest)
    if any(name.startswith(sub) for name in _LATER) and len(sub) >= 2:
        raise StataError(f"estpost {sub}: not available in mlm yet; summarize, tabstat, tabulate, ttest and correlate are", 198)
    raise StataError("invalid subcommand", 198)


def _options(cmd, specs, sub: str = "", refused: tuple = (), weighted: bool = False) -> dict:
    """The options typed (weights refused: r(101), unless ``weighted``); estpost's options mlm
    lacks refused (r(198))."""
    if cmd.weight is not None and not weighted:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, specs)
    for name in refused:
        if opts.get(name):
            raise StataError(f"estpost {sub}: option {name} not available in mlm", 198)
    return opts


def _sample(session, cmd, names: list[str], opts: dict) -> np.ndarray:
    """estpost's sample: with listwise (casewise) marksample over the variables, else only
    the observations missing on every (numeric) variable are dropped (_estpost_markout2)."""
    ds = session.data
    if opts.get("listwise") or opts.get("casewise"):
        return mark_sample(session, cmd, names)
    touse = mark_sample(session, cmd, ())
    numeric = [n for n in names if not ds.is_string(n)]
    if numeric:
        present = np.zeros(ds.nobs, dtype=bool)
        for n in numeric:
            present |= ~np.isnan(ds.numeric(n))
        touse &= present
    return touse


def _stats_of(x: np.ndarray, names: tuple, w: np.ndarray | None = None, kind: str = "") -> dict:
    from mlmcli.summary_statistics import moments, statistic, weighted_moments, weighted_percentile

    if w is not None:  # summarize's weighted figures: estpost_summarize runs summarize [weight]
        keep = ~np.isnan(x)
        x, w = x[keep], w[keep]
        m = weighted_moments(x, w, kind)
        order = np.argsort(x, kind="stable")
        out = {}
        for name in names:
            if name in m:
                out[name] = float(m[name]) if (m["N"] or name in ("N", "sum_w", "sum")) else np.nan
            elif name.startswith("p") and name[1:].isdigit():
                out[name] = weighted_percentile(x[order], w[order], int(name[1:])) if x.size else np.nan
            else:
                out[name] = np.nan
        return out
    x = x[~np.isnan(x)]
    m = moments(x)
    out = {}
    for name in names:
        if name == "N":
            out[name] = float(m["N"])
        elif name == "sum_w":
            out[name] = float(m["N"])
        elif name in m:
            out[name] = float(m[name]) if m["N"] else np.nan
        else:
            out[name] = statistic(name, x)
    if m["N"] == 0:  # summarize of no observations returns r(N) 0, r(sum_w) 0, r(sum) 0 only
        out = {k: (v if k in ("N", "sum_w", "sum") else np.nan) for k, v in out.items()}
    return out


def _summarize(session, cmd, rest: str) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    from mlmcli.commands.data.common import weights

    opts = _options(cmd, _SUMMARIZE_OPTS, weighted=True)
    ds = session.data
    names = ds.expand_varlist(rest) if rest.strip() else [n for n in ds.varnames]
    if any(ds.is_string(n) for n in names) and (opts.get("listwise") or opts.get("casewise")):
        raise StataError("string variables not allowed in varlist", 109)
    numeric = [n for n in names if not ds.is_string(n)]
    touse, w, wkind = weights(session, cmd, _sample(session, cmd, names, opts), ("aweight", "fweight", "iweight"))
    if wkind == "iweight" and opts.get("detail"):
        raise StataError("iweights not allowed with detail", 101)
    n_obs = int(touse.sum())
    if n_obs == 0:
        raise StataError("no observations", 2000)
    kinds = _MEANONLY if opts.get("meanonly") else _DETAIL if opts.get("detail") else _PLAIN
    columns = {k: [] for k in kinds}
    for n in names:
        stats = _stats_of(ds.numeric(n)[touse], kinds, None if w is None else w[touse], wkind) if n in numeric else {k: (0.0 if k in ("N", "sum_w", "sum")
                                                                                  else np.nan) for k in kinds}
        for k in kinds:
            columns[k].append(stats[k])
    matrices = {("count" if k == "N" else k): Matrix(np.array([columns[k]], float), ("r1",), tuple(names))
                for k in kinds}
    if not opts.get("quietly"):
        session.print(_listing(names, [("count" if k == "N" else k) for k in kinds], columns, kinds))
    e = EstimationResults(cmd="estpost", scalars={"N": float(n_obs), "k": float(len(names))},
                          macros={"cmd": "estpost", "subcmd": "summarize", "wtype": wkind or "",
                                  "wexp": f"= {cmd.weight.exp}" if cmd.weight is not None else ""},
                          matrices=matrices, sample=touse.copy() if opts.get("esample") else None)
    session.e = e


def _ttest(session, cmd, rest: str) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mean_tests import sample, two_sample
    from mlmcli.results.matrix import Matrix

    opts = _options(cmd, _TTEST_OPTS)
    if not isinstance(opts.get("by"), str) or not opts["by"].strip():
        raise StataError("option by() required", 198)
    ds = session.data
    names = ds.expand_varlist(rest)
    if any(ds.is_string(n) for n in names):
        raise StataError("string variables not allowed in varlist", 109)
    by = ds.resolve(opts["by"].strip())
    touse = _sample(session, cmd, names, opts)
    group = ds.df[by].to_numpy(dtype=object).astype(str) if ds.is_string(by) else ds.numeric(by)
    touse &= (group != "") if ds.is_string(by) else ~np.isnan(group)
    if not touse.any():
        raise StataError("no observations", 2000)
    variances = "welch" if opts.get("welch") else "unequal" if opts.get("unequal") else "equal"
    columns = {k: [] for k in ("b", "count") + _TTEST_STATS}
    for n in names:
        v = ds.numeric(n)
        rows = touse & ~np.isnan(v)
        levels = sorted(set(group[rows].tolist()))
        if len(levels) != 2:
            raise StataError("1 group found, 2 required" if len(levels) < 2
                             else "more than 2 groups found, only 2 allowed", 420)
        a, b = (sample(str(lv), v[rows & (group == lv)]) for lv in levels)
        test = two_sample(a, b, variances)
        stats = {"b": a.mean - b.mean, "count": a.n + b.n, "se": test.se, "t": test.t, "df_t": test.df,
                 "p_l": test.p_l, "p": test.p, "p_u": test.p_u, "N_1": a.n, "mu_1": a.mean, "N_2": b.n, "mu_2": b.mean}
        for k in columns:
            columns[k].append(float(stats[k]))
    matrices = {k: Matrix(np.array([columns[k]], float), ("r1" if k != "b" else "y1",), tuple(names))
                for k in ("b",) + _TTEST_STATS + ("count",)}
    if not opts.get("quietly"):
        order = ("b", "count") + _TTEST_STATS
        session.print(_listing(names, list(order), columns, order))
    session.e = EstimationResults(cmd="estpost", scalars={"N": float(touse.sum()), "k": float(len(names))},
                                  macros={"cmd": "estpost", "subcmd": "ttest", "byvar": by, "unequal":
                                          "unequal" if opts.get("unequal") else "", "welch":
                                          "welch" if opts.get("welch") else "", "wtype": "", "wexp": ""},
                                  matrices=matrices, sample=touse.copy() if opts.get("esample") else None)


def _tabstat_statistics(text: str | None) -> list[str]:
    out: list[str] = []
    for word in (text or "mean").replace(",", " ").split():
        w = word.lower()
        if w == "q":
            out += ["p25", "p50", "p75"]
        elif w in _TABSTAT_NAMES:
            out.append(_TABSTAT_NAMES[w])
        elif re.fullmatch(r"p([1-9]|[1-9][0-9])", w):
            out.append(w)
        else:
            raise StataError(f"{word} invalid statistic", 198)
    return list(dict.fromkeys(out))


def _tabstat(session, cmd, rest: str) -> None:
    """estpost_tabstat: the options, sample and weights read here; the statistics (by() groups,
    Total) computed, listed and posted by ``estpost_tabstat.post_tabstat``."""
    from mlmcli.commands.community.estpost_tabstat import post_tabstat
    from mlmcli.commands.data.common import single_variable, weights

    opts = _options(cmd, _TABSTAT_OPTS, "tabstat", weighted=True)
    ds = session.data
    names = ds.expand_varlist(rest)
    if any(ds.is_string(n) for n in names):
        raise StataError("string variables not allowed in varlist", 109)
    stats = _tabstat_statistics(opts.get("statistics") or opts.get("stats"))
    columns = str(opts.get("columns") or "").strip().lower()
    if not columns:
        columns = "variables" if len(names) > 1 else "statistics"
    elif columns == "stats" or (columns and "statistics".startswith(columns)):
        columns = "statistics"
    elif "variables".startswith(columns):
        columns = "variables"
    else:
        raise StataError(f"columns({opts['columns']}) invalid", 198)
    byvar = single_variable(ds, opts["by"]) if isinstance(opts.get("by"), str) else None
    touse = _sample(session, cmd, names, opts)
    if byvar is not None and not opts.get("missing"):  # markout by, strok
        touse &= (ds.df[byvar].to_numpy(dtype=object) != "") if ds.is_string(byvar) else ~np.isnan(ds.numeric(byvar))
    touse, w, wkind = weights(session, cmd, touse, ("aweight", "fweight"))  # estpost_tabstat: [aw fw]
    if not touse.any():
        raise StataError("no observations", 2000)
    if opts.get("nototal") and byvar is None:
        session.print("nothing to post")
        session.e = None
        return
    post_tabstat(session, names, stats, columns, touse, (w, wkind, f"= {cmd.weight.exp}" if cmd.weight else ""),
                 byvar, opts)


def _column_names(ds, var: str, values: list, use_labels: bool) -> tuple[list[str], str]:
    """_estpost_namesandlabels: the value labels as names unless one cannot be a name."""
    texts = [str(v) if ds.is_string(var) else format_number(v, "%9.0g").strip() for v in values]
    if ds.is_string(var):
        return (texts, "") if not any(re.search(r'[:."]', t) or len(t) > 30 for t in texts) else \
            ([str(i) for i in range(1, len(texts) + 1)], " ".join(f'{i} `"{t}"\'' for i, t in enumerate(texts, 1)))
    labels = [(ds.value_label_text(var, v) or "") if use_labels else "" for v in values]
    if any(re.search(r'[:."]', lab) or len(lab) > 30 for lab in labels):
        return texts, " ".join(f'{t} `"{lab}"\'' for t, lab in zip(texts, labels) if lab)
    return [lab or t for lab, t in zip(labels, texts)], ""


def _tabulate(session, cmd, rest: str) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    ds = session.data
    names = ds.expand_varlist(rest)
    if len(names) > 2:
        raise StataError("too many variables specified", 103)
    if len(names) == 2:
        from mlmcli.commands.community.estpost_twoway import TWOWAY_OPTS, tabulate_twoway
        return tabulate_twoway(session, cmd, names, _options(cmd, TWOWAY_OPTS))
    opts = _options(cmd, _TABULATE_OPTS, "tabulate", ("missing", "sort", "subpop"))
    var = names[0]
    touse = mark_sample(session, cmd, [var], strok=True)
    if not touse.any():
        raise StataError("no observations", 2000)
    column = ds.df[var].to_numpy(dtype=object)[touse].astype(str) if ds.is_string(var) else ds.numeric(var)[touse]
    values, counts = np.unique(column, return_counts=True)
    n = int(counts.sum())
    colnames, labels = _column_names(ds, var, values.tolist(), not opts.get("nolabel"))
    count = counts.astype(float)
    cum = np.cumsum(count) / n * 100
    if not opts.get("nototal"):
        count, cum, colnames = np.append(count, n), np.append(cum, extended("z")), colnames + ["Total"]  # .z: blank
    pct = count / n * 100
    cols = tuple(colnames)
    matrices = {"b": Matrix(count[None, :], ("y1",), cols), "pct": Matrix(pct[None, :], ("r1",), cols),
                "cumpct": Matrix(cum[None, :], ("r1",), cols)}
    if not opts.get("quietly"):
        shown = [c.replace(" ", "_") for c in colnames]
        table = {"b": count.tolist(), "pct": pct.tolist(), "cumpct": cum.tolist()}
        text = _listing(shown, ["b", "pct", "cumpct"], table, ("b", "pct", "cumpct"), title=var,
                        total_line=not opts.get("nototal"))
        session.print(text)
        if labels:
            session.print()
            session.print("row labels saved in macro e(labels)")
    session.e = EstimationResults(cmd="estpost", scalars={"N": float(n), "r": float(len(values))},
                                  macros={"cmd": "estpost", "subcmd": "tabulate", "depvar": var, "labels": labels,
                                          "wtype": "", "wexp": ""},
                                  matrices=matrices, sample=touse.copy() if opts.get("esample") else None)


def _correlate(session, cmd, rest: str) -> None:
    from scipy import stats as sstats

    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    opts = _options(cmd, _CORRELATE_OPTS)
    if opts.get("bonferroni") and opts.get("sidak"):
        raise StataError("only one of bonferroni and sidak allowed", 198)
    ds = session.data
    names = ds.expand_varlist(rest)
    if any(ds.is_string(n) for n in names):
        raise StataError("string variables not allowed in varlist", 109)
    matrix = bool(opts.get("matrix"))
    if len(names) <= 1 and not matrix:
        raise StataError("too few variables specified", 102)
    cut = real_option(opts, "print", 1.0) if isinstance(opts.get("print"), str) else 1.0
    touse = _sample(session, cmd, names, opts)
    if not touse.any():
        raise StataError("no observations", 2000)
    pairs_k = len(names) * (len(names) - 1) / 2
    cols, out = [], {"b": [], "p": [], "count": []}
    for i, dep in enumerate(names):
        if matrix:
            others = names if opts.get("nohalf") else names[i:]
        else:
            others = names[1:]
        for v in others:
            x, y = ds.numeric(v)[touse], ds.numeric(dep)[touse]
            ok = ~np.isnan(x) & ~np.isnan(y)
            n = int(ok.sum())
            r = float(np.corrcoef(y[ok], x[ok])[0, 1]) if n > 1 else np.nan
            if v == dep:
                p = extended("z")  # estpost_correlate: .z, which esttab leaves blank
            else:
                t = r * np.sqrt((n - 2) / (1 - r * r)) if n > 2 and abs(r) < 1 else np.inf
                p = float(2 * sstats.t.sf(abs(t), n - 2)) if n > 2 else np.nan
                if opts.get("bonferroni"):
                    p = min(1.0, pairs_k * p)
                elif opts.get("sidak"):
                    p = min(1.0, 1 - (1 - p) ** pairs_k)
                if p > cut:  # print(#): .z, blank in esttab
                    r = n = p = extended("z")
            cols.append(f"{dep}:{v}" if matrix else v)
            out["b"].append(r)
            out["p"].append(p)
            out["count"].append(float(n))
        if not matrix:
            break
    depname = "" if matrix else names[0]  # estpost names a depvar only without matrix
    row = lambda k, rn="r1": Matrix(np.array([out[k]], float), (rn,), tuple(cols))  # noqa: E731
    matrices = {"b": row("b", depname or "y1"), "count": row("count"), "p": row("p"), "rho": row("b")}
    if not opts.get("quietly"):
        table = {"b": out["b"], "rho": out["b"], "p": out["p"], "count": out["count"]}
        session.print(_listing(cols, ["b", "rho", "p", "count"], table, ("b", "rho", "p", "count"),
                               title=depname))
    session.e = EstimationResults(cmd="estpost", scalars={"N": float(touse.sum())},
                                  macros={"cmd": "estpost", "subcmd": "correlate", "depvar": depname,
                                          "vce": "ols", "vcetype": "", "wtype": "", "wexp": ""},
                                  matrices=matrices, sample=touse.copy() if opts.get("esample") else None)
