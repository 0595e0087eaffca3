"""``heckman`` as Stata 13 prints it: _crcshdr's header, ``ml display``'s equations with
``/athrho``, ``/lnsigma`` and the ``rho``, ``sigma``, ``lambda`` rows, then the test of
independent equations; or, two-step, ``_coef_table`` with the ``mills`` equation and the
``rho``/``sigma``/``lambda`` lines.  From a published Stata 12/13 log (Mroz's data):

```
Heckman selection model                         Number of obs      =       753
(regression model with sample selection)        Censored obs       =       325
                                                Uncensored obs     =       428

                                                Wald chi2(3)       =     59.67
Log likelihood = -832.8851                      Prob > chi2        =    0.0000

<table: lwage | inlf | /athrho /lnsigma | rho sigma lambda>
LR test of indep. eqns. (rho = 0):   chi2(1) =     0.03   Prob > chi2 = 0.8577
------------------------------------------------------------------------------
```
The header's labels start at column 49, ``=`` at 68, N at column 70 (%9.0g), chi2 %9.2f at 70, p
%6.4f at 73; the log likelihood %9.0g.  Two-step: ``rho |`` %10.5f, ``sigma |`` %10.0g,
``lambda |`` %10.0g and its SE %9.0g, then a closing rule.
"""
from __future__ import annotations

import dataclasses

from mlmcli.render.coef_table import RIGHT_WIDTH, TableOptions, hline, name_width, offset_row, render_coef_table
from mlmcli.render.glm_table import ancillary_legend, render_glm_iteration_log
from mlmcli.render.numfmt import format_number
from mlmcli.render.coef_table import ancillary_line
from mlmcli.results.mixed import CoefRow
from mlmcli.results.selection import HeckmanResult


def _right(left: str, label: str, value: str) -> str:
    return left.ljust(48) + label.ljust(19) + "=" + value


def render_header(r: HeckmanResult) -> list[str]:
    n9 = lambda v: " " + format_number(v, "%9.0g")  # noqa: E731
    out = [_right(r.title, "Number of obs", n9(r.nobs)),
           _right(r.title2, "Censored obs", n9(r.n_censored)),
           _right("", "Uncensored obs", n9(r.nobs - r.n_censored)),
           "",
           _right("", f"Wald chi2({r.df_m})", " " + format_number(r.chi2, "%9.2f" if r.chi2 < 1e6 else "%9.2e"))]
    prob = "    " + format_number(r.p, "%6.4f")
    if r.loglik is None:
        out.append(_right("", "Prob > chi2", prob))
    else:
        crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
        out.append(_right(f"{crit} = " + format_number(r.loglik, "%9.0g"), "Prob > chi2", prob))
    return out


def render_table(r: HeckmanResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    eqs = [(eq, opts.rows(rows)) for eq, rows in r.equations]
    if r.ancillary:
        eqs.append((None, list(r.ancillary)))
    offset_rows = [CoefRow(text, 0, 0, 0, 0, 0, 0) for text in r.offsets if text]
    s = 12 if opts.nolstretch else name_width(eqs + [(None, offset_rows + list(r.natural))], linesize=linesize,
                                              baselevels=opts.baselevels)
    legend_eqs = [eq for eq, _ in r.equations] + ["athrho"] if opts.coeflegend else None
    table = render_coef_table(None, "", level=r.level, linesize=linesize, robust=r.pseudo and r.vce_label is None,
                              cluster=r.cluster, width=s, equations=eqs, legend_eqs=legend_eqs, stat_label=r.stat_label,
                              vce_label=r.vce_label, **opts.table_kwargs()).split("\n")
    mid = hline(s + 1) + "+" + hline(s + RIGHT_WIDTH - s - 2)
    bottom = table.pop()
    breaks = [i for i, line in enumerate(table) if line == mid][1:] + [len(table)]
    for block, text in reversed(list(enumerate(r.offsets))):
        if text and block < len(breaks):
            table.insert(breaks[block], offset_row(text, s))
    if r.natural:
        table.append(mid)
        table += [ancillary_legend(row, s, opts.cformat) if opts.coeflegend else ancillary_line(row, s, opts.cformat)
                  for row in r.natural]
    if r.two_step_lines is not None:
        rho, sigma, lam, se_lam = r.two_step_lines
        cf = opts.typed_cformat  # heckman.ado's Display2: the cformat() typed, else %10.5f/%10.0g
        table += [mid, "rho".rjust(s) + " | " + format_number(rho, cf or "%10.5f").rjust(10),
                  "sigma".rjust(s) + " | " + format_number(sigma, cf or "%10.0g").rjust(10),
                  "lambda".rjust(s) + " | " + format_number(lam, "%10.0g") + "  " + format_number(se_lam, "%9.0g")]
    table.append(bottom)
    return "\n".join(table)


def render_independence(r: HeckmanResult, width: int = 78) -> list[str]:
    kind, chi2, p = r.independence
    head = f"{kind} test of indep. eqns. (rho = 0):".ljust(37) + "chi2(1) = " + format_number(chi2, "%8.2f")
    return [head.ljust(58) + "Prob > chi2 = " + format_number(p, "%6.4f"), hline(width)]


def render_heckman(r: HeckmanResult, *, linesize: int = 80, log: bool = True, options=None) -> str:
    out: list[str] = []
    if log and r.iteration_log.phases:
        crit = "log pseudolikelihood" if r.pseudo else "log likelihood"
        phases = r.iteration_log.phases
        if r.comparison is not None:  # heckprob: the two probits, their sum, then the start and the full model
            k = 2 if len(phases) > 2 else len(phases) - 1
            out.append(render_glm_iteration_log(dataclasses.replace(r.iteration_log, phases=phases[:k]), crit))
            out += ["", "Comparison:    " + f"{crit} = {format_number(r.comparison, '%10.0g')}"]
            phases = phases[k:]
        out.append(render_glm_iteration_log(dataclasses.replace(r.iteration_log, phases=phases), crit))
        if not r.converged:
            out.append("convergence not achieved")
    table = render_table(r, linesize=linesize, options=options)
    out += [""] + render_header(r) + ["", table]
    if r.independence is not None and not (options and options.coeflegend):
        out += render_independence(r, len(table.split("\n")[-1]))
    return "\n".join(out)
