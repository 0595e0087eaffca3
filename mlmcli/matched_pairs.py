"""The numbers of Stata's ``mcc``/``mcci``: matched case-control pairs tabulated by the case's
and the control's exposure (``a`` both exposed, ``b`` case only, ``c`` control only, ``d``
neither).  McNemar's test and its exact (binomial) version, the difference, ratio and relative
difference of the proportions exposed with their intervals (the [ST] epitab manual's formulas,
Fleiss), and the conditional odds ratio b/c with its exact interval (the binomial interval of b
among the b + c discordant pairs, as mcci.ado takes it from cii) or a test-based one."""
from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats

from mlmcli.epitab import NAN, Estimate, divide, z_value


@dataclass(frozen=True)
class MatchedPairs:
    cells: tuple
    chi2: float
    p: float
    p_exact: float
    p_cases: float
    p_controls: float
    difference: Estimate
    ratio: Estimate
    relative_difference: Estimate
    odds: Estimate


def binomial_interval(k: float, n: float, level: float) -> tuple[float, float]:
    """cii's exact (Clopper-Pearson) interval of k/n; missing when n is 0."""
    from mlmcli.confidence_intervals import binomial_interval as cii_interval

    if n == 0:
        return NAN, NAN
    interval = cii_interval(n, k, level)
    return interval.lb, interval.ub


def matched_pairs(a, b, c, d, level: float, tb: bool = False) -> MatchedPairs:
    n, discordant, low = a + b + c + d, b + c, min(b, c)
    z = z_value(level)
    chi2 = divide((b - c) ** 2, discordant)
    p = float(stats.chi2.sf(chi2, 1)) if not math.isnan(chi2) else NAN
    p_exact = 1.0 if low == discordant / 2 else min(1.0, 2 * float(stats.binom.cdf(low, discordant, 0.5)))
    pd = divide(b - c, n)
    se_pd = divide(math.sqrt((a + d) * (b + c) + 4 * b * c), n * math.sqrt(n)) if n else NAN
    difference = Estimate(pd, pd - z * se_pd - divide(1, n), pd + z * se_pd + divide(1, n))
    pr = divide(a + b, a + c)
    var_ln = divide(b + c, (a + b) * (a + c))
    ratio = Estimate(pr, *((math.exp(math.log(pr) - z * math.sqrt(var_ln)), math.exp(math.log(pr) + z * math.sqrt(var_ln)))
                           if pr > 0 and not math.isnan(var_ln) else (NAN, NAN)))
    pe = divide(b - c, b + d)
    inner = (b + c + d) * (b * c + b * d + c * d) - b * c * d
    se_pe = divide(math.sqrt(inner), (b + d) ** 2) if inner >= 0 else NAN
    relative = Estimate(pe, pe - z * se_pe, pe + z * se_pe)
    o = divide(b, c)
    if not tb:
        lb, ub = binomial_interval(b, discordant, level)
        odds = Estimate(o, divide(lb, 1 - lb), divide(ub, 1 - ub), "(exact)")
    else:
        x = divide(b - c, math.sqrt(discordant)) if discordant else NAN
        lo = o ** (1 + z / x) if o > 0 and not math.isnan(x) and x != 0 else NAN
        hi = o ** (1 - z / x) if o > 0 and not math.isnan(x) and x != 0 else NAN
        odds = Estimate(o, min(lo, hi), max(lo, hi), "(tb)") if not (math.isnan(lo) or math.isnan(hi)) \
            else Estimate(o, lo, hi, "(tb)")
    return MatchedPairs((a, b, c, d), chi2, p, p_exact, divide(a + b, n), divide(a + c, n),
                        difference, ratio, relative, odds)
