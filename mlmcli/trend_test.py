"""Cuzick's nonparametric test for trend across ordered groups, as nptrend.ado computes it:
ranks of the response over all observations (ties averaged), each group's rank sum R_i,
size n_i and score l_i; T = sum R_i l_i, E(T) = (N + 1) L / 2 with L = sum l_i n_i,
Var(T) = (1 - a)(N L2 - L^2)(N + 1)/12 with L2 = sum l_i^2 n_i and the tie correction
a = sum t(t^2 - 1) / (N(N^2 - 1)); z = (T - E(T))/sqrt(Var(T)), p = 2(1 - Phi(|z|))."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TrendTest:
    scores: tuple[float, ...]      # per group, in the groups' order
    counts: tuple[int, ...]
    rank_sums: tuple[float, ...]
    N: int
    T: float
    z: float
    p: float


def average_ranks(v: np.ndarray) -> np.ndarray:
    order = np.argsort(v, kind="mergesort")
    ranks = np.empty(len(v))
    sorted_v = v[order]
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def cuzick(y: np.ndarray, group: np.ndarray, score: np.ndarray) -> TrendTest:
    """y, group codes 0..k-1 (the groups' order) and each group's score, per observation."""
    from mlmcli.distributions import norm

    n = len(y)
    ranks = average_ranks(y)
    _, ties = np.unique(y, return_counts=True)
    t = ties.astype(float)
    k = int(group.max()) + 1
    sums = tuple(float(ranks[group == g].sum()) for g in range(k))
    counts = tuple(int((group == g).sum()) for g in range(k))
    scores = tuple(float(score[g]) for g in range(k))
    T = sum(r * s for r, s in zip(sums, scores))
    L = sum(s * c for s, c in zip(scores, counts))
    L2 = sum(s * s * c for s, c in zip(scores, counts))
    ET = (n + 1) * L / 2
    # one observation: the tie correction divides by zero, and the test is missing (as in Stata)
    a = float(np.sum(t * (t * t - 1))) / (n * (n * n - 1.0)) if n > 1 else float("nan")
    VT = (1 - a) * (n * L2 - L * L) * (n + 1) / 12
    z = (T - ET) / math.sqrt(VT) if VT > 0 else float("nan")  # NaN > 0 is False
    p = 2 * (1 - float(norm.cdf(abs(z)))) if VT > 0 else float("nan")
    return TrendTest(scores, counts, sums, n, T, z, p)
