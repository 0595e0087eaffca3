"""outreg2's ``sum(log)``: a table of summary statistics instead of a regression.

outreg2 hands this to its ``_sum2, log raw``: it shows ``summarize`` of every variable, then
posts the N, mean, sd, min and max of each as the equations ``N mean sd min max`` of a
pseudo-estimation (e(b) with a zero e(V)), which outreg2 writes with ``stats(coef) noaster
noobs nor2 nonotes`` -- each statistic a column of its own (``eqkeep()`` picks and orders
them, ``keep()`` or a varlist the variables).  The estimates active before stay active
(outreg2 holds them).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

STATISTICS = ("N", "mean", "sd", "min", "max")


def summary_kind(opts: dict) -> str | None:
    """``log`` for sum(log); None without sum(); r(198) for the forms mlm does not write."""
    if opts.get("sum") is None:
        return None
    text = opts["sum"] if isinstance(opts["sum"], str) else ""
    kind = text.strip().strip('"').lower()
    if kind != "log":
        raise StataError(f"outreg2: sum({kind}) is not available in mlm (sum(log) is)" if kind else
                         "outreg2: sum without (log) (the regression's summary) is not available in mlm", 198)
    return kind


def summary_results(session):
    """Show ``summarize`` of every variable and return the pseudo-estimation _sum2 posts."""
    from mlmcli.commands.community.mtable import session_run
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    ds = session.data
    names = list(ds.df.columns)
    if not names:
        raise StataError("no variables defined", 111)
    session_run(session, "summarize " + " ".join(names))
    session.print("")
    values = {s: [] for s in STATISTICS}
    for name in names:
        x = np.array([], float) if ds.is_string(name) else ds.numeric(name)
        x = x[~np.isnan(x)]
        n = x.size
        values["N"].append(float(n))
        values["mean"].append(float(x.mean()) if n else np.nan)
        values["sd"].append(float(x.std(ddof=1)) if n > 1 else np.nan)
        values["min"].append(float(x.min()) if n else np.nan)
        values["max"].append(float(x.max()) if n else np.nan)
    colnames = tuple(f"{s}:{name}" for s in STATISTICS for name in names)
    b = np.array([v for s in STATISTICS for v in values[s]], float)
    k = b.size
    return EstimationResults(cmd="sum2", macros={"cmd": "sum2", "depvar": ""},
                             matrices={"b": Matrix(b.reshape(1, -1), ("y1",), colnames),
                                       "V": Matrix(np.zeros((k, k)), colnames, colnames)})
