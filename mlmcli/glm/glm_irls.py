"""``glm ..., irls``: glm's classical IRLS fit as a ``GeneralizedLinearFit`` (glm.ado's
"Classical IRLS" block; the iterations are ``irls.fit_irls``).

    delta   the scale: default 1 (binomial, Poisson, nbinomial) or Pearson X2/df (the continuous
            families); scale(x2) X2/df, scale(dev) D/df, scale(#) #  (X2 and D divided by disp)
    eim     V = delta (X' w W X)^-1, W = disp mu'^2/V at the last step's mean (_regress's V)
    oim     V = delta (X' w [mu'^2/V - (y-mu)(mu''/V - mu'^2 V'/V^2)] X)^-1 at the final mean
            ("MQL Newton-Raphson (IRLS OIM)")
    robust  the sandwich over the EIM bread at the final mean (``fit_irls``): "Robust" for the
            canonical link, "Semirobust" otherwise
    opg     V = delta^2 (sum_i f_i s_i s_i')^-1, s_i = mu' (y - mu)/(disp V) x_i at the final mean
            (glm.ado's _robust2 over the identity, read as the ML route's OPG reads it: no
            N/(N-1)); f the fweights
    unbiased  the sandwich over the EIM bread with s_i / sqrt(1 - h_i) and no N/(N-1) (minus(0)),
            h_i = V_i x_i (X' w W X)^-1 x_i' over the last step's W and V (glm.ado's _regress
            stdp^2 V); "Unbiased", e(setype) "Unbiased Sandwich"
A scale that is missing (as many observations as coefficients) zeroes V's diagonal (glm.ado's
zapse); vfactor(#) multiplies V.  e(phi) is disp(#) (1 by default), the deviance and Pearson
statistics are divided by it, and no log likelihood is posted.  Pure numbers; never prints.
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..missing import stata_ratio
from .exponential_family import Family, Link
from .generalized_linear import GeneralizedLinearFit, fit_inputs, step_quantities
from .irls import mean_slope, fit_irls

# glm.ado's canonical pairs (family, link): the robust label "Robust", else "Semirobust"
_CANONICAL = {("gaussian", "identity"), ("binomial", "logit"), ("poisson", "log"), ("gamma", "power -1"),
              ("igaussian", "power -2"), ("nbinomial", "nbinomial")}


def is_canonical(family: Family, link: Link) -> bool:
    name = link.name
    if name == "power":
        name = "log" if link.power == 0 else "identity" if link.power == 1 else f"power {link.power:g}"
    return (family.name, name) in _CANONICAL


def irls_scale(family: Family, scale, pearson: float, deviance: float, df: float) -> float:
    """delta: glm.ado's scaling of the EIM/OIM variance."""
    if scale is None:
        return 1.0 if family.discrete else stata_ratio(pearson, df)
    if scale == "x2":
        return stata_ratio(pearson, df)
    if scale == "dev":
        return stata_ratio(deviance, df)
    return float(scale)


def fit_glm_irls(depvar, labels, X, y, family: Family, link: Link, **options) -> GeneralizedLinearFit:
    """The IRLS fit (``_fit_glm_irls``); a regressor near 1e9 on shifted columns
    (``rescaled_fit.glm_on_shifted_columns``)."""
    from .rescaled_fit import glm_on_shifted_columns

    return glm_on_shifted_columns(_fit_glm_irls, depvar, labels, X, y, family, link, **options)


