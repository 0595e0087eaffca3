"""Tests of standard deviations.

sdtest one sample: c = (n - 1) s^2 / sd0^2 on n - 1 df; p_u = Pr(C > c), p_l = 1 - p_u and the
two-sided p twice the smaller.  Two samples: f = (s1 / s2)^2 on (n1 - 1, n2 - 1) df, tails alike
(sdtesti.ado); the combined row pools the samples' moments.  robvar (robvar.ado): Levene's W0
and Brown-Forsythe's W50 and W10 are one-way ANOVA F statistics of z = |x - centre of its group|
with the group's mean, median, or mean of the values between its 10th and 90th percentiles
(summarize's percentiles, both ends included) as the centre.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import stats

from mlmcli.mean_tests import confidence_interval
from mlmcli.results.classic_tests import Tails
from mlmcli.results.statistics import TTestRow
from mlmcli.summary_statistics import stata_percentile


def sample_row(name: str, n: int, mean: float, sd: float, level: float) -> TTestRow:
    sd = sd if n > 1 else float("nan")
    se = sd / math.sqrt(n)
    lo, hi = confidence_interval(mean, se, n - 1, level)
    return TTestRow(name, n, mean, se, sd, lo, hi)


def _tails(statistic: float, p_u: float) -> Tails:
    p_l = 1 - p_u
    return Tails(statistic, 2 * min(p_l, p_u), p_l, p_u)


def chi2_test(n: int, sd: float, sd0: float) -> tuple[Tails, float]:
    """(chi2 and its tails, df); one observation: the sd and everything after it missing."""
    df = n - 1
    s = sd if n > 1 else float("nan")
    with np.errstate(over="ignore", invalid="ignore"):  # sd0 or s whose square leaves the doubles: missing
        c = float(df * np.float64(s) ** 2 / np.float64(sd0) ** 2) if np.float64(sd0) ** 2 > 0 else float("nan")
    c = c if np.isfinite(c) else float("nan")
    p_u = float(stats.chi2.sf(c, df)) if np.isfinite(c) and df > 0 else float("nan")
    return _tails(c, p_u), float(df)


def ratio_test(n1: int, sd1: float, n2: int, sd2: float) -> Tails:
    s1 = np.float64(sd1 if n1 > 1 else np.nan)
    s2 = np.float64(sd2 if n2 > 1 else np.nan)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # past the largest double: missing
        f = float((s1 / s2) ** 2) if s2 > 0 else float("nan")
    f = f if np.isfinite(f) else float("nan")
    ok = np.isfinite(f) and n1 > 1 and n2 > 1
    return _tails(f, float(stats.f.sf(f, n1 - 1, n2 - 1)) if ok else float("nan"))


def combined_sd(n1: int, m1: float, s1: float, n2: int, m2: float, s2: float) -> tuple[float, float]:
    n = n1 + n2
    with np.errstate(over="ignore", invalid="ignore"):  # past the largest double: missing
        m = (n1 * np.float64(m1) + n2 * np.float64(m2)) / n
        v1 = (n1 - 1) * np.float64(s1) ** 2 if n1 > 1 else 0.0
        v2 = (n2 - 1) * np.float64(s2) ** 2 if n2 > 1 else 0.0
        s = np.sqrt((v1 + n1 * (m - m1) ** 2 + v2 + n2 * (m - m2) ** 2) / (n - 1))
    return float(m), float(s) if np.isfinite(s) else float("nan")


def _trimmed_centre(x: np.ndarray) -> float:
    s = np.sort(x)
    lo, hi = stata_percentile(s, 10), stata_percentile(s, 90)
    return float(s[(s >= lo) & (s <= hi)].mean())


CENTRES = {"mean": lambda x: float(x.mean()), "median": lambda x: stata_percentile(np.sort(x), 50),
           "trimmed": _trimmed_centre}


def levene(x: np.ndarray, codes: np.ndarray, k: int, centre: str) -> tuple[float, float]:
    """(W, p) with the groups' ``centre`` (mean | median | trimmed); codes 0..k-1."""
    at = CENTRES[centre]
    z = np.empty_like(x)
    for g in range(k):
        sel = codes == g
        z[sel] = np.abs(x[sel] - at(x[sel]))
    n = x.size
    counts = np.bincount(codes, minlength=k).astype(float)
    group_means = np.bincount(codes, weights=z, minlength=k) / counts
    # one group or one observation a group: a zero divisor, and W missing as in Stata
    between = float((counts * (group_means - z.mean()) ** 2).sum()) / (k - 1) if k > 1 else float("nan")
    within = float(((z - group_means[codes]) ** 2).sum()) / (n - k) if n > k else float("nan")
    w = between / within if within > 0 else float("nan")
    return w, float(stats.f.sf(w, k - 1, n - k)) if np.isfinite(w) else float("nan")
