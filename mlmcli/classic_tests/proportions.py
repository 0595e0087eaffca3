"""Tests of proportions.

prtest (large sample): one sample z = (p - p0) / sqrt(p0 (1 - p0) / n), row se sqrt(p (1-p)/n);
two samples z = (p1 - p2) / sqrt(pp (1 - pp) (1/n1 + 1/n2)) with pp the pooled proportion, the
difference's interval on the unpooled se.  Intervals: p -+ invnormal((100 + level)/200) se.

bitest (exact binomial, bitesti.ado's rules): p_u = Pr(X >= k), p_l = Pr(X <= k); the two-sided
p adds the opposite tail from k_opp, the value nearest the centre on the other side of n p whose
probability is at most Pr(X == k) (relative tolerance 1e-7 on -ln Pr); with p = 0.5 k_opp is
n - k.  signtest: the binomial(n+ + n-, 1/2) tails of the positive and negative counts.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from mlmcli.results.classic_tests import BinomialTest, ProportionRow, ProportionTest, SignTest, Tails


def normal_tails(z: float) -> Tails:
    """z with p = 2 Pr(Z > |z|) and the one-sided tails as prtest derives them from p."""
    if not np.isfinite(z):
        return Tails(z, float("nan"), float("nan"), float("nan"))
    p = float(2 * stats.norm.sf(abs(z)))
    if z < 0:
        return Tails(z, p, p / 2, 1 - p / 2)
    return Tails(z, p, 1 - p / 2, p / 2)


def _quantile(level: float) -> float:
    return float(stats.norm.ppf((100 + level) / 200))


def _row(name: str, n: int, p: float, level: float) -> ProportionRow:
    se = math.sqrt(p * (1 - p) / n) if n > 1 else float("nan")
    q = _quantile(level)
    return ProportionRow(name, n, p, se, p - q * se, p + q * se)


def one_sample(name: str, n: int, p: float, p0: float, level: float, first_column: str = "") -> ProportionTest:
    se0 = math.sqrt(p0 * (1 - p0) / n)
    z = (p - p0) / se0 if se0 > 0 else float("nan")  # p0 of 0 or 1: z is missing, as in Stata
    return ProportionTest((_row(name, n, p, level),), normal_tails(z), level, p0=p0, first_column=first_column)


def two_sample(names: tuple[str, str], n1: int, p1: float, n2: int, p2: float, level: float,
               first_column: str = "") -> ProportionTest:
    pooled = (n1 * p1 + n2 * p2) / (n1 + n2)
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    se_null = math.sqrt(pooled * (1 - pooled) / n1 + pooled * (1 - pooled) / n2)
    diff = p1 - p2
    z = diff / se_null if se_null > 0 else float("nan")
    q = _quantile(level)
    diff_row = ProportionRow("diff", n1 + n2, diff, se, diff - q * se, diff + q * se)
    p_null = float(2 * stats.norm.sf(abs(z))) if np.isfinite(z) else float("nan")
    return ProportionTest((_row(names[0], n1, p1, level), _row(names[1], n2, p2, level)), normal_tails(z),
                          level, diff=diff_row, se_null=se_null, p_null=p_null, first_column=first_column)


def upper_tail(n: int, k: int, p: float) -> float:
    """Stata's Binomial(n, k, p): Pr(X >= k)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return float(stats.binom.sf(k - 1, n, p))


def _neg_log_pmf(n: int, k: int, p: float) -> float:
    """-ln Pr(X == k), infinite outside 0..n (an empty tail)."""
    if k < 0 or k > n:
        return math.inf
    return float(-special.gammaln(n + 1) + special.gammaln(k + 1) + special.gammaln(n - k + 1)
                 - k * math.log(p) - (n - k) * math.log1p(-p))


def opposite_k(n: int, k_obs: int, p: float) -> int:
    """bitesti.ado's OppoTail: -1 or n + 1 when the opposite tail is empty."""
    eps = 1e-7
    if abs(p - 0.5) < eps:
        return n - k_obs
    target = _neg_log_pmf(n, k_obs, p)
    target -= target * eps
    flip = k_obs > n * p
    q, k = (1 - p, n - k_obs) if flip else (p, k_obs)
    lo = int(n * q + eps)
    if k == lo:
        if _neg_log_pmf(n, k + 1, q) >= target:
            return n - k - 1 if flip else k + 1
        lo = k + 1
    hi = n + 1  # past the last value the tail is empty (its -ln Pr is infinite)
    while lo < hi and lo + 1 != lo:  # beyond the mode -ln Pr rises: the first value at least the target
        mid = lo + (hi - lo) // 2  # (past 2^53 a double has no integer neighbours: the search stops)
        if _neg_log_pmf(n, mid, q) >= target:
            hi = mid
        else:
            lo = mid + 1
    return n - lo if flip else lo


def binomial_test(name: str, n: int, k: int, p: float, detail: bool = False) -> BinomialTest:
    p_u = upper_tail(n, k, p)
    p_l = upper_tail(n, n - k, 1 - p)
    kopp = opposite_k(n, k, p)
    empty = kopp in (-1, n + 1)
    if empty:
        two, k_opp, side = (p_u, None, "lower") if k > n * p else (p_l, None, "upper")
    else:
        k1, k2 = min(k, kopp), max(k, kopp)
        two, k_opp, side = min(1.0, upper_tail(n, k2, p) + upper_tail(n, n - k1, 1 - p)), kopp, ""
    rows: list[tuple[int, float, str]] = []
    if detail:
        pmf = lambda j: float(stats.binom.pmf(j, n, p)) if 0 <= j <= n else 0.0  # noqa: E731
        rows.append((k, pmf(k), "observed"))
        next_k = None
        if k_opp is not None:
            j = k_opp - int(np.sign(k_opp - k))
            next_k = j if j not in (k, k_opp) else None
        else:
            next_k = 0 if kopp == -1 else n
        if next_k is not None:
            rows.append((next_k, pmf(next_k), ""))
        if k_opp is not None:
            rows.append((k_opp, pmf(k_opp), "opposite extreme"))
    return BinomialTest(name, n, k, p, p_u, p_l, two, k_opp, side, tuple(rows))


def sign_test(name: str, expression: str, differences: np.ndarray) -> SignTest:
    n_pos = int((differences > 0).sum())
    n_neg = int((differences < 0).sum())
    n_zero = int((differences == 0).sum())
    ns = n_pos + n_neg
    p_pos, p_neg = upper_tail(ns, n_pos, 0.5), upper_tail(ns, n_neg, 0.5)
    return SignTest(name, expression, n_pos, n_neg, n_zero, p_pos, p_neg, min(1.0, 2 * min(p_pos, p_neg)))
