"""Kendall's rank correlation of two variables, as ktau.ado computes it ([R] spearman):
the score S (concordant minus discordant pairs), tau-a = 2S/(N(N-1)),
tau-b = 2S/sqrt((N(N-1) - sum t(t-1)) (N(N-1) - sum u(u-1))), the tie-corrected standard
error of S and the continuity-corrected normal p-value 2(1 - Phi((|S| - 1)/se)) (1 when S = 0)."""
from __future__ import annotations

import math

import numpy as np

from mlmcli.results.kendall_tau import KendallPair


def _tie_sums(v: np.ndarray) -> tuple[float, float, float]:
    """sum t(t-1)(2t+5), sum t(t-1), sum t(t-1)(t-2) over the groups of tied values."""
    _, counts = np.unique(v, return_counts=True)
    t = counts.astype(float)
    return float(np.sum(t * (t - 1) * (2 * t + 5))), float(np.sum(t * (t - 1))), float(np.sum(t * (t - 1) * (t - 2)))


def score(x: np.ndarray, y: np.ndarray) -> float:
    """Concordant minus discordant pairs (ties count zero)."""
    s = 0.0
    for i in range(len(x) - 1):
        s += float(np.sum(np.sign(x[i + 1:] - x[i]) * np.sign(y[i + 1:] - y[i])))
    return s


def kendall_pair(x: np.ndarray, y: np.ndarray) -> KendallPair:
    """x and y without missing values, at least 3 observations."""
    from mlmcli.distributions import norm

    n = len(x)
    s = score(x, y)
    xt, xt2, xt3 = _tie_sums(x)
    yt, yt2, yt3 = _tie_sums(y)
    nn = n * (n - 1.0)
    tau_a = 2 * s / nn
    denominator = (nn - xt2) * (nn - yt2)
    tau_b = 2 * s / math.sqrt(denominator) if denominator > 0 else float("nan")
    se = math.sqrt((nn * (2 * n + 5) - xt - yt) / 18 + xt3 * yt3 / (9 * nn * (n - 2)) + xt2 * yt2 / (2 * nn))
    p = 1.0 if s == 0 else 2 * (1 - float(norm.cdf((abs(s) - 1) / se))) if se > 0 else float("nan")
    return KendallPair(n, tau_a, tau_b, s, se, p, xt2 > 0 or yt2 > 0)
