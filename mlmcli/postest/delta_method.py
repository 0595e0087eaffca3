"""The delta method for nonlinear functions of the coefficients (``nlcom``).

For g: R^k -> R^q evaluated at the estimates b with covariance V, the estimate is g(b) and
its covariance G V G', G the q x k Jacobian dg/db at b.  G is computed numerically by
central differences, column j with the step h_j = eps^(1/3) max(|b_j|, 1e-2) (eps the
machine epsilon), improved by one Richardson extrapolation (steps h and h/2), so that the
error is of order h^4: far below the 7 to 8 digits a coefficient table prints.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def jacobian(g: Callable[[np.ndarray], np.ndarray], b: np.ndarray) -> np.ndarray:
    """dg/db at b (q x k) by Richardson-extrapolated central differences."""
    b = np.asarray(b, float)
    base = np.asarray(g(b), float).ravel()
    G = np.zeros((base.size, b.size))
    for j in range(b.size):
        h = np.finfo(float).eps ** (1 / 3) * max(abs(b[j]), 1e-2)

        def central(step: float) -> np.ndarray:
            up, down = b.copy(), b.copy()
            up[j] += step
            down[j] -= step
            return (np.asarray(g(up), float).ravel() - np.asarray(g(down), float).ravel()) / (2 * step)
        d1, d2 = central(h), central(h / 2)
        G[:, j] = (4 * d2 - d1) / 3
    return G


def delta_method(g: Callable[[np.ndarray], np.ndarray], b: np.ndarray, V: np.ndarray):
    """(g(b), G V G', G)."""
    b = np.asarray(b, float)
    estimate = np.asarray(g(b), float).ravel()
    G = jacobian(g, b)
    with np.errstate(over="ignore", invalid="ignore"):  # past the double range: missing, as Stata's
        cov = G @ np.asarray(V, float) @ G.T
        cov = (cov + cov.T) / 2
    return estimate, np.where(np.isfinite(cov), cov, np.nan), G
