"""``anova`` and ``oneway`` as Stata 12/13 print them (published logs):

```
(blank)
                           Number of obs =      32     R-squared     =  0.8790
                           Root MSE      = 1.16496     Adj R-squared =  0.8214
(blank)
                  Source |  Partial SS    df       MS           F     Prob > F
              -----------+----------------------------------------------------
                   Model |         207    10        20.7      15.25     0.0000
                         |
                       a |       194.5     3  64.8333333      47.77     0.0000
                         |
                Residual |        28.5    21  1.35714286   
              -----------+----------------------------------------------------
                   Total |       235.5    31  7.59677419   
```
The source column is 24 wide (``|`` at column 26); its rule spans the longest label.

oneway:
```
(blank)
                        Analysis of Variance
    Source              SS         df      MS            F     Prob > F
------------------------------------------------------------------------
Between groups      20.1333333      2   10.0666667      5.12     0.0247
 Within groups            23.6     12   1.96666667
------------------------------------------------------------------------
    Total           43.7333333     14   3.12380952
(blank)
Bartlett's test for equal variances:  chi2(2) =   0.1853  Prob>chi2 = 0.912
```
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.anova import AnovaResult, AnovaRow, OnewayResult


def _g(v, w: int = 11, fmt: str = "%11.0g") -> str:
    return format_number(v, fmt).strip().rjust(w)


def render_anova(r: AnovaResult) -> str:
    width = max([10] + [len(t.label) for t in r.terms])
    rule = " " * (24 - width) + "-" * (width + 1) + "+" + "-" * 52
    out = ["", " " * 27 + "Number of obs = " + format_number(r.nobs, "%7.0g") + " " * 5 + "R-squared     = "
           + format_number(r.r2, "%7.4f"),
           " " * 27 + "Root MSE      = " + format_number(r.rmse, "%7.0g") + " " * 5 + "Adj R-squared = "
           + format_number(r.r2_a, "%7.4f"), "",
           "Source".rjust(24) + " |  " + r.ss_label.rjust(10) + "    df       MS           F     Prob > F", rule]

    def row(x: AnovaRow, test: bool) -> str:
        line = abbrev(x.label, 24).rjust(24) + " | " + _g(x.ss) + format_number(x.df, "%6.0f") + " " + _g(x.ms)
        if test:
            return line + format_number(x.F, "%11.2f") + format_number(x.p, "%11.4f")
        return line + "   "

    empty = " " * 25 + "|"
    out += [row(r.model, True), empty]
    out += [row(t, True) for t in r.terms]
    out += [empty, row(r.residual, False), rule, row(r.total, False)]
    return "\n".join(out)


def render_oneway(r: OnewayResult, linesize: int = 80) -> str:
    out: list[str] = []
    t = r.table
    if r.summary:
        out += [""] + _summary_table(r)
    if r.show_anova:
        out += ["", " " * 24 + "Analysis of Variance",
                "    Source              SS         df      MS            F     Prob > F", "-" * 72]
        out.append("Between groups" + _g(t.ss_between, 16) + format_number(t.df_between, "%7.0f")
                   + _g(t.ss_between / t.df_between if t.df_between else float("nan"), 13)
                   + format_number(t.F, "%10.2f") + format_number(t.p, "%11.4f"))
        out.append(" Within groups" + _g(t.ss_within, 16) + format_number(t.df_within, "%7.0f")
                   + _g(t.ss_within / t.df_within if t.df_within else float("nan"), 13))
        out.append("-" * 72)
        total_df = t.df_between + t.df_within
        total = t.ss_between + t.ss_within
        out.append("    Total     " + _g(total, 16) + format_number(total_df, "%7.0f")
                   + _g(total / total_df if total_df else float("nan"), 13))
        out.append("")
        out.append(f"Bartlett's test for equal variances:  chi2({t.bartlett_df}) = "
                   + format_number(t.bartlett, "%8.4f") + "  Prob>chi2 = " + format_number(t.bartlett_p, "%5.3f"))
        if t.single_cells or t.zero_variance_cells:
            out += ["", "note: Bartlett's test performed on cells with positive variance:"]
            if t.single_cells:
                out.append(f"      {t.single_cells} single-observation cell{'s' if t.single_cells > 1 else ''} not used")
            if t.zero_variance_cells:
                n = t.zero_variance_cells
                out.append(f"      {n} multiple-observation cell{'s' if n > 1 else ''} not used")
    for c in r.comparisons:
        out += [""] + _comparison(r, c)
    return "\n".join(out)


def _summary_table(r: OnewayResult) -> list[str]:
    return summary_table(r.response_label, r.factor_label, r.summary, r.total,
                         (r.show_means, r.show_sd, r.show_freq))


def summary_table(response_label: str, factor_label: str, rows, total, show=(True, True, True)) -> list[str]:
    """tabulate's summarize() table (oneway's tabulate option, robvar): rows with label, mean,
    sd and freq; ``show``: which of Mean, Std. Dev. and Freq. to print (the layout is
    ``mlmcli.render.summary_breakdown``'s one-way table)."""
    from mlmcli.render.summary_breakdown import figure, oneway_header
    from mlmcli.results.data import SummaryCell
    kinds = [k for k, on in zip(("means", "standard", "freq"), show) if on]
    heads = {"means": "Mean", "standard": "Std. Dev.", "freq": "Freq."}
    out = oneway_header(response_label, factor_label, [heads[k] for k in kinds])
    rule = "-" * 12 + "+" + "-" * (12 * len(kinds))

    def row(x) -> str:
        cell = SummaryCell(x.mean, x.sd, x.freq, x.freq)
        return x.label.rjust(11) + " |" + "".join(figure(cell, k, 12) for k in kinds)

    return out + [rule] + [row(x) for x in rows] + [rule, row(total)]


def _comparison(r: OnewayResult, c) -> list[str]:
    title = f"Comparison of {r.response_label} by {r.factor_label}"
    out = [" " * max(0, (78 - len(title)) // 2) + title,
           " " * max(0, (77 - len(c.method)) // 2 - 1) + f"({c.method})"]
    k = len(c.labels)
    for j0 in range(0, k - 1, 6):
        j1 = min(j0 + 6, k - 1)
        out += ["Row Mean-|", "Col Mean |" + "".join(lab.rjust(11) for lab in c.labels[j0:j1]),
                "-" * 9 + "+" + "-" * (11 * (j1 - j0))]
        for i in range(max(1, j0 + 1), k):
            cols = range(j0, min(j1, i))
            out.append(c.labels[i][:8].rjust(8) + " |" + "".join(_g(c.diffs[i][j], 11, "%10.0g") for j in cols))
            out.append(" " * 9 + "|" + "".join(format_number(c.p[i][j], "%11.3f") for j in cols))
            if i < k - 1:
                out.append(" " * 9 + "|")
    return out


def render_loneway(r) -> str:
    """``loneway`` (loneway.ado 3.x)."""
    from mlmcli.missing import stata_ratio as ratio
    from mlmcli.render.numfmt import format_number as f

    def at(line, col, text):
        return line.ljust(col - 1) + text

    g = r.group_name
    out = ["", " " * max(0, (80 - len(r.title)) // 2) + r.title, "",
           at("", 46, "Number of obs = ") + f(r.nobs, "%12.0f"), at("", 50, "R-squared = ") + f(r.r2, "%12.4f"), ""]
    out.append(at(at(at(at(at(at("", 5, "Source"), 27, "SS"), 38, "df"), 46, "MS"), 60, "F"), 66, "Prob > F"))
    out.append("-" * 73)
    sst, dft = r.ssa + r.ssw, r.dfa + r.dfw
    out.append(at(at(at(at(at("Between " + g, 23, f(r.ssa, "%10.0g")), 34, f(r.dfa, "%6.0f")), 43,
                           f(ratio(r.ssa, r.dfa), "%10.0g")), 54, f(r.F, "%9.2f")), 68, f(r.p, "%6.4f")))
    out.append(at(at(at("Within " + g, 23, f(r.ssw, "%10.0g")), 34, f(r.dfw, "%6.0f")), 43, f(ratio(r.ssw, r.dfw), "%10.0g")))
    out.append("-" * 73)
    out.append(at(at(at("Total", 23, f(sst, "%10.0g")), 34, f(dft, "%6.0f")), 43, f(ratio(sst, dft), "%10.0g")))
    out.append("")
    lt = f(r.level, "%9.0g").strip()
    out.append(at(at(at("", 10, "Intraclass"), 27, "Asy."), 39, "------ Exact -----" if r.exact else ""))
    out.append(at(at(at("", 10, "correlation"), 27, "S.E."), 40 - len(lt), f"[{lt}% Conf. Interval]"))
    out.append(at("", 10, "-" * 48))
    star = "*" if r.truncated else ""
    out.append(at(at(at(at("", 11, f(r.rho, "%9.5f") + star), 23, f(r.se, "%9.5f")), 37, f(r.lb, "%9.5f")), 49,
                  f(r.ub, "%9.5f")))
    out.append("")
    out.append(at(at("", 10, f"Estimated SD of {g} effect"), 49, f(r.sd_b, "%9.0g")))
    out.append(at(at("", 10, f"Estimated SD within {g}"), 49, f(r.sd_w, "%9.0g")))
    out.append(at(at("", 10, f"Est. reliability of a {g} mean"), 49, f(r.rho_t, "%9.5f") + star))
    out.append(at("", 15, "(evaluated at n=" + f(r.gr, "%9.2f").strip() + ")"))
    if r.truncated:
        out += ["", "(*) Truncated at zero."]
    return "\n".join(out)
