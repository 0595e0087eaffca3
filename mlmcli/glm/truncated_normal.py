"""Truncated normal regression ([R] truncreg): the numbers behind ``truncreg``.

    y = x b + e, e ~ N(0, sigma^2), observed only when a_i < y < b_i

    ln L_i = ln phi((y - x b)/sigma) - ln sigma - ln(Phi((b_i - x b)/sigma) - Phi((a_i - x b)/sigma))

in Stata's metric (b, sigma) (ml's /sigma is sigma itself).  Each observation's first and
second derivatives in (x b, sigma) are analytic (an open limit contributes nothing); the
gradient and Hessian are assembled as X' (w d) blocks and maximised by ``newton.maximize`` from
the least-squares fit of the truncated sample.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from mlmcli.errors import StataError


LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)


@dataclass
class TruncatedData:
    y: np.ndarray
    X: np.ndarray
    lower: np.ndarray  # -inf where open
    upper: np.ndarray  # +inf where open
    offset: np.ndarray
    w: np.ndarray


def _log_diff_cdf(A, B):
    """ln(Phi(B) - Phi(A)) for A < B, from the tail that keeps its digits."""
    upper_tail = A > 0
    la, lb = special.log_ndtr(A), special.log_ndtr(B)
    lna, lnb = special.log_ndtr(-A), special.log_ndtr(-B)
    with np.errstate(divide="ignore", invalid="ignore"):
        low = lb + np.log(-np.expm1(np.minimum(la - lb, 0.0)))
        high = lna + np.log(-np.expm1(np.minimum(lnb - lna, 0.0)))
    return np.where(upper_tail, high, low)


def observation_derivatives(d: TruncatedData, m, s: float):
    """ln L_i and its derivatives in (m, s): (ll, g_m, g_s, h_mm, h_ms, h_ss)."""
    e = (d.y - m) / s
    lo_open, hi_open = ~np.isfinite(d.lower), ~np.isfinite(d.upper)
    A = np.where(lo_open, -np.inf, (np.where(lo_open, 0.0, d.lower) - m) / s)
    B = np.where(hi_open, np.inf, (np.where(hi_open, 0.0, d.upper) - m) / s)
    log_p = _log_diff_cdf(A, B)
    A0, B0 = np.where(lo_open, 0.0, A), np.where(hi_open, 0.0, B)
    with np.errstate(over="ignore", invalid="ignore"):
        ra = np.where(lo_open, 0.0, np.exp(-0.5 * A0 * A0 - LOG_SQRT_2PI - log_p))  # phi(A)/P
        rb = np.where(hi_open, 0.0, np.exp(-0.5 * B0 * B0 - LOG_SQRT_2PI - log_p))
    # dA/dm = -1/s, dA/ds = -A/s; d2A/dm ds = 1/s^2, d2A/ds2 = 2A/s^2 (B alike)
    gm = (rb * (-1 / s) - ra * (-1 / s))
    gs = (rb * (-B0 / s) - ra * (-A0 / s))
    hmm = (-B0 * rb / s ** 2 + A0 * ra / s ** 2) - gm * gm
    hms = (-B0 * rb * (B0 / s ** 2) + rb / s ** 2 + A0 * ra * (A0 / s ** 2) - ra / s ** 2) - gm * gs
    hss = (-B0 * rb * (B0 / s) ** 2 + rb * 2 * B0 / s ** 2 + A0 * ra * (A0 / s) ** 2 - ra * 2 * A0 / s ** 2) - gs * gs
    ll = -0.5 * e * e - np.log(s) - LOG_SQRT_2PI - log_p
    return (ll, e / s - gm, (e * e - 1) / s - gs, -1 / s ** 2 - hmm, -2 * e / s ** 2 - hms,
            (1 - 3 * e * e) / s ** 2 - hss)


class TruncatedLikelihood:
    def __init__(self, data: TruncatedData):
        self.data = data

    def _parts(self, theta):
        d = self.data
        # sigma toward 0 (one observation: ln L unbounded) squares e / sigma past the double
        # range: those derivatives are inf, a step the line search refuses, not an error
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return observation_derivatives(d, d.X @ theta[:-1] + d.offset, float(theta[-1]))

    def loglik(self, theta) -> float:
        if not theta[-1] > 0:
            return -np.inf
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            v = float(self.data.w @ self._parts(np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta):
        _, gm, gs, *_ = self._parts(theta)
        return np.column_stack([self.data.X * gm[:, None], gs])

    def grad_hess(self, theta):
        _, gm, gs, hmm, hms, hss = self._parts(theta)
        X, w = self.data.X, self.data.w
        grad = np.concatenate([X.T @ (w * gm), [w @ gs]])
        k = X.shape[1]
        H = np.zeros((k + 1, k + 1))
        H[:k, :k] = (X * (w * hmm)[:, None]).T @ X
        H[:k, k] = H[k, :k] = X.T @ (w * hms)
        H[k, k] = w @ hss
        return grad, H


def fit_truncated(d: TruncatedData, *, iterate=300, tolerance=1e-6, ltolerance=1e-7, nrtolerance=1e-5,
                  robust=False, cluster=None, frequency=False) -> LikelihoodFit:
    sw = np.sqrt(d.w)
    y = d.y - d.offset
    b = np.linalg.lstsq(d.X * sw[:, None], y * sw, rcond=None)[0]
    r = y - d.X @ b
    with np.errstate(over="ignore", invalid="ignore"):
        s = float(np.sqrt((d.w @ (r * r)) / d.w.sum()))
    if not (np.isfinite(s) and np.all(np.isfinite(b))):  # residuals near 1e307: glm's rule for such a start
        raise StataError("initial values not feasible", 1400)
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    res, V = maximize_with_variance(TruncatedLikelihood(d), np.concatenate([b, [max(s, 1e-8)]]), d.w,
                                    dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                         nrtolerance=nrtolerance), robust=robust, cluster=cluster, frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
