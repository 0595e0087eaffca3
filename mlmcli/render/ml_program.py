"""``ml maximize``/``ml display`` as Stata 13 prints them for a user's likelihood program:

```
(blank)
initial:       log likelihood = -51.292891
alternative:   log likelihood = -46.081697
rescale:       log likelihood = -45.181365
Iteration 0:   log likelihood = -45.181365
...
(blank)
[title]                                           Number of obs   =         74
                                                  Wald chi2(2)    =      20.75
Log likelihood = -26.844189                       Prob > chi2     =     0.0000
(blank)
<coefficient table: one equation without a heading; several, each headed by its name>
```
The search lines are labelled in 15 columns like the iteration lines; a start that cannot
be evaluated shows ``-<inf>  (could not be evaluated)``.  The header is _coef_table_header's
(right block from column 51, values %10.0g N, %10.2f chi2, %10.4f p).
"""
from __future__ import annotations

import math

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.glm_table import header_pair, header_right
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.results.ml_program import MLLog, MLTable


def render_ml_log(log: MLLog, shown: frozenset = frozenset(), linesize: int = 80) -> str:
    """The search and iteration lines; ``shown``: maximize's display options
    (render/ml_iteration_detail.py) for the iterations ``log.details`` records."""
    from mlmcli.render.ml_iteration_detail import detail_block

    crit = "log pseudolikelihood" if log.pseudo else "log likelihood"
    details = {d.iteration: d for d in log.details}
    out = []
    for line in log.search:
        value = "-<inf>".rjust(10) if math.isinf(line.loglik) else format_number(line.loglik, "%10.0g")
        text = line.label.ljust(15) + f"{crit} = {value}"
        out.append(text + ("  " + line.note if line.note else ""))
    for step in log.steps:
        if step.before:
            out.append(step.before)
        if shown:
            out += detail_block(step, details.get(step.iteration), log.names, crit, shown, linesize)
        else:
            out.append(iteration_line(step.iteration, step.loglik, crit, step.note))
    if not log.converged:
        out.append("convergence not achieved")
    return "\n".join(out)


def render_ml_header(t: MLTable) -> list[str]:
    crit = "Log pseudolikelihood" if t.pseudo else "Log likelihood"
    chi2 = format_number(t.chi2, "%10.2f") if t.chi2 == t.chi2 else ".".rjust(10)
    p = format_number(t.p, "%10.4f") if t.p == t.p else ".".rjust(10)
    return [header_pair(t.title, header_right("Number of obs", format_number(t.nobs, "%10.0fc"))),
            header_pair("", header_right(f"Wald chi2({t.df})", chi2)),
            header_pair(f"{crit} = " + format_number(t.loglik, "%10.0g"), header_right("Prob > chi2", p))]


def render_ml_table(t: MLTable, *, linesize: int = 80) -> str:
    single = len(t.blocks) == 1
    lines = [f" ({k:2d})  {text}" for k, text in enumerate(t.constraints, 1)]
    lines.append(render_coef_table(t.blocks[0][1] if single else None, t.depvar, level=t.level,
                                   linesize=linesize, vce_label=t.vce_label, cluster=t.cluster,
                                   equations=None if single else t.blocks, coef_label=t.coef_label,
                                   eform=t.eform, baselevels=t.baselevels, vsquish=t.vsquish))
    return "\n".join(lines)


def render_ml_results(t: MLTable, log: MLLog | None = None, *, linesize: int = 80,
                      shown: frozenset = frozenset()) -> str:
    out = ["", render_ml_log(log, shown, linesize)] if log is not None and (log.search or log.steps) else []
    out += [""] + render_ml_header(t) + ["", render_ml_table(t, linesize=linesize)]
    return "\n".join(out)
