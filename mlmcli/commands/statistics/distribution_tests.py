"""``ksmirnov`` (Kolmogorov-Smirnov equality-of-distributions test) and ``median`` (the
nonparametric equality-of-medians test); numbers in ``mlmcli.classic_tests.distributions``.

    ksmirnov varname = exp [if] [in]
    ksmirnov varname [if] [in], by(groupvar) [exact]
    median varname [if] [in] [fweight], by(groupvar) [exact medianties(below|above|drop)]

ksmirnov is Stata 13's: the Corrected p-value column (ksmirnov.ado under version 13), no
``corrected`` option, and no note on ties (the note of later ado files).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.commands.statistics.sample_groups import group_values
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_ksmirnov(session, cmd) -> None:
    from mlmcli.classic_tests.distributions import one_sample, two_sample
    from mlmcli.expr import evaluate
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.distribution_tests import render_ksmirnov
    from mlmcli.results.classic_tests import KolmogorovSmirnov

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("onesamp", 1),
                                         OptionSpec("exact", 1)])
    m = re.fullmatch(r"\s*([^=\s]+)\s*=(?!=)\s*(.+?)\s*", cmd.args or "")
    x = single_variable(ds, m.group(1) if m else cmd.args)
    by = single_variable(ds, str(opts["by"])) if opts.get("by") else None
    rows = mark(session, cmd, [x] + ([by] if by else []), strok=True)
    if ds.is_string(x):
        raise StataError(f"{x} found where numeric variable expected", 7)  # confirm numeric variable
    cdf = np.asarray(evaluate(session, m.group(2), rows)) if m else None
    if cdf is not None and cdf.dtype == object:  # ksmirnov.ado's gen double `cdf' = exp
        raise StataError("type mismatch", 109)
    cdf = None if cdf is None else cdf.astype(float)
    if not rows.any():
        raise StataError("no observations", 2000)
    v = ds.numeric(x)[rows]
    if by:
        if m:
            raise StataError("invalid syntax", 198)
        g, levels, names = _two_groups(ds, by, rows)
        d1, d2, p1, p2, d, p, last = two_sample(v[g == levels[0]], v[g == levels[1]], bool(opts.get("exact")))
        title = ("Two-sample Kolmogorov-Smirnov test for equality of distribution functions",)
    else:
        if opts.get("exact") or m is None:
            raise StataError("invalid syntax", 198)
        f = cdf[rows]
        if np.isnan(f).any():
            raise StataError("=exp evaluate to missing in some or all observations\n"
                             f"=exp should evaluate to cumulative density evaluated at {x}", 450)
        d1, d2, p1, p2, d, p, last = one_sample(v, f)
        names = (abbrev(x, 12), "Cumulative")
        title = ("One-sample Kolmogorov-Smirnov test against theoretical distribution", " " * 11 + m.group(2))
    result = KolmogorovSmirnov(title, (names[0], names[1]), (d1, d2), (p1, p2), d, p, last, bool(opts.get("exact")))
    session.print(render_ksmirnov(result))
    r = {"group1": names[0], "group2": names[1], "D_1": d1, "D_2": d2, "p_1": p1, "p_2": p2, "D": d, "p": p}
    r["p_exact" if opts.get("exact") else "p_cor"] = last
    session.set_r(r)


def _two_groups(ds, by: str, rows):
    """The by variable's two values on the sample (``by takes on # values, not 2`` otherwise) and
    the names ksmirnov gives them: the value label or value, 16 characters."""
    g, levels, names = group_values(ds, by, rows)
    if len(levels) != 2:
        raise StataError(f"{by} takes on {len(levels)} values, not 2", 450)
    return g, levels, [name[:16] for name in names]


MEDIAN_OPTIONS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("exact", 1),
                  OptionSpec("medianties", 3, takes_arg=True)]
_TIES_LABEL = {"below": "Greater than the median", "drop": "Greater than the median",
               "above": "Greater or equal to the median"}


def cmd_median(session, cmd) -> None:
    """median.ado: the 2 x k table of values above (or at, medianties(above)) the pooled median
    by group, tabulate's Pearson chi2 (and Fisher's exact with ``exact``), and for two groups the
    continuity-corrected chi2.  medianties(split) assigns tied values by Stata's own random
    draws (seed 879543489 of its generator) and is refused when values tie with the median."""
    from mlmcli.commands.data.common import weights
    from mlmcli.commands.data.tabulate_report import report_tab2
    from mlmcli.render.distribution_tests import render_continuity_corrected
    from mlmcli.summary_statistics import stata_percentile

    ds = session.data
    opts = resolve_options(cmd.options, MEDIAN_OPTIONS)
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    ties = str(opts.get("medianties") or "below").strip()
    if ties not in ("below", "above", "drop", "split"):
        raise StataError(f"medianties({ties}) option invalid", 198)
    x = single_variable(ds, cmd.args)
    by = single_variable(ds, str(opts["by"]))
    rows = mark(session, cmd, [x, by], strok=True)
    if ds.is_string(by):
        rows &= ds.df[by].to_numpy(dtype=object) != ""
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if ds.is_string(x):
        raise StataError("type mismatch", 109)
    g, levels, labels = group_values(ds, by, rows, None)
    if not levels:
        raise StataError("no observations", 2000)
    if len(levels) == 1:
        raise StataError("1 group found, 2 required", 499)
    v = ds.numeric(x)[rows]
    wv = np.round(w[rows]).astype(int) if w is not None else np.ones(v.size, dtype=int)
    median = stata_percentile(np.sort(np.repeat(v, wv)), 50)
    at_median = v == median
    if ties == "split":
        if at_median.any():
            raise StataError("medianties(split) not available: Stata splits the ties by its own random draws", 198)
        ties = "drop"
    keep = ~at_median if ties == "drop" else np.ones(v.size, dtype=bool)
    high = (v >= median) if ties == "above" else (v > median)
    codes = np.array([levels.index(val) for val in g.tolist()], dtype=int)
    counts = np.zeros((2, len(levels)), dtype=int)
    np.add.at(counts, (high[keep].astype(int), codes[keep]), wv[keep])
    present = counts.sum(axis=0) > 0  # tabulate shows only the groups left after medianties(drop)
    counts = counts[:, present]
    row_present = counts.sum(axis=1) > 0
    session.print("\nMedian test")
    report_tab2(session, {"chi2": True, "exact": True if opts.get("exact") else None}, _TIES_LABEL[ties],
                ds.var_labels.get(by) or by, [t for t, on in zip(("no", "yes"), row_present) if on],
                [lab for lab, on in zip(labels, present) if on], counts[row_present])
    tab_r = session.r
    r = {"p1_exact": tab_r.get("p1_exact", np.nan), "p_exact": tab_r.get("p_exact", np.nan)}
    n = int(counts.sum())
    if counts.shape == (2, 2) and row_present.all():  # a 1 x 2 table (every value at the median) has no chi2
        (a, b), (c, d) = counts.tolist()
        chi2 = n * (abs(a * d - b * c) - n / 2) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
        from mlmcli.distributions import chi2 as chi2_dist
        p_cc = float(chi2_dist.sf(chi2, 1))
        session.print(render_continuity_corrected(chi2, p_cc))
        r.update(p_cc=p_cc, chi2_cc=chi2)
    r.update(p=tab_r.get("p", np.nan), chi2=tab_r.get("chi2", np.nan), groups=float(counts.shape[1]), N=float(n))
    session.set_r({k: float(val) for k, val in r.items()})
