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

from mlmcli.missing import MAX_DOUBLE


def _weights(w: np.ndarray | None, kind: str | None, n: int) -> np.ndarray:
    if w is None:
        return np.ones(n)
    w = np.asarray(w, float)
    return w if kind == "fweight" else w * (n / w.sum())


def covariance_matrix(X: np.ndarray, w: np.ndarray | None = None, kind: str | None = None):
    """(means, covariance matrix, N) over the rows of X (all known); a covariance past Stata's
    largest double is missing (columns near 1e307: ``scaled_covariance``)."""
    means, C, total, scale = scaled_covariance(X, w, kind)
    if np.all(scale == 1.0):
        return means, C, total
    with np.errstate(over="ignore", invalid="ignore"):
        means = means * scale
        C = C * scale[:, None] * scale[None, :]
    return means, np.where(np.abs(C) <= MAX_DOUBLE, C, np.nan), total


def scaled_covariance(X: np.ndarray, w: np.ndarray | None = None, kind: str | None = None):
    """(means, covariance, N, scale): the moments of X / scale, each column's scale 1 or, for a
    column past 2^480, the power of two at or above its largest value (exact; the products of
    values near 1e307 would overflow).  Correlations are the same from either."""
    n = X.shape[0]
    wn = _weights(w, kind, n)
    top = np.max(np.abs(X), axis=0, initial=0.0) if X.size else np.zeros(X.shape[1])
    scale = np.where(top > 2.0 ** 480, np.ldexp(1.0, np.minimum(np.frexp(top)[1], 1023)), 1.0)
    if np.any(scale != 1.0):
        X = X / scale
    total = wn.sum()
    means = (X * wn[:, None]).sum(axis=0) / total
    D = X - means
    with np.errstate(divide="ignore", invalid="ignore"):  # one observation: 0/0, missing as in Stata
        C = (D * wn[:, None]).T @ D / (total - 1)
    return means, C, float(total), scale


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
    _, C, N, _ = scaled_covariance(np.column_stack([x[ok], y[ok]]), None if w is None else w[ok], kind)
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
