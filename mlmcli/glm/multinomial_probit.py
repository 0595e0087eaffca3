"""Multinomial probit with independent errors ([R] mprobit).

Outcome k's utility is x b_k + e_k, the e_k independent N(0, 1) (``probitparam``: N(0, 1/2),
so a difference of two has variance 1), b_base = 0.  With d_k = c (eta_j - eta_k), c = 1 (or
sqrt(2) under probitparam), Pr(y = j) = integral phi(z) prod_{k != j} Phi(z + d_k) dz, computed
by Gauss-Hermite quadrature at ``points`` nodes (mprobit's intpoints(), default 15); with two
outcomes it is Phi(d / sqrt(2)) exactly (mprobit.ado: no quadrature).  The gradient is
analytic, the Hessian its central differences (ml's d1 method); Newton-Raphson from the
caller's start.  The engine never prints.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.glm.multinomial import MultinomialFit


def quadrature(points: int):
    """(z nodes, weights) for integral phi(z) f(z) dz."""
    t, w = np.polynomial.hermite.hermgauss(points)
    return np.sqrt(2.0) * t, w / np.sqrt(np.pi)


def _Phi(x):
    return special.ndtr(x)


def outcome_probabilities(eta: np.ndarray, probitparam: bool, points: int) -> np.ndarray:
    """n x K: Pr(y = j) for every outcome j at the indices eta (n x K, the base column 0)."""
    n, K = eta.shape
    c = np.sqrt(2.0) if probitparam else 1.0
    out = np.empty((n, K))
    if K == 2:
        d = c * (eta[:, 0] - eta[:, 1]) / np.sqrt(2.0)
        out[:, 0], out[:, 1] = _Phi(d), _Phi(-d)
        return out
    z, w = quadrature(points)
    for j in range(K):
        d = c * (eta[:, [j]] - np.delete(eta, j, axis=1))              # n x (K-1)
        logs = np.log(np.maximum(_Phi(z[None, None, :] + d[:, :, None]), 1e-300)).sum(axis=1)  # n x q
        out[:, j] = np.exp(logs) @ w
    return out


class ProbitLikelihood:
    """ln L(theta) and its gradient over the free equations' coefficients (theta stacked by
    equation, as mlogit's)."""

    def __init__(self, X, y, base, K, w, probitparam, points):
        self.X, self.y, self.base, self.K, self.w = X, y, base, K, w
        self.free = [k for k in range(K) if k != base]
        self.p = X.shape[1]
        self.c = np.sqrt(2.0) if probitparam else 1.0
        self.probitparam, self.points = probitparam, points
        self.z, self.qw = quadrature(points) if K > 2 else (None, None)

    def eta(self, theta) -> np.ndarray:
        B = np.zeros((self.p, self.K))
        B[:, self.free] = np.asarray(theta, float).reshape(len(self.free), self.p).T
        return self.X @ B

    def loglik(self, theta) -> float:
        P = outcome_probabilities(self.eta(theta), self.probitparam, self.points)
        with np.errstate(divide="ignore"):
            v = float(self.w @ np.log(P[np.arange(len(self.y)), self.y]))
        return v if np.isfinite(v) else -np.inf

    def index_scores(self, theta) -> np.ndarray:
        """n x K: d ln P_i(y_i) / d eta_ik."""
        return self._index_scores(self.eta(theta)[None])[0]

    def _index_scores(self, eta: np.ndarray) -> np.ndarray:
        """``index_scores`` at a stack of indices eta (S x n x K), one pass for them all."""
        S, n, K = eta.shape
        G = np.zeros((S, n, K))
        c = self.c
        for j in range(K):
            rows = np.flatnonzero(self.y == j)
            if not len(rows):
                continue
            others = [k for k in range(K) if k != j]
            at = eta[:, rows]
            d = c * (at[:, :, [j]] - at[:, :, others])                   # S x m x (K-1)
            if K == 2:
                s = d[:, :, 0] / np.sqrt(2.0)
                ratio = np.exp(_log_phi(s) - special.log_ndtr(s)) / np.sqrt(2.0)
                G[:, rows, j] = c * ratio
                G[:, rows, others[0]] = -c * ratio
                continue
            arg = self.z + d[..., None]                                   # S x m x (K-1) x q
            Phi = np.maximum(_Phi(arg), 1e-300)
            logPhi = np.log(Phi)
            total = logPhi.sum(axis=2)                                    # S x m x q
            P = np.exp(total) @ self.qw
            dens = np.exp(_log_phi(arg) - logPhi + total[:, :, None, :])  # phi_k prod_{m != k} Phi_m
            dPdd = dens @ self.qw                                         # S x m x (K-1)
            ratio = dPdd / P[..., None]
            G[:, rows, j] = c * ratio.sum(axis=2)
            G[:, rows[:, None], np.array(others)[None, :]] = -c * ratio
        return G

    def scores(self, theta) -> np.ndarray:
        return self._scores(self.index_scores(theta))

    def _scores(self, G) -> np.ndarray:
        return np.column_stack([self.X * G[:, [k]] for k in self.free])

    def gradient(self, theta) -> np.ndarray:
        return self.scores(theta).T @ self.w

    def gradients(self, thetas) -> list[np.ndarray]:
        """``gradient`` at each of ``thetas``, the quadrature done once for them all (the central
        Hessian's 2k points: a fit that cannot converge takes 16,000 of them)."""
        eta = np.stack([self.eta(t) for t in thetas])
        return [self._scores(G).T @ self.w for G in self._index_scores(eta)]

    def grad_hess(self, theta):
        from .central_hessian import hessian_from_gradients

        return self.gradient(theta), hessian_from_gradients(self.gradients, theta)


def _log_phi(x):
    return -0.5 * x * x - 0.5 * np.log(2 * np.pi)


def fit_multinomial_probit(lik: ProbitLikelihood, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
                           nrtolerance=1e-5):
    from .newton import inverse_information, maximize
    from .newton import NOT_CONCAVE_STALL as STALL

    # stall: a plateau where -H stays singular (a separated outcome: the coefficients drift
    # to infinity) is "(not concave)" at every step and Newton crept through iterate()'s
    # 16,000 iterations (fuzz round 9); stop there not converged, as ml's nr fits do here
    res = maximize(lik.loglik, lik.grad_hess, np.asarray(start, float), iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance, stall=STALL)
    _, H = lik.grad_hess(res.x)
    return res, inverse_information(H)


class MultinomialProbitFit(MultinomialFit):
    """mlogit's fit object with the probit's probabilities (predict pr) and title."""

    probitparam: bool = False
    points: int = 15

    def probabilities_at(self, X: np.ndarray) -> np.ndarray:
        etas = np.column_stack([X @ self.equation_coefficients(k)[0] for k in range(self.spec.K)])
        with np.errstate(invalid="ignore"):
            return outcome_probabilities(etas, self.probitparam, self.points)

    def result(self, level: float | None = None):
        from dataclasses import replace

        from .multinomial_report import multinomial_result

        return replace(multinomial_result(self, level), title="Multinomial probit regression")
