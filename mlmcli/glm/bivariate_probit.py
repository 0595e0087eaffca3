"""The bivariate probit ([R] biprobit): the numbers behind ``biprobit``.

    y1* = x1 b1 + e1,  y2* = x2 b2 + e2,  (e1, e2) ~ N(0, [[1, rho], [rho, 1]]),
    y_j = 1 when y_j* > 0 (depvar not 0)

Each observation contributes ln Phi2(q1 x1 b1, q2 x2 b2, q1 q2 rho), q_j = 2 y_j - 1, in Stata's
metric theta = (b1, b2, athrho), rho = tanh(athrho).  Phi2 and its derivatives come from
``bivariate_normal`` (heckprob's likelihood is the same with a selection in place of y2);
``maximize_with_variance`` gives Newton-Raphson, the OIM inverse or the sandwich.  The engine
never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .heckman_selection import SelectionLikelihood


@dataclass
class BivariateProbitData:
    """The estimation sample: the outcomes (0 / not 0), each equation's design and offset, weights."""

    y1: np.ndarray
    y2: np.ndarray
    X1: np.ndarray
    X2: np.ndarray
    offset1: np.ndarray
    offset2: np.ndarray
    w: np.ndarray


class BivariateProbitLikelihood(SelectionLikelihood):
    """ln L, its gradient and Hessian in (b1, b2, athrho); SelectionLikelihood's block algebra."""

    def __init__(self, data: BivariateProbitData):
        self.data = data
        self.kx, self.kz = data.X1.shape[1], data.X2.shape[1]

    def _blocks(self):
        d, n = self.data, len(self.data.w)
        return [(d.X1, 0), (d.X2, 1), (np.ones((n, 1)), 2)]

    def observations(self, theta):
        from .bivariate_normal import derivatives

        d = self.data
        m1 = d.X1 @ theta[:self.kx] + d.offset1
        m2 = d.X2 @ theta[self.kx:self.kx + self.kz] + d.offset2
        a = float(theta[-1])
        rho, drho = np.tanh(a), 1 - np.tanh(a) ** 2
        q1 = np.where(d.y1 != 0, 1.0, -1.0)
        q2 = np.where(d.y2 != 0, 1.0, -1.0)
        n = len(m1)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            P, (ph, pk, pr), (phh, pkk, prr, phk, phr, pkr) = derivatives(q1 * m1, q2 * m2, q1 * q2 * rho)
            J = np.stack([q1, q2, q1 * q2 * drho], axis=1)  # d(h, k, r)/d(m1, m2, a), diagonal
            g = np.stack([ph, pk, pr], axis=1) / P[:, None] * J
            second = np.empty((n, 3, 3))
            second[:, 0, 0], second[:, 1, 1], second[:, 2, 2] = phh, pkk, prr
            second[:, 0, 1] = second[:, 1, 0] = phk
            second[:, 0, 2] = second[:, 2, 0] = phr
            second[:, 1, 2] = second[:, 2, 1] = pkr
            H = second / P[:, None, None] * J[:, :, None] * J[:, None, :] - g[:, :, None] * g[:, None, :]
            H[:, 2, 2] += q1 * q2 * (-2 * rho * drho) * pr / P
            ll = np.log(P)
        return ll, g, H
