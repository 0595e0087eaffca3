"""Skewed logit ([R] scobit; Nagler 1994): Pr(y != 0) = 1 - (1 + exp(x b))^(-alpha), alpha =
exp(lnalpha).  With L = ln(1 + exp(x b)), s = dL/d(x b) = invlogit(x b) and u = alpha L:

    y = 0:  ln L_i = -u
    y = 1:  ln L_i = ln(1 - exp(-u)),  dl/du = r = exp(-u)/(1 - exp(-u)),  d2l/du2 = -r(1 + r)

with du/d(x b) = alpha s, du/d lnalpha = u, d2u/d(x b)2 = alpha s(1 - s), d2u/d(x b) d lnalpha =
alpha s, d2u/d lnalpha2 = u.  Maximised by ``newton.maximize`` from scobit.ado's start (the
logit's b, lnalpha = 0).  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special


@dataclass
class SkewedLogitData:
    y: np.ndarray  # 0/1
    X: np.ndarray
    offset: np.ndarray
    w: np.ndarray


def probability(xb, lnalpha: float):
    """Pr(y != 0) = 1 - (1 + exp(x b))^(-alpha); missing where x b is (out-of-sample rows)."""
    with np.errstate(invalid="ignore"):  # logaddexp warns on NaN input
        return -np.expm1(-np.exp(lnalpha) * np.logaddexp(0.0, xb))


class SkewedLogitLikelihood:
    def __init__(self, data: SkewedLogitData):
        self.data = data
        self.k = data.X.shape[1]

    def _parts(self, theta):
        d = self.data
        xb = d.X @ theta[:self.k] + d.offset
        alpha = float(np.exp(theta[self.k]))
        L = np.logaddexp(0.0, xb)
        s = special.expit(xb)
        u = alpha * L
        pos = d.y != 0
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            ll = np.where(pos, np.log(-np.expm1(-u)), -u)
            r = np.where(pos, 1.0 / np.expm1(u), 0.0)
        d1, d2 = np.where(pos, r, -1.0), np.where(pos, -r * (1 + r), 0.0)  # dl/du, d2l/du2
        ux, ua = alpha * s, u
        uxx, uxa, uaa = alpha * s * (1 - s), alpha * s, u
        return ll, d1 * ux, d1 * ua, d2 * ux * ux + d1 * uxx, d2 * ux * ua + d1 * uxa, d2 * ua * ua + d1 * uaa

    def loglik(self, theta) -> float:
        with np.errstate(all="ignore"):
            v = float(self.data.w @ self._parts(np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta):
        _, gx, ga, *_ = self._parts(theta)
        return np.column_stack([self.data.X * gx[:, None], ga])

    def equation_scores(self, theta):
        """d ln L_i / d(x b) and d ln L_i / d lnalpha (scobit's score())."""
        return self._parts(theta)[1:3]

    def grad_hess(self, theta):
        _, gx, ga, hxx, hxa, haa = self._parts(theta)
        X, w = self.data.X, self.data.w
        k = self.k
        H = np.zeros((k + 1, k + 1))
        H[:k, :k] = (X * (w * hxx)[:, None]).T @ X
        H[:k, k] = H[k, :k] = X.T @ (w * hxa)
        H[k, k] = w @ haa
        return np.concatenate([X.T @ (w * gx), [w @ ga]]), H


def fit_skewed_logit(d: SkewedLogitData, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7, nrtolerance=1e-5,
                     robust=False, cluster=None, frequency=False):
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    res, V = maximize_with_variance(SkewedLogitLikelihood(d), start, d.w,
                                    dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                         nrtolerance=nrtolerance), robust=robust, cluster=cluster, frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
