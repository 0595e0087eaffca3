"""``newey`` as newey.ado (Stata 16 tree, version 1.6.0) displays it:

```

Regression with Newey-West standard errors      Number of obs     =         50
maximum lag: 2                                  F(  1,        48)  =      35.12
                                                Prob > F          =     0.0000

------------------------------------------------------------------------------
             |             Newey-West
```
labels at column 49, ``= `` at 67, N %10.0fc, F(%3.0f,%10.0f) %10.2f, Prob > F %10.4f.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.newey_regression import NeweyResult


def _at(left: str, col: int) -> str:
    """Text continued at 1-based column ``col`` (display's _col())."""
    return left.ljust(col - 1)


def render_newey(r: NeweyResult, *, linesize: int = 80, options: TableOptions | None = None) -> str:
    opts = options or TableOptions()
    f_label = f"F({format_number(r.df_m, '%3.0f')},{format_number(r.df_r, '%10.0f')})"
    out = ["",
           _at(_at("Regression with Newey-West standard errors", 49) + "Number of obs", 67)
           + "= " + format_number(r.nobs, "%10.0fc"),
           _at(_at(f"maximum lag: {r.lag}", 49) + f_label, 67) + "= " + format_number(r.F, "%10.2f"),
           _at(_at("", 49) + "Prob > F", 67) + "= " + format_number(r.p, "%10.4f"), ""]
    rows = opts.rows(r.rows)
    out.append(render_coef_table(rows, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                 vce_label="Newey-West", width=opts.width(rows, linesize), **opts.table_kwargs()))
    return "\n".join(out)
