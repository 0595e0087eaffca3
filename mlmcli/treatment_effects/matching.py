"""Nearest-neighbor matching estimators (teffects nnmatch; Abadie and Imbens 2006, 2011).

Each observation is matched, with replacement, to the ``M`` nearest observations of the other
treatment group (within its exact-match cell), ties at the M-th distance included (distances
within ``dtol`` of it).  The missing potential outcome is the mean of the matches' outcomes, with
``biasadj``: each match's outcome moved by mu_w(x_i) - mu_w(x_j), mu_w the least-squares fit of
the outcome on the bias-adjustment covariates in group w, weighted by the number of times each
observation is used as a match (Abadie and Imbens 2011: the matched sample).

Variance (vce(robust, nn(J)), the default J = 2): sigma^2_i is the sample variance of y_i and
the outcomes of its J nearest neighbors in its own group and exact-match cell (ties kept) --
Stata's printed SEs on cattaneo2 are reproduced by this and not by Abadie and Imbens' J/(J+1)
(y_i - mean)^2 -- and, with K(i) = sum over the l matched to i of 1/#J(l) and KK(i) the same
sum of 1/#J(l)^2,
  ATE:  V = 1/N^2 sum_i [(tau_i - tau)^2 + (K^2 + 2K - KK) sigma^2_i]
  ATET: V = 1/N1^2 [sum_{treated} (tau_i - tau)^2 + sum_{controls} (K^2 - KK) sigma^2_i]
(the ties-aware form of their equation 14: with no ties KK = K/M).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_CHUNK = 512


@dataclass
class MatchResult:
    tau: float
    var: float
    n_min: int
    n_max: int
    matches: list            # per observation: the indices of its matches
    imputed: np.ndarray      # (n, 2): y(0), y(1) (observed for the own group)


def nearest(Z: np.ndarray, rows: np.ndarray, pool: np.ndarray, cells: np.ndarray | None, m: int, dtol: float,
            exclude_self: bool = False) -> list:
    """For each index in ``rows`` the indices in ``pool`` at most the m-th smallest distance
    away (ties kept), within the same exact-match cell."""
    out = []
    for start in range(0, len(rows), _CHUNK):
        block = rows[start:start + _CHUNK]
        d = np.sqrt(np.maximum(((Z[block][:, None, :] - Z[pool][None, :, :]) ** 2).sum(axis=2), 0.0))
        if cells is not None:
            d = np.where(cells[block][:, None] == cells[pool][None, :], d, np.inf)
        if exclude_self:
            d = np.where(block[:, None] == pool[None, :], np.inf, d)
        for r in range(len(block)):
            finite = np.isfinite(d[r])
            k = min(m, int(finite.sum()))
            if k == 0:
                out.append(np.empty(0, int))
                continue
            cut = np.partition(d[r][finite], k - 1)[k - 1]
            out.append(pool[d[r] <= cut + dtol])
    return out


def _bias_fit(y, B, rows, weights):
    """Least squares of y on (B, 1) over ``rows`` weighted by ``weights``: the coefficients."""
    X = np.column_stack([B[rows], np.ones(len(rows))])
    sw = np.sqrt(weights)
    return np.linalg.lstsq(X * sw[:, None], y[rows] * sw, rcond=None)[0]


def match_effects(y: np.ndarray, treated: np.ndarray, Z: np.ndarray, *, m: int = 1, stat: str = "ate",
                  cells: np.ndarray | None = None, B: np.ndarray | None = None, nn: int = 2,
                  dtol: float = np.sqrt(np.finfo(float).eps)) -> MatchResult:
    n = len(y)
    idx = np.arange(n)
    t1, t0 = idx[treated], idx[~treated]
    who = t1 if stat == "atet" else idx
    matches: list = [np.empty(0, int)] * n
    for group, pool in ((t1, t0), (t0, t1)):
        todo = np.intersect1d(group, who)
        if len(todo):
            if len(pool) == 0:
                raise ValueError("no observations to match in the other group")
            for i, found in zip(todo, nearest(Z, todo, pool, cells, m, dtol)):
                if len(found) == 0:
                    raise ValueError("an observation has no match in its exact-match cell")
                matches[i] = found
    K = np.zeros(n)
    KK = np.zeros(n)
    for i in who:
        share = 1.0 / len(matches[i])
        K[matches[i]] += share
        KK[matches[i]] += share * share
    imputed = np.column_stack([y, y]).astype(float)
    coefs = {}
    if B is not None:
        for w, rows in ((0, t0), (1, t1)):
            used = K[rows] > 0
            coefs[w] = _bias_fit(y, B, rows[used], K[rows][used])
    for i in who:
        w = 0 if treated[i] else 1
        js = matches[i]
        vals = y[js]
        if B is not None:
            b = coefs[w]
            vals = vals + (B[i] - B[js]) @ b[:-1]
        imputed[i, w] = vals.mean()
    tau_i = imputed[:, 1] - imputed[:, 0]
    tau = float(tau_i[who].mean())
    # conditional variances: J nearest neighbors in the own group
    sigma2 = np.zeros(n)
    for group in (t1, t0):
        for i, found in zip(group, nearest(Z, group, group, cells, nn, dtol, exclude_self=True)):
            if len(found):
                sigma2[i] = np.var(np.concatenate([[y[i]], y[found]]), ddof=1)
    if stat == "atet":
        n1 = len(t1)
        var = (np.sum((tau_i[t1] - tau) ** 2) + np.sum(((K ** 2 - KK) * sigma2)[t0])) / n1 ** 2
    else:
        var = float(np.sum((tau_i - tau) ** 2 + (K ** 2 + 2 * K - KK) * sigma2)) / n ** 2
    counts = [len(matches[i]) for i in who]
    return MatchResult(tau, float(var), int(min(counts)), int(max(counts)), matches, imputed)


def metric_transform(X: np.ndarray, metric: str, matrix: np.ndarray | None = None) -> np.ndarray:
    """Covariates in the space where the metric is Euclidean: centered; ivariance divides by the
    standard deviations; mahalanobis multiplies by a square root of the inverse sample
    covariance, metric(matrix S) by one of S (the weighting matrix itself)."""
    Xc = X - X.mean(axis=0)
    if metric == "euclidean":
        return Xc
    if metric == "ivariance":
        sd = X.std(axis=0, ddof=1)
        return Xc / np.where(sd > 0, sd, 1.0)
    W = np.linalg.pinv(np.cov(X, rowvar=False).reshape(X.shape[1], X.shape[1])) if matrix is None else matrix
    vals, vecs = np.linalg.eigh((W + W.T) / 2)
    return Xc @ (vecs * np.sqrt(np.clip(vals, 0.0, None)))


def propensity_correction(y: np.ndarray, treated: np.ndarray, p: np.ndarray, X: np.ndarray, dens: np.ndarray,
                          V_ps: np.ndarray, nn: int, dtol: float) -> float:
    """Abadie and Imbens' (2016) term c' V_ps c that matching on an estimated propensity score
    takes off the ATE's variance: c = mean of (cov(X, mu_1 | p)/p + cov(X, mu_0 | p)/(1 - p)) f,
    f the density of the index, each covariance from the observation's own group (itself and its
    nn - 1 nearest by p) or the other group (its nn nearest), divided by the set's size less one.
    These choices reproduce Stata's printed psmatch SE on cattaneo2 to every digit."""
    n = len(y)
    idx = np.arange(n)
    Z = p[:, None]
    c = np.zeros(X.shape[1])
    for w, share in ((1, 1 / p), (0, 1 / (1 - p))):
        pool = idx[treated] if w == 1 else idx[~treated]
        other = idx[~treated] if w == 1 else idx[treated]
        sets = [np.concatenate([[i], found]) for i, found in zip(pool, nearest(Z, pool, pool, None, nn - 1, dtol,
                                                                                    exclude_self=True))]
        sets += nearest(Z, other, pool, None, nn, dtol)
        for i, s in zip(np.concatenate([pool, other]), sets):
            if len(s) < 2:
                continue
            xs, ys = X[s], y[s]
            cov = ((xs - xs.mean(axis=0)) * (ys - ys.mean())[:, None]).sum(axis=0) / (len(s) - 1)
            c += cov * share[i] * dens[i]
    c /= n
    return float(c @ V_ps @ c)
