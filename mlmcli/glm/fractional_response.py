"""Fractional response models ([R] fracreg; Papke and Wooldridge 1996): the quasi-likelihood
of a Bernoulli outcome with a fractional y in [0, 1],

    ln L_i = y_i ln G(t_i) + (1 - y_i) ln(1 - G(t_i)),   t_i = (x_i b + offset_i) / exp(z_i g)

G the standard normal (probit) or logistic (logit) distribution; without het() z g = 0.  With
l1, l2 the first and second derivatives of ln L_i in t, s = exp(-z g):
    d/d(x b) = l1 s,  d/d(z g) = -l1 t,
    d2/d(x b)2 = l2 s^2,  d2/d(x b) d(z g) = -s (l2 t + l1),  d2/d(z g)2 = t (l2 t + l1).
Maximised by ``newton.maximize`` from the caller's start (fracreg.ado's: the least-squares fit of
y on x; with het() the fit without it and g = 0).  With y in {0, 1} this is hetprob's likelihood.
V is the sandwich (-H)^-1 (c sum S S') (-H)^-1
with c = N/(N-1) (or G/(G-1) over clusters); (-H)^-1 is kept as e(V_modelbased).  The engine
never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from ..errors import StataError


@dataclass
class FractionalData:
    y: np.ndarray
    X: np.ndarray
    offset: np.ndarray
    w: np.ndarray
    Z: np.ndarray | None = None  # het(): the variance equation's design (no constant)
    offset_het: np.ndarray | None = None


def link_derivatives(link: str, y, t):
    """(ln L_i, l1, l2) of the Bernoulli quasi-likelihood in the index t."""
    if link == "logit":
        F = special.expit(t)
        ll = -(y * np.logaddexp(0.0, -t) + (1 - y) * np.logaddexp(0.0, t))
        return ll, y - F, -F * (1 - F)
    lp, lq = special.log_ndtr(t), special.log_ndtr(-t)
    dens = -0.5 * t * t - 0.5 * np.log(2 * np.pi)
    up, down = np.exp(dens - lp), np.exp(dens - lq)  # phi/Phi(t), phi/Phi(-t)
    ll = y * lp + (1 - y) * lq
    return ll, y * up - (1 - y) * down, -y * up * (t + up) - (1 - y) * down * (down - t)


def mean_function(link: str, t):
    """G(t): the conditional mean."""
    return special.expit(t) if link == "logit" else special.ndtr(t)


class FractionalLikelihood:
    def __init__(self, data: FractionalData, link: str):
        self.data, self.link = data, link
        self.k = data.X.shape[1]

    def _parts(self, theta):
        d = self.data
        xb = d.X @ theta[:self.k] + d.offset
        if d.Z is None:
            s = np.ones_like(xb)
        else:
            zg = d.Z @ theta[self.k:] + (d.offset_het if d.offset_het is not None else 0.0)
            s = np.exp(-zg)
        t = xb * s
        ll, l1, l2 = link_derivatives(self.link, d.y, t)
        return ll, l1, l2, s, t

    def loglik(self, theta) -> float:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            v = float(self.data.w @ self._parts(np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._scores(theta)

    def _scores(self, theta):
        _, l1, _, s, t = self._parts(theta)
        cols = [self.data.X * (l1 * s)[:, None]]
        if self.data.Z is not None:
            cols.append(self.data.Z * (-l1 * t)[:, None])
        return np.column_stack(cols)

    def grad_hess(self, theta):
        """(gradient, Hessian); values past the largest double are inf/NaN, not warnings
        (fit_fractional refuses a fit left with them)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._grad_hess(theta)

    def _grad_hess(self, theta):
        _, l1, l2, s, t = self._parts(theta)
        X, w = self.data.X, self.data.w
        g_x = X.T @ (w * l1 * s)
        H_xx = (X * (w * l2 * s * s)[:, None]).T @ X
        if self.data.Z is None:
            return g_x, H_xx
        Z = self.data.Z
        cross = l2 * t + l1
        g_z = Z.T @ (w * -l1 * t)
        H_xz = (X * (w * -s * cross)[:, None]).T @ Z
        H_zz = (Z * (w * t * cross)[:, None]).T @ Z
        return np.concatenate([g_x, g_z]), np.block([[H_xx, H_xz], [H_xz.T, H_zz]])


@dataclass
class FractionalFit:
    theta: np.ndarray
    V: np.ndarray
    V_modelbased: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    steps: list
    scores_sum: np.ndarray  # e(gradient)


def least_squares_start(d: FractionalData) -> np.ndarray:
    """regress y x (weighted; the offset left out, as fracreg.ado's start)."""
    sw = np.sqrt(d.w)
    b = np.linalg.lstsq(d.X * sw[:, None], d.y * sw, rcond=None)[0]
    if not np.all(np.isfinite(b)):
        raise StataError("initial values not feasible", 1400)
    return b


def fit_fractional(d: FractionalData, link: str, start: np.ndarray, *, iterate=300, tolerance=1e-6,
                   ltolerance=1e-7, nrtolerance=1e-5, cluster=None, frequency=False,
                   robust: bool = True) -> FractionalFit:
    """``robust`` False and no ``cluster``: V is the inverse negative Hessian (hetprob's OIM)."""
    from .newton import inverse_information, maximize
    from .zero_inflated import sandwich

    model = FractionalLikelihood(d, link)
    res = maximize(model.loglik, model.grad_hess, np.asarray(start, float), iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance)
    g, H = model.grad_hess(res.x)
    if not (np.isfinite(res.f) and np.isfinite(g).all() and np.isfinite(H).all()):
        # ml's message when the likelihood or its derivatives are missing (values near 1e307,
        # an index past exp()'s range)
        raise StataError("could not calculate numerical derivatives -- discontinuous region with missing "
                         "values encountered", 430)
    V0 = inverse_information(H)
    with np.errstate(over="ignore", invalid="ignore"):  # scores past the largest double: missing SEs
        V = sandwich(V0, model.scores(res.x), d.w, cluster, frequency) if robust or cluster is not None else V0
    return FractionalFit(res.x, V, V0, res.f, res.converged, res.limit_reached, res.steps, g)
