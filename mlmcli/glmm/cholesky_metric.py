"""A GLMM's random-effects covariances in gllamm's parametrisation (Rabe-Hesketh, Skrondal &
Pickles' ``gllamm``), with their variances by the delta method.

gllamm estimates, per level l (innermost first), the Cholesky factor L_l of the random-effects
covariance Sigma_l = L_l L_l' (lower triangular): the diagonal entries L_l[i,i] (i = 1..q_l)
and then, for correlated effects, the off-diagonal entries L_l[i,j] (i = 2..q_l, j < i); with
uncorrelated effects (``nocorrel``) or one effect, only the standard deviations sqrt(Sigma_l[i,i]).
A Gaussian model's level-1 parameter is ln sigma (the engine's own).  The engine estimates
theta = (beta, alpha, phi) with phi in Stata's metric (ln sd, atanh corr); for any smooth
map g(theta), V(g) = J V(theta) J' with J = dg/dtheta by central differences (at the
optimum this is the inverse Hessian in g's metric).  L is reported with a positive diagonal.
"""
from __future__ import annotations

import numpy as np


def _levels_inner_first(model, theta):
    _, _, phi = model.split(theta)
    return list(reversed(model.sigmas(phi)))


def cholesky_entries(S: np.ndarray, correlated: bool) -> np.ndarray:
    """gllamm's random-effects parameters of one level: diag(L), then L[i,j] (i > j) row-wise."""
    S = np.asarray(S, float)
    q = S.shape[0]
    if not correlated or q == 1:
        return np.sqrt(np.maximum(np.diag(S), 0.0))
    L = np.linalg.cholesky(S)
    off = [L[i, j] for i in range(1, q) for j in range(i)]
    return np.concatenate([np.diag(L), off])


def covariance_entries(S: np.ndarray, correlated: bool) -> np.ndarray:
    """var(1), cov(2,1), var(2), cov(3,1), cov(3,2), var(3) ... (gllamm's display order);
    without correlations only the variances."""
    q = S.shape[0]
    if not correlated or q == 1:
        return np.diag(S).copy()
    return np.array([S[i, j] for i in range(q) for j in range(i + 1)])


def gllamm_parameters(model, theta: np.ndarray, correlated: bool) -> np.ndarray:
    """(beta, alpha, Cholesky entries of each level, innermost level first)."""
    beta, anc, _ = model.split(theta)
    parts = [np.asarray(beta, float), np.asarray(anc, float)]
    parts += [cholesky_entries(S, correlated) for S in _levels_inner_first(model, theta)]
    return np.concatenate(parts)


def cholesky_matrix(model, theta: np.ndarray, correlated: bool) -> np.ndarray:
    """gllamm's e(chol): the lower-triangular Cholesky factors of the levels' random-effects
    covariance matrices on a block diagonal, innermost level first (one random intercept: its sd)."""
    from scipy.linalg import block_diag

    blocks = []
    for S in _levels_inner_first(model, theta):
        S = np.asarray(S, float)
        if correlated and S.shape[0] > 1:
            blocks.append(np.linalg.cholesky(S))
        else:
            blocks.append(np.diag(np.sqrt(np.maximum(np.diag(S), 0.0))))
    return block_diag(*blocks)


def level_covariances(model, theta: np.ndarray, correlated: bool) -> np.ndarray:
    """Every level's ``covariance_entries``, innermost level first, concatenated."""
    return np.concatenate([covariance_entries(S, correlated) for S in _levels_inner_first(model, theta)])


def jacobian(g, theta: np.ndarray) -> np.ndarray:
    """dg/dtheta by central differences (step 1e-6 max(1, |theta_k|))."""
    theta = np.asarray(theta, float)
    g0 = g(theta)
    J = np.zeros((len(g0), len(theta)))
    for k in range(len(theta)):
        h = 1e-6 * max(1.0, abs(theta[k]))
        e = np.zeros_like(theta)
        e[k] = h
        J[:, k] = (g(theta + e) - g(theta - e)) / (2 * h)
    return J


def delta_method(g, theta: np.ndarray, V: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(g(theta), J V J')."""
    J = jacobian(g, theta)
    return g(np.asarray(theta, float)), J @ np.nan_to_num(V) @ J.T
