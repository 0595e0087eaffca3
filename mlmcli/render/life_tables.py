"""Text of ``ltable``'s survival, failure and hazard tables (ltable.ado's TABLE PRESENTATION)."""
from __future__ import annotations

from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number


def _pad(line: str, col: int) -> str:
    return line.ljust(col - 1)


def _heading(kind: str, level: str) -> list[str]:
    if kind == "survival":
        spaces = {4: " ", 5: ""}.get(len(level), "   ")
        top = _pad(_pad("", 18) + "Beg.", 55) + "Std."
        cols = [(4, "Interval"), (17, "Total"), (25, "Deaths"), (34, "Lost"), (42, "Survival"), (54, "Error"),
                (61, f"{spaces}[{level}% Conf. Int.]")]
    elif kind == "failure":
        top = _pad(_pad(_pad("", 18) + "Beg.", 44) + "Cum.", 55) + "Std."
        cols = [(4, "Interval"), (17, "Total"), (25, "Deaths"), (34, "Lost"), (42, "Failure"), (54, "Error"),
                (64, f"[{level}% Conf. Int.]")]
    else:
        top = _pad(_pad(_pad(_pad("", 18) + "Beg.", 27) + "Cum.", 36) + "Std.", 56) + "Std."
        cols = [(4, "Interval"), (17, "Total"), (25, "Failure"), (35, "Error"), (44, "Hazard"), (55, "Error"),
                (64, f"[{level}% Conf. Int.]")]
    line = ""
    for col, text in cols:
        line = _pad(line, col) + text
    return ["", top, line, "-" * 79]


def render_life_table(kind: str, groups, *, level: float) -> str:
    """groups: (heading of the survival table, heading of the others, first row, LifeTable)."""
    lev = level_text(level)
    f = format_number
    lines = _heading(kind, lev)
    for head, plain, _, tab in groups:
        if head or plain:
            lines.append(head if kind == "survival" else plain)
        for i in range(len(tab.t0)):
            line = f(tab.t0[i], "%5.0f") + f(tab.t1[i], "%6.0f") + f(tab.start[i], "%10.0f")
            if kind == "hazard":
                line += f(tab.failure[i], "%10.4f") + f(tab.se_failure[i], "%8.4f") + f(tab.hazard[i], "%10.4f") \
                    + f(tab.se_hazard[i], "%10.4f") + f(tab.lower_h[i], "%10.4f") + f(tab.upper_h[i], "%10.4f")
            else:
                est, lo, hi = ((tab.survival, tab.lower_s, tab.upper_s) if kind == "survival"
                               else (tab.failure, tab.lower_f, tab.upper_f))
                line += f(tab.deaths[i], "%9.0f") + f(tab.lost[i], "%7.0f") + f(est[i], "%11.4f") \
                    + f(tab.se_failure[i], "%10.4f") + f(lo[i], "%11.4f") + f(hi[i], "%10.4f")
            lines.append(line)
    lines.append("-" * 79)
    return "\n".join(lines)


def render_homogeneity_lr(by: str, chi2: float, df: int, p: float) -> str:
    """ltable.ado's likelihood-ratio lines (test), and the heading of the logrank that follows."""
    def g(x):
        return format_number(x, "%9.0g").strip()

    return "\n".join(["", "", f"Likelihood-ratio test statistic of homogeneity (group={by}):",
                      f"chi2( {df} ) = {g(chi2)},   P = {g(p)}", " ", f"Logrank test of homogeneity (group={by}):"])


def render_logrank(ttl: str, labels, result) -> str:
    """logrank.ado's title and table (as ltable, test calls it)."""
    from mlmcli.render.survival_sts_test import render_rank_table

    return "\n".join(["", "", "Log-rank test for equality of survivor functions"]
                     + render_rank_table("logrank", ttl, labels, result))
