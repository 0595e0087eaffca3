"""Maximum likelihood for a recursive path model with uncorrelated Gaussian errors.

Each equation y = X b + e, e ~ N(0, s2), contributes its own conditional density, so
the ML estimates are per-equation least squares: b = (X'X)^-1 X'y and s2 = RSS / N
(not RSS / (N - k)).  The observed information is block diagonal:
V(b) = s2 (X'X)^-1 and V(s2) = 2 s2^2 / N.  The log likelihood of one equation is
-N/2 (log 2 pi + log s2 + 1); per observation the scores are x_i r_i / s2 and
-1/(2 s2) + r_i^2 / (2 s2^2).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

LOG_2PI = float(np.log(2.0 * np.pi))


@dataclass(frozen=True)
class EquationFit:
    """One equation's ML estimates: coefficients (regressors, then the constant), their
    covariance, the error variance and its variance, residuals."""

    beta: np.ndarray
    V_beta: np.ndarray
    sigma2: float
    var_sigma2: float
    residuals: np.ndarray
    loglik: float


def fit_equation(y: np.ndarray, X: np.ndarray) -> EquationFit:
    """Least squares of y on X (X holds the constant column; the caller has checked that it
    has full column rank).  A residual variance past the double range is r(1400)."""
    n = len(y)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r = y - X @ beta
    with np.errstate(over="ignore"):
        s2 = float(r @ r / n)
    if not np.isfinite(s2):  # an error variance past the largest double (y near 1e307): no start to take
        raise StataError("initial values not feasible", 1400)
    XtX_inv = np.linalg.inv(X.T @ X)
    ll = -0.5 * n * (LOG_2PI + np.log(s2) + 1.0)
    return EquationFit(beta, s2 * XtX_inv, s2, 2.0 * s2 * s2 / n, r, float(ll))


def equation_scores(X: np.ndarray, fit: EquationFit) -> np.ndarray:
    """n x (k + 1) scores of one equation's log likelihood: d/db then d/ds2."""
    r, s2 = fit.residuals, fit.sigma2
    return np.column_stack([X * (r / s2)[:, None], -0.5 / s2 + r * r / (2.0 * s2 * s2)])


def saturated_loglik(Z: np.ndarray) -> float:
    """Log likelihood of the saturated multivariate normal model of the columns of Z
    (means and covariances free): -N/2 (p log 2 pi + log|S| + p), S the ML covariance."""
    n, p = Z.shape
    if p == 0:
        return 0.0
    D = Z - Z.mean(axis=0)
    S = D.T @ D / n
    sign, logdet = np.linalg.slogdet(S)
    if sign <= 0:
        return float("nan")
    return float(-0.5 * n * (p * LOG_2PI + logdet + p))
