"""``gmm`` as Stata prints it (gmm.ado's GMMout after the iteration log).

```
Step 1
Iteration 0:   GMM criterion Q(b) =  .04949852
(blank)
GMM estimation
(blank)
Number of parameters =   3
Number of moments    =   4
Initial weight matrix: Unadjusted                 Number of obs   =         74
GMM weight matrix:     Robust
(blank)
table
Instruments for equation 1: x z _cons
```
Under nolog the log is ``Final GMM criterion Q(b) =  .0021591`` after a blank line.  Labels
at column 1, values at 24 (``%3.0f``); ``Number of obs`` at 51, ``=`` at 67, N ``%10.0f``
(Stata 13's, as ivregress and ivpoisson here; Stata 14+ prints ``%10.0fc``), ``*`` under
nocommonesample with each equation's count under the table.  The instruments' paragraph
hangs 4 columns.
"""
from __future__ import annotations

from mlmcli.render.coef_table import TableOptions, render_coef_table
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.results.gmm import GMMResult


def render_header(r: GMMResult) -> list[str]:
    left = ["Number of parameters = " + format_number(r.k, "%3.0f"),
            "Number of moments    = " + format_number(r.n_moments, "%3.0f"),
            "Initial weight matrix: " + r.winit]
    if r.wmatrix is not None:
        left.append("GMM weight matrix:     " + r.wmatrix)
    nobs = "  *" if r.n_by_equation else format_number(r.nobs, "%10.0f")
    left[2] = left[2].ljust(50) + "Number of obs".ljust(16) + "= " + nobs
    return left


def gmm_log(steps, exactly_identified: bool, step_converged=()) -> list[str]:
    """Each step's iterations (``Step k``, ``Iteration i:   GMM criterion Q(b) = ``); optimize's
    ``convergence not achieved`` after a step that stopped at iterate(); the note of an exactly
    identified model (gmm's and ivpoisson's logs)."""
    out: list[str] = []
    for k, values in enumerate(steps, start=1):
        out.append(f"Step {k}")
        out += [iteration_line(i, v, "GMM criterion Q(b)") for i, v in enumerate(values)]
        if k <= len(step_converged) and not step_converged[k - 1]:
            out.append("convergence not achieved")
    if exactly_identified:
        out += ["", "note: model is exactly identified"]
    return out


def final_criterion(r: GMMResult) -> list[str]:
    """nolog's lines: the last step's criterion (``%9.0g`` after ``= ``), then the note of an
    exactly identified model (the ivpoisson log of Stata's [R] ivpoisson example shows both)."""
    if not r.steps:
        return []
    out = ["", "Final GMM criterion Q(b) = " + format_number(r.steps[-1][-1], "%9.0g")]
    return out + (["", "note: model is exactly identified"] if r.exactly_identified else [])


def render_gmm(r: GMMResult, *, linesize: int = 80, log: bool | None = True,
               table: TableOptions | None = None) -> str:
    """``log``: the iteration log (True), nolog's final criterion (False) or nothing (None: a replay)."""
    table = table or TableOptions()
    out = gmm_log(r.steps, r.exactly_identified, r.step_converged) if log else (
        [] if log is None else final_criterion(r))
    out += ["", "GMM estimation", ""] + render_header(r) + [""]
    out += [t for t in (r.title, r.title2) if t]
    equations = [(eq, table.rows(rows)) for eq, rows in r.equations]
    # coeflegend: every block's names with their equation; a /b row is e(b)'s b:_cons (any name
    # marks the ancillary block)
    legend = [eq if eq is not None else "/" for eq, _ in equations] if table.coeflegend else None
    out.append(render_coef_table(None, "", level=r.level, linesize=linesize, vce_label=r.vce_label,
                                 cluster=r.cluster, equations=equations, legend_eqs=legend, **table.table_kwargs()))
    if r.hac_note:
        out.append(r.hac_note)
    if r.n_by_equation:
        for k, (eq, n) in enumerate(r.n_by_equation):
            out.append(("*" if k == 0 else " ") + f" Number of observations for equation {eq}: {n:g}")
        out.append("-" * 78)
    for eq, insts in r.instruments:
        out += wrap_paragraph(f"Instruments for equation {eq}: {insts}", linesize, hanging=4, right=4)
    if r.step_converged and not r.step_converged[-1]:  # ml_footnote
        out.append("Warning: convergence not achieved")
    return "\n".join(out)
