"""The iteration log Stata 13's ``mixed`` prints before its header.

```
(blank)
Performing EM optimization: 
(blank)
Performing gradient-based optimization: 
(blank)
Iteration 0:   log likelihood = -28711.99  
Iteration 1:   log likelihood = -28711.99  
(blank)
Computing standard errors:
```
``Iteration n:`` is left-aligned in 15 columns, the value is ``%10.0g``
followed by two spaces and, where Stata marks it, ``(not concave)`` or
``(backed up)``.  Headings keep Stata's trailing space.
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import IterationLog


def crit_label(method: str = "ML", pseudo: bool = False) -> str:
    if pseudo:
        return "log pseudolikelihood"
    return "log restricted-likelihood" if str(method).upper() == "REML" else "log likelihood"


def iteration_line(i: int, value: float, crit: str, note: str = "") -> str:
    line = f"Iteration {i}:".ljust(15) + f"{crit} = {format_number(value, '%10.0g')}  "
    return line + note


def render_iteration_log(log, method: str | None = None, *, pseudo: bool | None = None,
                         emlog: bool = False, converged: bool | None = None, em: bool = True,
                         em_start: bool = False) -> str:
    """The log text, leading blank line included, no final newline.

    ``log`` is an :class:`IterationLog` (then ``method`` is ``ML``/``REML``) or a
    whole ``MixedResult`` (method and pseudo taken from it).
    ``emlog``: also list the EM iterations (Stata's ``emlog`` option).
    ``converged=False`` (taken from a result when not given): ml's line ``convergence not
    achieved`` after the last iteration.  ``em=False`` (``emiterate(0)``): no EM heading, as
    Stata prints it only when it runs EM iterations.  ``em_start``: the model has weights
    or a residuals() structure, where Stata's EM only finds starting values and the heading
    reads ``Obtaining starting values by EM:`` (_xtmixed_estimate.ado, IterateEM).
    """
    if not isinstance(log, IterationLog):
        result = log
        if converged is None:
            converged = bool(result.converged)
        log = result.iteration_log
        method = method or result.method
        if pseudo is None:  # pweights or robust VCE: Stata logs the pseudolikelihood
            pseudo = bool(result.pseudo) or result.vce != "oim" or result.cluster_var is not None
    crit = crit_label(method or "ML", bool(pseudo))
    heading = "Obtaining starting values by EM: " if em_start else "Performing EM optimization: "
    out = ["", heading] if em else []
    if em and emlog and log.em:
        out.append("")
        out.extend(iteration_line(i, v, crit) for i, v in enumerate(log.em))
    out += ["", "Performing gradient-based optimization: ", ""]
    backed = set(log.backed_up)
    concave = set(log.not_concave)
    for i, v in enumerate(log.gradient):
        note = "(not concave)" if i in concave else ("(backed up)" if i in backed else "")
        out.append(iteration_line(i, v, crit, note))
    if converged is False:  # iterate(#) reached: ml's log says so and goes on ([R] maximize)
        out.append("convergence not achieved")
    out += ["", "Computing standard errors:"]
    return "\n".join(out)
