"""An independent evaluation of the log likelihood of a two-level Weibull (proportional hazards)
model with random effects -- patients within doctors within hospitals -- written from the model's
definition, not from mlm's engine: dense trapezoid grids (+-8 SD, spectrally accurate for these
smooth integrands) instead of adaptive Gauss-Hermite quadrature, and plain numpy.

Given hospital effects (u, w) ~ N(0, S_h) (w: a random slope on x, optional) and a doctor
effect v ~ N(0, s_d^2), record i has eta_i = x_i b + u + x_i w + v and streg's log likelihood
of ln t: d_i (eta_i + ln p + p ln t_i) - exp(eta_i) t_i^p.  The hospital's likelihood is

    L_h = int phi(u, w; S_h) prod_doctors [ int phi(v; s_d^2) prod_i exp(ll_i) dv ] du dw.

``loglik(params, data)``: params = (b (with the constant last), ln p, S_h, s_d^2);
``gradient(...)``: central differences of it in (b, ln p, the variances and covariance).
Used by tests/test_mestreg_multilevel.py.
"""
from __future__ import annotations

import numpy as np


def _grid(points: int):
    z = np.linspace(-8.0, 8.0, points)
    w = np.full(points, z[1] - z[0])
    w[[0, -1]] *= 0.5
    return z, np.log(w) - 0.5 * z * z - 0.5 * np.log(2 * np.pi)  # log of weight x N(0,1) density


def _logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.sum(np.exp(a - m), axis=axis))


def loglik(b, ln_p, S_h, var_d, X, x_slope, t, d, hosp, doctor, points: int = 101) -> float:
    """ln L of the model (module docstring); ``hosp``/``doctor`` any codes (doctor codes are
    read within hospital); S_h 1x1 (intercept) or 2x2 (slope on ``x_slope``, then intercept)."""
    p = np.exp(ln_p)
    xb = X @ b
    S_h = np.atleast_2d(S_h)
    z, lwz = _grid(points)
    if S_h.shape[0] == 1:
        nodes = np.sqrt(S_h[0, 0]) * z[:, None]  # (K, 1): u
        lw_h = lwz
        shift = nodes[:, 0][None, :] * np.ones((len(t), 1))
    else:
        # (slope, intercept) = C (z1, z2), C the Cholesky factor of S_h (a 2-d product grid)
        C = np.linalg.cholesky(S_h)
        Z1, Z2 = np.meshgrid(z, z, indexing="ij")
        E = np.column_stack([Z1.ravel(), Z2.ravel()]) @ C.T
        lw_h = (lwz[:, None] + lwz[None, :]).ravel()
        shift = np.outer(x_slope, E[:, 0]) + E[:, 1][None, :]
    v = np.sqrt(var_d) * z
    total = 0.0
    for h in np.unique(hosp):
        rows_h = hosp == h
        acc = lw_h.copy()  # per hospital node: ln of its integrand
        for doc in np.unique(doctor[rows_h]):
            r = rows_h & (doctor == doc)
            eta = (xb[r][:, None, None] + shift[r][:, :, None] + v[None, None, :])  # (n_r, K_h, K_v)
            ll = (d[r][:, None, None] * (eta + ln_p + p * np.log(t[r])[:, None, None])
                  - np.exp(eta) * (t[r] ** p)[:, None, None])
            acc += _logsumexp(ll.sum(axis=0) + lwz[None, :], axis=1)
        total += float(_logsumexp(acc, axis=0))
    return total


def gradient(theta, unpack, step: float = 1e-4, **data) -> np.ndarray:
    """Central differences of ``loglik(*unpack(theta), **data)`` in theta."""
    theta = np.asarray(theta, float)
    g = np.empty(len(theta))
    for k in range(len(theta)):
        h = step * max(1.0, abs(theta[k]))
        e = np.zeros(len(theta))
        e[k] = h
        g[k] = (loglik(*unpack(theta + e), **data) - loglik(*unpack(theta - e), **data)) / (2 * h)
    return g
