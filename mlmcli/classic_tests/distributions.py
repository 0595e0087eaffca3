"""Kolmogorov-Smirnov tests (ksmirnov.ado) and the median test's table (median.ado).

Two samples of sizes m and k: D_1 = max (F1 - F2) and D_2 = min (F1 - F2) over the pooled values
(after each run of ties), D = max(D_1, -D_2); with A = m k / (m + k) the one-sided p-values are
exp(-2 A D_i^2) and the two-sided one 2 (e^-2z - e^-8z + e^-18z - e^-32z + e^-50z), z = A D^2,
at most 1.  Stata 13's corrected p is normal(invnormal(p) + 1.04/min(m,k) + 2.09/max(m,k) -
1.35/sqrt(A)); ``exact`` counts the lattice paths from (0, 0) to (m, k) that stay strictly
within D of the diagonal (|i/m - j/k| < D - 1/(2 m k)): p = 1 - paths / C(m + k, m).  One
sample against a cumulative distribution F given at each value: D_1 = max (i/n - F(x_(i))),
D_2 = min (i/n - F(x_(i))) - 1/n, with k taken as 10^7 as ksmirnov.ado does.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

_ONE_SAMPLE_K = 10e6


def _square(v: float) -> float:
    """v^2, missing (NaN) past the largest double as in Stata (a cdf expression may be 1e300)."""
    square = v * v
    return square if square < math.inf else math.nan


def _tails(m: float, k: float, d_plus: float, d_minus: float):
    d = max(-d_minus, d_plus)
    a = m * k / (m + k)
    p_plus, p_minus = math.exp(-2 * a * _square(d_plus)), math.exp(-2 * a * _square(d_minus))
    z = a * _square(d)
    p = min(2 * (math.exp(-2 * z) - math.exp(-8 * z) + math.exp(-18 * z) - math.exp(-32 * z) + math.exp(-50 * z)), 1)
    return d, a, p_plus, p_minus, p


def _corrected(p: float, m: float, k: float, a: float) -> float:
    if not 0 < p < 1:
        return p
    z = stats.norm.ppf(p) + 1.04 / min(m, k) + 2.09 / max(m, k) - 1.35 / math.sqrt(a)
    return float(stats.norm.cdf(z))


def exact_p(m: int, k: int, d: float) -> float:
    """ksmirnov.ado's exact p: the share of orderings of m and k values whose D reaches d."""
    eps = 1 / m / k / 2
    paths = np.zeros(m + 1)  # paths[j]: ways to reach j values of the first sample
    paths[0] = 1.0
    j = np.arange(m + 1)
    log_scale = 0.0  # counts past 1e100 are rescaled (past 1e308 Stata's doubles overflow)
    for i in range(1, m + k + 1):
        nxt = paths.copy()
        nxt[1:] += paths[:-1]
        edge = math.exp(-log_scale)  # the one path along each edge, on the current scale
        nxt[0] = edge
        if i <= m:
            nxt[i] = edge
        outside = (np.abs(j / m - (i - j) / k) >= d - eps) | (j > i) | (i - j > k)
        nxt[outside] = 0.0
        top = nxt.max()
        if top > 1e100:
            nxt /= top
            log_scale += math.log(top)
        paths = nxt
    if paths[m] == 0:
        return 1.0
    log_share = math.log(paths[m]) + log_scale - (special.gammaln(m + k + 1) - special.gammaln(m + 1) - special.gammaln(k + 1))
    return float(-math.expm1(log_share))


def two_sample(x1: np.ndarray, x2: np.ndarray, exact: bool):
    """(D_1, D_2, p_1, p_2, D, p, corrected or exact p)."""
    m, k = x1.size, x2.size
    pooled = np.unique(np.concatenate([x1, x2]))
    f1 = np.searchsorted(np.sort(x1), pooled, side="right") / m
    f2 = np.searchsorted(np.sort(x2), pooled, side="right") / k
    diff = f1 - f2
    d_plus, d_minus = float(diff.max()), float(diff.min())
    d, a, p_plus, p_minus, p = _tails(m, k, d_plus, d_minus)
    if p < 1:
        last = exact_p(m, k, d) if exact else _corrected(p, m, k, a)
    else:
        last = p
    return d_plus, d_minus, p_plus, p_minus, d, p, last


def one_sample(x: np.ndarray, cdf: np.ndarray):
    order = np.argsort(x, kind="stable")
    n = x.size
    g = np.arange(1, n + 1) / n - cdf[order]
    d_plus, d_minus = float(g.max()), float(g.min()) - 1 / n
    d, a, p_plus, p_minus, p = _tails(n, _ONE_SAMPLE_K, d_plus, d_minus)
    return d_plus, d_minus, p_plus, p_minus, d, p, _corrected(p, n, _ONE_SAMPLE_K, a)
