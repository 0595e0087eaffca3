"""``tpoisson``/``tnbreg`` (and ``ztp``/``ztnb``) as ``ml display`` prints them in Stata 13:

```
Truncated Poisson regression                      Number of obs   =       1493
Truncation point: 0                               LR chi2(3)      =    1006.83
Log likelihood = -6908.7991                       Prob > chi2     =     0.0000
```
(ml display's three-line header, as intreg's; ztp and ztnb have no second-line title).  No
Stata 13 log of tpoisson/tnbreg was at hand: the ``Truncation point:`` line is tpoisson.ado's
e(title2) placed where ml display puts a title2 -- a reconstruction.  tnbreg adds ``/lnalpha``
and ``alpha`` (ancillary rows, no z) and tnbreg.ado's ``LR test of alpha=0: chibar2(01) = #``
with ``Prob >= chibar2 = %5.3f`` at column 56.
"""
from __future__ import annotations

from mlmcli.render.coef_table import RIGHT_WIDTH, TableOptions, hline, offset_row, render_coef_table
from mlmcli.render.glm_table import ancillary_legend, fit_log_lines, header_pair, header_right, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.render.coef_table import ancillary_line
from mlmcli.results.mixed import CoefRow
from mlmcli.results.truncated_count import TruncatedCountResult


def render_header(r: TruncatedCountResult) -> list[str]:
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
            header_pair(r.title2, header_right(f"{r.chi2_type} chi2({r.df_m})", format_number(r.chi2, "%10.2f"))),
            header_pair(f"{crit} = " + format_number(r.loglik, "%10.0g"),
                        header_right("Prob > chi2", format_number(r.p, "%10.4f")))]


def render_table(r: TruncatedCountResult, *, eform: bool = False, linesize: int = 80,
                 options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    rows = opts.rows(tuple(x for x in r.eform_rows if x.name != "_cons") if eform else r.rows)
    extra = [CoefRow(r.offset, 0, 0, 0, 0, 0, 0)] if r.offset else []
    s = opts.width(list(rows) + extra + list(r.ancillary), linesize)
    table = render_coef_table(rows, r.depvar, level=r.level, linesize=linesize, robust=r.pseudo, cluster=r.cluster,
                              width=s, eform=eform, coef_label="IRR" if eform else "Coef.",
                              **opts.table_kwargs()).split("\n")
    bottom = table.pop()
    mid = hline(s + 1) + "+" + hline(s + RIGHT_WIDTH - s - 2)
    if r.offset:
        kind = "(exposure)" if r.offset.startswith("ln(") else "(offset)"
        table.append(offset_row(r.offset, s, kind))
    line = (lambda row: ancillary_legend(row, s, opts.cformat)) if opts.coeflegend else (lambda row: ancillary_line(row, s, opts.cformat))
    for i, row in enumerate(r.ancillary):
        table += [mid, line(row)]
    table.append(bottom)
    return "\n".join(table)


def render_alpha_test(r: TruncatedCountResult) -> str:
    chi2, p = r.alpha_test
    fmt = "%8.2f" if 0.005 < chi2 < 1e4 else "%8.2e"
    head = "LR test of alpha=0: chibar2(01) = " + format_number(chi2, fmt).strip()
    return head.ljust(55) + "Prob >= chibar2 = " + format_number(p, "%5.3f")


def render_truncated_count(r: TruncatedCountResult, *, eform: bool = False, linesize: int = 80, log: bool = True,
                           options=None) -> str:
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    out += [""] + render_header(r) + ["", render_table(r, eform=eform, linesize=linesize, options=options)]
    if r.alpha_test is not None and not (options and options.coeflegend):
        out.append(render_alpha_test(r))
    return "\n".join(out)
