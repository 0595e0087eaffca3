"""``prais`` as prais.ado (6.4.5, Stata 16 tree) displays it:

```
(blank)
Prais-Winsten AR(1) regression -- iterated estimates
<regress's ANOVA header and t table, left open (``regress, plus``)>
         rho |   .6468185
------------------------------------------------------------------------------
Durbin-Watson statistic (original)    1.032915
Durbin-Watson statistic (transformed) 1.980178
```
(``Cochrane-Orcutt AR(1) regression -- twostep estimates`` and the like); rho is ``%9.0g``
(or cformat()) right-aligned in 10 columns after ``" | "``; the Durbin-Watson values ``%8.6f``.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions
from mlmcli.render.numfmt import format_number
from mlmcli.render.regress_table import render_regress
from mlmcli.results.prais_regression import PraisResult


def iteration_line(count: int, rho: float) -> str:
    """``Iteration 2:  rho = 0.6468`` (rho %6.4f)."""
    return f"Iteration {count}:  rho = {format_number(rho, '%6.4f')}"


def render_prais(r: PraisResult, *, linesize: int = 80, level: float | None = None,
                 options: TableOptions | None = None) -> str:
    kind = "Cochrane-Orcutt" if r.corc else "Prais-Winsten"
    out = ["", f"{kind} AR(1) regression -- {r.method} estimates"]
    out.append(render_regress(r.regression, linesize=linesize, level=level, options=options, plus=True))
    cformat = options.cformat if options is not None else None
    rho = format_number(r.rho, cformat or "%9.0g").strip()
    out.append("rho".rjust(12) + " | " + rho.rjust(10))
    out.append("-" * 78)  # {hline 13}{c BT}{hline 64}: a plain rule in text output
    if r.dw_0 is not None and r.dw is not None:
        out.append("Durbin-Watson statistic (original)    " + format_number(r.dw_0, "%8.6f"))
        out.append("Durbin-Watson statistic (transformed) " + format_number(r.dw, "%8.6f"))
    return "\n".join(out)
