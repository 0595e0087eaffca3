"""``ivpoisson`` as Stata prints it (ivpoisson.ado's GMMout, gmm's iteration log).

```
Step 1
Iteration 0:   GMM criterion Q(b) =  .04949852  
(Step 2 ...)
(blank)
Exponential mean model with endogenous regressors
(blank)
Number of parameters =   6                         Number of obs  =      5,000
Number of moments    =   6
Initial weight matrix: Unadjusted
GMM weight matrix:     Robust
(blank)
table
Instrumented:  tcost
Instruments:   cbd ptn worker weekend pt
```
Labels at column 1, values at 24 (``%3.0f``); ``Number of obs`` at 52, ``=`` at 67, N ``%10.0fc`` (ivpoisson.ado since Stata 14;
the Stata 13 manual printed 5000).
An exactly identified model's log ends after step 1 with ``note: model is exactly identified``;
under nolog the log is ``Final GMM criterion Q(b) =`` and that note (gmm's nolog lines);
``irr`` adds ``Note: _cons estimates baseline incidence rate.`` under the table.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.instrumental import render_ivregress_footnote
from mlmcli.render.gmm_output import final_criterion, gmm_log
from mlmcli.render.numfmt import format_number
from mlmcli.results.iv_poisson import IVPoissonResult

TITLE = "Exponential mean model with endogenous regressors"


def render_gmm_log(r: IVPoissonResult) -> list[str]:
    return gmm_log(r.steps, r.exactly_identified)


def render_header(r: IVPoissonResult) -> list[str]:
    first = ("Number of parameters = " + format_number(r.k, "%3.0f")).ljust(51)
    first += "Number of obs".ljust(15) + "= " + format_number(r.nobs, "%10.0fc")
    out = [first, "Number of moments    = " + format_number(r.n_moments, "%3.0f"),
           "Initial weight matrix: " + r.winit]
    if r.wmatrix is not None:
        out.append("GMM weight matrix:     " + r.wmatrix)
    return out


def render_ivpoisson(r: IVPoissonResult, *, linesize: int = 80, log: bool | None = True,
                     table: TableOptions | None = None) -> str:
    """``log``: the iteration log (True), nolog's final criterion (False: gmm's GMMout lines, as
    ivpoisson runs gmm) or nothing (None: a replay)."""
    table = table or TableOptions()
    out = render_gmm_log(r) if log else ([] if log is None else final_criterion(r))
    out += ["", TITLE, ""] + render_header(r) + [""]
    equations = [(eq, table.rows(rows)) for eq, rows in r.equations] or None
    out.append(render_coef_table(table.rows(r.rows), r.depvar, level=r.level, linesize=linesize,
                                 robust=r.robust, cluster=r.cluster, coef_label="IRR" if r.irr else "Coef.",
                                 eform=r.irr and not r.equations, equations=equations, **table.table_kwargs()))
    if r.irr and r.equations:
        out.append("Note: Estimates are transformed only in the first equation.")
    if r.irr:
        out.append("Note: _cons estimates baseline incidence rate.")
    out += render_ivregress_footnote(r.instd, r.insts, linesize)
    return "\n".join(out)
