"""``frontier`` as Stata 13 prints it (``ml display`` after frontier.ado's fit).

```
Stoc. frontier normal/half-normal model           Number of obs   =         15
                                                  Wald chi2(2)    =    3672.72
Log likelihood =  16.757851                       Prob > chi2     =     0.0000

<table: the frontier equation | /lnsig2v /lnsig2u | sigma_v sigma_u sigma2 lambda>
Likelihood-ratio test of sigma_u=0: chibar2(01) = 0.43       Prob>=chibar2 = 0.256
```
The header is the single-level ML header (a Stata 12 log on Statalist, 2012-11: labels at column
51, ``=`` at 67, N %10.0g, chi2 %10.2f, p %10.4f).  ``/lnsig2v``, ``/lnsig2u`` show z and P;
the four transformed rows estimate, SE and interval.  The LR line: the chibar2 statistic %-6.2f
(%-6.2e outside (0.005, 100)), trimmed, and its p %5.3f (frontier.ado's DispLR); its wording and
the column of ``Prob>=chibar2`` (59) are mlmcli's reading of Stata 13's, not checked against a log.
"""
from __future__ import annotations

from mlmcli.render.coef_table import RIGHT_WIDTH, TableOptions, hline, name_width, render_coef_table
from mlmcli.render.glm_table import ancillary_legend, fit_log_lines, header_pair, header_right, likelihood
from mlmcli.render.numfmt import format_number
from mlmcli.render.coef_table import ancillary_line
from mlmcli.results.frontier import FrontierResult


def render_header(r: FrontierResult) -> list[str]:
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
            header_pair("", header_right(f"Wald chi2({r.df_m})", format_number(r.chi2, "%10.2f"))),
            header_pair(f"{crit} = {format_number(r.loglik, '%10.0g')}",
                        header_right("Prob > chi2", format_number(r.p, "%10.4f")))]


def render_panel_header(r: FrontierResult) -> list[str]:
    """xtfrontier's header (_crcphdr's layout: labels at column 49, ``=`` at 68, values %9.0g)."""
    from mlmcli.render.meqr_display import header_pair, header_right as right

    ivar, tvar, groups, g_min, g_avg, g_max = r.panel
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [header_pair(r.title, right("Number of obs", format_number(r.nobs, "%9.0g"))),
            header_pair(f"Group variable: {ivar}", right("Number of groups", format_number(groups, "%9.0g"))),
            "",
            header_pair(f"Time variable: {tvar}" if tvar else "", right("Obs per group: min", format_number(g_min, "%9.0g"))),
            header_pair("", right(" " * 15 + "avg", format_number(g_avg, "%9.1f"))),
            header_pair("", right(" " * 15 + "max", format_number(g_max, "%9.0g"))),
            "",
            header_pair("", right(f"Wald chi2({r.df_m})", format_number(r.chi2, "%9.2f"))),
            header_pair(f"{crit}  = " + format_number(r.loglik, "%10.0g"), right("Prob > chi2", format_number(r.p, "%6.4f")))]


def render_skewness_test(z: float, p: float, sign: str) -> str:
    """frontier.ado's Replay after a tnormal model without cm(): the third-moment test."""
    return ("H0: No inefficiency component: ".ljust(42) + "z = " + format_number(z, "%7.3f")).ljust(63) \
        + f"Prob{sign}=z = " + format_number(p, "%5.3f")


def render_table(r: FrontierResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    if r.equations:  # uhet()/vhet(): every equation under its name
        return _equations_table(r, linesize, opts)
    eqs = [(None, opts.rows(r.rows)), (None, list(r.ancillary))]
    s = 12 if opts.nolstretch else name_width(eqs + [(None, list(r.natural))], linesize=linesize,
                                              baselevels=opts.baselevels)
    table = render_coef_table(None, r.depvar, level=r.level, linesize=linesize, robust=r.pseudo, cluster=r.cluster,
                              width=s, equations=eqs, legend_eqs=[r.depvar, *(row.name[1:] for row in r.ancillary)]
                              if opts.coeflegend else None, **opts.table_kwargs()).split("\n")
    return _with_natural_rows(table, r, s, opts)


def _with_natural_rows(table: list[str], r: FrontierResult, s: int, opts: TableOptions) -> str:
    """The transformed parameters (estimate, SE, interval) under a rule, before the bottom rule."""
    if r.natural:
        bottom = table.pop()
        table.append(hline(s + 1) + "+" + hline(RIGHT_WIDTH - 2))
        table += [ancillary_legend(row, s, opts.cformat) if opts.coeflegend else ancillary_line(row, s, opts.cformat)
                  for row in r.natural]
        table.append(bottom)
    return "\n".join(table)


def _equations_table(r: FrontierResult, linesize: int, opts: TableOptions) -> str:
    eqs = [(r.depvar, opts.rows(r.rows))] + [(eq, opts.rows(rows)) for eq, rows in r.equations]
    s = 12 if opts.nolstretch else name_width(eqs + [(None, list(r.natural))], linesize=linesize,
                                              baselevels=opts.baselevels)
    table = render_coef_table(None, "", level=r.level, linesize=linesize, width=s, equations=eqs,
                              legend_eqs=[eq for eq, _ in eqs] if opts.coeflegend else None,
                              **opts.table_kwargs()).split("\n")
    return _with_natural_rows(table, r, s, opts)


def render_lr_test(chi2: float, p: float) -> str:
    fmt = "%-6.2f" if 0.005 < chi2 < 1e2 or chi2 == 0 else "%-6.2e"
    head = "Likelihood-ratio test of sigma_u=0: chibar2(01) = " + format_number(chi2, fmt).strip()
    return head.ljust(58) + "Prob>=chibar2 = " + format_number(p, "%5.3f")


def render_frontier(r: FrontierResult, *, linesize: int = 80, log: bool = True, options=None) -> str:
    out: list[str] = []
    if log:
        out += fit_log_lines(r.iteration_log, likelihood(r.pseudo), r.converged)
    header = render_panel_header(r) if r.panel else render_header(r)
    out += [""] + header + ["", render_table(r, linesize=linesize, options=options)]
    if r.lr_test is not None:
        out.append(render_lr_test(*r.lr_test))
    if r.skewness_test is not None:
        out.append(render_skewness_test(*r.skewness_test))
    return "\n".join(out)
