"""The censored normal as a conditional distribution of the GLM and GLMM engines: metobit's and
meintreg's ([ME] metobit, [ME] meintreg) family(gaussian) link(identity) with censoring.

Each observation is known to lie in [lo, hi]: a point (lo = hi = y), left-censored (lo = -inf),
right-censored (hi = +inf) or an interval (both finite).  With sigma = exp(lnsigma),
a = (lo - eta)/sigma, b = (hi - eta)/sigma and P = Phi(b) - Phi(a):

    logf = -ln sigma - ln(2 pi)/2 - r^2/2,  r = (y - eta)/sigma    (a point)
    logf = ln P                                                     (otherwise)

Derivatives in eta (l_x = phi(x)/P, 0 at an infinite bound): d1 = (l_a - l_b)/sigma,
with P''/P = (a l_a - b l_b)/sigma^2 and P'''/P = ((a^2-1) l_a - (b^2-1) l_b)/sigma^3 the
second and third derivatives of ln P follow as for the ordinal families; in ln sigma
d logf = a l_a - b l_b (a point: r^2 - 1).  The interface is ``glm.family.Family``'s
(``family`` is "gaussian", ``censored`` tells the engines that the closed-form linear
Gaussian likelihood does not apply).
"""
from __future__ import annotations

import numpy as np

from scipy import special

from .inverse_links import LOG_2PI


def interval_response(lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """meintreg's y as the fit reads it (its starting values, and predict's match of the data to
    the fit's rows): the midpoint of two bounds, the one bound there is (missing: no bound),
    missing when both are."""
    lower, upper = np.asarray(lower, float), np.asarray(upper, float)
    both = ~np.isnan(lower) & ~np.isnan(upper)
    return np.where(both, (lower + upper) / 2, np.where(np.isnan(lower), upper, lower))


def _log1mexp(x):
    """ln(1 - e^x) for x <= 0 (-inf at 0: a point mass).  Each element by its own formula only
    (elementwise: the bits of computing both everywhere and choosing)."""
    x = np.minimum(x, 0.0)
    near = x > -0.693
    out = np.empty(x.shape)
    out[near] = np.log(-np.expm1(x[near]))
    far = ~near
    out[far] = np.log1p(-np.exp(x[far]))
    return out


def log_interval_probability(a, b):
    """ln(Phi(b) - Phi(a)) for a < b (either may be infinite), from the tail that keeps its
    digits (the upper one when a > 0).  Each element's tail only: half the log_ndtr calls of
    both tails everywhere (metobit's and meintreg's likelihood spent ~45% of a fit here), the
    same bits (elementwise; tests/test_censored_gaussian_tails_bits.py)."""
    a, b = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float))
    out = np.empty(a.shape)
    upper = a > 0
    lower = ~upper
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if upper.any():
            tail = special.log_ndtr(-a[upper])
            out[upper] = tail + _log1mexp(special.log_ndtr(-b[upper]) - tail)
        tail = special.log_ndtr(b[lower])
        out[lower] = tail + _log1mexp(special.log_ndtr(a[lower]) - tail)
    return out


def _col(a, ndim: int) -> np.ndarray:
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * (ndim - a.ndim))


