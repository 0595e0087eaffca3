"""Rank tests: Wilcoxon rank-sum (Mann-Whitney, Stata's ``ranksum``), Wilcoxon signed-rank
(``signrank``) and Kruskal-Wallis (``kwallis``), as Stata's ranksum.ado, signrank.ado and
kwallis.ado compute them (the normal and chi-squared approximations; Stata 13 has no exact
p-values).

ranksum: ranks r of x in the pooled sample (ties averaged); W1 the rank sum of the first group;
the variance n1 n2 Var(r)/n (Var with divisor n-1) is the ties-adjusted one, n1 n2 (n+1)/12 the
unadjusted; z = (W1 - n1(n+1)/2)/sqrt(variance); porder = (W1 - n1(n1+1)/2)/(n1 n2).
signrank: d = x - exp; ranks of |d| over all d (zeros included, as signrank.ado ranks them);
T+ and T- the rank sums of positive and negative d; variance sum over d != 0 of r^2 / 4;
z = (T+ - T-)/(2 sqrt(variance)).
kwallis: H = 12/(N(N+1)) sum R_i^2/n_i - 3(N+1); with ties H / (1 - sum(t^3-t)/(N^3-N)).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import chi2, norm


def _ranks(x: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata
    return rankdata(x)


@dataclass(frozen=True)
class RankSum:
    n1: int
    n2: int
    sum1: float
    variance: float
    unadjusted: float
    z: float
    p: float
    p_lower: float
    p_upper: float
    porder: float


def ranksum(x1: np.ndarray, x2: np.ndarray) -> RankSum:
    """The two-sample rank-sum test of x1 (the first group) against x2."""
    n1, n2 = x1.size, x2.size
    n = n1 + n2
    r = _ranks(np.concatenate([x1, x2]))
    w1 = float(r[:n1].sum())
    v = n1 * n2 * float(np.var(r, ddof=1)) / n
    z = (w1 - n1 * (n + 1) / 2) / np.sqrt(v) if v > 0 else float("nan")
    return RankSum(n1, n2, w1, v, n1 * n2 * (n + 1) / 12, float(z), float(2 * norm.cdf(-abs(z))),
                   float(norm.cdf(z)), float(norm.cdf(-z)), (w1 - n1 * (n1 + 1) / 2) / (n1 * n2))


@dataclass(frozen=True)
class SignRank:
    n_pos: int
    n_neg: int
    n_zero: int
    sum_pos: float
    sum_neg: float
    variance: float
    z: float
    p: float
    p_lower: float
    p_upper: float

    @property
    def n(self) -> int:
        return self.n_pos + self.n_neg + self.n_zero

    @property
    def unadjusted(self) -> float:
        n = self.n
        return n * (n + 1) * (2 * n + 1) / 24

    @property
    def zero_adjustment(self) -> float:
        n0 = self.n_zero
        return -n0 * (n0 + 1) * (2 * n0 + 1) / 24


def signrank(d: np.ndarray) -> SignRank:
    """The signed-rank test of the differences d (no missing values)."""
    r = _ranks(np.abs(d))
    pos, neg = d > 0, d < 0
    tp, tn = float(r[pos].sum()), float(r[neg].sum())
    v = float((r[d != 0] ** 2).sum()) / 4
    z = (tp - tn) / (2 * np.sqrt(v)) if v > 0 else float("nan")
    return SignRank(int(pos.sum()), int(neg.sum()), int((d == 0).sum()), tp, tn, v, float(z),
                    float(2 * norm.cdf(-abs(z))), float(norm.cdf(z)), float(norm.cdf(-z)))


@dataclass(frozen=True)
class KruskalWallis:
    obs: tuple[int, ...]
    rank_sums: tuple[float, ...]
    chi2: float
    chi2_adj: float
    df: int

    @property
    def p(self) -> float:  # kwallis.ado: chiprob(df, chi2 + 1e-20)
        return float(chi2.sf(self.chi2 + 1e-20, self.df))

    @property
    def p_adj(self) -> float:
        return float(chi2.sf(self.chi2_adj + 1e-20, self.df))


def kwallis(x: np.ndarray, groups: np.ndarray, levels) -> KruskalWallis:
    """The Kruskal-Wallis test of x across ``groups`` (codes; ``levels`` in display order)."""
    r = _ranks(x)
    n = x.size
    obs = tuple(int((groups == g).sum()) for g in levels)
    sums = tuple(float(r[groups == g].sum()) for g in levels)
    h = 12 / (n * (n + 1)) * sum(s * s / k for s, k in zip(sums, obs)) - 3 * (n + 1)
    _, counts = np.unique(x, return_counts=True)
    t = counts[counts > 1].astype(float)
    den = n ** 3 - n
    adj = 1 - float((t ** 3 - t).sum()) / den if den else float("nan")
    # every value tied (adj 0): the ado's chi2 / 0 is missing
    return KruskalWallis(obs, sums, float(h), float(h / adj) if adj else float("nan"), len(levels) - 1)
