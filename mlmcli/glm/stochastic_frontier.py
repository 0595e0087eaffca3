"""Stochastic frontier models ([R] frontier): the numbers behind ``frontier``.

    y = x b + v - S u,   v ~ N(0, sigma_v^2),   u >= 0,   S = 1 (production) or -1 (cost)

in Stata's metric (b, lnsig2v, lnsig2u).  With e = y - x b, sigma^2 = sigma_v^2 + sigma_u^2 and
lambda = sigma_u / sigma_v ([R] frontier, Methods and formulas; Kumbhakar and Lovell 2000):

    half-normal:  ln L_i = ln(2/pi)/2 - ln sigma + ln Phi(-S e lambda / sigma) - e^2 / (2 sigma^2)
    exponential:  ln L_i = -ln sigma_u + sigma_v^2 / (2 sigma_u^2) + ln Phi(-S e / sigma_v - sigma_v / sigma_u)
                           + S e / sigma_u

Each observation's ln L is a function of three numbers (x b, lnsig2v, lnsig2u); its first and
second derivatives in them are central differences with one Richardson step (error ~1e-10),
assembled as X' (w d) blocks and maximised by ``newton.maximize``.  The start is the method of
moments on the OLS residuals ([R] frontier, Methods and formulas: the second and third moments).
The conditional expectations E(u|e), M(u|e) and E(exp(-S u)|e) are Jondrow et al. (1982) and
Battese and Coelli (1988).  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from mlmcli.errors import StataError
from mlmcli.glm.newton import NOT_CONCAVE_STALL

_HALF_LN_2_OVER_PI = 0.5 * np.log(2 / np.pi)


@dataclass
class FrontierData:
    y: np.ndarray
    X: np.ndarray
    w: np.ndarray
    sign: int  # S: 1 production, -1 cost
    distribution: str  # "hnormal" | "exponential"
    Zv: np.ndarray | None = None  # vhet(): lnsig2v = Zv g_v (None: a constant)
    Zu: np.ndarray | None = None  # uhet(): lnsig2u = Zu g_u

    def designs(self):
        """[X, Zv, Zu]: the design of each of the three per-observation numbers."""
        ones = np.ones((len(self.y), 1))
        return [self.X, ones if self.Zv is None else self.Zv, ones if self.Zu is None else self.Zu]

    def split(self, theta):
        """(x b, lnsig2v, lnsig2u) per observation."""
        out, at = [], 0
        for Z in self.designs():
            out.append(Z @ theta[at:at + Z.shape[1]])
            at += Z.shape[1]
        return out


def observation_loglik(distribution: str, sign: int, e, lnv, lnu):
    """ln L_i at residuals e = y - x b and the log variances (arrays broadcast)."""
    sv, su = np.exp(0.5 * lnv), np.exp(0.5 * lnu)
    r = sign * e
    if distribution == "hnormal":
        s2 = np.exp(lnv) + np.exp(lnu)
        s = np.sqrt(s2)
        return _HALF_LN_2_OVER_PI - np.log(s) + special.log_ndtr(-r * (su / sv) / s) - e * e / (2 * s2)
    return -np.log(su) + sv * sv / (2 * su * su) + special.log_ndtr(-r / sv - sv / su) + r / su


def _derivatives(d: FrontierData, m, lnv, lnu):
    """(ll, gradient (n, 3), Hessian (n, 3, 3)) in (x b, lnsig2v, lnsig2u) per observation."""
    n = len(m)
    base = np.stack([np.asarray(m, float), np.broadcast_to(lnv, (n,)), np.broadcast_to(lnu, (n,))]).astype(float)

    def f(p):
        return observation_loglik(d.distribution, d.sign, d.y - p[0], p[1], p[2])

    def diffs(h):
        g = np.empty((len(m), 3))
        H = np.empty((len(m), 3, 3))
        f0 = f(base)
        for i in range(3):
            ei = np.zeros((3, 1))
            ei[i] = h
            fp, fm = f(base + ei), f(base - ei)
            g[:, i] = (fp - fm) / (2 * h)
            H[:, i, i] = (fp - 2 * f0 + fm) / (h * h)
            for j in range(i):
                ej = np.zeros((3, 1))
                ej[j] = h
                H[:, i, j] = H[:, j, i] = (f(base + ei + ej) - f(base + ei - ej) - f(base - ei + ej)
                                           + f(base - ei - ej)) / (4 * h * h)
        return f0, g, H

    ll, g1, H1 = diffs(1e-3)  # x b in the depvar's units, the log variances O(1)
    _, g2, H2 = diffs(5e-4)
    return ll, (4 * g2 - g1) / 3, (4 * H2 - H1) / 3


class FrontierLikelihood:
    def __init__(self, data: FrontierData):
        self.data = data

    def loglik(self, theta) -> float:
        d = self.data
        m, lnv, lnu = d.split(np.asarray(theta, float))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            v = float(d.w @ observation_loglik(d.distribution, d.sign, d.y - m, lnv, lnu))
        return v if np.isfinite(v) else -np.inf

    def _parts(self, theta):
        d = self.data
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return _derivatives(d, *d.split(np.asarray(theta, float)))

    def scores(self, theta):
        _, g, _ = self._parts(theta)
        return np.column_stack([Z * g[:, i:i + 1] for i, Z in enumerate(self.data.designs())])

    def grad_hess(self, theta):
        _, g, H = self._parts(theta)
        Zs, w = self.data.designs(), self.data.w
        with np.errstate(over="ignore", invalid="ignore"):  # regressors near 1e15 and 1e-151 together:
            # the cross-products overflow; Newton's step then falls back and ml's r(430) follows
            grad = np.concatenate([Z.T @ (w * g[:, i]) for i, Z in enumerate(Zs)])
            blocks = [[(Zi * (w * H[:, i, j])[:, None]).T @ Zj for j, Zj in enumerate(Zs)]
                      for i, Zi in enumerate(Zs)]
        return grad, np.block(blocks)


@dataclass
class MomentStart:
    theta: np.ndarray
    ll_ols: float  # ln L of the regression without u (e(ll_c))
    z: float  # the third-moment test statistic (e(z))
    p_z: float


def moment_start(d: FrontierData, constant: bool) -> MomentStart:
    """OLS, then sigma_u^2 and sigma_v^2 from the residuals' second and third moments (the third
    forced to the side inefficiency implies), the constant shifted by S E(u)."""
    n = d.w.sum()
    sw = np.sqrt(d.w)
    Xo = d.X if constant else np.column_stack([d.X, np.ones(len(d.y))])  # the OLS keeps a constant
    b = np.linalg.lstsq(Xo * sw[:, None], d.y * sw, rcond=None)[0]
    r = d.y - Xo @ b
    # residuals near the largest double overflow in r^3, a perfect fit has m2 = 0: Stata's moments are
    # then missing and the start not feasible (r(1400) below), with no floating-point warning here
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        m2, m3 = float(d.w @ r ** 2) / n, float(d.w @ r ** 3) / n
        rss = float(d.w @ r ** 2)
        ll_ols = -0.5 * n * (np.log(2 * np.pi) + np.log(rss / n) + 1)
        z = m3 / np.sqrt(6 * m2 ** 3 / n)
    if not (np.isfinite(m2) and np.isfinite(m3) and m2 > 0):
        raise StataError("initial values not feasible", 1400)
    p_z = float(special.ndtr(d.sign * z))
    if not d.sign * m3 < 0:
        m3 = -1e-4 * d.sign
    var_u = (1 - 2 / np.pi) if d.distribution == "hnormal" else 1.0  # Var(u) / sigma_u^2
    if d.distribution == "hnormal":
        su2 = (d.sign * m3 / (np.sqrt(2 / np.pi) * (1 - 4 / np.pi))) ** (2 / 3)
    else:
        su2 = (-d.sign * m3 / 2) ** (2 / 3)
    sv2 = m2 - var_u * su2
    if not sv2 > 0:  # the ado takes sigma_v^2 = .0001 there; from that corner Newton can stall at
        su2, sv2 = 0.5 * m2 / var_u, 0.5 * m2  # sigma_v -> 0, so mlmcli splits the variance evenly
    shift = np.sqrt(2 / np.pi) * np.sqrt(su2) if d.distribution == "hnormal" else np.sqrt(su2)
    bx = b[:d.X.shape[1]].copy()
    if constant:
        bx[-1] += d.sign * shift
    if not (np.all(np.isfinite(bx)) and np.isfinite(su2) and su2 > 0):
        raise StataError("initial values not feasible", 1400)
    return MomentStart(np.concatenate([bx, [np.log(sv2), np.log(su2)]]), float(ll_ols), float(z), p_z)


# frontier's plateau (sigma_v -> 0: a flat ridge; xtfrontier's y - xb constant within panels rises
# without bound) stops after newton's NOT_CONCAVE_STALL "(not concave)" iterations in a row
STALL = NOT_CONCAVE_STALL


def fit_frontier(d: FrontierData, start: np.ndarray, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
                 nrtolerance=1e-5, robust=False, cluster=None, frequency=False):
    from mlmcli.glm.zero_inflated import LikelihoodFit, maximize_with_variance

    res, V = maximize_with_variance(FrontierLikelihood(d), start, d.w,
                                    dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                         nrtolerance=nrtolerance, stall=STALL),
                                    robust=robust, cluster=cluster, frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)


def conditional_inefficiency(distribution: str, sign: int, e, lnv, lnu):
    """(E(u|e), M(u|e), E(exp(-S u)|e)): mu* and sigma* of u given e, then the truncated-normal
    mean, its mode and Battese and Coelli's efficiency."""
    sv2, su2 = np.exp(lnv), np.exp(lnu)
    sv, su = np.sqrt(sv2), np.sqrt(su2)
    r = sign * e
    if distribution == "hnormal":
        s2 = sv2 + su2
        mu, sstar = -r * su2 / s2, np.sqrt(su2 * sv2 / s2)
    else:
        mu, sstar = -r - sv2 / su, sv + 0 * r
    a = mu / sstar
    with np.errstate(over="ignore", invalid="ignore"):
        mills = np.exp(-0.5 * a * a - 0.5 * np.log(2 * np.pi) - special.log_ndtr(a))
        u = mu + sstar * mills
        te = np.exp(special.log_ndtr(a - sign * sstar) - special.log_ndtr(a) - sign * mu + 0.5 * sstar * sstar)
    return u, np.maximum(mu, 0.0), te
