"""Pearson correlations and covariances (``correlate``, ``pwcorr``).

correlate: over the observations with every variable known, with weights w (aweights
are rescaled to sum to the number of observations; fweights count observations):

    mean_j = sum w x_j / sum w,   cov_jk = sum w (x_j - mean_j)(x_k - mean_k) / (sum w - 1),
    r_jk = cov_jk / sqrt(cov_jj cov_kk)

pwcorr: each pair on the observations where both are known, and the significance
level of r on n observations,

    p = min(1, 2 a ttail(n - 2, |r| sqrt(n - 2) / sqrt(1 - r^2)))

with a = 1, or a = k(k-1)/2 with ``bonferroni``; with ``sidak`` p = min(1, 1 - (1 - p)^(k(k-1)/2)).
"""
from __future__ import annotations

import numpy as np
from scipy import stats


def _weights(w: np.ndarray | None, kind: str | None, n: int) -> np.ndarray:
    if w is None:
        return np.ones(n)
    w = np.asarray(w, float)
    return w if kind == "fweight" else w * (n / w.sum())


def covariance_matrix(X: np.ndarray, w: np.ndarray | None = None, kind: str | None = None):
    """(means, covariance matrix, N) over the rows of X (all known)."""
    n = X.shape[0]
    wn = _weights(w, kind, n)
    total = wn.sum()
    means = (X * wn[:, None]).sum(axis=0) / total
    D = X - means
    with np.errstate(divide="ignore", invalid="ignore"):  # one observation: 0/0, missing as in Stata
        C = (D * wn[:, None]).T @ D / (total - 1)
    return means, C, float(total)


def correlation_from_covariance(C: np.ndarray) -> np.ndarray:
    s = np.sqrt(np.diag(C))
    with np.errstate(divide="ignore", invalid="ignore"):
        R = C / np.outer(s, s)
    return R


def pair_correlation(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, kind: str | None = None):
    """(r, N) of two variables over the rows where both are known."""
    ok = ~np.isnan(x) & ~np.isnan(y)
    if w is not None:
        ok &= ~np.isnan(w)
    if ok.sum() == 0:
        return float("nan"), 0
    _, C, N = covariance_matrix(np.column_stack([x[ok], y[ok]]), None if w is None else w[ok], kind)
    R = correlation_from_covariance(C)
    return float(R[0, 1]), int(round(N))


def significance(r: float, n: int, adjustment: str | None = None, k: int = 2) -> float:
    """Two-sided p-value of r on n observations, Bonferroni- or Sidak-adjusted over the
    k(k-1)/2 correlations of k variables."""
    if not np.isfinite(r):
        return float("nan")
    m = k * (k - 1) / 2
    if r >= 1:
        p = 0.0
    else:
        if n <= 2:
            return float("nan")
        t = abs(r) * np.sqrt(n - 2) / np.sqrt(1 - r * r)
        p = min(2 * (m if adjustment == "bonferroni" else 1) * stats.t.sf(t, n - 2), 1.0)
    if adjustment == "sidak":
        p = min(1.0, 1 - (1 - p) ** m)
    return float(p)


def rank_matrix(X: np.ndarray) -> np.ndarray:
    """Each column's ranks, ties given their average rank (Spearman's rho is Pearson's r of
    these)."""
    from scipy.stats import rankdata

    return np.column_stack([rankdata(X[:, j]) for j in range(X.shape[1])]) if X.size else X
