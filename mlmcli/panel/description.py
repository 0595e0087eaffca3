"""Descriptions of panel data: participation patterns (``xtdescribe``), the
overall / between / within decomposition of a variable (``xtsum``), overall / between /
within frequencies (``xttab``) and one-step transitions (``xttrans``).

xtsum (xtsum.ado): over the observations with x known, overall mean, SD, min, max of
x_it; between: SD, min, max of the panel means xbar_i (panels with at least one
observation); within: SD of x_it - xbar_i and its min/max plus the overall mean;
T-bar = N/n.

xttab (xttab.ado): for each value v, overall Freq. = observations with x = v; between
Freq. = panels that ever have x = v (percent of n panels); within percent = the mean,
over those panels, of the share of the panel's observations with x = v; the total
within percent is the between-frequency-weighted mean of the within percents.

xtdescribe (xtdescribe.ado): the time axis is cut into intervals of dtv (the smallest
step between distinct times, widened so that there are at most ``width`` columns);
a panel's pattern shows per interval ``.`` (no observation), the count (1-9) or ``X``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.results.panel import XtsumRow
from mlmcli.summary_statistics import stata_percentile
from mlmcli.sorted_codes import unique_rows


def _sd(v: np.ndarray) -> float:
    return float(np.std(v, ddof=1)) if v.size > 1 else float("nan")


def decomposition(x: np.ndarray, codes: np.ndarray, name: str = "") -> XtsumRow:
    """xtsum's numbers for variable ``name``: ``x`` and panel ``codes`` of the used rows."""
    nan = float("nan")
    ok = ~np.isnan(x)
    x, codes = x[ok], codes[ok]
    N = int(x.size)
    if N == 0:
        return XtsumRow(name, 0, 0, nan, True, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan)
    _, inv = np.unique(codes, return_inverse=True)
    T = np.bincount(inv).astype(float)
    means = np.bincount(inv, weights=x) / T
    within = x - means[inv]
    mean = float(x.mean())
    return XtsumRow(
        name=name, N=N, n=int(T.size), Tbar=N / T.size, balanced=bool(T.min() == T.max()), mean=mean, sd=_sd(x),
        min=float(x.min()), max=float(x.max()), sd_b=_sd(means), min_b=float(means.min()),
        max_b=float(means.max()), sd_w=_sd(within), min_w=float(within.min()) + mean,
        max_w=float(within.max()) + mean)


@dataclass(frozen=True)
class TabulationRow:
    value: float
    freq: int  # overall observations
    percent: float
    panels: int  # between: panels ever with this value
    panel_percent: float
    within: float  # within percent


def panel_tabulation(x: np.ndarray, codes: np.ndarray) -> tuple[list[TabulationRow], int, float]:
    """(rows, n panels, total within percent) for xttab (x and codes of the used rows)."""
    _, pinv = np.unique(codes, return_inverse=True)
    n = int(pinv.max()) + 1
    T = np.bincount(pinv).astype(float)
    values, vinv = np.unique(x, return_inverse=True)
    rows = []
    total_w = 0.0
    N = x.size
    for k, v in enumerate(values):
        sel = vinv == k
        per_panel = np.bincount(pinv[sel], minlength=n)
        ever = per_panel > 0
        share = per_panel[ever] / T[ever]
        nb = int(ever.sum())
        within = 100 * float(share.mean())
        rows.append(TabulationRow(float(v), int(sel.sum()), 100 * sel.sum() / N, nb, 100 * nb / n, within))
    total_b = sum(r.panels for r in rows)
    total_w = sum(r.panels / total_b * r.within for r in rows)
    return rows, n, total_w


@dataclass(frozen=True)
class Patterns:
    ivals: tuple[float, float, float]  # first, second, last panel value
    n: int
    tvals: tuple[float, float, float]
    T: int  # distinct times
    span: float
    unique: bool  # panel x time identifies the observations
    t_distribution: tuple[float, ...]  # min p5 p25 p50 p75 p95 max of T_i
    patterns: tuple[tuple[int, str], ...]  # (count, pattern), most frequent first
    overall: str  # the pattern of all panels together (X where any)
    step: float  # periods per column (> 1: '*Each column represents' note)


def participation_patterns(panel: np.ndarray, time: np.ndarray, width: int = 100) -> Patterns:
    """xtdescribe's numbers (panel and time values of the used rows; time in units of delta)."""
    pvals = np.unique(panel)
    tvals = np.unique(time)
    _, pinv = np.unique(panel, return_inverse=True)
    n = len(pvals)
    T_i = np.bincount(pinv).astype(float)
    steps = np.diff(tvals)
    dtv = float(steps.min()) if steps.size else 1.0
    t0, t1 = float(tvals[0]), float(tvals[-1])
    if int((t1 - t0) / dtv) + 1 > width:
        dtv = float(int((t1 - t0) / (width - 1)))
    edges = []
    lo = t0 - 0.5
    while lo < t1:
        edges.append((lo, lo + dtv))
        lo += dtv
    counts = np.zeros((n, len(edges)), dtype=int)
    for j, (a, b) in enumerate(edges):
        sel = (time > a) & (time <= b)
        counts[:, j] = np.bincount(pinv[sel], minlength=n)
    keys: dict[tuple, int] = {}
    for i in range(n):
        key = tuple(counts[i])
        keys[key] = keys.get(key, 0) + 1
    ordered = sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))
    text = lambda row: "".join("." if c == 0 else (str(c) if c <= 9 else "X") for c in row)  # noqa: E731
    st = np.sort(T_i)
    dist = (st[0], stata_percentile(st, 5), stata_percentile(st, 25), stata_percentile(st, 50),
            stata_percentile(st, 75), stata_percentile(st, 95), st[-1])
    pairs = unique_rows(np.column_stack([pinv, time]))
    return Patterns(
        ivals=(float(pvals[0]), float(pvals[1]) if n > 1 else float("nan"), float(pvals[-1])), n=n,
        tvals=(t0, float(tvals[1]) if len(tvals) > 1 else float("nan"), t1), T=len(tvals), span=t1 - t0 + 1,
        unique=len(pairs) == len(time), t_distribution=tuple(float(v) for v in dist),
        patterns=tuple((c, text(k)) for k, c in ordered),
        overall="".join("X" if counts[:, j].sum() else "." for j in range(len(edges))), step=dtv)


def transitions(value: np.ndarray, panel: np.ndarray, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """xttrans's (was, is) pairs: rows sorted by panel and time; ``was`` is x_it and ``is``
    x_i,t+1 of the next observation of the same panel (both float); a row counts when it
    and its successor are used."""
    same = np.r_[panel[1:] == panel[:-1], False]
    nxt_used = np.r_[used[1:], False]
    keep = used & same & nxt_used
    was = value.astype(np.float32).astype(float)
    is_ = np.r_[value[1:], np.nan].astype(np.float32).astype(float)
    return was[keep], is_[keep]
