"""Failure rates of st data: strate's and stptime's numbers (strate.ado).

For each group: D = sum(w * _d) failures, Y = sum(w * (_t - _t0) / per) person-time (times the
reference rate with smr(): then Y is the expected number of failures), the rate D / Y and its
interval exp(log(D / Y) -/+ z / sqrt(D)) (the quadratic approximation to the Poisson
log likelihood of the log rate; missing when D = 0).  With the jackknife the interval is
exp(m -/+ z * s) from the clusters' pseudo-values n log(D/Y) - (n-1) log(D_(-c)/Y_(-c)) (mean m,
standard error s), missing when fewer than two clusters have a failure.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RateRow:
    failures: float
    person_time: float
    rate: float
    lower: float
    upper: float
    clusters: int = 0         # jackknife: the group's clusters
    missing_jackknife: bool = False


def _z(level: float) -> float:
    from mlmcli.distributions import norm

    return float(norm.ppf(0.5 + level / 200))


def rate_row(d: np.ndarray, y: np.ndarray, w: np.ndarray, level: float, clusters: np.ndarray | None = None,
             jackknife: bool = False) -> RateRow:
    """One group's rate: ``d`` failure indicators, ``y`` person-time (already / per, * smr),
    ``w`` weights; ``clusters`` the jackknife's cluster codes (each record its own without)."""
    wd, wy = w * d, w * y
    D, Y = float(wd.sum()), float(wy.sum())
    rate = D / Y if Y else float("nan")
    z = _z(level)
    if not jackknife:
        if D == 0 or not np.isfinite(rate) or rate <= 0:
            return RateRow(D, Y, rate, float("nan"), float("nan"))
        half = z * np.sqrt(1 / D)
        return RateRow(D, Y, rate, float(np.exp(np.log(rate) - half)), float(np.exp(np.log(rate) + half)))
    codes = np.arange(len(d)) if clusters is None else np.unique(clusters, return_inverse=True)[1].ravel()
    cd = np.bincount(codes, weights=wd)
    cy = np.bincount(codes, weights=wy)
    n = len(cd)
    nonzero = int((cd != 0).sum())
    if nonzero <= 1 or n < 2:
        return RateRow(D, Y, rate, float("nan"), float("nan"), n, True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pseudo = n * np.log(D / Y) - (n - 1) * np.log((D - cd) / (Y - cy))
    m = pseudo.mean()
    s = np.sqrt((np.sum(pseudo ** 2) - n * m ** 2) / (n * (n - 1)))
    return RateRow(D, Y, rate, float(np.exp(m - z * s)), float(np.exp(m + z * s)), n, False)


def decimals_for(values, width: int, sigfig: int) -> int:
    """strate.ado's SEtfmt: the decimals of a %width.#f format showing ``sigfig`` significant
    digits of the smallest nonzero value, at most width - 1 (less one for a minus sign)."""
    vals = np.asarray([v for v in values if np.isfinite(v)], float)
    after = 0
    nonzero = vals[vals != 0]
    if nonzero.size:
        after = max(after, int(sigfig - np.log10(np.abs(nonzero)).min()))
    minus = bool((vals < 0).any())
    return min(after, width - int(minus) - 1)
