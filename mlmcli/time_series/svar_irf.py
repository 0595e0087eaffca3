"""Structural impulse responses after svar ([TS] irf create; Amisano and Giannini 1997):
sirf_i = Phi_i A^-1 B and the structural FEVD from them (sfevd), with asymptotic standard errors by
the delta method on (vec of the lag coefficients, vec A, vec B), the var's Cov and svar's e(V)
taken as independent blocks -- the Jacobian by central differences, as ``time_series.var_irf``
takes its own."""
from __future__ import annotations

import numpy as np

from mlmcli.time_series.var_irf import delta_standard_errors


def _structural(A_lags: np.ndarray, AB: np.ndarray, K: int, steps: int) -> dict[str, np.ndarray]:
    p = A_lags.shape[1] // K
    phi = [np.eye(K)]
    for i in range(1, steps + 1):
        phi.append(sum(A_lags[:, (j - 1) * K:j * K] @ phi[i - j] for j in range(1, min(i, p) + 1)))
    Amat = AB[:K * K].reshape(K, K, order="F")
    Bmat = AB[K * K:].reshape(K, K, order="F")
    theta = np.asarray(phi) @ np.linalg.solve(Amat, Bmat)
    sq = np.cumsum(theta ** 2, axis=0)
    fevd = np.zeros_like(theta)
    fevd[1:] = sq[:-1] / sq[:-1].sum(axis=2, keepdims=True)
    return {"sirf": theta, "sfevd": fevd}


def structural_results(A_lags: np.ndarray, V_alpha: np.ndarray, AB: np.ndarray, V_AB: np.ndarray, steps: int):
    """(point estimates, standard errors) of sirf and sfevd: (steps+1) x K (response) x K (impulse)."""
    K = A_lags.shape[0]
    alpha = A_lags.reshape(-1, order="F")
    theta0 = np.concatenate([alpha, AB])
    cov = np.zeros((theta0.size, theta0.size))
    cov[:alpha.size, :alpha.size] = V_alpha
    cov[alpha.size:, alpha.size:] = V_AB

    def stats(theta):
        return _structural(theta[:alpha.size].reshape(A_lags.shape, order="F"), theta[alpha.size:], K, steps)

    point = stats(theta0)
    return point, delta_standard_errors(stats, theta0, cov, point)
