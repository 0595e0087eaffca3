"""sureg/reg3's and mvreg's output as Stata 13 prints it.

reg3.ado of Stata 10-13 (Display): a blank line, the method's title (``Seemingly unrelated
regression``, ``, iterated`` when it iterated), the ``{hline 70}`` summary with one line per
equation -- abbrev(name, 12), at column 15 N %7.0g and Parms %7.0g, three spaces, RMSE %9.0g,
R-sq %10.4f, two spaces, chi2 or F %9.2f, P %9.4f --, a blank line, then ``estimates display``'s
table (equation blocks).  mvreg.ado prints no title and the header row first, then the rule, with
F as %9.0g of the value it keeps as text; Stata 13's columns are reg3's (%7.0g; Stata 15's
%10.0fc/%8.0f widened them).  ``corr``: "Correlation matrix of residuals:", ``matrix list,
nohead format(%9.4f)`` of the lower triangle, and "Breusch-Pagan test of independence:
chi2(#) = %9.3f, Pr = %6.4f".
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.linear_systems import ResidualCorrelation, SystemResult


def _line(r: SystemResult, ln) -> str:
    text = abbrev(ln.name, 12).ljust(14) + format_number(ln.nobs, "%7.0g") + format_number(ln.parms, "%7.0g")
    text += "   " + format_number(ln.rmse, "%9.0g") + format_number(ln.r2, "%10.4f") + "  "
    text += format_number(ln.stat, "%9.0g" if r.mvreg else "%9.2f") + format_number(ln.p, "%9.4f")
    return text


def render_system_header(r: SystemResult) -> str:
    out = [""]
    head = 'Equation          Obs  Parms        RMSE    "R-sq"     ' + r.stat_label.rjust(6) + "        P"
    if r.mvreg:
        out += [head, "-" * 70]
    else:
        out.append(r.title)
        if r.constraints:
            out += ["", "Constraints:"] + list(r.constraints)
        out += ["-" * 70, head, "-" * 70]
    out += [_line(r, ln) for ln in r.lines]
    if not r.mvreg:
        out.append("-" * 70)
    return "\n".join(out)


def render_system_table(r: SystemResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    blocks = [(eq, opts.rows(rows)) for eq, rows in r.blocks]
    table = render_coef_table(None, "", stat_label=r.table_stat, level=r.level, linesize=linesize,
                              equations=blocks, legend_eqs=[eq for eq, _ in blocks], **opts.table_kwargs())
    lines = [table]
    for label, names in r.footer:
        lines.append(_wrapped(label, names))
    if r.footer:
        lines.append("-" * 78)
    return "\n".join(lines)


def _wrapped(prefix: str, names: str) -> str:
    """reg3's DispVars: names after the prefix, continued at column 6 within 78 columns."""
    out, cur = prefix, len(prefix)
    for word in names.split():
        if cur + len(word) + 1 > 78:
            out += "\n" + " " * 5
            cur = 6
        out += word + " "
        cur += len(word) + 1
    return out


def render_residual_correlation(c: ResidualCorrelation) -> str:
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.results.postestimation import MatrixListing

    listing = render_matrix_list(MatrixListing("", c.values, c.names, c.names, symmetric=True, fmt="%9.4f",
                                               header=False))
    df = format_number(c.df, "%9.0g").strip()
    test = (f"Breusch-Pagan test of independence: chi2({df}) = {format_number(c.chi2, '%9.3f')}, "
            f"Pr = {format_number(c.p, '%6.4f')}")
    return "\n".join(["", "Correlation matrix of residuals:", listing, "", test])
