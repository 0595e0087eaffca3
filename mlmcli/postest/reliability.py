"""Reliability of the group-specific OLS coefficients (``estat reliability``).

Raudenbush & Bryk (2002, Hierarchical Linear Models, 2nd ed., eq. 3.53): for a
random intercept with between-group variance tau00 and residual variance
sigma^2, the reliability of group j's sample mean as an estimate of its true
mean is

    lambda_j = tau00 / (tau00 + sigma^2 / n_j).

For random coefficients (R&B eq. 3.58 and sect. 3.5) each group's OLS
estimate of its coefficient vector has error variance V_j = sigma^2
(Z_j' Z_j)^-1, and the reliability of coefficient q is

    lambda_qj = tau_qq / (tau_qq + V_j[q, q]),

averaged over the groups with enough observations for an OLS fit (Z_j of
full column rank); other groups get a missing value.
"""
from __future__ import annotations

import numpy as np

from mlmcli.results.multilevel_statistics import ReliabilityResult


def reliability(Z: np.ndarray, group: np.ndarray, T: np.ndarray, sigma2: float,
                levelvar: str, coef_names, group_labels) -> ReliabilityResult:
    """lambda_qj = T_qq / (T_qq + sigma^2 [(Z_j'Z_j)^-1]_qq) for every group j.

    ``group``: int codes 0..J-1 per observation; ``Z``: n x q design of the
    level's random effects; ``T``: q x q covariance of the random effects.
    """
    Z = np.asarray(Z, dtype=float).reshape(len(group), -1)
    T = np.atleast_2d(np.asarray(T, dtype=float))
    J = len(group_labels)
    q = Z.shape[1]
    counts = np.bincount(group, minlength=J)
    ZtZ = np.zeros((J, q, q))
    np.add.at(ZtZ, group, Z[:, :, None] * Z[:, None, :])
    lam = np.full((J, q), np.nan)
    tdiag = np.diag(T)
    for j in range(J):
        M = ZtZ[j]
        if counts[j] < q or np.linalg.matrix_rank(M) < q:
            continue
        v = sigma2 * np.diag(np.linalg.inv(M))
        lam[j] = tdiag / (tdiag + v)
    with np.errstate(invalid="ignore"):
        avg = np.array([np.nanmean(lam[:, k]) if np.any(~np.isnan(lam[:, k])) else np.nan
                        for k in range(q)])
    return ReliabilityResult(levelvar, tuple(coef_names), tuple(group_labels), counts, lam,
                             avg, T, float(sigma2))
