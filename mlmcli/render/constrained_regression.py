"""``cnsreg`` as Stata 13 prints it (cnsreg.ado's Replay: _prefix_display, i.e. _coef_table_header,
the constraints, _coef_table):

```
Constrained linear regression                     Number of obs   =         74
                                                  F(   1,     72) =      37.59
                                                  Prob > F        =     0.0000
                                                  Root MSE        =     4.7220

 ( 1)  price - weight = 0
------------------------------------------------------------------------------
       mpg |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
```
The header is the single-level layout every Stata 13 estimation header shares (labels from column
51, ``=`` at 67, values to 78; F(%4.0f,%7.0f), Root MSE %10.4f).  No published Stata 13 cnsreg
log was at hand: the layout is _coef_table_header's as areg/tobit print it (a reconstruction).
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.glm_table import header_pair, header_right
from mlmcli.render.numfmt import format_number
from mlmcli.results.constrained_regression import ConstrainedRegressionResult


def render_constrained_regression(r: ConstrainedRegressionResult, *, linesize: int = 80,
                                  options: TableOptions | None = None, cnsreport: bool = True) -> str:
    opts = options or TableOptions()
    f_label = f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})"
    out = ["", header_pair("Constrained linear regression", header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
           header_pair("", header_right(f_label, format_number(r.F, "%10.2f"))),
           header_pair("", header_right("Prob > F", format_number(r.p, "%10.4f"))),
           header_pair("", header_right("Root MSE", format_number(r.rmse, "%10.4f"))), ""]
    if cnsreport:
        out += [f" ({i:2d})  {c}" for i, c in enumerate(r.constraints, start=1)]
    rows = opts.rows(r.rows)
    s = opts.width(rows, linesize)
    out.append(render_coef_table(rows, r.depvar, stat_label="t", level=r.level, linesize=linesize, robust=r.robust,
                                 cluster=r.cluster, width=s, **opts.table_kwargs()))
    return "\n".join(out)
