"""stset's computation: the records' analysis-time intervals (_t0, _t], the failure
indicator _d and the use marker _st, from the base time variable and the options, as
Stata's st_set.ado builds them (numbers in, numbers out; the command evaluates the
expressions).

Steps (st_set.ado's numbering):
 1. the sample: ``if exp`` and valid weights; records with a missing id or a missing
    base time are excluded.
 2. _d: 1 when the failure variable takes one of the numlist's values, or (no numlist)
    is neither 0 nor missing; every record fails without failure().
 3. origin: the subject's smallest ``origin(time exp)`` and/or the time of its first
    ``origin(var==numlist)`` event (the larger of the two); 0 without origin().
 4. _t = (time - origin) / scale.
 5. _t0: 0, or with id() the previous record's _t (records at the same instant as
    another of the subject's are excluded).
 6./7. the subject's entry time (enter(), like origin, the larger) and exit time (exit(),
    the smaller; with id() and no exit() the subject's first failure), scaled as _t.
 9. records without an entry time, ending on or before entry, or beginning on or after
    exit are excluded; records straddling entry begin there, records straddling exit end
    there censored; _t0 < 0 becomes 0.
10. records with _t0 >= _t ("end on or before origin()") are excluded.
Without id(), the subject of an event-defined origin/enter/exit is the whole sample, as
st_set.ado's ``by touse id:`` with an empty id makes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class TimeOption:
    """origin(), enter() or exit(): a time expression's values and/or an event
    (variable's values and the numlist marking it)."""

    times: np.ndarray | None = None
    event_values: np.ndarray | None = None
    event_list: tuple[float, ...] = ()

    @property
    def given(self) -> bool:
        return self.times is not None or self.event_values is not None


@dataclass
class StRecords:
    st: np.ndarray          # 1 if the record is used
    d: np.ndarray           # failure indicator (NaN where not used)
    t: np.ndarray
    t0: np.ndarray
    origin: np.ndarray      # the evaluated origin on every used record (0 without origin())
    exclusions: dict = field(default_factory=dict)


def _subjects(ids: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """Subject codes on every row (-1 outside ``rows``); one subject without id()."""
    codes = np.full(len(rows), -1, np.int64)
    if ids is None:
        codes[rows] = 0
    else:
        _, inv = np.unique(ids[rows], return_inverse=True)
        codes[rows] = inv
    return codes


def _per_subject(codes, values, reduce):
    """``reduce`` (np.fmin/np.fmax ufunc .at) of values over each subject, broadcast back."""
    n = int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 0
    init = np.inf if reduce is np.fmin else -np.inf
    acc = np.full(n, init)
    ok = (codes >= 0) & ~np.isnan(values)
    reduce.at(acc, codes[ok], values[ok])
    acc[np.isinf(acc)] = np.nan
    out = np.full(len(codes), np.nan)
    out[codes >= 0] = acc[codes[codes >= 0]]
    return out


def _smallest(codes, values):
    """st_set's Smallest: the subject's smallest non-missing value (per record without id)."""
    return _per_subject(codes, values, np.fmin)


def _first_event(codes, bt, event_values, event_list):
    """st_set's FirstEv: the base time of the subject's first record (in time order) whose
    event variable takes a numlist value; missing when none does."""
    hit = np.isin(event_values, np.asarray(event_list, float)) & (codes >= 0)
    return _per_subject(codes, np.where(hit, bt, np.nan), np.fmin)


def _option_time(opt: TimeOption, codes, bt, by_subject: bool, combine) -> np.ndarray | None:
    if not opt.given:
        return None
    parts = []
    if opt.times is not None:
        parts.append(_smallest(codes, opt.times) if by_subject else np.where(codes >= 0, opt.times, np.nan))
    if opt.event_values is not None:
        parts.append(_first_event(codes, bt, opt.event_values, opt.event_list))
    if len(parts) == 1:
        return parts[0]
    return np.where(np.isnan(parts[0]) | np.isnan(parts[1]), np.nan, combine(parts[0], parts[1]))


def _missing_ge(a, b):
    """Stata's a >= b with missing greater than every number."""
    a_inf, b_inf = np.where(np.isnan(a), np.inf, a), np.where(np.isnan(b), np.inf, b)
    return (a_inf >= b_inf) & ~(np.isnan(b) & ~np.isnan(a))


def st_records(bt: np.ndarray, in_if: np.ndarray, weight_ok: np.ndarray, ids: np.ndarray | None,
               failure_values: np.ndarray | None, failure_list: tuple[float, ...] | None, scale: float,
               origin: TimeOption, enter: TimeOption, exit: TimeOption) -> StRecords:
    """The st variables and the exclusion counts of the stset display (module docstring)."""
    n = len(bt)
    touse = in_if.copy()
    ex = {"ifexp": int(np.count_nonzero(~touse))}
    ex["id"] = 0
    if ids is not None:
        miss = np.isnan(ids) & touse
        ex["id"] = int(miss.sum())
        touse &= ~np.isnan(ids)
    ex["bt"] = int((np.isnan(bt) & touse).sum())
    touse &= ~np.isnan(bt)
    # 2. the failure indicator
    if failure_values is None:
        d = np.ones(n)
    elif failure_list:
        d = np.isin(failure_values, np.asarray(failure_list, float)).astype(float)
    else:
        d = ((failure_values != 0) & ~np.isnan(failure_values)).astype(float)
    codes = _subjects(ids, touse)
    # 3./4. origin and _t
    zero = _option_time(origin, codes, bt, ids is not None, np.fmax)
    zero = np.zeros(n) if zero is None else zero
    t = (bt - zero) / scale
    # 5. _t0 (st_set's touse2: the exit of step 7 still sees these records)
    in_time_order = touse.copy()
    t0 = np.zeros(n)
    ex["order"] = 0
    if ids is not None:
        order = np.lexsort((bt, codes))
        order = order[touse[order]]
        c, b = codes[order], bt[order]
        same_prev = np.r_[False, (c[1:] == c[:-1]) & (b[1:] == b[:-1])]
        same_next = np.r_[(c[1:] == c[:-1]) & (b[1:] == b[:-1]), False]
        bad = same_prev | same_next
        first = np.r_[True, c[1:] != c[:-1]]
        prev_t = np.r_[np.nan, t[order][:-1]]
        # the first record begins at 0 (st_set: 2 _t[1] when the second record ends at or before 0)
        next_same = np.r_[c[1:] == c[:-1], False]
        second_t = np.where(first & next_same, np.r_[t[order][1:], np.nan], np.nan)
        t0_sorted = np.where(first, np.where(second_t <= 0, 2 * t[order], 0.0), prev_t)
        t0[order] = t0_sorted
        ex["order"] = int(bad.sum())
        touse[order[bad]] = False
        t0[order[bad]] = np.nan
    # 6./7. entry and exit times
    t_en = _option_time(enter, codes, bt, ids is not None, np.fmax)
    t_en = np.zeros(n) if t_en is None else (t_en - zero) / scale
    t_ex = _option_time(exit, codes, bt, ids is not None, np.fmin)
    if t_ex is None and ids is not None:
        t_ex = _first_event(codes, bt, np.where(in_time_order, d, np.nan), (1.0,))
    t_ex = np.full(n, np.nan) if t_ex is None else (t_ex - zero) / scale
    # 9. entry and exit restrictions
    never = (np.isnan(t_en) | np.isnan(zero)) & touse
    ex["never"] = int(never.sum())
    touse &= ~never
    prior = (t <= t_en) & ~np.isnan(t_en) & touse
    ex["prior"] = int(prior.sum())
    touse &= ~prior
    late_start = (t0 <= t_en) & (t > t_en) & touse
    t0 = np.where(late_start, t_en, t0)
    after = _missing_ge(t0, t_ex) & touse
    ex["after"] = int(after.sum())
    touse &= ~after
    straddle = (t0 < np.where(np.isnan(t_ex), np.inf, t_ex)) & (t > t_ex) & ~np.isnan(t_ex)
    d = np.where(straddle, 0.0, d)
    t = np.where(straddle, t_ex, t)
    t0 = np.where((t0 < 0) & touse, 0.0, t0)
    # 10. implied restrictions
    t0t = (t0 >= t) & touse
    ex["t0t"] = int(t0t.sum())
    touse &= ~t0t
    bad_w = ~weight_ok & touse
    ex["wgt"] = int(bad_w.sum())
    touse &= ~bad_w
    # 11.
    for arr in (t, t0, d):
        arr[~touse] = np.nan
    return StRecords(st=touse.astype(float), d=d, t=t, t0=t0, origin=np.where(touse, zero, np.nan),
                     exclusions=ex)


ST_KEYS = ("_dta", "st_ver", "st_id", "st_bt0", "st_bt", "st_bd", "st_ev", "st_enter", "st_enexp", "st_envn",
           "st_ennl", "st_exit", "st_exexp", "st_exvn", "st_exnl", "st_orig", "st_orexp", "st_orvn", "st_ornl",
           "st_bs", "st_s", "st_o", "st_t", "st_t0", "st_d", "st_ifexp", "st_if", "st_ever", "st_never",
           "st_after", "st_befor", "st_wt", "st_wv", "st_w", "st_show", "st_set")


def is_st(chars: dict) -> bool:
    return chars.get("_dta") == "st"


def description_from_chars(chars: dict):
    """The StDescription of stset's characteristics (None when the data are not st)."""
    from mlmcli.results.survival import StDescription

    if not is_st(chars):
        return None
    return StDescription(bt=chars.get("st_bt", ""), failvar=chars.get("st_bd", ""), events=chars.get("st_ev", ""),
                         id=chars.get("st_id", ""), bt0=chars.get("st_bt0", ""), enter=chars.get("st_enter", ""),
                         exit=chars.get("st_exit", ""), origin=chars.get("st_orig", ""),
                         scale=chars.get("st_bs", "1") or "1", weight=chars.get("st_w", ""),
                         ifexp=chars.get("st_ifexp", ""))


def kaplan_meier_at(t0: np.ndarray, t: np.ndarray, d: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The product-limit survivor S(t_i) at each record's end time: over the failure times
    tau <= t_i, prod (1 - d_tau / n_tau), n_tau the (weighted) records with t0 < tau <= t,
    d_tau those failing at tau (stcox's baseline survivor without covariates, which stsum reads)."""
    fail = d == 1
    times = np.unique(t[fail])
    if not times.size:  # no failure (`stsum in 1` on a censored record): S = 1 throughout
        return np.ones(len(t))
    by_t, by_t0 = np.sort(t), np.sort(t0)
    w_t, w_t0 = w[np.argsort(t)], w[np.argsort(t0)]
    tail_t = np.r_[np.cumsum(w_t[::-1])[::-1], 0.0]
    tail_t0 = np.r_[np.cumsum(w_t0[::-1])[::-1], 0.0]
    at_risk = tail_t[np.searchsorted(by_t, times, "left")] - tail_t0[np.searchsorted(by_t0, times, "left")]
    deaths = np.bincount(np.searchsorted(times, t[fail]), weights=w[fail], minlength=len(times))
    surv = np.cumprod(1.0 - deaths / at_risk)
    k = np.searchsorted(times, t, "right")  # failure times <= t
    return np.where(k > 0, surv[np.maximum(k - 1, 0)], 1.0)


def survival_percentile(t: np.ndarray, s: np.ndarray, p: float) -> float:
    """stsum's Findptl: the first record in time order whose survivor is at or below p (in
    float precision, as stsum compares); missing when none is."""
    order = np.argsort(t, kind="stable")
    hit = np.flatnonzero(s[order].astype(np.float32) <= np.float32(p))
    return float(t[order][hit[0]]) if hit.size else float("nan")


def weighted_subjects(ids: np.ndarray | None, weights: np.ndarray) -> float:
    """e(N_sub) of the st estimators: the weight of each subject's first record among the used
    ones (``ids`` their id() values; each record its own subject without id())."""
    if ids is None:
        return float(weights.sum())
    _, first = np.unique(ids, return_index=True)
    return float(weights[first].sum())


def subject_description(ids: np.ndarray | None, t0: np.ndarray, t: np.ndarray, d: np.ndarray) -> dict:
    """stdescribe's numbers over the subjects of the used records (each record its own subject
    without id()): per subject its records, first entry, final exit, gaps between records,
    time at risk and failures; each as (total, mean, min, median, max) (stdescribe.ado's
    summarize, detail; medians by Stata's percentile rule)."""
    from mlmcli.summary_statistics import stata_percentile

    n = len(t)
    codes = np.unique(ids, return_inverse=True)[1] if ids is not None else np.arange(n)
    order = np.lexsort((t, codes))
    c, s0, s1, sd = codes[order], t0[order], t[order], d[order]
    starts = np.r_[0, np.flatnonzero(c[1:] != c[:-1]) + 1] if n else np.zeros(0, int)
    ends = np.r_[starts[1:] - 1, n - 1] if n else np.zeros(0, int)

    def stats(values: np.ndarray, total: bool = True) -> tuple:
        if values.size == 0:
            nan = float("nan")
            return (0.0 if total else nan, nan, nan, nan, nan)
        sv = np.sort(values)
        return (float(values.sum()) if total else float("nan"), float(values.mean()), float(sv[0]),
                stata_percentile(sv, 50), float(sv[-1]))

    records = np.diff(np.r_[starts, n]).astype(float)
    gap = np.where(np.r_[False, c[1:] == c[:-1]], s0 - np.r_[np.nan, s1[:-1]], np.nan)
    has_gap = gap > 0
    subjects_with_gap = float(np.add.reduceat(has_gap.astype(float), starts).astype(bool).sum()) if n else 0.0
    risk = np.add.reduceat(s1 - s0, starts) if n else np.zeros(0)
    failures = np.add.reduceat((sd != 0).astype(float), starts) if n else np.zeros(0)
    return {"subjects": float(len(starts)), "records": stats(records), "entry": stats(s0[starts], False),
            "exit": stats(s1[ends], False), "subjects_with_gap": subjects_with_gap,
            "gap": stats(gap[has_gap]) if ids is not None else None, "risk": stats(risk),
            "failures": stats(failures)}
