"""The probit model with a continuous endogenous regressor ([R] ivprobit): the numbers behind
``ivprobit``.

    y1* = x b + u  (x: the endogenous y2, the exogenous regressors, a constant),  y1 = 1[y1* > 0]
    y2  = w pi + v (w: the exogenous regressors, the excluded instruments, a constant)
    (u, v) ~ N(0, [[1, rho sigma], [rho sigma, sigma^2]])

Maximum likelihood in Stata's metric theta = (b, pi, athrho, ln sigma): with e = v/sigma and
q = 2 y1 - 1, ln L_i = ln Phi(q (x b cosh(athrho) + e sinh(athrho))) - e^2/2 - ln sigma -
ln sqrt(2 pi) -- heckman's selected-observation likelihood with x b in the selection index's
place (q = -1 flips the signs of x b and athrho), so its analytic derivatives
(``heckman_selection.observation_derivatives``) serve here.

Newey's (1987) minimum chi-squared two-step estimator (ivprobit.ado's): the first-stage OLS
fits give D(Pi); the probit of y1 on (x, v-hat) gives b2 and the exogeneity test; the probit of
y1 on (w, v-hat) gives alpha, lambda and Omega's first term; the regression of
sum_j y2_j (lambda_j - b2_j) on w adds its covariance; b = (D' Omega^-1 D)^-1 D' Omega^-1 alpha.
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .heckman_selection import SelectionData, SelectionLikelihood, observation_derivatives, probit

_ORDER = [1, 0, 2, 3]  # heckman's indices (outcome mean, selection index, a, l) -> (x b, w pi, a, l)
_FLIP = np.array([1.0, -1.0, -1.0, 1.0])  # q = -1: x b and athrho change sign (heckman's order)


@dataclass
class IVProbitData:
    y: np.ndarray  # the binary outcome (0 / not 0)
    y2: np.ndarray  # the endogenous regressor
    X: np.ndarray  # y2, exogenous, constant
    W: np.ndarray  # exogenous, instruments, constant
    w: np.ndarray


class IVProbitLikelihood(SelectionLikelihood):
    def __init__(self, data: IVProbitData):
        self.data = data
        self.kx, self.kz = data.X.shape[1], data.W.shape[1]

    def _blocks(self):
        d, n = self.data, len(self.data.w)
        return [(d.X, 0), (d.W, 1), (np.ones((n, 1)), 2), (np.ones((n, 1)), 3)]

    def observations(self, theta):
        d = self.data
        xb = d.X @ theta[:self.kx]
        wp = d.W @ theta[self.kx:self.kx + self.kz]
        a, l = float(theta[-2]), float(theta[-1])
        n = len(xb)
        ll, g, H = np.empty(n), np.empty((n, 4)), np.empty((n, 4, 4))
        for sign in (1.0, -1.0):
            rows = (d.y != 0) if sign > 0 else (d.y == 0)
            if not rows.any():
                continue
            k = int(rows.sum())
            sel = SelectionData(np.ones(k, bool), d.y2[rows], np.zeros((k, 0)), np.zeros((k, 0)), np.zeros(k),
                                np.zeros(k), np.ones(k))
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                lli, gi, Hi = observation_derivatives(sel, wp[rows], sign * xb[rows], sign * a, l)
            if sign < 0:
                gi = gi * _FLIP
                Hi = Hi * np.outer(_FLIP, _FLIP)
            ll[rows] = lli
            g[rows] = gi[:, _ORDER]
            H[rows] = Hi[:, _ORDER][:, :, _ORDER]
        return ll, g, H



def _ols(A, y, w):
    sw = np.sqrt(w)
    coef = np.linalg.lstsq(A * sw[:, None], y * sw, rcond=None)[0]
    return coef, y - A @ coef


@dataclass
class NeweyTwoStep:
    b: np.ndarray  # (endogenous, exogenous, constant)
    V: np.ndarray
    chi2_exog: float
    df_exog: int


def probit_conditional(y, w, **ml):
    """The probit of y on a design: what newey_two_step fits, (b, V)."""
    def fit(A):
        return probit(A, y != 0, np.zeros(len(y)), w, **ml)[:2]
    return fit


def newey_two_step(conditional, Y2, Xexog, Zinst, w) -> NeweyTwoStep:
    """Newey's estimator (module docstring).  ``conditional(A)``: the (b, V) of the probit (or
    tobit) of the outcome on A, its constant last; Y2: n x p endogenous; Xexog: exogenous without
    the constant; Zinst: the excluded instruments; fweights ``w`` (ones without)."""
    n = len(w)
    ones = np.ones((n, 1))
    Wfull = np.column_stack([Zinst, Xexog, ones])  # ivprobit.ado's order: inst, exog, _cons
    p, kx, kz = Y2.shape[1], Xexog.shape[1], Zinst.shape[1]
    D = np.zeros((kz + kx + 1, p + kx + 1))
    D[kz:, p:] = np.eye(kx + 1)
    resid = np.empty_like(Y2)
    for j in range(p):
        D[:, j], resid[:, j] = _ols(Wfull, Y2[:, j], w)
    b2s, V2s = conditional(np.column_stack([Y2, Xexog, resid, ones]))
    lam_idx = list(range(p + kx, p + kx + p))
    bl = b2s[lam_idx]
    chi2_exog = float(bl @ np.linalg.solve(V2s[np.ix_(lam_idx, lam_idx)], bl))
    br, Vr = conditional(np.column_stack([Zinst, Xexog, resid, ones]))
    tot = kz + kx
    keep = list(range(tot)) + [tot + p]
    alpha = br[keep]
    lam = br[tot:tot + p]
    omega = Vr[np.ix_(keep, keep)]
    ylb = Y2 @ (lam - b2s[:p])
    coef, e = _ols(Wfull, ylb, w)
    sw = w
    dof = float(sw.sum()) - Wfull.shape[1]
    s2 = float(sw @ (e * e)) / dof
    omega = omega + s2 * np.linalg.inv((Wfull * sw[:, None]).T @ Wfull)
    oi = np.linalg.inv(omega)
    V = np.linalg.inv(D.T @ oi @ D)
    b = V @ D.T @ oi @ alpha
    return NeweyTwoStep(b, V, chi2_exog, p)
