"""The one-dimensional stereotype logit ([R] slogit, dimension(1)).

For outcome k, eta_k = theta_k - phi_k (x b), Pr(y = k) = exp(eta_k) / sum_m exp(eta_m), with
theta_base = phi_base = 0 and phi of the first other outcome fixed at 1 (slogit's corner
constraint).  Free parameters, in order: b (p), phi of the other outcomes but the first (K - 2),
theta of the outcomes but the base (K - 1).  The gradient is analytic, the Hessian its central
differences; Newton-Raphson from the caller's start.  The engine never prints.
"""
from __future__ import annotations

import numpy as np
from scipy import special


class StereotypeLikelihood:
    def __init__(self, X, y, base, K):
        self.X, self.y, self.base, self.K = X, y, base, K
        self.others = [k for k in range(K) if k != base]  # the non-base outcomes, in order
        self.p = X.shape[1]

    def unpack(self, theta):
        """(b, phi over all K, theta over all K)."""
        theta = np.asarray(theta, float)
        p, K = self.p, self.K
        b = theta[:p]
        phi, th = np.zeros(K), np.zeros(K)
        phi[self.others[0]] = 1.0
        phi[self.others[1:]] = theta[p:p + K - 2]
        th[self.others] = theta[p + K - 2:]
        return b, phi, th

    def probabilities(self, theta, X=None):
        b, phi, th = self.unpack(theta)
        s = (self.X if X is None else X) @ b
        eta = th[None, :] - s[:, None] * phi[None, :]
        return np.exp(eta - special.logsumexp(eta, axis=1)[:, None])

    def loglik(self, theta) -> float:
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            P = self.probabilities(theta)
            v = float(np.log(P[np.arange(len(self.y)), self.y]).sum())
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        """One row per observation: d ln L_i / d theta."""
        b, phi, _ = self.unpack(theta)
        P = self.probabilities(theta)
        Y = np.zeros_like(P)
        Y[np.arange(len(self.y)), self.y] = 1.0
        R = Y - P                                  # d ll / d eta_k
        s = self.X @ b
        return np.column_stack([-self.X * (R @ phi)[:, None], -(R * s[:, None])[:, self.others[1:]],
                                R[:, self.others]])

    def gradient(self, theta) -> np.ndarray:
        return self.scores(theta).sum(axis=0)

    def grad_hess(self, theta):
        from .central_hessian import hessian_from_gradient

        return self.gradient(theta), hessian_from_gradient(self.gradient, theta)


def fit_stereotype(lik: StereotypeLikelihood, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
                   nrtolerance=1e-5):
    from .newton import maximize
    from .newton import NOT_CONCAVE_STALL as STALL

    # stall: a few separated observations leave -H singular on a plateau, every step "(not
    # concave)" for all of iterate() (fuzz round 9, as mprobit's); stop there not converged
    return maximize(lik.loglik, lik.grad_hess, np.asarray(start, float), iterate=iterate, tolerance=tolerance,
                    ltolerance=ltolerance, nrtolerance=nrtolerance, stall=STALL)


def slogit_start(b_mlogit: np.ndarray, cons: np.ndarray, K: int) -> np.ndarray:
    """slogit.ado's InitStereo for dimension 1 with the corner constraint: phi = (1, .5, ...,
    .5) over the non-base outcomes, b = -B'phi / phi'phi from mlogit's slopes B (one row per
    non-base outcome), theta = mlogit's constants."""
    phi = np.full(K - 1, 0.5)
    phi[0] = 1.0
    b = -(b_mlogit.T @ phi) / (phi @ phi)
    return np.concatenate([b, phi[1:], cons])
