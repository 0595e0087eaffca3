"""stcox's tvc() and texp(): covariates z g(t) whose value in the partial likelihood is the one
at each failure time tau (z g(tau)).  Splitting every record (t0, t] at the failure times inside
it gives pieces (t0, tau_1], (tau_1, tau_2], ..., (tau_k, t] that each meet one failure time at
most, at their end, so the time-varying column is constant within a piece and the ordinary
partial likelihood of the pieces (their risk sets and tied groups those of the records) is the
tvc() likelihood -- the equivalence with ``stsplit, at(failures)`` [ST] stcox describes."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class SplitRecords:
    rows: np.ndarray    # the record each piece comes from
    t0: np.ndarray
    t: np.ndarray
    d: np.ndarray       # the record's failure on its last piece only


def split_at_failures(t0: np.ndarray, t: np.ndarray, d: np.ndarray, failure_times: np.ndarray) -> SplitRecords:
    """Each record cut at the failure times strictly inside (t0, t)."""
    times = np.unique(failure_times)
    first = np.searchsorted(times, t0, "right")     # the first failure time > t0
    last = np.searchsorted(times, t, "left")        # failure times < t
    cuts = np.maximum(last - first, 0)
    rows = np.repeat(np.arange(len(t)), cuts + 1)
    # the k-th piece of a record (k = 0..cuts) ends at times[first + k], the last at t
    k = np.arange(len(rows)) - np.repeat(np.cumsum(cuts + 1) - (cuts + 1), cuts + 1)
    is_last = k == cuts[rows]
    end_index = np.minimum(first[rows] + k, len(times) - 1) if len(times) else np.zeros(len(rows), int)
    end = np.where(is_last, t[rows], times[end_index] if len(times) else t[rows])
    start = np.where(k == 0, t0[rows], times[np.maximum(first[rows] + k - 1, 0)] if len(times) else t0[rows])
    return SplitRecords(rows=rows, t0=start, t=end, d=np.where(is_last, d[rows], 0.0))


def time_function_at(piece_end: np.ndarray, t: np.ndarray, g: np.ndarray) -> np.ndarray:
    """g(_t) (texp() evaluated on the records, one value per distinct _t) at the pieces' ends
    (each a record's _t: a failure time or the record's own end)."""
    order = np.argsort(t, kind="stable")
    keys, first = np.unique(t[order], return_index=True)
    at = np.searchsorted(keys, piece_end)
    return g[order][first][at]
