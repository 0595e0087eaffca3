"""The numbers of Stata's ``mhodds``: the Mantel-Haenszel odds ratio comparing two levels of
an exposure, or the score test for a trend of the log odds in the exposure with its
approximate odds ratio per unit, each over the strata formed by the adjustment variables
(mhodds.ado's formulas: Mantel and Haenszel's estimate with the variance of the score
U = sum(q - r), and the stratified score test for trend)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mlmcli.epitab import NAN, divide, z_value


@dataclass(frozen=True)
class MHOdds:
    odds: float
    lb: float
    ub: float
    chi2: float
    strata: int
    informative: int

    @property
    def p(self) -> float:
        return float(stats.chi2.sf(self.chi2, 1)) if not math.isnan(self.chi2) else NAN


def _finite_sum(values) -> float:
    return float(sum(v for v in values if not math.isnan(v)))


def mh_compare(outcome, exposure, weight, strata, first: float, second: float, level: float) -> MHOdds:
    """The odds ratio of exposure == first against exposure == second."""
    q, r, v = [], [], []
    keys = np.unique(strata)
    for key in keys:
        inside = strata == key
        d, e, w = outcome[inside], exposure[inside], weight[inside]
        d1, d2 = float((w * d)[e == first].sum()), float((w * d)[e == second].sum())
        h1, h2 = float((w * (1 - d))[e == first].sum()), float((w * (1 - d))[e == second].sum())
        p1, p2, pt = d1 + h1, d2 + h2, d1 + h1 + d2 + h2
        q.append(divide(d1 * h2, pt))
        r.append(divide(d2 * h1, pt))
        v.append(divide(p1 * p2 * (d1 + d2) * (h1 + h2), (pt - 1) * pt ** 2))
    Q, R, V = _finite_sum(q), _finite_sum(r), _finite_sum(v)
    odds = divide(Q, R)
    spread = math.exp(z_value(level) * math.sqrt(divide(V, Q * R))) if Q * R > 0 and V > 0 else NAN
    informative = sum(1 for x in v if x > 0)
    return MHOdds(odds, divide(odds, spread), odds * spread, divide((Q - R) ** 2, V), len(keys), informative)


def mh_trend(outcome, exposure, weight, strata, level: float) -> MHOdds:
    """The score test for a linear trend of the log odds in the exposure's values."""
    u, v = [], []
    keys = np.unique(strata)
    for key in keys:
        inside = strata == key
        d, e, w = outcome[inside], exposure[inside], weight[inside]
        dt, pt = float((w * d).sum()), float(w.sum())
        d1, p1, p2 = float((w * d * e).sum()), float((w * e).sum()), float((w * e * e).sum())
        u.append(d1 - divide(dt * p1, pt))
        v.append(divide(dt * (pt - dt) * (p2 - divide(p1 * p1, pt)), pt * (pt - 1)))
    U, V = _finite_sum(u), _finite_sum(v)
    odds = math.exp(U / V) if V > 0 else NAN
    spread = math.exp(z_value(level) / math.sqrt(V)) if V > 0 else NAN
    informative = sum(1 for x in v if x > 0)
    return MHOdds(odds, divide(odds, spread), odds * spread, divide(U * U, V), len(keys), informative)
