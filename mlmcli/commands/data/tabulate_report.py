"""tabulate's tables as the data commands print them: a variable's categories over the rows
(``tabulated_categories``: sorted values, their text, ``missing``'s extended codes), the one-way and
two-way tables with their r() (``report_tab1``, ``report_tab2``: ``expected``/``row``/``column``/
``cell``, ``chi2``, ``lrchi2``, ``V``, ``exact``), read by tabulate, tabi, tabsum, the lazy data's
tabulate and the statistics commands that print a tabulate table.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import value_text
from mlmcli.errors import StataError
from mlmcli.missing import LETTERS, code as missing_code, extended


def tabulated_categories(ds, name, rows, include_missing: bool, labels: bool):
    """Sorted distinct values of a variable over ``rows``, their display text and row codes."""
    col = ds.df[name]
    if ds.is_string(name):
        vals = col.to_numpy(dtype=object)[rows]
        keep = np.ones(vals.size, dtype=bool) if include_missing else np.array([v != "" for v in vals], dtype=bool)
        uniq = sorted(set(vals[keep].tolist()))
        code = {v: i for i, v in enumerate(uniq)}
        codes = np.array([code.get(v, -1) if k else -1 for v, k in zip(vals, keep)], dtype=int)
        return [str(u) for u in uniq], codes
    x = ds.numeric(name)[rows]
    miss = np.isnan(x)
    uniq = np.unique(x[~miss])
    codes = np.full(x.size, -1, dtype=int)
    codes[~miss] = np.searchsorted(uniq, x[~miss])
    texts = [value_text(ds, name, float(u), labels=labels) for u in uniq]
    if include_missing and miss.any():  # one row each for ., .a, … .z, in that order
        mcodes = missing_code(x[miss])
        present = np.unique(mcodes)
        codes[miss] = len(uniq) + np.searchsorted(present, mcodes)
        texts += [value_text(ds, name, extended(LETTERS[k - 1] if k else ""), labels=labels) for k in present]
    return texts, codes


def _count(total) -> int | float:
    """r(N) of a table: a whole number as an int; aweighted or iweighted sums may not be one."""
    total = float(total)
    return int(round(total)) if total.is_integer() else total


def report_tab1(session, opts: dict, title: str, texts: list[str], freqs: list[int]) -> None:
    """Print a one-way table (``sort``: by descending frequency) and set r(N), r(r)."""
    order = list(range(len(texts)))
    if opts.get("sort"):
        order.sort(key=lambda i: -freqs[i])
    session.set_r({"N": _count(sum(freqs)), "r": len(texts)})
    from mlmcli.render.data_tables import render_tab1
    from mlmcli.results.data import OneWayTable
    session.print(render_tab1(OneWayTable(title, tuple(texts[i] for i in order), tuple(freqs[i] for i in order))))


def report_tab2(session, opts: dict, row_title: str, col_title: str, rtexts, ctexts, counts: np.ndarray) -> None:
    """Print a two-way table (``expected``/``row``/``column``/``cell``/``chi2``) and set r(N), r(r), r(c)."""
    from mlmcli.render.data_tables import render_chi2, render_tab2, render_tab_key
    from mlmcli.results.data import PearsonChi2, TwoWayTable
    from mlmcli.summary_statistics import pearson_chi2
    if opts.get("exact"):
        _check_exact_multiplier(opts["exact"])
    r = {"N": _count(counts.sum()), "r": len(rtexts), "c": len(ctexts)}
    show = [] if opts.get("nofreq") else ["freq"]
    show += [k for k, o in (("expected", "expected"), ("row", "row"), ("col", "column"), ("cell", "cell"))
             if opts.get(o)]
    if not show:
        show = ["freq"]
    table = TwoWayTable(row_title, col_title, tuple(rtexts), tuple(ctexts),
                        tuple(tuple(row) for row in counts.tolist()), tuple(show))
    if show != ["freq"] and not opts.get("nokey"):
        session.print(render_tab_key(table))
    session.print(render_tab2(table, linesize=session.linesize))
    tested = False
    if opts.get("chi2"):
        chi2, df, p = pearson_chi2(counts)
        r.update(chi2=chi2, p=p)
        session.print(render_chi2(PearsonChi2(chi2, df, p)))
        tested = True
    tested = _association_lines(session, opts, counts, r, tested)
    if opts.get("exact"):
        r.update(fisher_exact_lines(session, counts, opts["exact"], blank=not tested))
    session.set_r(r)


def _association_lines(session, opts: dict, counts: np.ndarray, r: dict, tested: bool) -> bool:
    """tabulate's ``lrchi2`` (r(chi2_lr), r(p_lr)) and ``V`` (r(CramersV)), in Stata's order
    after Pearson's chi2; returns whether any test line has been printed."""
    from mlmcli.render.data_tables import render_cramers_v, render_lr_chi2
    from mlmcli.results.data import PearsonChi2
    from mlmcli.summary_statistics import cramers_v, likelihood_ratio_chi2
    if opts.get("lrchi2"):
        g2, df, p = likelihood_ratio_chi2(counts)
        r.update(chi2_lr=g2, p_lr=p)
        session.print(render_lr_chi2(PearsonChi2(g2, df, p), blank=not tested))
        tested = True
    if opts.get("V"):
        v = cramers_v(counts)
        r["CramersV"] = v
        session.print(render_cramers_v(v, blank=not tested))
        tested = True
    return tested


def _check_exact_multiplier(multiplier) -> None:
    if multiplier is not True and not (str(multiplier).strip().isdecimal() and int(multiplier) > 0):
        raise StataError("exact() invalid", 198)


def fisher_exact_lines(session, counts: np.ndarray, multiplier, blank: bool) -> dict:
    """tabulate's ``exact[(#)]``: print Fisher's exact p (and the one-sided one of a 2 x 2
    table) and return r(p_exact) / r(p1_exact).  ``#`` only scales the memory Stata's network
    algorithm may use; it is checked (a positive integer) and has no other effect here."""
    from mlmcli.classic_tests.exact_tables import fisher_exact
    from mlmcli.render.data_tables import render_fisher_exact
    _check_exact_multiplier(multiplier)
    p, one_sided = fisher_exact(counts)
    session.print(render_fisher_exact(p, one_sided, blank))
    return {"p_exact": p} if one_sided is None else {"p_exact": p, "p1_exact": one_sided}
