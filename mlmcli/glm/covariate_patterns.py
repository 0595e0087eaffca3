"""Deviance residuals of a binary-outcome model by covariate pattern (logit_p/probit_p's
``predict, deviance``; [R] logistic postestimation, Methods and formulas).

Observations of the estimation sample with the same covariate values (the right-hand-side
columns; the offset is not part of a pattern) form a pattern j with M_j = sum of the (frequency)
weights of its observations, y_j = the weighted number of them with a non-zero outcome, and p_j
the predicted probability (logit_p takes the one of the pattern's last observation in its sort
order: here the last in data order).  The deviance residual is

    d_j = sign(y_j - M_j p_j) sqrt(2 [y_j ln(y_j / (M_j p_j)) + (M_j - y_j) ln((M_j - y_j) / (M_j (1 - p_j)))])

with d_j = -sqrt(2 M_j |ln(1 - p_j)|) when y_j = 0 and d_j = sqrt(2 M_j |ln p_j|) when y_j = M_j;
every observation of the pattern gets d_j.
"""
from __future__ import annotations

import numpy as np


def pattern_deviance_residuals(X: np.ndarray, y: np.ndarray, p: np.ndarray, in_sample: np.ndarray,
                               w: np.ndarray | None = None) -> np.ndarray:
    """d_j of the module docstring on each row (NaN outside ``in_sample``); ``X`` the covariate
    columns (no constant), ``p`` Pr(y != 0) on each row, ``w`` frequency weights (None: 1)."""
    n = len(y)
    out = np.full(n, np.nan)
    rows = np.flatnonzero(np.asarray(in_sample, bool))
    if rows.size == 0:
        return out
    X = np.asarray(X, float).reshape(n, -1)
    keys = X[rows] if X.shape[1] else np.zeros((rows.size, 1))
    _, pattern = np.unique(keys, axis=0, return_inverse=True)
    pattern = pattern.ravel()
    weight = np.ones(rows.size) if w is None else np.asarray(w, float)[rows]
    success = (np.asarray(y, float)[rows] != 0) * weight
    n_patterns = int(pattern.max()) + 1
    m = np.bincount(pattern, weights=weight, minlength=n_patterns)
    ys = np.bincount(pattern, weights=success, minlength=n_patterns)
    last = np.zeros(n_patterns, int)
    last[pattern] = np.arange(rows.size)  # the pattern's last row in data order
    pj = np.asarray(p, float)[rows][last]
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = 2 * (ys * np.log(ys / (m * pj)) + (m - ys) * np.log((m - ys) / (m * (1 - pj))))
        d = np.sqrt(inner)
        d = np.where(ys - m * pj < 0, -d, d)
        d = np.where(ys == 0, -np.sqrt(2 * m * np.abs(np.log1p(-pj))), d)
        d = np.where(ys == m, np.sqrt(2 * m * np.abs(np.log(pj))), d)
    out[rows] = d[pattern]
    return out
