"""``stmh`` and ``stmc``: rate ratios of st data by the Mantel-Haenszel method over strata
(stmh.ado) and over failure times (the Mantel-Cox method, stmc.ado); the numbers from
``mlmcli.survival.rate_ratios``, the text from ``render/st_tools``.

    stmh varname [varlist] [if] [in] [, compare(a,b) by(varlist) missing level(#) noshow]
    stmc varname [varlist] [if] [in] [, compare(a,b) by(varlist) missing level(#)]

varname is the exposure: two values (or compare()) give the ratio of the first (the larger) to
the second; more give the score test for trend with the ratio for a one-unit increase.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("compare", 1, takes_arg=True), OptionSpec("by", 2, takes_arg=True), OptionSpec("missing", 1),
         OptionSpec("level", 1, takes_arg=True), OptionSpec("noshow", 6)]


def _setup(session, cmd, allow_noshow: bool):
    from mlmcli.commands.data.common import mark, plain_number
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS if allow_noshow else SPECS[:-1])
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    exposure, strata = names[0], names[1:]
    if ds.is_string(exposure):
        raise StataError("type mismatch", 109 if not allow_noshow else 108)
    by = ds.expand_varlist(str(opts["by"])) if opts.get("by") is not None else []
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = ds.numeric(exposure).copy()
    rows = mark(session, cmd)
    compare = None
    if opts.get("compare") is not None:
        parts = [p.strip() for p in str(opts["compare"]).split(",")]
        if len(parts) != 2:
            raise StataError("option compare() invalid", 198)
        compare = parts
    else:
        present = np.unique(e[rows & (ds.numeric("_st") == 1) & ~np.isnan(e)])
        if len(present) == 2:
            compare = [plain_number(present[1]), plain_number(present[0])]
    if compare is not None:
        g1, g2 = (float(c) for c in compare)
        e = np.where(e == g1, 1.0, np.where(e == g2, 2.0, np.nan))
    w = ds.numeric(ds.chars["st_wv"]) if ds.chars.get("st_wv") else np.ones(ds.nobs)
    y = ds.numeric("_t") - ds.numeric("_t0")
    rows &= ~np.isnan(ds.numeric("_d")) & ~np.isnan(e) & ~np.isnan(y) & ~np.isnan(w)
    if not opts.get("missing"):
        rows &= mark(session, cmd, by + strata, strok=True)
    rows &= ds.numeric("_st") == 1
    return ds, desc, opts, exposure, strata, by, level, e, w, rows, compare


def _codes(ds, names, rows):
    from mlmcli.commands.survival.st_rates import group_codes

    return group_codes(ds, names, rows) if names else np.zeros(int(rows.sum()), np.int64)


def _by_rows(ds, by, rows, make_terms, level, compare):
    """Per by() group: (values shown, Terms, RateRatio) for the groups with v > 0."""
    from mlmcli.commands.data.common import value_text
    from mlmcli.survival.rate_ratios import ratio

    idx = np.flatnonzero(rows)
    codes = _codes(ds, by, rows)
    out = []
    for g in range(int(codes.max()) + 1 if codes.size else 0):
        sel = idx[codes == g]
        terms = make_terms(sel)
        if terms.v > 0:
            first = int(sel[0])
            cells = [str(ds.df[v].iloc[first]) if ds.is_string(v) else value_text(ds, v, float(ds.numeric(v)[first]))
                     for v in by]
            out.append((cells, terms, ratio(terms, level, compare is not None)))
    return out


def _run(session, cmd, method: str) -> None:
    from mlmcli.render.st_tools import render_rate_ratio
    from mlmcli.render.survival import render_st_show
    from mlmcli.survival.rate_ratios import combined, failure_time_terms, person_time_terms

    ds, desc, opts, exposure, strata, by, level, e, w, rows, compare = _setup(session, cmd, method == "stmh")
    if method == "stmc" or not opts.get("noshow"):
        if ds.chars.get("st_show") != "noshow":
            session.print(render_st_show(desc))
    t0, t, d = ds.numeric("_t0"), ds.numeric("_t"), ds.numeric("_d")
    y = t - t0

    def make_terms(sel):
        codes = _codes(ds, strata, np.isin(np.arange(ds.nobs), sel))
        parts = []
        for c in np.unique(codes):
            s = sel[codes == c]
            if method == "stmh":
                parts.append(person_time_terms(d[s], y[s], e[s], w[s], compare is not None))
            else:
                parts.append(failure_time_terms(t0[s], t[s], d[s], e[s], w[s], compare is not None))
        return combined(parts)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # empty cells give missing numbers
        groups, overall, het = _estimates(by, groups_of=lambda: _by_rows(ds, by, rows, make_terms, level, compare),
                                          overall_of=lambda: make_terms(np.flatnonzero(rows)), level=level,
                                          compare=compare, method=method)
    origin = (ds.chars.get("st_orig", "") or "").split()
    weight = ds.chars.get("st_wt", "")
    session.print(render_rate_ratio(method, exposure, compare, strata, by, groups, overall, het, level=level,
                                    control=origin[1] if len(origin) > 1 else "",
                                    weight_note=weight if weight in ("iweight", "pweight") else ""))
    session.set_r({"RR": overall.rr})


def _estimates(by, *, groups_of, overall_of, level, compare, method):
    """(by() groups, overall ratio, (heterogeneity chi2, stmh's informative groups | stmc's df, p))."""
    from mlmcli.survival.rate_ratios import combined, ratio

    groups = groups_of() if by else []
    overall_terms = combined([g[1] for g in groups]) if by else overall_of()
    overall = ratio(overall_terms, level, compare is not None)
    het = None
    if by and method == "stmh":
        if compare is not None:
            Q, R = overall_terms.q, overall_terms.r
            parts = [(t.q * R - t.r * Q) ** 2 / (Q * R * t.v) for _, t, _ in groups]
            het = (sum(parts), sum(1 for p in parts if p > 0))
        else:
            parts = [t.u ** 2 / t.v for _, t, _ in groups]
            het = (sum(parts) - overall_terms.u ** 2 / overall_terms.v, sum(1 for p in parts if p > 0))
    elif by:
        if compare is not None:
            rr = overall.rr
            het = (sum(t.q ** 2 / t.v for _, t, _ in groups) / rr + sum(t.r ** 2 / t.v for _, t, _ in groups) * rr
                   - 2 * sum(t.q * t.r / t.v for _, t, _ in groups), len(groups) - 1)
        else:
            het = (sum(t.u ** 2 / t.v for _, t, _ in groups) - overall.chi2, len(groups) - 1)
    if het is not None:  # the test's p-value: stmh's chi2(informative groups - 1), stmc's chi2(groups - 1)
        from mlmcli.distributions import chi2

        df = het[1] - 1 if method == "stmh" else het[1]
        het = het + (float(chi2.sf(het[0], df)) if df > 0 else float("nan"),)
    return groups, overall, het


def cmd_stmh(session, cmd) -> None:
    _run(session, cmd, "stmh")


def cmd_stmc(session, cmd) -> None:
    _run(session, cmd, "stmc")
