"""How an ml-based estimation command ends when its maximiser stopped without converging.

Stata's ``ml`` (ml_max.ado, ml_footnote.ado, _check_e_rc.ado; [R] maximize: "When the
number of iterations equals iterate(), the optimizer stops and presents the current
results"):

- the iteration log ends with the line ``convergence not achieved``;
- the results are posted, ``e(converged)`` = 0, and the table is shown;
- ``iterate(#)`` typed (ml sets ``$ML_rc`` 0): the table is followed by
  ``Warning: convergence not achieved`` and the command succeeds (rc 0, ``e(rc)`` = 0);
- the default limit reached (no ``iterate()``; ``$ML_rc`` 430): ``e(rc)`` = 430 and the
  table is followed by the error ``convergence not achieved``, r(430) -- as after
  [R] logit's example of 16,000 iterations;
- a numerical failure before the limit (no step improves the likelihood) is an error
  whatever was typed: r(430) after the table.

``iterate(0)`` is the same as any other limit: the results at the starting values,
``e(converged)`` = 0 (ml_max.ado's ``Iter0``).  A replay repeats the footnote
(``footnote``).  The commands call ``finish`` after printing their table.
"""
from __future__ import annotations

from mlmcli.errors import StataError

LOG_LINE = "convergence not achieved"
WARNING = "Warning: convergence not achieved"


def limit_reached(steps, iterate: int) -> bool:
    """The last iteration of a log (``IterationStep`` s numbered from 0) is the
    ``iterate``-th: the maximiser stopped at the limit (a failure stops it earlier)."""
    steps = list(steps)
    return bool(steps) and int(steps[-1].iteration) >= int(iterate)


def finish(session, e, *, converged: bool, at_limit: bool, iterate_typed: bool) -> None:
    """Post ``e(converged)``/``e(rc)`` as ml does and end the command as Stata does (see the
    module docstring); ``e`` is the active results, already displayed."""
    if converged:
        return
    e.scalars["converged"] = 0.0
    if at_limit and iterate_typed:
        e.scalars["rc"] = 0.0
        session.print(WARNING)
        return
    e.scalars["rc"] = 430.0
    raise StataError("convergence not achieved", 430)


def footnote(session, e) -> None:
    """A replay's end (ml_footnote.ado): r(430) again when e(rc) says so, else the warning
    when e(converged) = 0."""
    if e.scalars.get("rc", 0.0) == 430.0:
        raise StataError("convergence not achieved", 430)
    if e.scalars.get("converged", 1.0) == 0.0:
        session.print(WARNING)
