"""glm's classical IRLS (Fisher scoring) as glm.ado runs it for ``irls`` (binreg's default):

    start  mu = m (y + 0.5)/(m + 1) (binomial; else (y + mean y)/2), eta = g(mu/m)
    step   z = eta - offset + (y - mu)/mu',  W = mu'^2 / V(mu);  b = (X' w W X)^-1 X' w W z
           eta = X b + offset, mu = m h(eta), deviance D = sum w d(y, mu)
    stop   |D - D_previous| <= ltolerance (1e-6), at most ``iterate`` steps

each step logged as ``Iteration i:   deviance = D``.  V is the expected information's inverse
(X' w W X)^-1 (``EIM``); vce(robust|cluster) the sandwich over that bread with the scores
mu' (y - mu)/V x (c = N/(N-1) or G/(G-1)), glm's "Semirobust" for a non-canonical link.
Pure numbers; the engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import StataError
from .exponential_family import Family, Link


@dataclass
class IRLSFit:
    beta: np.ndarray
    V: np.ndarray
    mu: np.ndarray
    deviance: float
    pearson: float
    converged: bool
    deviances: list = field(default_factory=list)  # one per iteration (the log)
    bread: np.ndarray | None = None  # the robust sandwich's bread (the EIM at the final mean)
    # the last step's (X' w W X)^-1 and V(mu) at its start: glm.ado's leverage h = V x (X'wWX)^-1 x'
    step_inverse: np.ndarray | None = None
    step_variance: np.ndarray | None = None


def _bounded(family: Family, mu, m):
    """glim_mu 0 m: a binomial mean kept within [1e-8, m - 1e-8] after each step."""
    if family.name != "binomial":
        return mu
    return np.clip(mu, 1e-8, m - 1e-8)


def mean_slope(link: Link, eta, mu, m):
    """dmu/deta, as glm's link programs write it in mu where they do (so at the bounded mean)."""
    n = link.name
    if n == "log" or n == "power" and link.power == 0:
        return mu
    if n == "logit":
        return mu * (1 - mu / m)
    if n == "identity" or n == "power" and link.power == 1:
        return m * np.ones_like(mu)
    if n == "logc":
        return mu - m
    return m * link.inverse(eta)[1]


def fit_irls(family: Family, link: Link, X, y, m, offset, w, *, iterate: int = 300, ltolerance: float = 1e-6,
             frequency: bool = True, cluster=None, robust: bool = False, disp: float = 1.0,
             mu_start=None) -> IRLSFit:
    """``w``: fweights (frequency) or the other weights (normalized as glm's aweights: mean 1);
    ``disp``: glm's disp(#), W = disp mu'^2/V and the deviance and Pearson X2 divided by it (the
    robust sandwich ignores it, as glm.ado's); ``mu_start``: glm's mu()/init() starting mean."""
    if mu_start is not None:
        mu = np.asarray(mu_start, float)
    elif family.name == "binomial":
        mu = m * (y + 0.5) / (m + 1)
    else:
        mu = (y + np.average(y, weights=w)) / 2
    eta = link.link(mu / m)
    beta = np.zeros(X.shape[1])
    old, new, deviances = 0.0, 1.0, []
    i = 1 if iterate > 0 else 0
    v_step = family.variance(mu)
    W = disp * w * mean_slope(link, eta, mu, m) ** 2 / v_step
    while abs(new - old) > ltolerance and i <= iterate:
        old = new
        dmu = mean_slope(link, eta, mu, m)
        z = eta - offset + (y - mu) / dmu
        v_step = family.variance(mu)
        W = disp * w * dmu * dmu / v_step
        A = (X * W[:, None]).T @ X
        try:
            beta = np.linalg.solve(A, (X * W[:, None]).T @ z)
        except np.linalg.LinAlgError:
            raise StataError("matrix not positive definite", 506) from None
        eta = X @ beta + offset
        mu = _bounded(family, m * link.inverse(eta)[0], m)
        if not np.all(np.isfinite(mu)):
            raise StataError("numerical overflow", 1400)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = float(w @ family.unit_deviance(y, mu)) / disp
        deviances.append(new)
        i += 1
    converged = abs(new - old) <= ltolerance
    V = family.variance(mu)
    dmu = mean_slope(link, eta, mu, m)
    bread = np.linalg.pinv((X * W[:, None]).T @ X)  # EIM: the last step's weights (glm's _regress)
    cov = step_inverse = bread
    if robust or cluster is not None:  # the sandwich's bread at the final mean
        bread = np.linalg.pinv((X * (w * dmu * dmu / V)[:, None]).T @ X)
        S = X * (dmu * (y - mu) / V)[:, None]
        from ..robust.cluster_sandwich import cluster_sandwich

        cov = cluster_sandwich(bread, S * w[:, None], cluster, fweight=w if frequency else None)
    pearson = float(w @ ((y - mu) ** 2 / V)) / disp
    return IRLSFit(beta, cov, mu, deviances[-1] if deviances else float("nan"), pearson, converged, deviances, bread,
                   step_inverse, v_step)
