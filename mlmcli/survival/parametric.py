"""streg's exponential and Weibull models in the proportional-hazards (log relative-hazard)
metric, by maximum likelihood on (_t0, _t] records with failure indicator d:

    hazard h(t) = p t^(p-1) exp(x b)   (exponential: p = 1),   p = exp(ln_p)
    ll_i = d_i (x_i b + ln p + (p - 1) ln t_i) - exp(x_i b) (t_i^p - t0_i^p)

(the density of t given survival to t0; delayed entry subtracts the cumulative hazard at t0).
The accelerated failure-time metric (streg's ``time``) is the same fit re-expressed:
b_aft = -b / p, with the delta-method variance.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ParametricData:
    t0: np.ndarray
    t: np.ndarray
    d: np.ndarray
    X: np.ndarray              # n x k, the constant last
    w: np.ndarray
    distribution: str          # exponential | weibull


def _logs(t, t0, p):
    lt = np.log(t)
    lt0 = np.where(t0 > 0, np.log(np.where(t0 > 0, t0, 1.0)), 0.0)
    tp, t0p = t ** p, np.where(t0 > 0, np.where(t0 > 0, t0, 1.0) ** p, 0.0)
    return lt, lt0, tp, t0p


def loglik(theta: np.ndarray, data: ParametricData, derivatives: bool = True):
    """ll, gradient and Hessian in (b, ln_p) (b alone for the exponential)."""
    X, d, w = data.X, data.d, data.w
    k = X.shape[1]
    weibull = data.distribution == "weibull"
    b = theta[:k]
    s = theta[k] if weibull else 0.0
    p = np.exp(s)
    eta = X @ b
    e = np.exp(eta)
    lt, lt0, tp, t0p = _logs(data.t, data.t0, p)
    A = tp - t0p
    ll = float(w @ (d * (eta + s + (p - 1) * lt) - e * A))
    if not derivatives:
        return ll, None, None
    g_eta = d - e * A
    grad = X.T @ (w * g_eta)
    H = -(X.T * (w * e * A)) @ X
    if weibull:
        B = tp * lt - t0p * lt0
        C = tp * lt ** 2 - t0p * lt0 ** 2
        gs = float(w @ (d * (1 + p * lt) - e * p * B))
        hss = float(w @ (d * p * lt - e * (p * B + p * p * C)))
        hes = -(X.T @ (w * e * p * B))
        grad = np.r_[grad, gs]
        H = np.block([[H, hes[:, None]], [hes[None, :], np.array([[hss]])]])
    return ll, grad, H


def fit_parametric(data: ParametricData, *, iterate: int = 300, tolerance: float = 1e-6,
                   ltolerance: float = 1e-7, nrtolerance: float = 1e-5):
    """Newton-Raphson as ml runs it: the start b = (0, ..., log(failures / time at risk)), ln_p = 0."""
    from mlmcli.glm.newton import maximize

    k = data.X.shape[1]
    rate = float((data.w * data.d).sum() / (data.w * (data.t - data.t0)).sum())
    theta0 = np.zeros(k + (1 if data.distribution == "weibull" else 0))
    theta0[k - 1] = np.log(rate) if rate > 0 else 0.0

    def fun(theta):
        return loglik(theta, data, derivatives=False)[0]

    def grad_hess(theta):
        _, g, H = loglik(theta, data)
        return g, H

    res = maximize(fun, grad_hess, theta0, iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                   nrtolerance=nrtolerance)
    _, _, H = loglik(res.x, data)
    try:
        V = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        V = np.linalg.pinv(-H)
    return res, V


def time_metric(theta: np.ndarray, V: np.ndarray, k: int, weibull: bool):
    """(b_aft, V_aft) of the AFT form: b_aft = -b / p (and ln_p unchanged), by the delta method."""
    if not weibull:
        J = -np.eye(k)
        return J @ theta, J @ V @ J.T
    p = np.exp(theta[k])
    b = theta[:k]
    J = np.zeros((k + 1, k + 1))
    J[:k, :k] = -np.eye(k) / p
    J[:k, k] = b / p           # d(-b e^{-s})/ds = b e^{-s}
    J[k, k] = 1.0
    out = np.r_[-b / p, theta[k]]
    return out, J @ V @ J.T
