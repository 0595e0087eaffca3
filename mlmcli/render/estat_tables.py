"""``estat group``, ``estat icc``, ``estat ic`` and ``estat recovariance`` as Stata 13 prints them.

Each renderer takes its result type (``mlmcli.results.postestimation``) and returns
the text after the command line, leading blank line included, without a final newline.
"""
from __future__ import annotations

from typing import Sequence

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import ci_header, hline
from mlmcli.render.mixed_display import render_group_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.postestimation import EstatGroupResult, EstatIccResult, EstatIcResult, EstatRecovResult


def render_estat_group(result: EstatGroupResult) -> str:
    """``estat group``: the 59-wide group table, even for one level (golden 02)."""
    return "\n" + render_group_table(result.groups)


ICC_LABEL_WIDTH = 28
CONDITIONAL_NOTE = "Note: ICC is conditional on zero values of random-effects covariates."


def render_estat_icc(result: EstatIccResult) -> str:
    """``estat icc`` (golden 03): 78 wide, ``|`` at col 30, values %9.0g.

    Title: ``Intraclass correlation``; ``Residual ...`` with fixed covariates;
    ``Conditional ...`` (and a note) with random-effects covariates.  A level label
    longer than the stub prints as ``Level k``, named in ``Level k: label`` lines above
    the table (Stata's _estat_icc.ado)."""
    rows, lvl = result.rows, result.level
    title = ("Conditional intraclass correlation" if result.conditional else
             "Residual intraclass correlation" if result.residual else "Intraclass correlation")
    out = ["", title, ""]
    labels = []
    for i, r in enumerate(rows):
        label = r.label
        if len(label) > ICC_LABEL_WIDTH:
            k = len(rows) - i + 1  # Stata numbers the innermost row 2, the outermost G
            out.append(f"Level {k}: {label}")
            label = f"Level {k}"
        labels.append(label)
    if len(out) > 3:
        out.append("")
    out.append(hline(78))
    head = "                       Level |        ICC   Std. Err."
    out.append(head + ci_header(lvl).rjust(78 - len(head)))
    out.append(hline(29) + "+" + hline(48))
    for label, r in zip(labels, rows):
        out.append(label.rjust(ICC_LABEL_WIDTH) + " |" + format_number(r.icc, "%9.0g").rjust(11)
                   + format_number(r.se, "%9.0g").rjust(11) + format_number(r.ci_lo, "%9.0g").rjust(14)
                   + format_number(r.ci_hi, "%9.0g").rjust(12))
    out.append(hline(78))
    if result.conditional:
        out.append(CONDITIONAL_NOTE)
    return "\n".join(out)


IC_NOTE = "Note:  N=Obs used in calculating BIC; see [R] BIC note"


def render_estat_ic(result: EstatIcResult) -> str:
    """``estat ic`` in Stata 13's layout (77 wide), after its title
    ``Akaike's information criterion and Bayesian information criterion``::

        -----------------------------------------------------------------------------
               Model |    Obs    ll(null)   ll(model)     df          AIC         BIC
        -------------+---------------------------------------------------------------
                   . |  21790           .   -28711.99      3     57429.98    57453.95
        -----------------------------------------------------------------------------
                       Note:  N=Obs used in calculating BIC; see [R] BIC note
    """
    rows = result.rows
    out = ["", "Akaike's information criterion and Bayesian information criterion", "", hline(77),
           "       Model |    Obs    ll(null)   ll(model)     df          AIC         BIC",
           hline(13) + "+" + hline(63)]
    for r in rows:
        out.append(abbrev(str(r.model), 12).rjust(12) + " |" + format_number(r.nobs, "%7.0g").rjust(7)
                   + format_number(r.ll_null, "%9.0g").rjust(12) + format_number(r.ll, "%9.0g").rjust(12)
                   + format_number(r.df, "%7.0g").rjust(7) + format_number(r.aic, "%9.0g").rjust(13)
                   + format_number(r.bic, "%9.0g").rjust(12))
    out.append(hline(77))
    out.append(" " * 15 + IC_NOTE)
    return "\n".join(out)


def render_matlist(names: Sequence[str], values, *, fmt: str = "%9.0g", lower: bool = True) -> list[str]:
    """A symmetric matrix as ``matlist`` shows it: 12-wide stub, ``|``, one
    ``fmt``-wide column per name with a space either side; lower triangle only."""
    w = int(fmt[1:].split(".")[0])
    out = [" " * 12 + " |" + "".join(" " + abbrev(n, w).rjust(w) + " " for n in names)]
    out.append(hline(13) + "+" + hline((w + 2) * len(names)))
    for i, n in enumerate(names):
        cells = []
        for j in range(len(names)):
            cells.append(" " + (format_number(values[i][j], fmt) if (j <= i or not lower) else " " * w) + " ")
        out.append(abbrev(n, 12).rjust(12) + " |" + "".join(cells))
    return out


def render_estat_recovariance(result: EstatRecovResult) -> str:
    """``estat recovariance``: for each level, ``Random-effects covariance matrix
    for level cntryid`` (``correlation`` for the ``correlation`` option) and the
    lower triangle."""
    out: list[str] = []
    for m in result.matrices:
        kind = "correlation" if m.correlation else "covariance"
        out += ["", f"Random-effects {kind} matrix for level {m.levelvar}", ""]
        out += render_matlist(m.names, m.values, fmt=m.fmt)
    return "\n".join(out)
