"""``ivregress`` and its ``estat`` subcommands as Stata prints them (ivregress.ado's
DisplayHeader, ivreg_footnote.ado, ivregress_estat.ado).

Header (a blank line first): the title at column 1, the right block's labels at column 51 and
``= `` at 67 with the values in 10 columns (N %10.0f -- Stata 13 has no thousands separator,
14+ prints %10.0fc --, chi2/F %10.2f, p and R2 %10.4f; root MSE ``=    `` %7.0g).  Under
``small`` with an unadjusted VCE the left block is regress's ANOVA table, preceded by the
title between blank lines.  After the table ``Instrumented:`` and ``Instruments:`` wrap as
``{p 0 15 2}``, with no closing rule.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.results.instrumental import FirstStageResult, IVRegressResult, IVTestsResult

_C3 = 50  # 0-based column of the right block's labels (Stata's _col(51))
_C4 = 66  # ... of its "=" (_col(67))


def _right(label: str, value: str, eq: str = "= ") -> str:
    return label.ljust(_C4 - _C3) + eq + value


def _anova_block(r: IVRegressResult) -> list[str]:
    num = format_number
    ms = lambda ss, df: num(ss / df, "%11.0g") if df else " " * 11  # noqa: E731
    total_df = r.df_m + r.df_r
    return ["      Source |       SS       df       MS", "-" * 13 + "+" + "-" * 30,
            "       Model | " + num(r.mss, "%11.0g") + num(r.df_m, "%6.0f") + " " + ms(r.mss, r.df_m),
            "    Residual | " + num(r.rss, "%11.0g") + num(r.df_r, "%6.0f") + " " + ms(r.rss, r.df_r),
            "-" * 13 + "+" + "-" * 30,
            "       Total | " + num(r.mss + r.rss, "%11.0g") + num(total_df, "%6.0f") + " "
            + ms(r.mss + r.rss, total_df)]


def render_ivregress_header(r: IVRegressResult) -> list[str]:
    num = format_number
    right = [_right("Number of obs", num(r.nobs, "%10.0f"))]
    if r.small:
        right += [_right("F(" + num(r.df_m, "%3.0f") + "," + num(r.df_r, "%6.0f") + ")", num(r.model_stat, "%10.2f")),
                  _right("Prob > F", num(r.p, "%10.4f"))]
    else:
        right += [_right(f"Wald chi2({r.df_m})", num(r.model_stat, "%10.2f")),
                  _right("Prob > chi2", num(r.p, "%10.4f"))]
    right.append(_right("R-squared", num(r.r2, "%10.4f")))
    if r.small:
        right.append(_right("Adj R-squared", num(r.r2_a, "%10.4f")))
    right.append(_right("Root MSE", num(r.rmse, "%7.0g"), "=    "))
    out: list[str] = []
    if r.vcetype is None and r.small:
        out += ["", r.title, ""]
        left = _anova_block(r)
    else:
        left = [r.title, "", "", ""] + ([""] if r.small else [])
    if r.gmm_weight is not None:
        left.append(f"GMM weight matrix: {r.gmm_weight}")
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        out.append((a.ljust(_C3) + b) if b else a)
    return out


def render_ivregress(r: IVRegressResult, *, linesize: int = 80, table=None, header: bool = True) -> str:
    kwargs = table.table_kwargs() if table is not None else {}
    rows = table.rows(r.coefs) if table is not None else r.coefs
    out = [""] + render_ivregress_header(r) + [""] if header else []
    out.append(render_coef_table(rows, r.depvar, stat_label="t" if r.small else "z", level=r.level,
                                 linesize=linesize, robust=r.vcetype is not None, cluster=r.cluster, **kwargs))
    out += render_ivregress_footnote(r.instd, r.insts, linesize)
    return "\n".join(out)


def render_ivregress_footnote(instd, insts, linesize: int = 80) -> list[str]:
    if not instd:
        return ["(no endogenous regressors)"]
    right = linesize - min(78, linesize) + 2
    out = wrap_paragraph("Instrumented:  " + " ".join(instd), linesize, hanging=15, right=right)
    out += wrap_paragraph("Instruments:   " + " ".join(insts), linesize, hanging=15, right=right)
    return out


# ---------------------------------------------------------------------- estat firststage
def _col(text: str, col: int) -> str:
    """Pad ``text`` to reach 1-based column ``col``."""
    return text.ljust(col - 1)


def _at(text: str, value: str, end: int) -> str:
    """``value`` right-aligned to end at 1-based column ``end``."""
    return text + value.rjust(end - len(text))


def render_firststage(r: FirstStageResult) -> str:
    """The _tab tables of ivregress_estat.ado's FirstStage (titles start at columns 17, 29,
    41, 53, 65; the numbers end at 24, 36, 49, 63, 73 -- a published Stata log's geometry)."""
    num = format_number
    out: list[str] = []
    if r.single:
        f0 = r.single[0]
        head = _col("", 16) + "|" + " " * 12 + "Adjusted" + " " * 6 + "Partial"
        if r.vcetype:
            head = _col(head, 59 if r.vcetype == "HAC" else 57) + r.vcetype
        ftitle = "F(" + num(f0.df_n, "%9.0g").strip() + "," + num(f0.df_d, "%9.0g").strip() + ")"
        titles = "  " + "Variable".rjust(12) + " |"
        for text, width, col in (("R-sq.", 8, 17), ("R-sq.", 8, 29), ("R-sq.", 9, 41), (ftitle, 11, 53),
                                 ("Prob > F", 10, 65)):
            titles = _col(titles, col) + text.rjust(width)
        out += ["", "  First-stage regression summary statistics", "  " + "-" * 74, head, titles,
                "  " + "-" * 13 + "+" + "-" * 60]
        for row in r.single:
            line = "  " + abbrev(row.variable, 12).rjust(12) + " |"
            for value, fmt, end in ((row.r2, "%5.4f", 24), (row.r2_a, "%5.4f", 36), (row.partial_r2, "%5.4f", 49),
                                    (row.F, "%8.0g", 63), (row.p, "%5.4f", 73)):
                line = _at(line, num(value, fmt), end)
            out.append(line)
        out.append("  " + "-" * 74)
        if r.cluster is not None:
            s = "" if len(r.single) == 1 else "s"
            out.append(f"  (F statistic{s} adjusted for {r.cluster[0]} clusters in {r.cluster[1]})")
        out.append("")
    if r.shea:
        out += ["", "  Shea's partial R-squared", "  " + "-" * 50,
                _col("", 16) + "|" + " " * 5 + "Shea's" + " " * 13 + "Shea's",
                "  " + "Variable".rjust(12) + " |" + "Partial R-sq.".rjust(15) + "   Adj. Partial R-sq.",
                "  " + "-" * 13 + "+" + "-" * 36]
        for name, p, pa in r.shea:
            line = "  " + abbrev(name, 12).rjust(12) + " |"
            out.append(_at(_at(line, num(p, "%5.4f"), 27), num(pa, "%5.4f"), 46))
        out += ["  " + "-" * 50, ""]
    if r.mineig is not None:
        cv = r.critical

        def line(label: str, row: int) -> str:
            text = _col("  " + label, 38) + "|"
            if cv is None or cv[row][0] != cv[row][0]:
                return _col(text, 48) + "(not available)"
            for value, col in zip(cv[row], (41, 49, 57, 65)):
                text = _col(text, col) + num(value, "%5.2f")
            return text

        out += ["", "  Minimum eigenvalue statistic = " + num(r.mineig, "%-12.6g").rstrip(), "",
                _col("  Critical Values", 40) + "# of endogenous regressors:" + num(r.n_endog, "%5.0f"),
                _col("  Ho: Instruments are weak", 40) + "# of excluded instruments: " + num(r.n_excluded, "%5.0f"),
                "  " + "-" * 69, _col("", 38) + "|" + "    5%     10%     20%     30%",
                line("2SLS relative bias", 0), "  " + "-" * 35 + "+" + "-" * 33,
                _col("", 38) + "|" + "   10%     15%     20%     25%",
                line("2SLS Size of nominal 5% Wald test", 1), line("LIML Size of nominal 5% Wald test", 2),
                "  " + "-" * 69, ""]
    return "\n".join(out)


# ---------------------------------------------------------------------- estat endogenous / overid
def render_iv_tests(r: IVTestsResult) -> str:
    num = format_number
    out = [""] + ["  " + h for h in r.heading] + [""]
    for t in r.lines:
        text = _col("  " + t.label, r.label_col) + "="
        text = _col(text, r.value_col) + num(t.value, "%8.0g") + "  (p = " + num(t.p, "%5.4f") + ")"
        out.append(text)
    out += list(r.notes)
    return "\n".join(out)
