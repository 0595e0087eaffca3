"""ltable's actuarial life table (ltable.ado): per group and time interval [t0, t1) the
beginning total, deaths and losses, the survival S, its standard error (Greenwood's on the
effective number at risk) and log-log interval, the cumulative failure and the hazard with its
standard error and interval.

Intervals: intervals(w) gives [0, w), [w, 2w), ... (default w = 1); intervals(a b c ...) the
cut points [a, b), [b, c), ..., [last, .) with times below the first in [0, .) as ltable.ado's
_crcltab makes them; intervals(w) the cut points 0 7 15 30 60 90 180 360 540 720.
The effective number at risk is the beginning total less half the losses (censored) unless
noadjust.  Numbers in, numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WEEKS = (0, 7, 15, 30, 60, 90, 180, 360, 540, 720)


@dataclass(frozen=True)
class LifeTable:
    t0: np.ndarray
    t1: np.ndarray
    start: np.ndarray
    deaths: np.ndarray
    lost: np.ndarray        # withdrawn (censored): leaving minus deaths
    survival: np.ndarray
    se_failure: np.ndarray  # the standard error of S (and F)
    se_log: np.ndarray      # ltable's sellS: of ln(-ln S)
    lower_s: np.ndarray
    upper_s: np.ndarray
    failure: np.ndarray
    lower_f: np.ndarray
    upper_f: np.ndarray
    hazard: np.ndarray
    se_hazard: np.ndarray
    lower_h: np.ndarray
    upper_h: np.ndarray


def interval_bounds(t: np.ndarray, cuts: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """_crcltab: each time's interval (I0, I1), held in float as ltable.ado holds them."""
    t = np.asarray(t, float)
    if len(cuts) == 1:
        w = cuts[0]
        i0 = np.trunc(t / w) * w
        i1 = i0 + w
    else:
        i0 = np.zeros(len(t))
        i1 = np.full(len(t), np.nan)
        for a, b in zip(cuts[:-1], cuts[1:]):
            sel = (t >= a) & (t < b)
            i0[sel], i1[sel] = a, b
        last = t >= cuts[-1]
        i0[last], i1[last] = cuts[-1], np.nan
    def as_float(x):  # past the largest float: missing, as a float variable holds it
        with np.errstate(over="ignore"):
            out = x.astype(np.float32).astype(float)
        out[np.isinf(out) & np.isfinite(x)] = np.nan
        return out
    return as_float(i0), as_float(i1)


def life_table(t, d, w, cuts, level: float, adjust: bool = True) -> LifeTable:
    """One group's table (``t`` times, ``d`` failure codes, ``w`` frequency weights)."""
    from scipy.special import gammaincinv

    from mlmcli.distributions import norm

    t, d, w = (np.asarray(a, float) for a in (t, d, w))
    i0, i1 = interval_bounds(t, cuts)
    keys = np.unique(i0)
    slot = np.searchsorted(keys, i0)
    dead = np.bincount(slot, weights=w * (d != 0), minlength=len(keys))
    leaving = np.bincount(slot, weights=w, minlength=len(keys))
    ends = np.array([i1[slot == k][0] for k in range(len(keys))])
    start = w.sum() - np.r_[0.0, np.cumsum(leaving)[:-1]]
    atrisk = start - (leaving - dead) / 2 if adjust else start
    z = float(norm.ppf(1 - (1 - level / 100) / 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        fail = dead / atrisk
        width = ends - keys
        if adjust:
            h = 2 * fail / ((2 - fail) * width)
            se_h = h * np.sqrt((1 - (width * h / 2) ** 2) / (atrisk * fail))
            up_h, lo_h = h + z * se_h, h - z * se_h
        else:
            h = fail / width
            se_h = h / np.sqrt(dead)
            up_h = (h / dead) * gammaincinv(dead, (1 + level / 100) / 2)
            lo_h = (h / dead) * gammaincinv(dead, (1 - level / 100) / 2)
        up_h, lo_h = np.where(up_h < 0, 0.0, up_h), np.where(lo_h < 0, 0.0, lo_h)
        s = np.cumprod(1 - fail)
        se_f = np.where(s != 0, s * np.sqrt(np.cumsum(fail / (atrisk - dead))), np.nan)
        sell = np.sqrt(np.cumsum(dead / (atrisk * (atrisk - dead))) / np.cumsum(np.log((atrisk - dead) / atrisk)) ** 2)
        up_s = np.where(s != 0, s ** np.exp(-z * sell), np.nan)
        lo_s = np.where(s != 0, s ** np.exp(z * sell), np.nan)
    return LifeTable(keys, ends, start, dead, leaving - dead, s, se_f, sell, lo_s, up_s, 1 - s, 1 - up_s, 1 - lo_s,
                     h, se_h, lo_h, up_h)


def homogeneity_lr(t, d, w, group) -> tuple[float, int, float]:
    """ltable, test's likelihood-ratio chi2 of equal exponential hazards across the groups coded
    0..k-1 (ltable.ado): 2 (D ln(T/D) - sum_g D_g ln(T_g/D_g)), T_g the weighted time, D_g the
    weighted failures; a group without failures adds nothing (Stata's sum() skips its missing
    term).  Returns (chi2, k - 1, upper-tail p)."""
    from mlmcli.distributions import chi2 as chi2_dist

    t, w, group = np.asarray(t, float), np.asarray(w, float), np.asarray(group, np.int64)
    dead = (np.asarray(d, float) != 0).astype(float)
    k = int(group.max()) + 1
    tt = np.bincount(group, weights=w * t, minlength=k)
    td = np.bincount(group, weights=w * dead, minlength=k)

    def term(deaths, time):
        return deaths * np.log(time / deaths) if deaths > 0 and time > 0 else 0.0

    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = 2 * (term(td.sum(), tt.sum()) - sum(term(a, b) for a, b in zip(td, tt)))
    return float(chi2), k - 1, float(chi2_dist.sf(chi2, k - 1)) if k > 1 else float("nan")
