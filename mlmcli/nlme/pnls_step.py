"""The PNLS step: penalized nonlinear least squares in (theta, u) for fixed relative variances.

With Delta = Lambda^-1 (so Delta' Delta = sigma^2 Cov(u_i)^-1), minimise (Lindstrom & Bates
1990, eq. 2.4; Pinheiro & Bates 2000, sect. 7.2.1)

    g(theta, u) = sum_ij (y_ij - f(theta, u_i))^2 + sum_i |Delta u_i|^2

by Gauss-Newton: linearize f at the current point (X = df/dtheta, Z = df/du, r = y - f),
solve the penalized normal equations for the increment, per group eliminated:

    M_i = Z_i'Z_i + Delta'Delta,   c_i = Z_i'r_i - Delta'Delta u_i
    (X'X - sum_i X_i'Z_i M_i^-1 Z_i'X_i) dtheta = X'r - sum_i X_i'Z_i M_i^-1 c_i
    du_i = M_i^-1 (c_i - Z_i'X_i dtheta)

and halve the step until g falls.  Stops when the relative decrease of g is below 1e-13 or
the increment is below 1e-10 relative.  ``nls_start`` is the same without random effects
(the fixed-effects-only nonlinear least squares that gives the starting values).
"""
from __future__ import annotations

import numpy as np

from mlmcli.nlme.linearized_model import linearize, mean_value
from mlmcli.nlme.lme_step import GroupSums
from mlmcli.nlme.spec import NLMESpec


def objective(spec: NLMESpec, theta, u, delta2: np.ndarray) -> float:
    """g(theta, u) (inf where f is missing)."""
    f = mean_value(spec, theta, u)
    r = spec.y - f
    if not np.all(np.isfinite(r)):
        return np.inf
    pen = float(np.einsum("gi,ij,gj->", u, delta2, u)) if spec.q else 0.0
    return float(r @ r) + pen


def _increment(spec, X, Z, r, u, delta2, sums: GroupSums):
    p, q = X.shape[1], Z.shape[1]
    XtX, Xtr = X.T @ X, X.T @ r
    if q == 0:
        return np.linalg.lstsq(XtX, Xtr, rcond=None)[0], u
    M = sums(Z[:, :, None] * Z[:, None, :]) + delta2[None]
    ZtX = sums(Z[:, :, None] * X[:, None, :])
    c = sums(Z * r[:, None]) - u @ delta2.T
    Minv_ZtX = np.linalg.solve(M, ZtX)
    Minv_c = np.linalg.solve(M, c[:, :, None])[:, :, 0]
    S = XtX - np.einsum("gqi,gqj->ij", ZtX, Minv_ZtX)
    rhs = Xtr - np.einsum("gqi,gq->i", ZtX, Minv_c)
    dtheta = np.linalg.lstsq(S, rhs, rcond=None)[0] if p else np.zeros(0)
    du = Minv_c - np.einsum("gqi,i->gq", Minv_ZtX, dtheta)
    return dtheta, du


def pnls(spec: NLMESpec, theta, u, log_lambda, sums: GroupSums, max_iter: int = 100):
    """(theta, u) minimising g for relative sds exp(log_lambda)."""
    delta2 = np.diag(np.exp(-2.0 * np.asarray(log_lambda, float))) if spec.q else np.zeros((0, 0))
    theta, u = np.array(theta, float), np.array(u, float)
    g = objective(spec, theta, u, delta2)
    for _ in range(max_iter):
        f, X, Z = linearize(spec, theta, u)
        r = spec.y - f
        dtheta, du = _increment(spec, X, Z, r, u, delta2, sums)
        t = 1.0
        while t > 1e-10:
            tn, un = theta + t * dtheta, u + t * du
            gn = objective(spec, tn, un, delta2)
            if gn <= g:
                break
            t *= 0.5
        else:
            break
        small = (np.all(np.abs(t * dtheta) <= 1e-10 * (1 + np.abs(theta)))
                 and np.all(np.abs(t * du) <= 1e-10 * (1 + np.abs(u))))
        decrease = g - gn
        theta, u, g = tn, un, gn
        if small or decrease <= 1e-13 * max(1.0, g):
            break
    return theta, u


def nls_start(spec: NLMESpec, theta, max_iter: int = 200):
    """Nonlinear least squares in theta with u = 0 (Gauss-Newton, step halving)."""
    u = np.zeros((spec.n_groups, spec.q))
    sums = GroupSums(spec.group, spec.n_groups)
    empty = np.zeros((0, 0))
    theta = np.array(theta, float)
    g = objective(spec, theta, u, empty if not spec.q else np.zeros((spec.q, spec.q)))
    for _ in range(max_iter):
        f, X, _ = linearize(spec, theta, u)
        dtheta, _ = _increment(spec, X, np.zeros((len(f), 0)), spec.y - f, u, empty, sums)
        t = 1.0
        while t > 1e-10:
            gn = objective(spec, theta + t * dtheta, u, np.zeros((spec.q, spec.q)))
            if gn <= g:
                break
            t *= 0.5
        else:
            break
        decrease = g - gn
        theta, g = theta + t * dtheta, gn
        if decrease <= 1e-13 * max(1.0, g):
            break
    return theta, g
