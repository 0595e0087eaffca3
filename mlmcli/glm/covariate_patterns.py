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

from mlmcli.sorted_codes import matrix_row_codes


class CovariatePatterns:
    """The patterns of ``keys`` (one row per observation, the covariate values) over ``in_sample``:
    M_j (``m``), y_j (``successes``), p_j (``pj``, the pattern's last row in data order); the
    statistics per pattern spread on its rows (pattern_statistics' formulas)."""

    def __init__(self, keys: np.ndarray, y: np.ndarray, p: np.ndarray, in_sample: np.ndarray,
                 w: np.ndarray | None = None):
        n = len(y)
        self.n, self.keys, self.y, self.p, self.w = n, np.asarray(keys, float).reshape(n, -1), y, p, w
        self.in_sample = np.asarray(in_sample, bool)
        self.rows = np.flatnonzero(self.in_sample)
        keys_in = self.keys[self.rows] if self.keys.shape[1] else np.zeros((self.rows.size, 1))
        if self.rows.size:
            self.pattern = matrix_row_codes(keys_in)  # lexicographic: Stata's sort
        else:
            self.pattern = np.zeros(0, int)
        self.count = int(self.pattern.max()) + 1 if self.rows.size else 0
        weight = np.ones(self.rows.size) if w is None else np.asarray(w, float)[self.rows]
        self.m = np.bincount(self.pattern, weights=weight, minlength=self.count)
        success = (np.asarray(y, float)[self.rows] != 0) * weight
        self.successes = np.bincount(self.pattern, weights=success, minlength=self.count)
        self.last = np.zeros(self.count, int)
        self.last[self.pattern] = np.arange(self.rows.size)  # the pattern's last row in data order
        self.pj = np.asarray(p, float)[self.rows][self.last]

    def spread(self, per_pattern: np.ndarray) -> np.ndarray:
        """A value per pattern on each of its rows (NaN outside the sample)."""
        out = np.full(self.n, np.nan)
        out[self.rows] = per_pattern[self.pattern]
        return out

    def number(self) -> np.ndarray:
        return self.spread(np.arange(1, self.count + 1, dtype=float))

    def pearson(self) -> np.ndarray:
        m, pj = self.m, self.pj
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.spread((self.successes - m * pj) / np.sqrt(m * pj * (1 - pj)))

    def hat(self, stdp: np.ndarray) -> np.ndarray:
        s = np.asarray(stdp, float)[self.rows][self.last]
        return self.spread(self.m * self.pj * (1 - self.pj) * s * s)

    def deviance(self) -> np.ndarray:
        """d_j of the module docstring on each row."""
        m, ys, pj = self.m, self.successes, self.pj
        with np.errstate(divide="ignore", invalid="ignore"):
            inner = 2 * (ys * np.log(ys / (m * pj)) + (m - ys) * np.log((m - ys) / (m * (1 - pj))))
            d = np.sqrt(inner)
            d = np.where(ys - m * pj < 0, -d, d)
            d = np.where(ys == 0, -np.sqrt(2 * m * np.abs(np.log1p(-pj))), d)
            d = np.where(ys == m, np.sqrt(2 * m * np.abs(np.log(pj))), d)
        return self.spread(d)


def pattern_deviance_residuals(X: np.ndarray, y: np.ndarray, p: np.ndarray, in_sample: np.ndarray,
                               w: np.ndarray | None = None) -> np.ndarray:
    """d_j of the module docstring on each row (NaN outside ``in_sample``); ``X`` the covariate
    columns (no constant), ``p`` Pr(y != 0) on each row, ``w`` frequency weights (None: 1)."""
    return CovariatePatterns(X, y, p, in_sample, w).deviance()