def _fit_glm_irls(depvar, labels, X, y, family: Family, link: Link, *, offset=None, weight=None,
                 frequency: bool = False, rows_count: bool = False, vce: str = "eim", cluster=None,
                 cluster_var=None, level: float = 95.0, offset_name=None, iterate: int = 300,
                 ltolerance: float = 1e-6, scale=None, vfactor: float = 1.0, disp: float = 1.0,
                 mu_start=None) -> GeneralizedLinearFit:
    """``vce``: eim, oim, robust or cluster; ``frequency``: fweights; ``rows_count``: e(N) the
    rows (pweights, aweights, iweights)."""
    n = len(y)
    X, off, w, m, link = fit_inputs(X, y, family, link, offset, weight)
    exact = family.name == "gaussian" and (link.name == "identity" or link.name == "power" and link.power == 1)
    if exact:  # glm.ado: Gaussian identity takes one step (rc 0)
        iterate = 1
    robust = vce in ("robust", "cluster")
    if vce == "unbiased" and cluster is not None:
        raise StataError("vce(unbiased) with cluster() under glm's irls not supported by mlmcli", 198)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        result = fit_irls(family, link, X, y, m, off, w, iterate=iterate, ltolerance=ltolerance,
                          frequency=frequency, cluster=np.asarray(cluster) if vce == "cluster" else None,
                          robust=vce == "robust", disp=disp, mu_start=mu_start)
    if not np.all(np.isfinite(result.beta)):
        raise StataError("numerical overflow", 1400)
    nobs = float(n) if rows_count or weight is None else float(np.sum(w))
    k = X.shape[1]
    df = nobs - k
    delta = irls_scale(family, scale, result.pearson, result.deviance, df)
    eta = X @ result.beta + off
    dmu = mean_slope(link, eta, result.mu, m)
    Vmu = family.variance(result.mu)
    with np.errstate(invalid="ignore"):
        leverage = result.step_variance * np.einsum("ij,jk,ik->i", X, result.step_inverse, X)
    if robust:
        V = result.V
    elif vce == "opg":
        S = X * (dmu * (y - result.mu) / (disp * Vmu))[:, None]
        V = np.linalg.pinv(_outer_products(S, w, frequency))
        if np.isfinite(delta):
            V = delta ** 2 * V
        else:  # zapse
            np.fill_diagonal(V, 0.0)
    elif vce == "unbiased":
        with np.errstate(divide="ignore", invalid="ignore"):  # leverage 1 (one row a parameter): missing
            S = X * (dmu * (y - result.mu) / Vmu / np.sqrt(1 - leverage))[:, None]
        bread = np.linalg.pinv((X * (w * dmu * dmu / Vmu)[:, None]).T @ X)
        V = bread @ _outer_products(S, w, frequency) @ bread
    else:
        if vce == "oim":
            _, mu, d1, d2, Vmu = step_quantities(family, link, X, y, m, off, w, result.beta)
            r = y - mu
            curv = w * (d1 ** 2 / Vmu - r * (d2 / Vmu - d1 ** 2 * family.variance_derivative(mu) / Vmu ** 2))
            bread = np.linalg.pinv(X.T @ (X * curv[:, None]))
        else:
            bread = result.V  # the EIM over the last step's weights (disp included)
        if np.isfinite(delta):
            V = delta * bread
        else:  # glm.ado's zapse: the standard errors 0
            V = bread.copy()
            np.fill_diagonal(V, 0.0)
    with np.errstate(all="ignore"):  # elements past the double range are missing, as Stata's
        V = vfactor * V
        V = np.where(np.isfinite(V), V, np.nan)
    scores = None
    if robust:  # the sandwich's rows (fit_irls's): w mu' (y - mu)/V x at the final mean
        scores = X * (w * dmu * (y - result.mu) / Vmu)[:, None]
    label = ({"eim": "EIM", "oim": "OIM", "opg": "OPG", "unbiased": "Unbiased"}.get(vce)
             or ("Robust" if is_canonical(family, link) else "Semirobust"))
    n_clusters = int(np.max(cluster)) + 1 if vce == "cluster" else None
    fit = GeneralizedLinearFit(depvar, tuple(labels), family, link, result.beta, (V + V.T) / 2, y, result.mu, w,
                               nobs, float("nan"), result.deviance, result.pearson, disp, vce, level, offset_name,
                               cluster_var, n_clusters, [], result.converged or exact,
                               False, scale=scale, vfactor=vfactor, vce_label=label,
                               irls_deviances=list(result.deviances), disp=disp,
                               robust_bread=result.bread if robust else None, robust_scores=scores,
                               irls_leverage=leverage)
    return fit


def _outer_products(S, w, frequency: bool):
    """sum_i f_i s_i s_i' (fweights: a row is f_i observations), else sum_i (w_i s_i)(w_i s_i)'
    (glm.ado's scores times its aweights, fweight 1)."""
    return S.T @ (S * w[:, None]) if frequency else (S * w[:, None]).T @ (S * w[:, None])
