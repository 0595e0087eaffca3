"""The gap count and gap list of ``tsreport`` (Stata 13's tsreport.ado 1.2.4, TsrWork).

Arrays only: ``p`` (panel ids, zeros without a panel), ``t`` (times), ``use`` (the sample),
in the data's original order.  The ado works on data sorted by panel and time (tsset's
order), so "the next observation" (``timevar[_n+1]``) is the next one of *all* observations
in that order, in sample or not; the gap list is built after ``sort touse panel time``, where
the next observation is the next in-sample one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class GapSummary:
    start: float
    end: float
    n_obs: int
    n_gaps: int
    # one row per gap: (obs before, obs after, panel, start time, end time, periods);
    # observation numbers count from 1 in the data's order, missing as nan
    rows: list[tuple[float, ...]] = field(default_factory=list)


def _tsset_order(p: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Row indices sorted by panel, then time (missing last, as Stata sorts), then position."""
    idx = np.arange(len(t))
    return np.lexsort((idx, np.nan_to_num(t, nan=np.inf), np.nan_to_num(p, nan=np.inf)))


def count_gaps(p, t, use, delta: float, *, has_panel: bool, by_panel: bool,
               detail: bool = False) -> GapSummary:
    """TsrWork: a gap is an in-sample observation whose next period (t + delta, same
    panel) is not in the sample.  Without ``panel`` on panel data every panel's end counts
    except the last one's; otherwise the next observation must exist in the same panel,
    have a time, and the time must be below the sample's last."""
    use = np.asarray(use, bool)
    n_obs = int(use.sum())
    if not n_obs:
        return GapSummary(np.nan, np.nan, 0, 0)
    tmin, tmax = float(t[use].min()), float(t[use].max())
    present = set(zip(p[use].tolist(), t[use].tolist()))
    order = _tsset_order(p, t)
    nxt = np.full(len(t), -1)
    nxt[order[:-1]] = order[1:]
    ptop = float(p[use].max())
    gap = np.zeros(len(t), bool)
    for i in np.flatnonzero(use):
        if (p[i], t[i] + delta) in present:
            continue
        if has_panel and not by_panel:
            gap[i] = not (t[i] == tmax and p[i] == ptop)
            continue
        j = nxt[i]
        gap[i] = bool(j >= 0 and (not has_panel or p[j] == p[i]) and not np.isnan(t[j]) and t[i] < tmax)
    summary = GapSummary(tmin, tmax, n_obs, int(gap.sum()))
    if detail and summary.n_gaps:
        summary.rows = _gap_rows(p, t, use, gap, delta, has_panel)
    return summary


def _gap_rows(p, t, use, gap, delta: float, has_panel: bool) -> list[tuple[float, ...]]:
    """The ado's matrix after ``sort touse panel time order``: the gap's observation, the
    next in-sample one (same panel), the first and last missing period and their number."""
    rows_in = [int(i) for i in _tsset_order(p, t) if use[i]]
    out = []
    for k, i in enumerate(rows_in):
        if not gap[i]:
            continue
        j = rows_in[k + 1] if k + 1 < len(rows_in) else None
        start = t[i] + delta
        end = np.nan
        if j is not None and (not has_panel or p[j] == p[i]):
            end = t[j] - delta
        after = float(j + 1) if not np.isnan(end) else np.nan
        periods = (end - start + delta) / delta
        out.append((float(i + 1), after, float(p[i]), float(start), float(end), float(periods)))
    return out
