"""stsplit's and stjoin's computation: which records become which episodes, as Stata's
stsplit.ado and stjoin.ado build them (numbers in, numbers out; the command changes the data).

Splitting (stsplit): a used record (t0, t] is cut at the split points strictly inside it
(compared in float precision, as stsplit.ado does).  Every episode but the last of a record
is censored (``split_off``: the failure variable becomes missing there); the last keeps the
record's _d.  ``base`` shifts the time scale per record (after(): the split points count from
an event); without after() it is 0.

Joining (stjoin): consecutive records of one subject that abut in time (_t of one is _t0 of
the next, the base times likewise), carry the same values of every other variable and of
which the earlier is censored become one record: the first record's _t0, the last's _t, _d
and base time and failure variable.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Episodes:
    source: np.ndarray      # for each new record, the position of the record it comes from
    t0: np.ndarray
    t: np.ndarray
    d: np.ndarray
    split_off: np.ndarray   # True on every episode but a split record's last (censored there)
    marker: np.ndarray      # the episode marker (stsplit's newvar; the risk set for at(failures))


def _f(x):
    """Float precision (a value beyond float's range is infinite: above every time)."""
    with np.errstate(over="ignore"):
        return np.asarray(x, float).astype(np.float32)


def _expand(rows: np.ndarray, counts: np.ndarray, n: int):
    """Positions of the new records: each used row ``counts`` times in place, the other rows
    after them in their order; and each new record's episode number (0, 1, ...)."""
    used = np.zeros(n, bool)
    used[rows] = True
    source = np.r_[np.repeat(rows, counts), np.flatnonzero(~used)].astype(np.int64)
    starts = np.r_[0, np.cumsum(counts)[:-1]] if len(counts) else np.zeros(0, np.int64)
    episode = np.r_[np.arange(int(counts.sum())) - np.repeat(starts, counts),
                    np.zeros(int((~used).sum()), np.int64)]
    return source, episode


def split_at(t0, t, d, used, at: np.ndarray, base: np.ndarray) -> Episodes:
    """stsplit, at(numlist): ``at`` sorted without duplicates; ``base`` per record."""
    n, k = len(t), len(at)
    rows = np.flatnonzero(used)
    lo, hi = _f(t0[rows] + base[rows]), _f(t[rows] + base[rows])
    a = _f(at)
    # first at value above the start, last below the end (1-based; 0: none)
    above = a[None, :] > lo[:, None]
    below = a[None, :] < hi[:, None]
    first = np.where(above.any(1), above.argmax(1) + 1, 0)
    last = np.where(below.any(1), k - below[:, ::-1].argmax(1), 0)
    counts = np.where((first > 0) & (last > 0), last - first + 2, 1)
    source, episode = _expand(rows, counts, n)
    m = len(episode) - (n - len(rows))
    first_of = np.repeat(first, counts)
    nrec = np.repeat(counts, counts)
    ep = episode[:m]
    evid = np.where(first_of > 0, first_of + ep, 0)   # the index of the split point ending the episode
    b = base[source[:m]]
    new_t0, new_t, new_d = t0[source].astype(float), t[source].astype(float), d[source].astype(float)
    # 1-based with guards; stsplit.ado keeps the split points in a float variable
    at_ext = np.r_[np.nan, _f(at).astype(float), np.nan]
    later = (nrec > 1) & (ep > 0)
    earlier = (nrec > 1) & (ep < nrec - 1)
    new_t0[:m] = np.where(later, at_ext[np.clip(evid - 1, 0, k + 1)] - b, new_t0[:m])
    new_t[:m] = np.where(earlier, at_ext[np.clip(evid, 0, k + 1)] - b, new_t[:m])
    split_off = np.zeros(len(source), bool)
    split_off[:m] = earlier
    new_d[:m] = np.where(earlier, 0.0, new_d[:m])
    marker = np.full(len(source), np.nan)
    below_first = 0.0 if at[0] > 0 else at[0] - 1
    marker[:m] = np.where(evid == 1, below_first,
                          np.where(evid == 0, at_ext[k], at_ext[np.clip(evid - 1, 0, k + 1)]))
    return Episodes(source, new_t0, new_t, new_d, split_off, marker)


def split_every(t0, t, d, used, every: np.ndarray, base: np.ndarray) -> Episodes:
    """stsplit, every(#): intervals [0, e), [e, 2e), ... of t + base (int() truncating toward
    zero and the 1e-8 at the end as stsplit.ado's Every)."""
    n = len(t)
    rows = np.flatnonzero(used)
    e, b = _f(every[rows]).astype(float), base[rows]  # every() held in a float variable
    it0 = 1 + np.trunc((t0[rows] + b) / e)
    it = 1 + np.trunc((t[rows] + b) / e - 1e-8)
    counts = np.where(t[rows] > -b, it - it0 + 1, 1).astype(np.int64)
    counts = np.maximum(counts, 1)
    source, episode = _expand(rows, counts, n)
    m = len(episode) - (n - len(rows))
    ep, nrec = episode[:m], np.repeat(counts, counts)
    ie = np.repeat(it0, counts) + ep
    es, bs = np.repeat(e, counts), np.repeat(b, counts)
    new_t0, new_t, new_d = t0[source].astype(float), t[source].astype(float), d[source].astype(float)
    new_t0[:m] = np.where(ep > 0, -bs + es * (ie - 1), new_t0[:m])
    earlier = ep < nrec - 1
    new_t[:m] = np.where(earlier, -bs + es * ie, new_t[:m])
    new_d[:m] = np.where(earlier, 0.0, new_d[:m])
    split_off = np.zeros(len(source), bool)
    split_off[:m] = earlier
    marker = np.full(len(source), np.nan)
    marker[:m] = es * (ie - 1)
    return Episodes(source, new_t0, new_t, new_d, split_off, marker)


def failure_times(t, d, used, strata: np.ndarray) -> dict:
    """The distinct failure times of the used records in each stratum (code -> sorted times)."""
    out = {}
    for s in np.unique(strata[used]):
        rows = used & (strata == s)
        out[s] = np.unique(t[rows & (d == 1)])
    return out


def split_failures(t0, t, d, used, strata: np.ndarray) -> Episodes:
    """stsplit, at(failures) [strata()]: each used record cut at its stratum's failure times
    strictly inside (t0, t); ``marker`` the risk-set identifier (riskset()): the failure
    times numbered 1, 2, ... over the strata in order, missing where no failure happens."""
    n = len(t)
    times = failure_times(t, d, used, strata)
    rows = np.flatnonzero(used)
    cuts = []
    for r in rows:
        T = times.get(strata[r], np.zeros(0))
        cuts.append(T[(T > t0[r]) & (T < t[r])])
    counts = np.array([len(c) + 1 for c in cuts], np.int64)
    source, episode = _expand(rows, counts, n)
    new_t0, new_t, new_d = t0[source].astype(float), t[source].astype(float), d[source].astype(float)
    split_off = np.zeros(len(source), bool)
    pos = 0
    for r, c in zip(rows, cuts):
        bounds = np.r_[t0[r], c, t[r]]
        size = len(c) + 1
        new_t0[pos:pos + size] = bounds[:-1]
        new_t[pos:pos + size] = bounds[1:]
        new_d[pos:pos + size - 1] = 0.0
        split_off[pos:pos + size - 1] = True
        pos += size
    # risk sets: the failure times numbered over (stratum, time) in order
    number, marker = 0, np.full(len(source), np.nan)
    m = pos
    for s in sorted(times):
        for tau in times[s]:
            number += 1
            marker[:m][(strata[source[:m]] == s) & (new_t[:m] == tau)] = number
    return Episodes(source, new_t0, new_t, new_d, split_off, marker)


def join_groups(ids, t0, t, bt0, bt, censored, pattern) -> np.ndarray:
    """stjoin: for the used records, sorted by (id, _t) (``order`` of the caller), the group
    number of each record; records of one group become one.  ``censored``: the record may be
    joined to the next (its failure variable missing or a censored() value, and _d == 0);
    ``pattern``: codes equal when every other variable is."""
    same_next = np.r_[(pattern[:-1] == pattern[1:]) & (ids[:-1] == ids[1:])
                      & (_f(t[:-1]) == _f(t0[1:])) & (_f(bt[:-1]) == _f(bt0[1:])) & censored[:-1], False] \
        if len(t) else np.zeros(0, bool)
    return np.cumsum(np.r_[True, ~same_next[:-1]]) if len(t) else np.zeros(0, np.int64)
