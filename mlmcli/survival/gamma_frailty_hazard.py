"""The Prentice-Gloeckler-Meyer discrete-time hazard with gamma frailty (Meyer 1990, eq. 7; the
likelihood of Jenkins's pgmhaz8_ll.ado), on person-period data sorted by person and period.

Person i is at risk in periods j = 1..T_i with interval hazard 1 - exp(-u_j), u_j = exp(x_j b)
(the complementary log-log model), and a gamma frailty of mean 1 and variance v = exp(theta)
multiplies every u_j.  Integrated over the frailty, with S1 = sum_j u_j over all T_i periods and
S2 the same sum without the last one (0 for a one-period spell):

    censored (dead = 0 in the last period):  ln L_i = -ln(1 + v S1) / v
    exit     (dead = 1 in the last period):  ln L_i = ln[(1 + v S2)^(-1/v) - (1 + v S1)^(-1/v)]

Writing La = -ln(1 + v S2)/v and Lb = -ln(1 + v S1)/v, an exit's ln L_i = La + ln(1 - exp(Lb - La)).
The gradient and Hessian over (b, theta) are analytic: the derivatives of ln L_i over (S1, S2,
theta) chained through dS/db = sum u_j x_j and d2S/db2 = sum u_j x_j x_j'.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class SpellData:
    """Person-period rows in (person, period) order: covariates, each row's person (0..n-1), the
    rows that end a spell, the outcome and weight of each person (those of the last row)."""
    X: np.ndarray
    person: np.ndarray
    last: np.ndarray  # bool per row
    y: np.ndarray  # per person
    w: np.ndarray  # per person


def _log_terms(S: np.ndarray, v: float):
    """L = -ln(1 + v S)/v and its derivatives over S and theta = ln v: L, L_S, L_SS, L_t, L_tt, L_St."""
    B = 1.0 + v * S
    log_b = np.log1p(v * S)
    L = -log_b / v
    ratio = S / B  # bounded by 1/v: the squares below are of ratios, not of S and B (S ~ 1e160 overflowed)
    L_t = log_b / v - ratio
    return L, -1.0 / B, (v / B) / B, L_t, ratio - log_b / v + v * ratio ** 2, v * ratio / B


def person_derivatives(S1: np.ndarray, S2: np.ndarray, y: np.ndarray, v: float):
    """ln L_i and its first and second derivatives over (S1, S2, theta): f, (f1, f2, ft),
    (f11, f12, f22, f1t, f2t, ftt)."""
    Lb, b1, b11, bt, btt, b1t = _log_terms(S1, v)
    La, a2, a22, at, att, a2t = _log_terms(S2, v)
    zero = np.zeros_like(S1)
    exit_ = y != 0
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        r = np.exp(Lb - La)  # b/a in (0, 1)
        q = -np.expm1(Lb - La)  # 1 - r
        fx = ln_exit = La + np.log(q)
        # exit: f_x = (La_x - r Lb_x)/q; f_xy = (La_xy + La_x La_y - r (Lb_xy + Lb_x Lb_y))/q - f_x f_y
        e1, e2, et = -r * b1 / q, a2 / q, (at - r * bt) / q
        e11 = -r * (b11 + b1 * b1) / q - e1 * e1
        e12 = -e1 * e2
        e22 = (a22 + a2 * a2) / q - e2 * e2
        e1t = -r * (b1t + b1 * bt) / q - e1 * et
        e2t = (a2t + a2 * at) / q - e2 * et
        ett = (att + at * at - r * (btt + bt * bt)) / q - et * et
    fx = np.where(exit_, ln_exit, Lb)
    first = (np.where(exit_, e1, b1), np.where(exit_, e2, zero), np.where(exit_, et, bt))
    second = (np.where(exit_, e11, b11), np.where(exit_, e12, zero), np.where(exit_, e22, zero),
              np.where(exit_, e1t, b1t), np.where(exit_, e2t, zero), np.where(exit_, ett, btt))
    return fx, first, second


class GammaFrailtyHazard:
    """ln L(b, theta) of ``SpellData`` with its analytic gradient and Hessian (``newton.maximize``'s
    ``loglik`` and ``grad_hess``)."""

    def __init__(self, data: SpellData):
        self.data = data
        self.k = data.X.shape[1]
        self.n = int(data.y.size)

    def _sums(self, b):
        d = self.data
        u = np.exp(d.X @ b)
        S1 = np.bincount(d.person, weights=u, minlength=self.n)
        S2 = S1 - u[d.last]  # one last row per person, in person order
        return u, S1, np.maximum(S2, 0.0)

    def loglik(self, theta) -> float:
        theta = np.asarray(theta, float)
        with np.errstate(all="ignore"):
            _, S1, S2 = self._sums(theta[:self.k])
            f, _, _ = person_derivatives(S1, S2, self.data.y, float(np.exp(theta[self.k])))
            value = float(self.data.w @ f)
        return value if np.isfinite(value) else -np.inf

    def grad_hess(self, theta):
        d, k = self.data, self.k
        theta = np.asarray(theta, float)
        u, S1, S2 = self._sums(theta[:k])
        _, (f1, f2, ft), (f11, f12, f22, f1t, f2t, ftt) = person_derivatives(
            S1, S2, d.y, float(np.exp(theta[k])))
        w = d.w
        ux = d.X * u[:, None]
        S1b = np.zeros((self.n, k))
        np.add.at(S1b, d.person, ux)
        S2b = S1b - ux[d.last]
        g = np.concatenate([S1b.T @ (w * f1) + S2b.T @ (w * f2), [w @ ft]])
        H = np.zeros((k + 1, k + 1))
        row_weight = u * (w * f1)[d.person] + np.where(d.last, 0.0, u * (w * f2)[d.person])
        H[:k, :k] = ((S1b * (w * f11)[:, None]).T @ S1b + (S1b * (w * f12)[:, None]).T @ S2b
                     + (S2b * (w * f12)[:, None]).T @ S1b + (S2b * (w * f22)[:, None]).T @ S2b
                     + (d.X * row_weight[:, None]).T @ d.X)
        H[:k, k] = H[k, :k] = S1b.T @ (w * f1t) + S2b.T @ (w * f2t)
        H[k, k] = w @ ftt
        return g, H

    def scores(self, theta):
        raise NotImplementedError("pgmhaz8 has no robust variance")


def spell_data(X: np.ndarray, person_codes: np.ndarray, dead: np.ndarray, weights: np.ndarray) -> SpellData:
    """``SpellData`` from rows already in (person, period) order: ``person_codes`` any labels that
    are equal within a person; the outcome and weight of a person are its last row's."""
    change = np.r_[True, person_codes[1:] != person_codes[:-1]]
    person = np.cumsum(change) - 1
    last = np.r_[change[1:], True]
    return SpellData(np.asarray(X, float), person, last, np.asarray(dead, float)[last],
                     np.asarray(weights, float)[last])
