"""``xtrc`` as Stata 13 prints it (xtrc.ado's Display: _crcphdr, _coef_table, the constancy line):

```
Random-coefficients regression                  Number of obs      =       200
Group variable: company                         Number of groups   =        10

                                                Obs per group: min =        20
                                                               avg =      20.0
                                                               max =        20

                                                Wald chi2(2)       =     17.55
                                                Prob > chi2        =    0.0002

------------------------------------------------------------------------------
      invest |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
      market |   .0807646   .0250829     3.22   0.001     .0316031     .1299261
...
------------------------------------------------------------------------------
Test of parameter constancy:    chi2(27) =   603.99      Prob > chi2 = 0.0000
```

then, under ``betas``, the ``Group-specific coefficients`` table: a ``Group #`` heading per
panel, each row name %12s, the numbers at xtrc.ado's columns (%9.7g, %9.7g, %6.2f, %5.3f,
%9.7g, %9.7g) and ``.`` for a prediction without a standard error.  The text starts with
Stata's blank line and has no final newline.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import TableOptions, level_text, offset_row, render_coef_table
from mlmcli.render.meqr_display import header_pair, header_right
from mlmcli.render.numfmt import format_number
from mlmcli.results.random_coefficients import RandomCoefficientsResult


def _header(r: RandomCoefficientsResult) -> list[str]:
    num = format_number
    return ["", header_pair("Random-coefficients regression", header_right("Number of obs", num(r.nobs, "%9.0g"))),
            header_pair(f"Group variable: {abbrev(r.ivar, 14)}",
                        header_right("Number of groups", num(r.n_groups, "%9.0g"))),
            "",
            header_pair("", header_right("Obs per group: min", num(r.g_min, "%9.0g"))),
            header_pair("", header_right(" " * 15 + "avg", num(r.g_avg, "%9.1f"))),
            header_pair("", header_right(" " * 15 + "max", num(r.g_max, "%9.0g"))), "",
            header_pair("", header_right(f"Wald chi2({r.wald_df})", num(r.wald_chi2, "%9.2f"))),
            header_pair("", "Prob > chi2".ljust(19) + "=" + " " * 4 + num(r.wald_p, "%6.4f")), ""]


def constancy_line(r: RandomCoefficientsResult) -> str:
    line = f"Test of parameter constancy:    chi2({r.df_c}) = " + format_number(r.chi2_c, "%8.2f")
    return line.ljust(58) + "Prob > chi2 = " + format_number(r.p_c, "%6.4f")


def _group_row(row) -> str:
    num = format_number
    head = abbrev(row.name, 12).rjust(12) + " |"
    if not (row.se > 0 and row.se == row.se):
        return head + "  " + num(row.coef, "%9.7g") + " " * 10 + ".        .       .            .           ."
    return (head + "  " + num(row.coef, "%9.7g") + "  " + num(row.se, "%9.7g") + "   " + num(row.stat, "%6.2f")
            + "   " + num(row.p, "%5.3f") + "    " + num(row.ci_lo, "%9.7g") + "   " + num(row.ci_hi, "%9.7g"))


def _group_table(r: RandomCoefficientsResult) -> list[str]:
    """xtrc.ado's betas table (its own display lines, not _coef_table)."""
    text = level_text(r.level)
    gap = {2: 5, 4: 3}.get(len(text), 2)
    out = ["", " " * 24 + "Group-specific coefficients", "-" * 78,
           " " * 20 + "Coef.   Std. Err.      z    P>|z|" + " " * gap + f"[{text}% Conf. Interval]",
           "-" * 13 + "+" + "-" * 64]
    for g, rows in enumerate(r.groups, start=1):
        out += [f"Group {g}".rjust(12) + " | ", "-" * 13 + "+" + "-" * 64]
        out += [_group_row(row) for row in rows]
        out.append("-" * 13 + ("+" if g < len(r.groups) else "-") + "-" * 64)
    return out


def render_xtrc(r: RandomCoefficientsResult, *, linesize: int = 80, options: TableOptions | None = None,
                betas: bool = False) -> str:
    opts = options or TableOptions()
    out = _header(r)
    rows = opts.rows(r.rows)
    table = render_coef_table(rows, r.depvar, level=r.level, linesize=linesize, **opts.table_kwargs()).split("\n")
    if r.offset:  # _coef_table reads e(offset): its row above the bottom rule
        s = opts.width(r.rows, linesize)
        table.insert(len(table) - 1, offset_row(r.offset, s))
    out += table
    out.append(constancy_line(r))
    if betas:
        out += _group_table(r)
    return "\n".join(out)
