"""Summary tables: ``summarize``, ``tabulate``, ``fre``, ``tabstat``."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.summarize_factors import SummaryColumn, factor_columns
from mlmcli.factor_terms import uses_factor_variables
from mlmcli.commands.data.tab_matrices import save_tab_matrices
from mlmcli.commands.data.common import mark, single_variable, summarize_returns, value_text, weights
from mlmcli.commands.data.tabulate_report import report_tab1, report_tab2, tabulated_categories
from mlmcli.errors import StataError
from mlmcli.missing import LETTERS, code as missing_code, extended, text as missing_text
from mlmcli.render.data_tables import render_fre, render_summarize, render_summarize_detail, render_tabstat
from mlmcli.results.data import DetailStats, FreTable, SummarizeTable, SummaryRow, TabstatTable
from mlmcli.render.numfmt import is_valid_format
from mlmcli.summary_statistics import (moments, stata_percentile, statistic, weighted_moments, weighted_percentile,
                                      weighted_statistic)
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

_PCTS = (1, 5, 10, 25, 50, 75, 90, 95, 99)


def _no_weights(cmd) -> None:
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)


# ----------------------------------------------------------------------------- summarize
def cmd_summarize(session, cmd) -> None:
    """``summarize [varlist] [if] [in] [fw aw iw] [, detail meanonly format separator(#)]``.

    r(): N sum_w mean Var sd min max sum (+ p1..p99 skewness kurtosis with detail),
    for the last variable summarized.  Weights: see ``mlmcli.summary_statistics.weighted_moments``.
    """
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "summarize"):
            return
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("meanonly"), OptionSpec("format", 3),
                                       OptionSpec("separator", 3, takes_arg=True), OptionSpec("baselevels", 4),
                                       OptionSpec("allbaselevels", 7), OptionSpec("noemptycells", 7),
                                       OptionSpec("nofvlabel", 7), OptionSpec("vsquish")])
    if opts.get("detail") and opts.get("meanonly"):  # [R] summarize: meanonly "allowed only when detail is not specified"
        raise StataError("options detail and meanonly may not be combined", 198)
    ds = session.data
    rows_sel, w, kind = weights(session, cmd, mark(session, cmd), ("fweight", "aweight", "iweight"))
    if kind == "iweight" and opts.get("detail"):
        raise StataError("iweights not allowed with detail", 101)
    if uses_factor_variables(cmd.args):
        columns = factor_columns(ds, cmd.args, rows_sel,
                                 baselevels=bool(opts.get("baselevels") or opts.get("allbaselevels")),
                                 emptycells=not opts.get("noemptycells"), fvlabel=not opts.get("nofvlabel"))
    else:  # the display options concern factor variables' rows only (vsquish: no blank rows anyway)
        names = ds.expand_varlist(cmd.args) if cmd.args.strip() else ds.varnames
        columns = [SummaryColumn("row", n, ds.var_labels.get(n) or n, None if ds.is_string(n) else ds.numeric(n),
                                 ds.format_of(n)) for n in names]
    sep = integer_option(opts, "separator", 5)
    table_rows: list[SummaryRow] = []
    fmts: list[str] = []
    r = summarize_returns(None)
    for col in columns:
        if col.kind == "heading":
            table_rows.append(SummaryRow(col.name, 0, kind="heading"))
            fmts.append("%9.0g")
            continue
        if col.values is None:  # a string variable
            table_rows.append(SummaryRow(col.name, 0))
            fmts.append("%9.0g")
            r = summarize_returns(None)
            continue
        x_all = col.values if rows_sel.all() else col.values[rows_sel]  # (no copy of every row)
        valid = ~np.isnan(x_all)
        x = x_all if valid.all() else x_all[valid]
        wx = w[rows_sel][valid] if w is not None else None
        if w is None:  # what is shown or returned: no spread for meanonly, no shape without detail
            m = moments(x, "none" if opts.get("meanonly") else "all" if opts.get("detail") else "sd")
        else:
            m = weighted_moments(x, wx, kind)
        r = summarize_returns(m, float(m["N"]) if w is None else m["sum_w"], bool(opts.get("meanonly")))
        if opts.get("meanonly"):
            continue
        if opts.get("detail"):
            order = np.argsort(x, kind="stable")
            sx = x[order]
            if w is None:
                pct = tuple(stata_percentile(sx, p) for p in _PCTS)
            else:
                pct = tuple(weighted_percentile(sx, wx[order], p) for p in _PCTS)
            if m["N"]:
                for p, v in zip(_PCTS, pct):
                    r[f"p{p}"] = v
                r["skewness"], r["kurtosis"] = m["skewness"], m["kurtosis"]
            title = col.title
            if m["N"] == 0:
                session.print("")
                session.print(" " * max((61 - len(title)) // 2, 0) + title)
                session.print("-" * 61)
                session.print("no observations")
                continue
            session.print(render_summarize_detail(DetailStats(
                title, m["N"], r["sum_w"], m["mean"], m["sd"], m["Var"], m["skewness"], m["kurtosis"],
                pct, tuple(sx[:4]), tuple(sx[-4:]) if sx.size >= 4 else tuple(sx))))
            continue
        table_rows.append(SummaryRow(col.name, m["N"], m["mean"], m["sd"], m["min"], m["max"], r["sum_w"],
                                     kind=col.kind))
        fmts.append(col.fmt if opts.get("format") else "%9.0g")
    session.set_r(r)
    if not session.output_shown:  # quietly: the table is laid out for no one
        return
    if any(t.kind != "heading" for t in table_rows) and not opts.get("detail") and not opts.get("meanonly"):
        session.print(render_summarize(SummarizeTable(tuple(table_rows), sep, tuple(fmts) if fmts else None,
                                                      weighted=kind in ("aweight", "iweight"))))


# ----------------------------------------------------------------------------- tabulate
def cmd_tabulate(session, cmd) -> None:
    """One-way (Freq./Percent/Cum.) and two-way (counts with Total row/column) tables.

    r(N); r(r) rows; r(c) columns (two-way).
    """
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "tabulate"):
            return
    from mlmcli.commands.data.tabsum import asks_summary, tabulate_summarize
    if asks_summary(cmd.options):
        names = session.data.expand_varlist(cmd.args)
        if len(names) > 2:
            raise StataError("too many variables specified", 103)
        tabulate_summarize(session, cmd, names)
        return
    opts = resolve_options(cmd.options, [OptionSpec("missing", 1), OptionSpec("nolabel", 3),
                                       OptionSpec("sort"), OptionSpec("generate", 1, takes_arg=True),
                                       OptionSpec("nofreq", 3), OptionSpec("row", 1), OptionSpec("column", 2),
                                       OptionSpec("cell", 2), OptionSpec("chi2", 2), OptionSpec("nokey"),
                                       OptionSpec("lrchi2", 2), OptionSpec("V"),  # Stata spells it V
                                       OptionSpec("exact", 1, takes_arg=True, arg_optional=True),
                                       OptionSpec("expected", 3), OptionSpec("matcell", 7, takes_arg=True),
                                       OptionSpec("matrow", 6, takes_arg=True), OptionSpec("matcol", 6, takes_arg=True)])
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) > 2:
        raise StataError("too many variables specified", 103)
    rows = mark(session, cmd, names if not opts.get("missing") else (), strok=True)
    rows, w, kind = weights(session, cmd, rows, ("fweight", "aweight", "iweight"), default="fweight")
    if opts.get("missing") is None:
        for n in names:
            if ds.is_string(n):
                rows &= ds.df[n].to_numpy(dtype=object) != ""
    labels = not opts.get("nolabel")
    idx = np.flatnonzero(rows)
    if idx.size == 0:
        raise StataError("no observations", 2000)
    title = lambda n: ds.var_labels.get(n) or n  # noqa: E731
    if len(names) == 1:
        for twoway_only in ("row", "column", "cell", "chi2", "lrchi2", "V", "exact", "expected", "matcol"):
            if opts.get(twoway_only):
                shown = {"matcol": "matcol()"}.get(twoway_only, twoway_only)
                raise StataError(f"option {shown} not allowed", 198)
        texts, codes = tabulated_categories(ds, names[0], rows, bool(opts.get("missing")), labels)
        wsel = w[rows] if w is not None else np.ones(codes.size)
        sums = _weighted_frequencies(np.bincount(codes[codes >= 0], weights=wsel[codes >= 0],
                                                 minlength=len(texts)), int((codes >= 0).sum()), kind)
        freqs = [int(round(f)) for f in sums] if kind in (None, "fweight") else [float(f) for f in sums]
        if isinstance(opts.get("generate"), str):
            _tab_generate(session, opts["generate"].strip(), names[0], rows, codes, texts)
        report_tab1(session, opts, title(names[0]), texts, freqs)
        save_tab_matrices(session, opts, names, rows, np.array(freqs, dtype=float).reshape(-1, 1))
        return
    rtexts, rcodes = tabulated_categories(ds, names[0], rows, bool(opts.get("missing")), labels)
    ctexts, ccodes = tabulated_categories(ds, names[1], rows, bool(opts.get("missing")), labels)
    ok = (rcodes >= 0) & (ccodes >= 0)
    if kind in ("aweight", "iweight"):
        counts = np.zeros((len(rtexts), len(ctexts)))
        np.add.at(counts, (rcodes[ok], ccodes[ok]), w[rows][ok])
        counts = _weighted_frequencies(counts, int(ok.sum()), kind)
    else:
        counts = np.zeros((len(rtexts), len(ctexts)), dtype=int)
        wsel = np.round(w[rows]).astype(int) if w is not None else np.ones(rcodes.size, dtype=int)
        np.add.at(counts, (rcodes[ok], ccodes[ok]), wsel[ok])
    report_tab2(session, opts, title(names[0]), title(names[1]), rtexts, ctexts, counts)
    save_tab_matrices(session, opts, names, rows, np.asarray(counts, dtype=float))


def _weighted_frequencies(sums: np.ndarray, nobs: int, kind: str | None) -> np.ndarray:
    """Frequencies from per-category sums of weights: aweights rescaled to sum to the number
    of observations tabulated (the sum of weights over their mean), iweights as they are."""
    if kind == "aweight":
        total = sums.sum()
        return sums * (nobs / total) if total else sums
    return sums


def cmd_tab1(session, cmd) -> None:
    """``tab1 varlist [if] [in] [weight] [, missing nolabel sort]``: a one-way table of each
    variable, each headed ``-> tabulation of name``."""
    import dataclasses
    resolve_options(cmd.options, [OptionSpec("missing", 1), OptionSpec("nolabel", 3), OptionSpec("sort")])
    names = session.data.expand_varlist(cmd.args)
    for name in names:
        session.print("")
        session.print(f"-> tabulation of {name} {condition_text(cmd)}".rstrip())  # tab1.ado: the if/in typed
        cmd_tabulate(session, dataclasses.replace(cmd, args=name))


def condition_text(cmd) -> str:
    """The ``if``/``in`` qualifiers as typed (tab1's and tab2's headers repeat them)."""
    parts = [f"if {cmd.if_exp}"] if cmd.if_exp is not None else []
    if cmd.in_range is not None:
        r = cmd.in_range
        parts.append(f"in {r.first}" + (f"/{r.last}" if r.last is not None else ""))
    return " ".join(parts)


def _tab_generate(session, stub, name, rows, codes, texts) -> None:
    from mlmcli.syntax.varlist import check_new_name
    for k in range(len(texts)):
        check_new_name(session.data, f"{stub}{k + 1}")
    n = session.data.nobs
    for k, text in enumerate(texts):
        values = np.full(n, np.nan)
        sel = np.flatnonzero(rows)
        values[sel] = (codes == k).astype(float)
        values[sel[codes < 0]] = np.nan
        session.data.set_variable(f"{stub}{k + 1}", values, "byte")
        session.data.var_labels[f"{stub}{k + 1}"] = f"{name}=={text}"


# ----------------------------------------------------------------------------- fre
def cmd_fre(session, cmd) -> None:
    """Ben Jann's ``fre``: Freq., Percent, Valid, Cum. per variable (golden 04)."""
    _no_weights(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("nolabel", 5), OptionSpec("format", 3, takes_arg=True),
                                       OptionSpec("all"), OptionSpec("nomissing", 6)])
    decimals = integer_option(opts, "format", 2, minimum=0, maximum=8)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    rows = mark(session, cmd)
    for name in names:
        valid, missing = [], []
        if ds.is_string(name):
            vals = ds.df[name].to_numpy(dtype=object)[rows]
            for v in sorted(set(vals.tolist())):
                count = int((vals == v).sum())
                (missing if v == "" else valid).append((v, None, count))
        else:
            x = ds.numeric(name)[rows]
            miss = np.isnan(x)
            uniq, counts = np.unique(x[~miss], return_counts=True)
            for u, c in zip(uniq, counts):
                lab = None if opts.get("nolabel") else ds.value_label_text(name, float(u))
                valid.append((value_text(ds, name, float(u), labels=False), lab, int(c)))
            if miss.any() and not opts.get("nomissing"):
                mcodes, mcounts = np.unique(missing_code(x[miss]), return_counts=True)
                for k, c in zip(mcodes, mcounts):
                    value = extended(LETTERS[k - 1] if k else "")
                    lab = None if opts.get("nolabel") else ds.value_label_text(name, value)
                    missing.append((missing_text(value), lab, int(c)))
        if not valid and not missing:
            session.print("")
            session.print(name)
            session.print("no observations")
            continue
        session.print(render_fre(FreTable(name, ds.var_labels.get(name, ""), tuple(valid), tuple(missing), decimals)))


# ----------------------------------------------------------------------------- tabstat
_STAT_ALIASES = {"n": "n", "count": "count", "mean": "mean", "sum": "sum", "max": "max", "min": "min",
                 "range": "range", "sd": "sd", "v": "variance", "var": "variance", "variance": "variance",
                 "cv": "cv", "semean": "semean", "se(mean)": "semean", "skewness": "skewness",
                 "skew": "skewness", "kurtosis": "kurtosis", "kurt": "kurtosis", "median": "p50",
                 "med": "p50", "iqr": "iqr", "me": "mean", "mea": "mean"}


_LONG_STATS = (("skewness", 2), ("kurtosis", 2), ("variance", 2), ("semean", 2))


def _stat_names(text: str) -> list[str]:
    out: list[str] = []
    for tok in text.replace(",", " ").split():
        t = tok.lower()
        if t == "q":
            out += ["p25", "p50", "p75"]
        elif t in _STAT_ALIASES:
            out.append(_STAT_ALIASES[t])
        elif t.startswith("p") and t[1:].isdecimal() and 1 <= int(t[1:]) <= 99:
            out.append(t)
        elif (full := resolve_choice(t, _LONG_STATS)) is not None:
            out.append(full)
        else:
            raise StataError(f"{tok} is not a valid statistic", 198)
    return out


def cmd_tabstat(session, cmd) -> None:
    """``tabstat varlist [if] [in] [aw fw] [, statistics() by() columns() format[()] nototal missing
    casewise longstub save]``.  Weights as summarize takes them (tabstat.ado runs summarize on each
    group); ``save``: r(StatTotal) and by groups r(Stat#)/r(name#), rows the statistics and
    columns the variables ([R] tabstat, Stored results)."""
    opts = resolve_options(cmd.options, [OptionSpec("statistics", 1, takes_arg=True), OptionSpec("by", takes_arg=True),
                                       OptionSpec("columns", 1, takes_arg=True),
                                       OptionSpec("format", 1, takes_arg=True, arg_optional=True),
                                       OptionSpec("nototal", 4), OptionSpec("missing", 1),
                                       OptionSpec("casewise", 1), OptionSpec("stats", 5, takes_arg=True),
                                       OptionSpec("save", 4), OptionSpec("longstub", 2)])
    if "stats" in opts:  # tabstat takes stats() as a synonym of statistics()
        if "statistics" in opts:
            raise StataError("options statistics() and stats() may not be combined", 198)
        opts["statistics"] = opts.pop("stats")
    ds = session.data
    if uses_factor_variables(cmd.args):  # tabstat.ado's syntax varlist(numeric) takes no fv/ts operators
        raise StataError("factor-variable and time-series operators not allowed", 101)
    names = ds.expand_varlist(cmd.args)
    for n in names:
        if ds.is_string(n):
            raise StataError("type mismatch", 109)
    stats = _stat_names(opts["statistics"]) if isinstance(opts.get("statistics"), str) else ["mean"]
    if not stats:
        raise StataError("invalid syntax", 198)
    rows, w, kind = weights(session, cmd, mark(session, cmd, names if opts.get("casewise") else ()),
                            ("aweight", "fweight"))
    fmt_opt = opts.get("format")
    if isinstance(fmt_opt, str):
        f = fmt_opt.strip()
        if not is_valid_format(f):
            raise StataError("invalid format", 120)
        fmts = [f] * len(names)
    elif fmt_opt is True:
        fmts = [ds.format_of(n) for n in names]
    else:
        fmts = ["%9.0g"] * len(names)
    col_opt = str(opts.get("columns", "")).strip().lower()
    if col_opt:
        layout = resolve_choice(col_opt, (("variables", 1), ("statistics", 1)))
        if layout is None:
            raise StataError("columns() invalid", 198)
        in_cols = layout == "statistics"
    else:
        in_cols = len(names) == 1
    data = [ds.numeric(n) for n in names]

    def compute(sel) -> list[list[float]]:
        if w is None:
            return [[statistic(s, x[sel]) for s in stats] for x in data]
        return [[weighted_statistic(s, x[sel], w[sel], kind) for s in stats] for x in data]

    by_text = opts.get("by")
    if isinstance(by_text, str):
        byvar = single_variable(ds, by_text)
        by_rows = rows.copy()
        if not opts.get("missing"):
            if ds.is_string(byvar):
                by_rows &= ds.df[byvar].to_numpy(dtype=object) != ""
            else:
                by_rows &= ~np.isnan(ds.numeric(byvar))
        texts, codes = tabulated_categories(ds, byvar, by_rows, bool(opts.get("missing")), True)
        full_codes = np.full(ds.nobs, -1, dtype=int)
        full_codes[by_rows] = codes
        groups = [(texts[k], compute(full_codes == k)) for k in range(len(texts))]
        total = None if opts.get("nototal") else compute(by_rows)
        label = ds.var_labels.get(byvar, "")
        session.print(render_tabstat(TabstatTable(tuple(names), tuple(stats), tuple(groups), total, byvar,
                                                  f"({label})" if label else "", tuple(fmts), in_cols,
                                                  bool(opts.get("longstub")))))
        if opts.get("save"):
            _tabstat_save(session, names, stats, groups, total)
        return
    total = compute(rows)
    session.print(render_tabstat(TabstatTable(tuple(names), tuple(stats), (), total, None, "", tuple(fmts),
                                              in_cols)))
    if opts.get("save"):
        _tabstat_save(session, names, stats, (), total)


def _tabstat_save(session, names, stats, groups, total) -> None:
    """r(StatTotal), r(Stat#) (statistics by variables) and r(name#), the group labels."""
    from mlmcli.render.data_tables import STAT_HEADERS
    from mlmcli.results.matrix import Matrix
    rownames = tuple(STAT_HEADERS.get(s, s) for s in stats)

    def as_matrix(values) -> Matrix:
        return Matrix(np.array(values, float).T, rownames, tuple(names))

    r: dict = {}
    for k, (text, values) in enumerate(groups, start=1):
        r[f"Stat{k}"] = as_matrix(values)
        r[f"name{k}"] = text
    if total is not None:
        r["StatTotal"] = as_matrix(total)
    session.set_r(r)
