"""The tobit model with a continuous endogenous regressor ([R] ivtobit): the numbers behind
``ivtobit``'s maximum likelihood (Stata 13's ivtob_1_lf parameterization).

    y2 = w pi + v,  v ~ N(0, v_sd^2);   y1* = x b + alpha v + e,  e ~ N(0, s^2) independent of v;
    y1 = y1* between the limits, censored at ll (y1 <= ll) or ul (y1 >= ul)

theta = (b, pi, alpha, ln s, ln v_sd).  With r = y2 - w pi and m = x b + alpha r:
    ln L_i = ln phi(r/v_sd) - ln v_sd + { ln phi((y1 - m)/s) - ln s | ln Phi((ll - m)/s) |
                                          ln Phi((m - ul)/s) }
Analytic derivatives in the indices (x b, w pi, alpha, ln s, ln v_sd) through m's chain
(dm = (1, -alpha, r); d2m/dwpi dalpha = -1); the block algebra is SelectionLikelihood's.
Newey's two-step estimator is ``iv_probit.newey_two_step`` with tobits in place of the probits
(``tobit_conditional``).
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scipy import special

from .heckman_selection import LOG_SQRT_2PI, SelectionLikelihood


@dataclass
class IVTobitData:
    y: np.ndarray
    y2: np.ndarray
    X: np.ndarray
    W: np.ndarray
    w: np.ndarray
    ll: float  # -inf without left-censoring
    ul: float  # +inf without right-censoring


class IVTobitLikelihood(SelectionLikelihood):
    def __init__(self, data: IVTobitData):
        self.data = data
        self.kx, self.kz = data.X.shape[1], data.W.shape[1]

    def _blocks(self):
        d, n = self.data, len(self.data.w)
        one = np.ones((n, 1))
        return [(d.X, 0), (d.W, 1), (one, 2), (one, 3), (one, 4)]

    def observations(self, theta):
        d = self.data
        xb, wp = d.X @ theta[:self.kx], d.W @ theta[self.kx:self.kx + self.kz]
        alpha, ls, lv = (float(t) for t in theta[-3:])
        s, v = np.exp(ls), np.exp(lv)
        n = len(xb)
        r = d.y2 - wp
        m = xb + alpha * r
        left, right = d.y <= d.ll, d.y >= d.ul
        point = ~(left | right)
        gw, gs, gww, gws, gss = (np.zeros(n) for _ in range(5))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            z = (d.y - m) / s
            gw[point], gs[point] = (z / s)[point], (z * z - 1)[point]
            gww[point], gws[point], gss[point] = -1 / s ** 2, (-2 * z / s)[point], (-2 * z * z)[point]
            t = np.where(left, (d.ll - m) / s, (m - d.ul) / s)
            log_cdf = special.log_ndtr(t)
            lam = np.exp(-0.5 * t * t - LOG_SQRT_2PI - log_cdf)
            D = -lam * (t + lam)
            sign = np.where(left, -1.0, 1.0)  # dt/dm = sign / s
            cens = left | right
            gw[cens] = (sign * lam / s)[cens]
            gs[cens] = (-lam * t)[cens]
            gww[cens] = (D / s ** 2)[cens]
            gws[cens] = (-sign * (D * t + lam) / s)[cens]
            gss[cens] = (D * t * t + lam * t)[cens]
            ll = np.where(point, -0.5 * z * z - ls - LOG_SQRT_2PI, log_cdf) - 0.5 * (r / v) ** 2 - lv - LOG_SQRT_2PI
        J = np.stack([np.ones(n), np.full(n, -alpha), r], axis=1)  # dm/d(xb, wpi, alpha)
        g = np.zeros((n, 5))
        g[:, :3] = gw[:, None] * J
        g[:, 3] = gs
        g[:, 1] += r / v ** 2
        g[:, 4] = (r / v) ** 2 - 1
        H = np.zeros((n, 5, 5))
        H[:, :3, :3] = gww[:, None, None] * J[:, :, None] * J[:, None, :]
        H[:, 1, 2] -= gw
        H[:, 2, 1] -= gw
        H[:, :3, 3] = H[:, 3, :3] = gws[:, None] * J
        H[:, 3, 3] = gss
        H[:, 1, 1] -= 1 / v ** 2
        H[:, 1, 4] = H[:, 4, 1] = -2 * r / v ** 2
        H[:, 4, 4] = -2 * (r / v) ** 2
        return ll, g, H



def tobit_conditional(y, ll: float, ul: float, w, **ml):
    """The tobit of y on a design (its constant last): what newey_two_step fits, (b, V of b)."""
    from mlmcli.censored_normal import CensoredData, fit_censored_normal

    lo = np.where(y <= ll, -np.inf, np.where(y >= ul, ul, y))  # censored at the limits themselves
    hi = np.where(y >= ul, np.inf, np.where(y <= ll, ll, y))

    def fit(A):
        res = fit_censored_normal(CensoredData(lo, hi, A, np.zeros(len(y)), w), constant_index=A.shape[1] - 1,
                                  fit_constant_only=False, **ml)
        p = A.shape[1]
        return res.b, res.V[:p, :p]
    return fit
