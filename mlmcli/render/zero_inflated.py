"""``zip`` and ``zinb`` as Stata 13 prints them (zip.ado/zinb.ado's DispHd, ``ml display``,
DispLR, DispV):

```
Zero-inflated Poisson regression                  Number of obs   =        250
                                                  Nonzero obs     =        108
                                                  Zero obs        =        142

Inflation model = logit                           LR chi2(3)      =     204.58
Log likelihood  = -1024.431                       Prob > chi2     =     0.0000

<table: the depvar's equation, then inflate's>
Vuong test of zip vs. standard Poisson:            z =     3.79  Pr>z = 0.0001
```
(a published Stata 13 log; tests/test_zero_inflated.py holds all of it).  The left labels are padded to the longer of "Inflation model" and
the criterion ("Log pseudolikelihood" under robust); the log likelihood is %9.0g.  zinb adds
``/lnalpha`` (with z and P, as ml display shows a free parameter) and ``alpha`` below it, then
DispLR's ``Likelihood-ratio test of alpha=0: chibar2(01) = %8.2f Pr>=chibar2 = %7.4f`` (option
``zip``) and ``Vuong test of zinb vs. standard negative binomial: z = %8.2f  Pr>z = %6.4f``.
"""
from __future__ import annotations

from mlmcli.render.coef_table import (RIGHT_WIDTH, TableOptions, ancillary_line, hline, name_width, offset_row,
                                     render_coef_table)
from mlmcli.render.glm_table import ancillary_legend, fit_log_lines, header_pair, header_right, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow
from mlmcli.results.zero_inflated import ZeroInflatedResult


def render_header(r: ZeroInflatedResult) -> list[str]:
    n = lambda v: format_number(v, "%10.0g")  # noqa: E731
    t = r.test
    test = header_right(f"{t.kind} chi2({t.df})", format_number(t.stat, "%10.2f"))
    prob = header_right("Prob > chi2", format_number(t.p, "%10.4f"))
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    width = max(len("Inflation model"), len(crit))
    return [header_pair(r.title, header_right("Number of obs", n(r.nobs))),
            header_pair("", header_right("Nonzero obs", n(r.nobs - r.n_zero))),
            header_pair("", header_right("Zero obs", n(r.n_zero))),
            "",
            header_pair("Inflation model".ljust(width) + " = " + r.inflation, test),
            header_pair(crit.ljust(width) + " = " + format_number(r.loglik, "%9.0g"), prob)]


def render_table(r: ZeroInflatedResult, *, eform: bool = False, linesize: int = 80,
                 options: TableOptions | None = None) -> str:
    """The equations' blocks (an offset as ``name | 1  (offset)`` at the end of its block),
    ``/lnalpha`` and ``alpha``; ``eform`` (irr): the count equation as IRRs without ``_cons``."""
    opts = options or TableOptions()
    (count_eq, count_rows), rest = r.equations[0], list(r.equations[1:])
    if eform:
        count_rows = tuple(row for row in r.eform_rows if row.name != "_cons")
    eqs = [(count_eq, opts.rows(count_rows))] + [(eq, opts.rows(rows)) for eq, rows in rest]
    if r.ancillary:
        eqs.append((None, list(r.ancillary)))
    offset_rows = [CoefRow(text, 0, 0, 0, 0, 0, 0) for text in r.offsets if text]
    s = name_width(eqs + [(None, offset_rows + ([r.natural] if r.natural else []))], linesize=linesize,
                   baselevels=opts.baselevels) if not opts.nolstretch else 12
    legend_eqs = [count_eq, "inflate", "lnalpha"] if opts.coeflegend else None
    table = render_coef_table(None, r.depvar, level=r.level, linesize=linesize, robust=r.pseudo,
                              cluster=r.cluster, width=s, equations=eqs, coef_label="IRR" if eform else "Coef.",
                              eform=eform, legend_eqs=legend_eqs, **opts.table_kwargs()).split("\n")
    mid = hline(s + 1) + "+" + hline(s + RIGHT_WIDTH - s - 2)
    bottom = table.pop()
    breaks = [i for i, line in enumerate(table) if line == mid][1:] + [len(table)]  # each block's end
    for block, text in reversed(list(enumerate(r.offsets))):
        if text and block < len(breaks):
            kind = "(exposure)" if text.startswith("ln(") and block == 0 else "(offset)"
            table.insert(breaks[block], offset_row(text, s, kind))
    if r.natural is not None:
        table.append(mid)
        table.append(ancillary_legend(r.natural, s, opts.cformat) if opts.coeflegend
                     else ancillary_line(r.natural, s, opts.cformat))
    table.append(bottom)
    return "\n".join(table)


def render_footer(r: ZeroInflatedResult) -> list[str]:
    out = []
    if r.alpha_test is not None:
        chi2, p = r.alpha_test
        fmt = "%8.2f" if (0.005 < chi2 < 1e4) or chi2 == 0 else "%8.2e"
        out.append("Likelihood-ratio test of alpha=0: chibar2(01) = " + format_number(chi2, fmt)
                   + " Pr>=chibar2 = " + format_number(p, "%7.4f"))
    if r.vuong is not None:
        tail = "z = " + format_number(r.vuong, "%8.2f") + "  Pr>z = " + format_number(r.vuong_p, "%6.4f")
        if r.command == "zip":
            out.append("Vuong test of zip vs. standard Poisson:".ljust(51) + tail)
        else:
            out.append("Vuong test of zinb vs. standard negative binomial: " + tail)
    return out


def render_zero_inflated(r: ZeroInflatedResult, *, eform: bool = False, linesize: int = 80, log: bool = True,
                         options: TableOptions | None = None) -> str:
    """The iteration log (unless ``nolog``), header, table and footer lines (leading blank
    line, no final newline)."""
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    out += [""] + render_header(r) + ["", render_table(r, eform=eform, linesize=linesize, options=options)]
    if not (options and options.coeflegend):
        out += render_footer(r)
    return "\n".join(out)
