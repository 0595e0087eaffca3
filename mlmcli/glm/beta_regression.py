"""Beta regression ([R] betareg; Ferrari and Cribari-Neto 2004): y in (0, 1) with mean mu =
G(x b) (link logit, probit, cloglog or loglog) and precision phi = s^-1(z g) (slink log: exp,
root: square, identity):

    ln L_i = lnG(phi) - lnG(mu phi) - lnG((1-mu) phi) + (mu phi - 1) ln y + ((1-mu) phi - 1) ln(1-y)

With y* = ln(y/(1-y)), mu* = psi(mu phi) - psi((1-mu) phi):
    dl/dmu = phi (y* - mu*),
    dl/dphi = psi(phi) - mu psi(mu phi) - (1-mu) psi((1-mu) phi) + mu ln y + (1-mu) ln(1-y),
    d2l/dmu2 = -phi^2 (psi1(mu phi) + psi1((1-mu) phi)),
    d2l/dmu dphi = y* - mu* - phi (mu psi1(mu phi) - (1-mu) psi1((1-mu) phi)),
    d2l/dphi2 = psi1(phi) - mu^2 psi1(mu phi) - (1-mu)^2 psi1((1-mu) phi);
chained through mu' = G'(x b), mu'' and phi', phi'' to (b, g).  Maximised by ``newton.maximize``
from betareg.ado's start (regress of G^-1(y) on x; of s(mu(1-mu)/var(y) - 1) on z).  The engine
never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from ..errors import StataError
from .exponential_family import Link

SLINKS = ("log", "root", "identity")


@dataclass
class BetaData:
    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray
    w: np.ndarray


def precision(slink: str, zeta):
    """(phi, phi', phi'') at the scale index zeta."""
    if slink == "log":
        phi = np.exp(np.minimum(zeta, 700.0))
        return phi, phi, phi
    if slink == "root":
        return zeta * zeta, 2 * zeta, 2 * np.ones_like(zeta)
    return zeta, np.ones_like(zeta), np.zeros_like(zeta)


def mean(link: str, eta):
    """(mu, mu', mu'') at the mean index eta."""
    return Link(link).inverse(np.asarray(eta, float))


class BetaLikelihood:
    def __init__(self, data: BetaData, link: str, slink: str):
        self.data, self.link, self.slink = data, link, slink
        self.k = data.X.shape[1]
        self.ly, self.l1y = np.log(data.y), np.log1p(-data.y)

    def _parts(self, theta):
        d = self.data
        mu, m1, m2 = mean(self.link, d.X @ theta[:self.k])
        phi, p1, p2 = precision(self.slink, d.Z @ theta[self.k:])
        return mu, m1, m2, phi, p1, p2

    def obs_loglik(self, theta):
        mu, _, _, phi, _, _ = self._parts(theta)
        a, b = mu * phi, (1 - mu) * phi
        return (special.gammaln(phi) - special.gammaln(a) - special.gammaln(b) + (a - 1) * self.ly
                + (b - 1) * self.l1y)

    def loglik(self, theta) -> float:
        with np.errstate(all="ignore"):
            mu, _, _, phi, _, _ = self._parts(np.asarray(theta, float))
            if not (np.all(phi > 0) and np.all((mu > 0) & (mu < 1))):
                return -np.inf
            v = float(self.data.w @ self.obs_loglik(theta))
        return v if np.isfinite(v) else -np.inf

    def _derivatives(self, theta):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # inf/NaN: fit_beta refuses them
            return self._derivatives_at(theta)

    def _derivatives_at(self, theta):
        mu, m1, m2, phi, p1, p2 = self._parts(theta)
        a, b = mu * phi, (1 - mu) * phi
        resid = (self.ly - self.l1y) - (special.digamma(a) - special.digamma(b))
        d_mu = phi * resid
        d_phi = (special.digamma(phi) - mu * special.digamma(a) - (1 - mu) * special.digamma(b)
                 + mu * self.ly + (1 - mu) * self.l1y)
        ta, tb = special.polygamma(1, a), special.polygamma(1, b)
        d_mumu = -phi * phi * (ta + tb)
        d_muphi = resid - phi * (mu * ta - (1 - mu) * tb)
        d_phiphi = special.polygamma(1, phi) - mu * mu * ta - (1 - mu) ** 2 * tb
        return (d_mu * m1, d_phi * p1, d_mumu * m1 * m1 + d_mu * m2, d_muphi * m1 * p1,
                d_phiphi * p1 * p1 + d_phi * p2)

    def equation_scores(self, theta):
        """d ln L_i / d(x b) and d ln L_i / d(z g): predict's equation-level scores."""
        return self._derivatives(theta)[:2]

    def scores(self, theta):
        s_b, s_g = self.equation_scores(theta)
        return np.column_stack([self.data.X * s_b[:, None], self.data.Z * s_g[:, None]])

    def grad_hess(self, theta):
        s_b, s_g, h_bb, h_bg, h_gg = self._derivatives(theta)
        X, Z, w = self.data.X, self.data.Z, self.data.w
        with np.errstate(over="ignore", invalid="ignore"):
            grad = np.concatenate([X.T @ (w * s_b), Z.T @ (w * s_g)])
            H_bb = (X * (w * h_bb)[:, None]).T @ X
            H_bg = (X * (w * h_bg)[:, None]).T @ Z
            H_gg = (Z * (w * h_gg)[:, None]).T @ Z
        return grad, np.block([[H_bb, H_bg], [H_bg.T, H_gg]])


def starting_values(d: BetaData, link: str, slink: str, frequency: bool) -> np.ndarray:
    """betareg.ado's StartingValues: b from regress of G^-1(y) on x; g from regress of
    s(mu (1-mu)/Var(y) - 1) on z (rows where that is defined), weighted as the fit."""
    sw = np.sqrt(d.w)
    b = np.linalg.lstsq(d.X * sw[:, None], Link(link).link(d.y) * sw, rcond=None)[0]
    mu = mean(link, d.X @ b)[0]
    if frequency:
        m = np.average(d.y, weights=d.w)
        var = float(d.w @ (d.y - m) ** 2 / (d.w.sum() - 1))
    else:
        var = float(np.var(d.y, ddof=1))
    phi = mu * (1 - mu) / var - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        target = np.log(phi) if slink == "log" else (np.sqrt(phi) if slink == "root" else phi)
    ok = np.isfinite(target)
    if not ok.any():
        raise StataError("initial values not feasible", 1400)
    g = np.linalg.lstsq(d.Z[ok] * sw[ok, None], target[ok] * sw[ok], rcond=None)[0]
    return np.concatenate([b, g])


def fit_beta(d: BetaData, link: str, slink: str, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
             nrtolerance=1e-5, robust=False, cluster=None, frequency=False):
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    with np.errstate(over="ignore", invalid="ignore"):  # the sandwich of scores past the largest double
        res, V = maximize_with_variance(BetaLikelihood(d, link, slink), start, d.w,
                                        dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                             nrtolerance=nrtolerance), robust=robust, cluster=cluster,
                                        frequency=frequency)
    if not (np.isfinite(res.x).all() and np.isfinite(res.f) and np.isfinite(V).all()):
        raise StataError("could not calculate numerical derivatives -- discontinuous region with missing "
                         "values encountered", 430)  # ml's message
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
