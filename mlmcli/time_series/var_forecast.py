"""Dynamic forecasts of a VAR and their asymptotic standard errors ([TS] fcast compute;
_varfcast_fcast.ado 1.x of the Stata 16 tree, Lutkepohl 1993 section 3.5).

Sigma_yhat(h) = sum_{i<h} Theta_i Sigma Theta_i' + Omega(h) / T, where Omega(h) = sum over the
estimation sample of Q_t V2 Q_t', Q_t = sum_{i<h} (Z_t' (B')^(h-1-i)) kron Theta_i, Z_t = (1,
y_(t-1)', ..., y_(t-p)')', B the (Kp+1) square companion matrix with the constant and
V2 = (Z'Z)^-1 kron Sigma.  Theta_i: the ado builds them as J B_i J' with B_1 = B and
B_(i+1) = B_i B_i -- B, B^2, B^4, ... -- where the moving-average coefficients are J B^i J';
the two agree up to i = 2 (three steps).  mlmcli follows the ado, so its standard errors are
Stata's (docs/var.md).
"""
from __future__ import annotations

import numpy as np


def companion_with_constant(Bf: np.ndarray, K: int, p: int, constant: bool) -> np.ndarray:
    """Lutkepohl's B: rows (1, 0...), (nu, A_1 .. A_p), (0, I, 0) ... from e(bf)'s K x (K p + c)
    coefficients (variable-major, lags 1..p within; the constant last)."""
    c = 1 if constant else 0
    n = K * p + c
    B = np.zeros((n, n))
    if constant:
        B[0, 0] = 1.0
        B[1:K + 1, 0] = Bf[:, -1]
    for lag in range(1, p + 1):
        for j in range(K):
            B[c:c + K, c + (lag - 1) * K + j] = Bf[:, j * p + lag - 1]
    if p > 1:
        B[c + K:, c:c + K * (p - 1)] = np.eye(K * (p - 1))
    return B


def forecast_se(Bf, K: int, p: int, constant: bool, Sigma: np.ndarray, Z: np.ndarray, steps: int) -> np.ndarray:
    """steps x K standard errors.  Z: T x (Kp + c) rows (1, y_(t-1)', .., y_(t-p)') of the sample."""
    B = companion_with_constant(Bf, K, p, constant)
    n = B.shape[0]
    c = 1 if constant else 0
    J = np.zeros((K, n))
    J[:, c:c + K] = np.eye(K)
    theta = [np.eye(K)]
    Bi = B.copy()
    for _ in range(1, steps):
        theta.append(J @ Bi @ J.T)
        Bi = Bi @ Bi  # the ado's recursion (see the module's note)
    T = Z.shape[0]
    V2 = np.kron(np.linalg.pinv(Z.T @ Z / T), Sigma) / T
    BTP = [np.eye(n)]
    for _ in range(1, steps):
        BTP.append(BTP[-1] @ B.T)
    out = np.zeros((steps, K))
    for h in range(1, steps + 1):
        sig = sum(theta[j] @ Sigma @ theta[j].T for j in range(h))
        omega = np.zeros((K, K))
        for t in range(T):
            Q = sum(np.kron(Z[t] @ BTP[h - 1 - i], theta[i]) for i in range(h))
            omega += Q @ V2 @ Q.T
        out[h - 1] = np.sqrt(np.diag(sig + omega / T))
    return out
