"""``estat vce`` and ``estat summarize`` as Stata prints them.

``estat vce`` (verbatim Stata, after ``regress`` with four covariates)::

    Covariance matrix of coefficients of regress model

            e(V) |         x1          x2          x3          x4       _cons 
    -------------+------------------------------------------------------------
              x1 |  .00475492                                                 
              x2 | -.00040258   .00486445                                     

A cell is the value in the format (``%10.0g``; ``%8.4f`` for correlations) with a space on
each side; the lower triangle only, every line padded to the table's width.  With several
equations the columns of each equation are grouped under its name and a ``|`` rule
separates equations (matlist's ``lines(eq)`` look; not checked against a Stata log).
"""
from __future__ import annotations

import numpy as np

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number, parse_format
from mlmcli.results.postestimation import EstatSummarizeResult, EstatVceResult
from mlmcli.syntax.coefnames import split_eq


def render_estat_vce(r: EstatVceResult) -> str:
    w = parse_format(r.fmt).width
    cell = w + 2
    eqs, nms = zip(*[split_eq(n) for n in r.names]) if r.names else ((), ())
    multi = len(set(eqs)) > 1
    vals = np.asarray(r.values, float)
    k = len(nms)
    starts = {0} | {j for j in range(1, k) if eqs[j] != eqs[j - 1]} if multi and r.lines else set()

    def sep(j: int) -> str:
        return "|" if j in starts and j > 0 else ""

    def row_text(label: str, cells: list[str]) -> str:
        return f"{label:>12} |" + "".join(sep(j) + c for j, c in enumerate(cells))

    lines = ["", r.title, ""]
    if multi:
        heads = []
        for j in range(k):
            if j == 0 or eqs[j] != eqs[j - 1]:
                span = sum(1 for jj in range(j, k) if eqs[jj] == eqs[j] and all(eqs[x] == eqs[j] for x in range(j, jj + 1)))
                text = abbrev(eqs[j], span * cell - 1)
                heads.append(sep(j) + f" {text:^{span * cell - 1}}")
        lines.append(" " * 13 + "|" + "".join(heads))
    lines.append(row_text("e(V)", [f" {abbrev(n, w):>{w}} " for n in nms]))
    rule = "-" * 13 + "+" + "".join(("+" if j in starts and j > 0 else "") + "-" * cell for j in range(k))
    lines.append(rule)
    for i in range(k):
        if multi and (i == 0 or eqs[i] != eqs[i - 1]):
            if i > 0 and r.lines:
                lines.append(rule)
            lines.append(f"{abbrev(eqs[i], 12):<12} |" + "".join(sep(j) + " " * cell for j in range(k)))
        cells = [f" {format_number(vals[i, j], r.fmt).strip():>{w}} " if j <= i else " " * cell for j in range(k)]
        lines.append(row_text(abbrev(nms[i], 12), cells))
    return "\n".join(lines)


def render_estat_summarize(r: EstatSummarizeResult) -> str:
    """``estat summarize``: a header naming the sample, then Mean / Std. Dev. / Min / Max per
    variable, indented two columns (layout from memory of Stata 13's output, not a log)."""
    lines = [""]
    if r.header:
        left = f"  Estimation sample {r.cmd}"
        right = f"Number of obs = {r.nobs:>10,}"
        lines += [left + right.rjust(max(1, 76 - len(left))), ""]
    label_w = 12
    rule = "  " + "-" * (label_w + 1) + "-" + "-" * 44
    lines.append(rule)
    lines.append("  " + "Variable".rjust(label_w) + " |" + "Mean".rjust(11) + "Std. Dev.".rjust(11)
                 + "Min".rjust(11) + "Max".rjust(11))
    lines.append("  " + "-" * (label_w + 1) + "+" + "-" * 44)
    for name, mean, sd, lo, hi in r.rows:
        label = r.labels.get(name) or name
        lines.append("  " + abbrev(label, label_w).rjust(label_w) + " |"
                     + "".join(format_number(v, "%10.0g").rjust(11) for v in (mean, sd, lo, hi)))
    lines.append(rule)
    return "\n".join(lines)
