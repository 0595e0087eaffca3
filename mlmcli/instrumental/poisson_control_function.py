"""The control-function estimator of ``ivpoisson cfunction`` ([R] ivpoisson; ivpoisson.ado's
gmm system): pure computation.

    y2_j = z pi_j + v_j                                  E{z v_j} = 0          (each endogenous)
    u = y exp(-(a b + sum_j v_j c_j + o)) - 1            E{a u} = 0, E{vhat_j u} = 0

a: the exogenous regressors, the endogenous ones and the constant; z: the exogenous regressors,
the excluded instruments and the constant; vhat_j the first-stage OLS residuals.  The system is
exactly identified: pi_j is OLS, (b, c) solve the multiplicative moments in (a, vhat) -- found
by ``poisson_gmm``'s Gauss-Newton from the Poisson fit of y on (a, vhat), step 1's W the
equations' own blocks (W = diag((A'A/N)^-1, (vhat_j'vhat_j/N)^-1), "unadjusted, independent").
VCE: the exactly identified sandwich G^-1 S G^-T / N over the whole system (pi_j's sampling
error included), S robust or by cluster.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import block_diag

from mlmcli.instrumental.poisson_gmm import PoissonGMMData, fit_poisson_gmm, starting_values


@dataclass
class ControlFunctionFit:
    theta: np.ndarray  # b (a's columns), pi_1 .. pi_p (z's columns each), c_1 .. c_p
    V: np.ndarray
    Q: float
    steps: list
    converged: bool
    n_clust: int | None


def fit_control_function(y, A, Y2, Zf, offset, w, vce: str = "robust", cluster=None) -> ControlFunctionFit:
    n = float(w.sum())
    ZtZ = Zf.T @ (w[:, None] * Zf)
    Pi = np.linalg.solve(ZtZ, Zf.T @ (w[:, None] * Y2))
    Vhat = Y2 - Zf @ Pi
    X = np.column_stack([A, Vhat])
    poisson = PoissonGMMData(y=y, X=X, Z=X, offset=offset, w=w, multiplicative=False)
    start = fit_poisson_gmm(poisson, starting_values(poisson), steps="onestep").b
    d = PoissonGMMData(y=y, X=X, Z=X, offset=offset, w=w, multiplicative=True)
    blocks = [A] + [Vhat[:, [j]] for j in range(Vhat.shape[1])]
    W0 = block_diag(*[np.linalg.inv(B.T @ (w[:, None] * B) / n) for B in blocks])
    fit = fit_poisson_gmm(d, start, steps="onestep", initial_weight=W0)
    kb, p, kz = A.shape[1], Y2.shape[1], Zf.shape[1]
    b, c = fit.b[:kb], fit.b[kb:]
    V, n_clust = _system_vce(y, A, Zf, Vhat, offset, w, b, c, vce, cluster)
    theta = np.concatenate([b, Pi.T.ravel(), c])
    return ControlFunctionFit(theta=theta, V=V, Q=fit.Q, steps=fit.steps, converged=fit.converged, n_clust=n_clust)


def _system_vce(y, A, Zf, Vhat, offset, w, b, c, vce, cluster):
    n = float(w.sum())
    kb, p, kz = A.shape[1], Vhat.shape[1], Zf.shape[1]
    r = y * np.exp(-np.clip(A @ b + Vhat @ c + offset, -700, 700))
    u = r - 1.0
    # per-observation moments: a u, z v_j (each j), vhat_j u (each j)
    g = np.column_stack([A * u[:, None]] + [Zf * Vhat[:, [j]] for j in range(p)] + [Vhat * u[:, None]])
    # du/dtheta: -r a (b), r c_j z (pi_j: v_j = y2_j - z pi_j), -r v_j (c_j)
    du = np.column_stack([-r[:, None] * A] + [r[:, None] * c[j] * Zf for j in range(p)] + [-r[:, None] * Vhat])
    k = kb + p * kz + p
    G = np.zeros((k, k))
    G[:kb] = A.T @ (w[:, None] * du) / n
    for j in range(p):
        rows = slice(kb + j * kz, kb + (j + 1) * kz)
        G[rows, rows] = -(Zf.T @ (w[:, None] * Zf)) / n
    G[kb + p * kz:] = Vhat.T @ (w[:, None] * du) / n
    if vce == "cluster":
        from mlmcli.robust.cluster_sandwich import clustered_meat

        S, n_clust = clustered_meat(w[:, None] * g, cluster, adjust=False) / n, int(cluster.max()) + 1
    else:
        S, n_clust = g.T @ (w[:, None] * g) / n, None
    Ginv = np.linalg.inv(G)
    V = Ginv @ S @ Ginv.T / n
    return (V + V.T) / 2, n_clust
