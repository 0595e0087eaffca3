"""``reghdfe``'s output as published reghdfe logs show it (version 5/6 on Stata 13-15):

```
HDFE Linear regression                            Number of obs   =      1,800
Absorbing 2 HDFE groups                           F(   1,   1710) =     215.19
                                                  Prob > F        =     0.0000
                                                  R-squared       =     0.8204
                                                  Adj R-squared   =     0.8110
                                                  Within R-sq.    =     0.1118
                                                  Root MSE        =    40.6805
(blank)
<coefficient table>
(blank)
Absorbed degrees of freedom:
-----------------------------------------------------+
 Absorbed FE | Categories  - Redundant  = Num. Coefs |
-------------+---------------------------------------|
          id |        30           0          30     |
           t |        60           1          59     |
-----------------------------------------------------+
```
With vce(robust|cluster) the third line reads "Statistics robust to heteroskedasticity", the
cluster count comes before Root MSE ("Number of clusters (v) =  #"), and a fixed effect nested
in the cluster variable is marked "*" with the footnote "* = FE nested within cluster; treated
as redundant for DoF computation".
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number


def _right(left: str, label: str, value: str) -> str:
    return left.ljust(50) + label.ljust(16) + "=" + value


def render_hdfe(r, *, linesize: int = 80, options=None, noheader: bool = False, notable: bool = False,
                nofootnote: bool = False) -> str:
    """reghdfe 5's Replay: the header (unless ``noheader``), the coefficient table with the
    display options of ``options`` (``TableOptions``; unless ``notable``), the absorbed degrees
    of freedom (unless ``nofootnote``)."""
    from mlmcli.render.coef_table import TableOptions

    opts = options or TableOptions()
    n_fe = len(r.absorbed)
    out = [""]
    if not noheader:
        f_label = f"F({format_number(r.df_m, '%4.0f')},{format_number(r.df_r, '%7.0f')})"
        third = "Statistics robust to heteroskedasticity" if r.robust else ""
        out += [_right("HDFE Linear regression", "Number of obs", format_number(r.nobs, "%11.0fc")),
                _right(f"Absorbing {n_fe} HDFE group{'s' if n_fe > 1 else ''}", f_label, format_number(r.F, "%11.2f")),
                _right(third, "Prob > F", format_number(r.p, "%11.4f")),
                _right("", "R-squared", format_number(r.r2, "%11.4f")),
                _right("", "Adj R-squared", format_number(r.r2_a, "%11.4f")),
                _right("", "Within R-sq.", format_number(r.r2_within, "%11.4f"))]
        if r.cluster is not None:
            out.append(f"Number of clusters ({r.cluster[1]}) = {format_number(r.cluster[0], '%10.0fc')}".ljust(50)
                       + "Root MSE".ljust(16) + "=" + format_number(r.rmse, "%11.4f"))
        else:
            out.append(_right("", "Root MSE", format_number(r.rmse, "%11.4f")))
        out.append("")
    if not notable:
        rows = opts.rows(r.coefs)
        out.append(render_coef_table(rows, r.depvar, stat_label="t", level=r.level, linesize=linesize,
                                     robust=r.robust, cluster=r.cluster, width=opts.width(rows, linesize),
                                     **opts.table_kwargs()))
    if not nofootnote:
        out += absorbed_footnote(r.absorbed)
    return "\n".join(out)


def absorbed_footnote(absorbed) -> list[str]:
    """reghdfe_footnote's table (reghdfe 5/6; after ivreghdfe's and ppmlhdfe's output too), with
    its blank line before: categories, redundant and coefficients of each absorbed factor, "?"
    where the redundant count may be higher and "*" where the factor is nested in the cluster
    variable, each explained below."""
    width = max(12, max(len(a.name) for a in absorbed) + 1)
    rule = "-" * (width + 41) + "+"
    out = ["", "Absorbed degrees of freedom:", rule,
           "Absorbed FE".rjust(width) + " | Categories  - Redundant  = Num. Coefs |",
           "-" * (width + 1) + "+" + "-" * 39 + "|"]
    for a in absorbed:
        note = "*" if a.nested else ("?" if not a.exact else " ")
        out.append(f"{a.name.rjust(width)} |{a.categories:>10}{a.redundant:>12}{a.categories - a.redundant:>12}"
                   + f"    {note}|")
    out.append(rule)
    if any(not a.exact and not a.nested for a in absorbed):
        out.append("? = number of redundant parameters may be higher")
    if any(a.nested for a in absorbed):
        out.append("* = FE nested within cluster; treated as redundant for DoF computation")
    return out
