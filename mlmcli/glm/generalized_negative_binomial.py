"""The generalized negative binomial regression ([R] gnbreg): the numbers behind ``gnbreg``.

    y ~ NB2 with mean mu = exp(x b + offset) and dispersion alpha = exp(z g) (z: lnalpha()'s
    variables and a constant), m = 1/alpha:
    ln L_i = lnGamma(y + m) - lnGamma(m) - lnGamma(y + 1) + y (x b + z g) - (m + y) ln(1 + alpha mu)

In the two indices (eta = x b, lambda = z g), with p = alpha mu / (1 + alpha mu) and
A = psi(y + m) - psi(m), A' = psi'(y + m) - psi'(m):
    d/deta = (y - mu) / (1 + alpha mu)            d2/deta2 = -(m + y) p (1 - p)
    d/dlambda = -m A + y + m ln(1 + alpha mu) - (m + y) p
    d2/dlambda2 = m A + m^2 A' - m ln(1 + alpha mu) + 2 m p - (m + y) p (1 - p)
    d2/deta dlambda = m p - (m + y) p (1 - p)
The gradient and Hessian are SelectionLikelihood's X'(w d) blocks; ``maximize_with_variance``
gives Newton-Raphson and the OIM inverse or the sandwich.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from .heckman_selection import SelectionLikelihood


@dataclass
class GeneralizedNBData:
    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray
    offset: np.ndarray
    w: np.ndarray


class GeneralizedNBLikelihood(SelectionLikelihood):
    def __init__(self, data: GeneralizedNBData):
        self.data = data
        self.kx, self.kz = data.X.shape[1], data.Z.shape[1]

    def _blocks(self):
        return [(self.data.X, 0), (self.data.Z, 1)]

    def observations(self, theta):
        d = self.data
        eta = d.X @ theta[:self.kx] + d.offset
        lam = np.maximum(d.Z @ theta[self.kx:], -30.0)  # gnbreg.ado's LLnbreg bound on ln(alpha)
        y = d.y
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            m = np.exp(-lam)
            log1p_am = np.logaddexp(0.0, eta + lam)  # ln(1 + alpha mu)
            p = special.expit(eta + lam)
            ll = (special.gammaln(y + m) - special.gammaln(m) - special.gammaln(y + 1) + y * (eta + lam)
                  - (m + y) * log1p_am)
            A = special.digamma(y + m) - special.digamma(m)
            A1 = special.polygamma(1, y + m) - special.polygamma(1, m)
            q = (m + y) * p * (1 - p)
            g = np.stack([y - (m + y) * p, -m * A + y + m * log1p_am - (m + y) * p], axis=1)
            H = np.empty((len(y), 2, 2))
            H[:, 0, 0] = -q
            H[:, 1, 1] = m * A + m * m * A1 - m * log1p_am + 2 * m * p - q
            H[:, 0, 1] = H[:, 1, 0] = m * p - q
        return ll, g, H
