"""centile's estimates and intervals ([R] centile, Methods and formulas; centile.ado 2.3.2).

Over the n sorted nonmissing values x(1) <= ... <= x(n) and q = centile/100:

- the estimate: with R = (n + 1) q = i + f (i its integer part), x(i) + f (x(i+1) - x(i)),
  x(1) when i < 1 and x(n) when i >= n;
- the default interval (Gardner and Altman): ranks found by walking the binomial(n, q) upper
  tails P(X >= r) from a normal-approximation start until the tail crosses alpha/2 =
  (1 - level/100)/2, the limit interpolated between the two bracketing order statistics in
  proportion to the tail areas; ``cci`` takes the conservative order statistic instead.  A
  limit whose rank falls outside 1..n is held at x(1) or x(n) (marked ``*``);
- ``normal``: the observed centile +- z se, se = sqrt(q (1 - q) / n) / f(c), f the normal
  density with the sample mean and standard deviation at the centile c;
- ``meansd``: c = mean + z_q sd, se = sd sqrt(1/n + z_q^2 / (2 (n - 1))).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import norm


@dataclass(frozen=True)
class CentileEstimate:
    centile: float  # as typed, 0..100
    estimate: float
    lb: float
    ub: float
    held: bool = False  # a limit held at the sample's minimum or maximum


def upper_tail(n: int, k: int, p: float) -> float:
    """Stata's Binomial(n, k, p): the probability of k or more successes in n trials."""
    from scipy.special import bdtrc

    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return float(bdtrc(k - 1, n, p))


def centile_value(x: np.ndarray, q: float) -> float:
    """The centile of sorted ``x`` at fraction ``q`` ((n + 1) q interpolated)."""
    n = len(x)
    rank = (n + 1) * q
    i = int(rank)
    if i >= n:
        return float(x[n - 1])
    if i < 1:
        return float(x[0])
    return float(x[i - 1] + (rank - i) * (x[i] - x[i - 1]))


def _missing_if_infinite(e: CentileEstimate) -> CentileEstimate:
    """invnorm(0) and invnorm(1) are missing in Stata, and so is what is made of them."""
    fix = [v if math.isfinite(v) else math.nan for v in (e.estimate, e.lb, e.ub)]
    return CentileEstimate(e.centile, *fix, e.held)


def _ratio(a: float, b: float) -> float:
    """a / b, missing when b is 0 (a tail equal to alpha/2 leaves both ranks on it)."""
    return a / b if b else math.nan


def _placed(x: np.ndarray, rank: int, conservative_rank: int | None, base: int, weight) -> tuple[float, bool]:
    """A limit from its ranks: held at x(1) or x(n) (True) when ``rank`` is outside 1..n-1, the
    order statistic ``conservative_rank`` (cci), else x(base) + weight() (x(base+1) - x(base))."""
    n = len(x)
    if rank >= n:
        return float(x[n - 1]), True
    if rank < 1:
        return float(x[0]), True
    if conservative_rank is not None:
        return float(x[conservative_rank - 1]), False
    return float(x[base - 1] + weight() * (x[base] - x[base - 1])), False


def _upper_limit(x: np.ndarray, q: float, alpha2: float, start: int, conservative: bool) -> tuple[float, bool]:
    """Between r0 and r1 = r0 + 1, r1 the first rank with P(X >= r1) at most alpha/2, walked to
    from ``start``."""
    n = len(x)
    r1 = min(start, n + 1)
    r0 = r1 - 1
    p0, p1 = upper_tail(n, r0, q), upper_tail(n, r1, q)
    while True:
        if p0 > alpha2:
            if p1 <= alpha2:
                break
            r0, p0, r1 = r1, p1, r1 + 1
            p1 = upper_tail(n, r1, q)
        elif p0 == alpha2:
            r1, p1 = r0, p0
            break
        else:
            r1, p1, r0 = r0, p0, r0 - 1
            p0 = upper_tail(n, r0, q)
    return _placed(x, r0, r1 if conservative else None, r0, lambda: _ratio(p0 - alpha2, p0 - p1))


def _lower_limit(x: np.ndarray, q: float, alpha2: float, start: int, conservative: bool) -> tuple[float, bool]:
    """Between r1 and r1 + 1, r1 the first rank whose P(X <= r1) exceeds alpha/2, walked to from
    ``start`` (tails written as 1 - P(X >= r + 1), as centile.ado does)."""
    n = len(x)
    r1 = max(start, 0)
    r0 = r1 - 1

    def lower(r: int) -> float:
        return 1.0 - upper_tail(n, r + 1, q)

    p0, p1 = lower(r0), lower(r1)
    while True:
        if p1 > alpha2:
            if p0 <= alpha2:
                break
            r1, p1, r0 = r0, p0, r0 - 1
            p0 = lower(r0)
        elif p0 == alpha2:
            r0, p0 = r1, p1
            break
        else:
            r0, p0, r1 = r1, p1, r1 + 1
            p1 = lower(r1)
    return _placed(x, r1, r1 if conservative else None, r1, lambda: _ratio(alpha2 - p0, p1 - p0))


def centile_estimates(x: np.ndarray, centiles: list[float], level: float, method: str) -> list[CentileEstimate]:
    """Each centile of the sorted values ``x`` with its interval; ``method`` is "binomial",
    "cci", "normal" or "meansd".  No values: missing estimates."""
    n = len(x)
    if n == 0:
        return [CentileEstimate(c, math.nan, math.nan, math.nan) for c in centiles]
    alpha2 = (100.0 - level) / 200.0
    z = -float(norm.ppf(alpha2))
    mean = float(np.mean(x))
    sd = float(np.std(x, ddof=1)) if n > 1 else math.nan
    out = []
    for c in centiles:
        q = c / 100.0
        if method == "meansd":
            zq = float(norm.ppf(q))
            estimate = mean + zq * sd
            se = sd * math.sqrt(1.0 / n + zq * zq / (2.0 * (n - 1))) if n > 1 else math.nan
            out.append(_missing_if_infinite(CentileEstimate(c, estimate, estimate - z * se, estimate + z * se)))
            continue
        estimate = centile_value(x, q)
        if method == "normal":
            density = (math.exp(-0.5 * ((estimate - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi))
                       if sd > 0 else math.nan)  # (sd 0 or missing: Stata's missing)
            se = _ratio(math.sqrt(q * (1 - q) / n), density)
            out.append(CentileEstimate(c, estimate, estimate - z * se, estimate + z * se))
            continue
        nq = n * q
        spread = math.sqrt(nq * (1 - q)) * z
        conservative = method == "cci"
        ub, held_ub = _upper_limit(x, q, alpha2, 1 + int(0.5 + nq + spread), conservative)
        lb, held_lb = _lower_limit(x, q, alpha2, int(0.5 + nq - spread), conservative)
        out.append(CentileEstimate(c, estimate, lb, ub, held_lb or held_ub))
    return out