class CensoredGaussian:
    """Normal outcomes known to lie in [lo, hi] (module docstring)."""

    family = "gaussian"
    link = "identity"
    censored = True
    n_anc = 1
    anc_names = ["lnsigma"]
    ncat = 0
    trials = None
    dispersion = "mean"

    def __init__(self, lo: np.ndarray, hi: np.ndarray):
        self.lo = np.asarray(lo, float)
        self.hi = np.asarray(hi, float)
        self.point = np.isfinite(self.lo) & (self.lo == self.hi)
        # a representative value (the starts' mean and spread): the point, an interval's
        # midpoint, else the finite bound
        mid = np.where(np.isfinite(self.lo) & np.isfinite(self.hi), (self.lo + self.hi) / 2,
                       np.where(np.isfinite(self.lo), self.lo, self.hi))
        self.y = np.where(np.isfinite(mid), mid, 0.0)

    def subset(self, rows) -> "CensoredGaussian":
        return CensoredGaussian(self.lo[rows], self.hi[rows])

    def _standardised(self, eta, lns):
        """(point mask, r, a, b) shaped like eta; a = -inf, b = +inf at open bounds."""
        eta = np.asarray(eta, float)
        nd = eta.ndim
        s = np.exp(lns)
        lo, hi = _col(self.lo, nd), _col(self.hi, nd)
        with np.errstate(invalid="ignore"):
            a = np.where(np.isfinite(lo), (np.where(np.isfinite(lo), lo, 0.0) - eta) / s, -np.inf)
            b = np.where(np.isfinite(hi), (np.where(np.isfinite(hi), hi, 0.0) - eta) / s, np.inf)
        return _col(self.point, nd), a, b

    @staticmethod
    def _censored_logp(point, a, b):
        """ln P of the censored elements, 0 at the points (ln P of (-inf, inf), as before: the
        points' own density is another formula)."""
        censored = np.broadcast_to(~point, a.shape)
        lp = np.zeros(a.shape)
        lp[censored] = log_interval_probability(a[censored], b[censored])
        return lp

    def logf(self, eta, anc=()):
        lns = float(anc[0])
        point, a, b = self._standardised(eta, lns)
        with np.errstate(all="ignore"):
            r = np.where(point, a, 0.0)  # (y - eta)/sigma at a point (a = b = r)
            lp = self._censored_logp(point, a, b)
            out = np.where(point, -lns - 0.5 * LOG_2PI - 0.5 * r * r, lp)
        return np.where(np.isnan(out), -np.inf, out)

    def logf_over(self, eta, anc=(), scratch=None):
        eta[...] = self.logf(eta, anc)
        return eta

    def logf_derivs(self, eta, anc=(), order: int = 2):
        return [self.logf(eta, anc)] + (list(self.derivs(eta, anc, order)) if order else [])

    def _ratios(self, eta, lns):
        """(point, r, a0, b0, l_a, l_b): the bounds with 0 for infinite ones and phi(x)/P."""
        point, a, b = self._standardised(eta, lns)
        with np.errstate(all="ignore"):
            lp = self._censored_logp(point, a, b)
            a0 = np.where(np.isfinite(a), a, 0.0)
            b0 = np.where(np.isfinite(b), b, 0.0)
            la = np.where(np.isfinite(a) & ~point, np.exp(-0.5 * a0 * a0 - 0.5 * LOG_2PI - lp), 0.0)
            lb = np.where(np.isfinite(b) & ~point, np.exp(-0.5 * b0 * b0 - 0.5 * LOG_2PI - lp), 0.0)
        return point, a0, b0, la, lb

    def derivs(self, eta, anc=(), order: int = 2):
        lns = float(anc[0])
        s = np.exp(lns)
        point, a0, b0, la, lb = self._ratios(eta, lns)
        g1 = (la - lb) / s
        p2 = (a0 * la - b0 * lb) / s ** 2
        out = [np.where(point, a0 / s, g1), np.where(point, -1.0 / s ** 2, p2 - g1 * g1)]
        if order > 2:
            p3 = ((a0 * a0 - 1) * la - (b0 * b0 - 1) * lb) / s ** 3
            out.append(np.where(point, 0.0, p3 - 3 * p2 * g1 + 2 * g1 ** 3))
        return tuple(out[:order])

    def dlogf_danc(self, eta, anc):
        point, a0, b0, la, lb = self._ratios(eta, float(anc[0]))
        return [(np.zeros(len(self.lo), np.int64), np.where(point, a0 * a0 - 1, a0 * la - b0 * lb))]

    def anc_dense(self, eta, anc, with_derivs: bool = False, h: float = 1e-6):
        """d logf/d ln sigma shaped like eta; with ``with_derivs`` also d d1 and d d2 in ln sigma
        (central differences, as ``Family.anc_dense``)."""
        anc = np.asarray(anc, float)
        L = self.dlogf_danc(eta, anc)[0][1]
        if not with_derivs:
            return [(L,)]
        p1, p2 = self.derivs(eta, anc + h, 2), self.derivs(eta, anc - h, 2)
        return [(L, (p1[0] - p2[0]) / (2 * h), (p1[1] - p2[1]) / (2 * h))]

    def mean(self, eta, anc=()):
        """E(y* | eta): the latent linear prediction."""
        return np.asarray(eta, float)

    def counts(self, weights=None) -> dict[str, float]:
        """Observations (frequency weights: their sum) by kind: uncensored, left-, right- and
        interval-censored (e(N_unc), e(N_lc), e(N_rc), e(N_int))."""
        lo_open, hi_open = ~np.isfinite(self.lo), ~np.isfinite(self.hi)
        w = np.ones(len(self.lo)) if weights is None else np.asarray(weights, float)
        masks = {"N_unc": self.point, "N_lc": lo_open & ~hi_open, "N_rc": hi_open & ~lo_open,
                 "N_int": ~self.point & ~lo_open & ~hi_open}
        return {k: float(w[m].sum()) for k, m in masks.items()}

