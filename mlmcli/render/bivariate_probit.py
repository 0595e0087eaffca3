"""``biprobit`` as Stata 13 prints it: the two comparison probits' logs, ``Comparison:``, the
full model's log, ``ml display``'s header (title, then ``Number of obs``, ``Wald chi2(k)`` and
``Prob > chi2`` from column 51, the log likelihood on the last line), the table with
``/athrho`` and ``rho``, then biprobit.ado's DispLr line:

```
LR test of rho=0: chi2(1) = 13.7465                       Prob > chi2 = 0.0002
```
(the statistic %8.0g trimmed; ``Prob > chi2 =`` at column 59; ``Wald test of rho=0:`` under a
robust VCE).  The table is heckman's (``render.selection.render_table``).
"""
from __future__ import annotations

import dataclasses

from mlmcli.render.glm_table import header_pair, header_right, render_glm_iteration_log
from mlmcli.render.numfmt import format_number
from mlmcli.render.selection import render_table
from mlmcli.results.selection import HeckmanResult


def render_header(r: HeckmanResult) -> list[str]:
    crit = "Log pseudolikelihood" if r.pseudo else "Log likelihood"
    return [header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
            header_pair("", header_right(f"Wald chi2({r.df_m})", format_number(r.chi2, "%10.2f"))),
            header_pair(f"{crit} = {format_number(r.loglik, '%10.0g')}",
                        header_right("Prob > chi2", format_number(r.p, "%10.4f")))]


def render_rho_test(r: HeckmanResult) -> str:
    kind, chi2, p = r.independence
    head = f"{kind} test of rho=0: chi2(1) = " + format_number(chi2, "%8.0g").strip()
    return head.ljust(58) + "Prob > chi2 = " + format_number(p, "%6.4f")


def render_biprobit(r: HeckmanResult, *, linesize: int = 80, log: bool = True, options=None) -> str:
    out: list[str] = []
    if log and r.iteration_log.phases:
        crit = "log pseudolikelihood" if r.pseudo else "log likelihood"
        phases = r.iteration_log.phases
        out.append(render_glm_iteration_log(dataclasses.replace(r.iteration_log, phases=phases[:-1]), crit))
        out += ["", "Comparison:    " + f"{crit} = {format_number(r.comparison, '%10.0g')}"]
        out.append(render_glm_iteration_log(dataclasses.replace(r.iteration_log, phases=phases[-1:]), crit))
        if not r.converged:
            out.append("convergence not achieved")
    out += [""] + render_header(r) + ["", render_table(r, linesize=linesize, options=options)]
    if not (options and options.coeflegend):
        out.append(render_rho_test(r))
    return "\n".join(out)
