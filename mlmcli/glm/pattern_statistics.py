"""logit_p's covariate-pattern statistics ([R] logistic postestimation, Methods and formulas;
Hosmer & Lemeshow's m-asymptotic definitions).

The estimation sample's observations with equal values of the right-hand-side variables (the
variables of e(b)'s columns, operators removed, as logit_p's ``unopvarlist``; the offset is not
part of a pattern) form pattern j, numbered 1, 2, ... in the sort order of those variables
(``number``).  With M_j the (frequency-weighted) count of the pattern, y_j its weighted count of
non-zero outcomes and p_j, s_j the predicted probability and the S.E. of the linear prediction
(logit_p takes them from the pattern's last observation in its sort order: here the last in data
order):

    Pearson residual     r_j = (y_j - M_j p_j) / sqrt(M_j p_j (1 - p_j))          (residuals)
    leverage             h_j = M_j p_j (1 - p_j) s_j^2                             (hat)
    standardized Pearson r_j / sqrt(1 - h_j)                                      (rstandard)
    Pregibon's dbeta     r_j^2 h_j / (1 - h_j)^2                                   (dbeta)
    H-L dX^2             r_j^2 / (1 - h_j)                                         (dx2)
    H-L dD               d_j^2 / (1 - h_j), d_j the deviance residual              (ddeviance)

Every observation of the pattern gets the pattern's value; rows outside the sample are NaN.
"""
from __future__ import annotations

import numpy as np

from .covariate_patterns import pattern_deviance_residuals


class CovariatePatterns:
    """The patterns of ``keys`` (one row per observation, the covariate values) over ``in_sample``."""

    def __init__(self, keys: np.ndarray, y: np.ndarray, p: np.ndarray, in_sample: np.ndarray,
                 w: np.ndarray | None = None):
        n = len(y)
        self.n, self.keys, self.y, self.p, self.w = n, np.asarray(keys, float).reshape(n, -1), y, p, w
        self.in_sample = np.asarray(in_sample, bool)
        self.rows = np.flatnonzero(self.in_sample)
        keys_in = self.keys[self.rows] if self.keys.shape[1] else np.zeros((self.rows.size, 1))
        if self.rows.size:
            _, pattern = np.unique(keys_in, axis=0, return_inverse=True)  # lexicographic: Stata's sort
            self.pattern = pattern.ravel()
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

    def _spread(self, per_pattern: np.ndarray) -> np.ndarray:
        out = np.full(self.n, np.nan)
        out[self.rows] = per_pattern[self.pattern]
        return out

    def number(self) -> np.ndarray:
        return self._spread(np.arange(1, self.count + 1, dtype=float))

    def pearson(self) -> np.ndarray:
        m, pj = self.m, self.pj
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._spread((self.successes - m * pj) / np.sqrt(m * pj * (1 - pj)))

    def hat(self, stdp: np.ndarray) -> np.ndarray:
        s = np.asarray(stdp, float)[self.rows][self.last]
        return self._spread(self.m * self.pj * (1 - self.pj) * s * s)

    def deviance(self) -> np.ndarray:
        return pattern_deviance_residuals(self.keys, self.y, self.p, self.in_sample, self.w)


def pattern_statistic(name: str, patterns: CovariatePatterns, stdp: np.ndarray | None) -> np.ndarray:
    """One statistic of the module docstring on every row (NaN outside the sample)."""
    if name == "number":
        return patterns.number()
    if name == "residuals":
        return patterns.pearson()
    if name == "deviance":
        return patterns.deviance()
    h = patterns.hat(stdp)
    if name == "hat":
        return h
    with np.errstate(divide="ignore", invalid="ignore"):
        if name == "ddeviance":
            return patterns.deviance() ** 2 / (1 - h)
        r = patterns.pearson()
        if name == "rstandard":
            return r / np.sqrt(1 - h)
        if name == "dx2":
            return r * r / (1 - h)
        if name == "dbeta":
            return r * r * h / (1 - h) ** 2
    raise ValueError(name)


def covariate_variables(colnames) -> list[str]:
    """The variables of e(b)'s column names without operators (logit_p's GetRhs + unopvarlist):
    ``2.grp`` -> grp, ``c.x#c.z`` -> x z, ``L.x2`` -> x2; _cons left out; first appearance order."""
    out: list[str] = []
    for col in colnames:
        name = col.split(":")[-1]
        if name == "_cons":
            continue
        for part in name.split("#"):
            var = part.rsplit(".", 1)[-1]
            if var and var not in out:
                out.append(var)
    return out
