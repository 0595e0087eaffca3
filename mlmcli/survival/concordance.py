"""The concordance of a Cox model's predictions with the observed times, as ``estat concordance``
(stcstat.ado, [ST] stcox postestimation) computes them.

Harrell's C (Harrell et al. 1982, JAMA 247: 2543-2546): a pair of subjects is comparable when
both failed at different times (times within 1e-12 count as equal) or one failed at t_f and the
other was censored at t_c >= t_f; it is ordered as expected (E) when the subject failing first
has the larger relative hazard h, and tied (T) when the two h are equal.  C = (E + T/2) / P over
the P comparable pairs, Somers' D = 2C - 1; with strata only pairs within a stratum count.

Gönen and Heller's K (Gönen and Heller 2005, Biometrika 92: 965-970) from the linear predictions
x'b alone: K = 2 / (n(n-1)) sum_{i<j} 1 / (1 + exp(-|x_i'b - x_j'b|)); their smoothed K_s replaces
the indicator with Phi(h_ij / bw), bw = n^(-1/3) sd(x'b) / 2, and its asymptotic standard error
adds the variance of b through the derivative of K_s (stcstat.ado's KnBse, transcribed).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm


@dataclass(frozen=True)
class HarrellCounts:
    pairs: float      # P
    expected: float   # E
    tied: float       # T

    @property
    def c(self) -> float:
        return (self.expected + self.tied / 2) / self.pairs if self.pairs else float("nan")


def harrell_counts(t: np.ndarray, d: np.ndarray, h: np.ndarray) -> HarrellCounts:
    """P, E and T over all pairs of these subjects (module docstring)."""
    t, h = np.asarray(t, float), np.asarray(h, float)
    failed = np.asarray(d) != 0
    P = E = T = 0.0
    for i in np.flatnonzero(failed):  # each comparable pair has a failure that came first
        same = np.abs(t - t[i]) < 1e-12  # stcstat's fuzz for equal times
        later = (t > t[i]) & ~same
        # a failure at t_i with: a later time (either status), or a censoring at the same time;
        # two failures at distinct times are counted once, from the earlier one
        partner = later | (same & ~failed)
        partner[i] = False
        P += partner.sum()
        T += (partner & (h == h[i])).sum()
        E += (partner & (h[i] > h)).sum()
    return HarrellCounts(P, E, T)


def gonen_heller(xb: np.ndarray) -> float:
    """K of the module docstring."""
    xb = np.sort(np.asarray(xb, float))
    n = len(xb)
    total = 0.0
    for i in range(n - 1):
        total += np.sum(1 / (1 + np.exp(-np.abs(xb[i + 1:] - xb[i]))))
    return 2 * total / (n * (n - 1))


def gonen_heller_se(xb: np.ndarray, X: np.ndarray, V: np.ndarray) -> tuple[float, float, float]:
    """(K, the smoothed K_s, its asymptotic standard error): stcstat.ado's KnBse on the
    records sorted by x'b (X: the columns of e(b) without omitted ones, V their variance)."""
    order = np.argsort(xb, kind="stable")
    xb, X = np.asarray(xb, float)[order], np.asarray(X, float)[order]
    N = len(xb)
    bw = 0.5 * N ** (-1 / 3) * np.std(xb, ddof=1)
    K = AK = temp1 = temp2 = 0.0
    PD = np.zeros(X.shape[1])
    for i in range(N):
        hij = xb[i] - xb
        denij, denji = 1 + np.exp(hij), 1 + np.exp(-hij)
        F = norm.cdf(hij / bw)
        uij, uji = F / denji, (1 - F) / denij
        u = uij + uji
        if i != N - 1:
            K += np.sum(1 / (1 + np.exp(-np.abs(hij[i + 1:]))))
            AK += np.sum(u[i + 1:])
            f = norm.pdf(hij / bw)
            term1 = (f / denji) / bw + uij * np.exp(-hij) / denji
            term2 = (f / denij) / bw + uji * np.exp(hij) / denij
            PD += (X[i] - X[i + 1:]).T @ (term1[i + 1:] - term2[i + 1:])
        sum_u = float(np.sum(u))
        temp1 += sum_u ** 2 - float(u @ u)
        temp2 += 2 * sum_u
    d1 = N * (N - 1)
    K, AK = 2 * K / d1, 2 * AK / d1
    var = 4 * (temp1 + PD @ V @ PD) / d1 ** 2 - 4 * temp2 * AK / (d1 * N) + 4 * AK * AK / (N - 1)
    return K, AK, float(np.sqrt(var))
