"""stci's numbers: percentiles of survival time with their standard errors and intervals, and
the restricted and exponentially extended mean survival times (stci.ado), from the
Kaplan-Meier estimate (``kaplan_meier``) at each record's _t as ``sts generate`` gives it.

Percentile p: the first record in time order whose S(_t) <= 1 - p/100 (compared in float
precision, as stci.ado's Findptl); its interval the same search on the lower and the upper
pointwise limits of S (log-log); its standard error Collett's: se(S) at the percentile over
the slope of S between the last time S >= 1 - p/100 + .05 and the first S <= 1 - p/100 - .05.

Restricted mean: the area under S from the first record's _t0 to the largest _t; its standard
error sqrt(sum over failure times of A^2 d / (n (n - d))), A the area beyond the time (times
N/(N-1), N the largest number at risk, with ccorr).  Extended mean: the restricted mean plus
the area under exp(-lambda t) beyond the largest time, lambda = -ln S(tmax) / tmax.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SurvivalTime:
    subjects: float
    estimate: float
    std_error: float = float("nan")
    lower: float = float("nan")
    upper: float = float("nan")
    flag: int = 0       # 1: rmean's largest time censored; 2: emean needed no extension


def _record_curve(t0, t, d, level):
    """S, se(S), lb(S), ub(S) at each record's _t, and the table."""
    from mlmcli.survival.kaplan_meier import kaplan_meier

    km = kaplan_meier(t0, t, d, None, level)
    at = km.at(t)
    return km, km.survival[at], km.std_error[at], km.lower[at], km.upper[at]


def _first_at_or_below(times, values, target) -> float:
    with np.errstate(invalid="ignore"):
        hit = np.flatnonzero(values.astype(np.float32) <= np.float32(target))
    return float(times[hit[0]]) if hit.size else float("nan")


def _last_at_or_above(times, values, target) -> float:
    with np.errstate(invalid="ignore"):
        hit = np.flatnonzero(values.astype(np.float32) >= np.float32(target))
    return float(times[hit[-1]]) if hit.size else float("nan")


def percentile(t0, t, d, subjects: float, p: float, level: float) -> SurvivalTime:
    """stci's MYStats for the p-th percentile (median: p = 50)."""
    if not t.size:
        return SurvivalTime(subjects, float("nan"))
    _, s, se, lb, ub = _record_curve(t0, t, d, level)
    order = np.argsort(t, kind="stable")
    ts, s, se, lb, ub = t[order], s[order], se[order], lb[order], ub[order]
    q = 1 - p / 100
    ps = _first_at_or_below(ts, s, q)
    psl = _first_at_or_below(ts, lb, q)
    psu = _first_at_or_below(ts, ub, q)
    tb1 = _first_at_or_below(ts, s, q - 0.05)
    tb2 = _last_at_or_above(ts, s, q + 0.05)

    def at_time(values, time):
        sel = np.abs(ts - time) < 1e-8
        return float(values[sel].mean()) if sel.any() else float("nan")

    with np.errstate(invalid="ignore", divide="ignore"):
        slope = (at_time(s, tb2) - at_time(s, tb1)) / (tb1 - tb2)
        std_error = at_time(se, ps) / slope
    if not np.isfinite(std_error):
        std_error = float("nan")
    return SurvivalTime(subjects, ps, std_error, psl, psu)


def restricted_mean(t0, t, d, subjects: float, level: float, ccorr: bool = False,
                    extended: bool = False) -> SurvivalTime:
    """stci's MYStats1: rmean (with its se and interval) or emean."""
    from mlmcli.distributions import norm

    if not t.size:
        return SurvivalTime(subjects, float("nan"))
    km, s, _, _, _ = _record_curve(t0, t, d, level)
    # the records in order of S descending, then time: area = (t - previous t) * previous S
    order = np.lexsort((t, -s))
    ts, ss = t[order], s[order]
    prior = np.r_[t0[order][0], ts[:-1]]
    previous_s = np.r_[1.0, ss[:-1]]
    area = (ts - prior) * previous_s
    rmean = float(area.sum())
    tmax = float(t.max())
    s_min = float(s.min())
    if extended:
        s_at_max = float(s[t == tmax].max())
        with np.errstate(divide="ignore"):
            lam = -np.log(s_at_max) / tmax if s_at_max > 0 else float("inf")
        extra = float(np.exp(-lam * tmax) / lam) if np.isfinite(lam) and lam > 0 else 0.0
        return SurvivalTime(subjects, rmean + extra, flag=2 if s_min <= 0 else 0)
    # A_j: the area under S from failure time t_j to tmax
    times, surv = km.time, km.survival
    fail = km.failed > 0
    step_start = times
    step_end = np.r_[times[1:], tmax]
    widths = np.clip(np.minimum(step_end, tmax) - step_start, 0, None)
    pieces = widths * surv
    beyond = np.cumsum(pieces[::-1])[::-1]          # area from each time to tmax
    n, dd = km.at_risk[fail], km.failed[fail]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(n - dd > 0, beyond[fail] ** 2 * dd / (n * (n - dd)), 0.0)
    var = float(terms.sum())
    if ccorr:
        big_n = float(km.at_risk.max())
        var *= big_n / (big_n - 1)
    se = float(np.sqrt(var))
    z = float(norm.ppf(0.5 + level / 200))
    return SurvivalTime(subjects, rmean, se, rmean - z * se, rmean + z * se, flag=1 if s_min > 0 else 0)
