"""Impulse-response functions and forecast-error variance decompositions of a VAR with their
asymptotic standard errors ([TS] irf create, Lutkepohl 1993 sections 3.7 and 3.5).

Phi_i (irf): the moving-average coefficients of the companion recursion, Phi_0 = I; Theta_i =
Phi_i P (oirf), P the lower Cholesky factor of Sigma; cirf and coirf their running sums; fevd at
step h: sum_{i<h} theta_jk,i^2 / sum_{i<h} sum_k theta_jk,i^2 (0 at step 0).  Standard errors:
the delta method on (alpha, vech Sigma) with Cov(alpha) from e(V)'s lag coefficients and
Cov(vech Sigma) = 2 D+ (Sigma kron Sigma) D+' / T; the Jacobian is taken by central
differences (the statistics are smooth in both), which reproduces Lutkepohl's closed forms
G_i, C_i and Cbar_i to the displayed precision (tests/test_var.py checks them).
"""
from __future__ import annotations

import numpy as np


def _stats(A: np.ndarray, Sigma: np.ndarray, steps: int) -> dict[str, np.ndarray]:
    """A: K x K p lag coefficients [A_1 .. A_p]; arrays (steps+1) x K (response) x K (impulse)."""
    K = Sigma.shape[0]
    p = A.shape[1] // K
    phi = [np.eye(K)]
    for i in range(1, steps + 1):
        phi.append(sum(A[:, (j - 1) * K:j * K] @ phi[i - j] for j in range(1, min(i, p) + 1)))
    phi = np.asarray(phi)
    P = np.linalg.cholesky(Sigma)
    theta = phi @ P
    sq = np.cumsum(theta ** 2, axis=0)
    fevd = np.zeros_like(theta)
    fevd[1:] = sq[:-1] / sq[:-1].sum(axis=2, keepdims=True)
    return {"irf": phi, "oirf": theta, "cirf": np.cumsum(phi, axis=0), "coirf": np.cumsum(theta, axis=0),
            "fevd": fevd}


def point_statistics(A: np.ndarray, Sigma: np.ndarray, steps: int) -> dict[str, np.ndarray]:
    """irf, oirf, cirf, coirf and fevd without standard errors (after vec)."""
    return _stats(A, Sigma, steps)


def vech_index(K: int):
    return [(i, j) for j in range(K) for i in range(j, K)]


def irf_results(A: np.ndarray, Sigma: np.ndarray, V_alpha: np.ndarray, T: float, steps: int):
    """(point estimates, standard errors): dicts of (steps+1) x K x K arrays.  V_alpha: the
    covariance of vec(A) (column-major, K^2 p)."""
    K = Sigma.shape[0]
    point = _stats(A, Sigma, steps)
    idx = vech_index(K)
    alpha = A.reshape(-1, order="F")
    sig = np.asarray([Sigma[i, j] for i, j in idx])
    # Cov(vech Sigma) = 2 D+ (Sigma kron Sigma) D+' / T
    D = np.zeros((K * K, len(idx)))
    for c, (i, j) in enumerate(idx):
        D[j * K + i, c] = 1.0
        D[i * K + j, c] = 1.0
    Dp = np.linalg.pinv(D)
    V_sig = 2 * Dp @ np.kron(Sigma, Sigma) @ Dp.T / T
    theta0 = np.concatenate([alpha, sig])
    cov = np.zeros((theta0.size, theta0.size))
    cov[:alpha.size, :alpha.size] = V_alpha
    cov[alpha.size:, alpha.size:] = V_sig

    def unpack(theta):
        A_ = theta[:alpha.size].reshape(A.shape, order="F")
        S = np.zeros((K, K))
        for c, (i, j) in enumerate(idx):
            S[i, j] = S[j, i] = theta[alpha.size + c]
        return _stats(A_, S, steps)

    return point, delta_standard_errors(unpack, theta0, cov, point)


def delta_standard_errors(stats, theta0: np.ndarray, cov: np.ndarray, point: dict) -> dict:
    """sqrt(diag(J cov J')) for each statistic of ``stats(theta)``, J by central differences (the
    parameters with no variance skipped)."""
    jac = {k: np.zeros(v.shape + (theta0.size,)) for k, v in point.items()}
    scale = np.maximum(np.abs(theta0), 1.0)
    for c in range(theta0.size):
        if cov[c, c] == 0:
            continue
        h = 1e-6 * scale[c]
        up, dn = theta0.copy(), theta0.copy()
        up[c] += h
        dn[c] -= h
        su, sd = stats(up), stats(dn)
        for k in point:
            jac[k][..., c] = (su[k] - sd[k]) / (2 * h)
    return {k: np.sqrt(np.clip(np.einsum("...a,ab,...b->...", J, cov, J), 0, None)) for k, J in jac.items()}
