"""The coordinates the optimizer works in: theta = theta0 + N T u.

N theta0 are the linear constraints' map (``glm.inference.ConstraintMap``: theta = theta0 + N gamma),
and T rescales gamma so that the fixed part is well conditioned: for the fixed effects and
ancillary parameters T is the Cholesky factor of their covariance in the phase-1 fixed-effects
model, V_glm = T T' (so u is beta in units -- and rotated axes -- of its standard errors: a
cubic covariate such as duration^3 whose coefficient is 1e-5 gets the same footing as a
dummy), and the identity for the random-effects parameters (ln sd, atanh corr, already of
order one).  This is what lme4's glmer gets from its penalized IRLS in beta: BFGS, its
finite-difference start Hessian and the step tests are scale-free there, not in theta.
Without a usable V_glm (constraints, a singular or non-finite covariance) T = I.

Derivatives carry over linearly: df/du = (N T)' df/dtheta, and V(theta) = (N T) V(u) (N T)'.
"""
from __future__ import annotations

import numpy as np

from ..glm.inference import ConstraintMap


class ScaledMap:
    """``ConstraintMap``'s interface (theta, gamma, vcov, N, m, active) in the scaled u."""

    def __init__(self, cmap: ConstraintMap, T: np.ndarray | None = None):
        self.cmap = cmap
        self.active = cmap.active  # linear constraints (the fit reports them)
        self.T = np.eye(cmap.m) if T is None else T
        self.N = cmap.N @ self.T
        self.theta0 = cmap.theta0

    @property
    def m(self) -> int:
        return self.N.shape[1]

    def theta(self, u: np.ndarray) -> np.ndarray:
        return self.cmap.theta(self.T @ np.asarray(u, float))

    def gamma(self, theta: np.ndarray) -> np.ndarray:
        return np.linalg.solve(self.T, self.cmap.gamma(theta))

    def vcov(self, V_u: np.ndarray) -> np.ndarray:
        return self.cmap.vcov(self.T @ V_u @ self.T.T)


def fixed_part_scaling(cmap: ConstraintMap, V_glm: np.ndarray, n_fixed: int) -> np.ndarray | None:
    """T (module docstring) from the phase-1 covariance of the first ``n_fixed`` parameters
    (beta, alpha); None (keep theta's own coordinates) when constrained or not usable."""
    if cmap.active:
        return None
    V = np.asarray(V_glm, float)
    if V.shape != (n_fixed, n_fixed) or not np.all(np.isfinite(V)):
        return None
    try:
        L = np.linalg.cholesky(0.5 * (V + V.T))
    except np.linalg.LinAlgError:
        return None
    d = np.abs(np.diag(L))
    if not np.all(d > 1e-12 * max(d.max(), 1e-300)):
        return None
    T = np.eye(cmap.m)
    T[:n_fixed, :n_fixed] = L
    return T
