"""Correlation functions of the residual structures and their unconstrained metrics.

- AR(p): e_t = phi_1 e_{t-1} + ... + phi_p e_{t-p} + u_t.  Partial autocorrelations
  pi_k in (-1, 1) <-> stationary phi by Durbin-Levinson (phi^(k)_k = pi_k,
  phi^(k)_i = phi^(k-1)_i - pi_k phi^(k-1)_{k-i}); the autocorrelations follow from
  rho_k = pi_k v_{k-1} + sum_i phi^(k-1)_i rho_{k-i}, v_{k-1} = 1 - sum_i phi^(k-1)_i rho_i,
  then rho_k = sum_i phi_i rho_{k-i} beyond lag p.
- MA(q): e_t = u_t + theta_1 u_{t-1} + ...: rho_k = sum_{i=0}^{q-k} theta_i theta_{i+k} /
  sum_i theta_i^2 (theta_0 = 1); invertible iff -theta is a stationary AR polynomial.
- Correlation matrices: R = W W' with W's rows on the unit sphere built from canonical
  partial correlations z in (-1, 1) (every z gives a positive-definite R).
"""
from __future__ import annotations

import numpy as np


def pacf_to_ar(pacf: np.ndarray) -> np.ndarray:
    """AR coefficients phi_1..phi_p from partial autocorrelations (Durbin-Levinson)."""
    phi = np.zeros(0)
    for k, a in enumerate(np.asarray(pacf, float)):
        phi = np.append(phi - a * phi[::-1], a) if k else np.array([a])
    return phi


def ar_to_pacf(phi: np.ndarray) -> np.ndarray | None:
    """Partial autocorrelations of AR(p) coefficients (step-down), None when not stationary."""
    cur = np.asarray(phi, float).copy()
    out = np.zeros(len(cur))
    for k in range(len(cur) - 1, -1, -1):
        a = cur[k]
        if not abs(a) < 1:
            return None
        out[k] = a
        cur = (cur[:k] + a * cur[:k][::-1]) / (1 - a * a)
    return out


def ar_acf(phi: np.ndarray, maxlag: int) -> np.ndarray | None:
    """Autocorrelations rho_0..rho_maxlag of a stationary AR(p); None when not stationary."""
    phi = np.asarray(phi, float)
    pacf = ar_to_pacf(phi)
    if pacf is None:
        return None
    p = len(phi)
    rho = np.zeros(max(maxlag, p) + 1)
    rho[0] = 1.0
    cur = np.zeros(0)
    for k in range(1, p + 1):  # Durbin-Levinson: rho_k from the order-(k-1) fit and pi_k
        v = 1.0 - cur @ rho[1:k]
        rho[k] = pacf[k - 1] * v + cur @ rho[k - 1:0:-1]
        cur = np.append(cur - pacf[k - 1] * cur[::-1], pacf[k - 1])
    for k in range(p + 1, len(rho)):
        rho[k] = phi @ rho[k - 1:k - p - 1 if k - p - 1 >= 0 else None:-1]
    return rho[:maxlag + 1]


def ma_acf(theta: np.ndarray, maxlag: int) -> np.ndarray:
    """Autocorrelations of e_t = u_t + sum theta_i u_{t-i}."""
    c = np.append(1.0, np.asarray(theta, float))
    q = len(c) - 1
    rho = np.zeros(maxlag + 1)
    for k in range(min(q, maxlag) + 1):
        rho[k] = c[:q + 1 - k] @ c[k:]
    return rho / rho[0]


def cpc_to_corr(z: np.ndarray, p: int) -> np.ndarray:
    """Correlation matrix from canonical partial correlations z (row-wise below the
    diagonal, |z| < 1): R = W W' with W's rows on the unit sphere."""
    W = np.zeros((p, p))
    W[0, 0] = 1.0
    k = 0
    for i in range(1, p):
        rest = 1.0
        for j in range(i):
            W[i, j] = z[k] * np.sqrt(rest)
            rest -= W[i, j] ** 2
            k += 1
        W[i, i] = np.sqrt(max(rest, 0.0))
    return W @ W.T


def corr_to_cpc(R: np.ndarray) -> np.ndarray | None:
    """Inverse of ``cpc_to_corr`` (None when R is not positive definite)."""
    try:
        W = np.linalg.cholesky(R)
    except np.linalg.LinAlgError:
        return None
    p = len(R)
    out = []
    for i in range(1, p):
        rest = 1.0
        for j in range(i):
            z = W[i, j] / np.sqrt(rest)
            out.append(z)
            rest -= W[i, j] ** 2
    return np.array(out)


def invlogit(x):
    return 1.0 / (1.0 + np.exp(-x))
