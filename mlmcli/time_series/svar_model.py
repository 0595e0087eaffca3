"""Short-run structural VARs by maximum likelihood ([TS] var svar; _svard2.ado 1.0.5 of the Stata 16
tree).  A e_t = B u_t with E(u u') = I, so Sigma = A^-1 B B' A^-1'.  With K = B^-1 A and Sigma
the underlying var's e(Sigma):

    ll = -T K/2 ln(2 pi) + T/2 ln(det(K)^2) - T/2 tr(K' K Sigma)
    g  = T [vec(K'^-1)' - vec(K)'(Sigma # I)] [I # B^-1, -(A'B'^-1) # B^-1]
    EIM = T Q (I + K_mm) Q',  Q = [(K^-1 # B'^-1) ; -(I # B'^-1)]

over the parameters (vec(A), vec(B)) column by column, K_mm the commutation matrix.  The long-run
model (lreq()) takes vec(C) with A = I, B = Abar C, Abar = I - A_1 - ... - A_p (score and EIM by
the chain rule).  ml maximizes
with the EIM as the negative Hessian (Fisher scoring); e(V) is its inverse over the free
parameters (those aeq()/beq() leave missing), zero for the fixed ones.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


def commutation(m: int, n: int) -> np.ndarray:
    """K_mn: K vec(X) = vec(X') for X m x n (column-major vec)."""
    K = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            K[i * n + j, j * m + i] = 1.0
    return K


def _split(p: np.ndarray, k: int):
    A = p[:k * k].reshape(k, k, order="F")
    B = p[k * k:].reshape(k, k, order="F")
    return A, B


def loglik(p: np.ndarray, Sigma: np.ndarray, T: int) -> float:
    k = Sigma.shape[0]
    A, B = _split(p, k)
    try:
        Kmat = np.linalg.solve(B, A)
    except np.linalg.LinAlgError:
        return float("nan")
    det = np.linalg.det(Kmat)
    if not np.isfinite(det) or det == 0:
        return float("nan")
    return float(-0.5 * T * k * np.log(2 * np.pi) + 0.5 * T * np.log(det ** 2)
                 - 0.5 * T * np.trace(Kmat.T @ Kmat @ Sigma))


def score_and_information(p: np.ndarray, Sigma: np.ndarray, T: int):
    k = Sigma.shape[0]
    A, B = _split(p, k)
    Bi = np.linalg.inv(B)
    Kmat = Bi @ A
    Kti = np.linalg.inv(Kmat.T)
    I = np.eye(k)
    q1 = T * Kti.flatten(order="F") - T * (Kmat.flatten(order="F") @ np.kron(Sigma, I))
    q2 = np.hstack([np.kron(I, Bi), -np.kron(A.T @ Bi.T, Bi)])
    g = q1 @ q2
    Q = np.vstack([np.kron(np.linalg.inv(Kmat), Bi.T), -np.kron(I, Bi.T)])
    info = T * Q @ (np.eye(k * k) + commutation(k, k)) @ Q.T
    return g, info


@dataclass(frozen=True)
class SvarFit:
    p: np.ndarray  # 2 K^2: vec(A), vec(B)
    V: np.ndarray
    ll: float
    converged: bool
    steps: list
    free: np.ndarray  # bool, 2 K^2


def starting_values(k: int, fixed: np.ndarray) -> np.ndarray:
    """svar.ado's init: 1 + i/100 for parameter i, the fixed ones at their values."""
    p = 1 + np.arange(1, 2 * k * k + 1) / 100
    return np.where(np.isnan(fixed), p, fixed)


def long_run_map(abar: np.ndarray):
    """The long-run model's (vec(A), vec(B)) from vec(C): A = I, B = Abar C (_svarlrd2), and the
    Jacobian of (vec(A), vec(B)) in vec(C)."""
    k = abar.shape[0]
    M = np.vstack([np.zeros((k * k, k * k)), np.kron(np.eye(k), abar)])
    shift = np.concatenate([np.eye(k).flatten(order="F"), np.zeros(k * k)])
    return lambda c: shift + M @ c, M


def fit_svar(Sigma: np.ndarray, T: int, fixed: np.ndarray, *, iterate: int = 300, tolerance: float = 1e-6,
             ltolerance: float = 1e-7, nrtolerance: float = 1e-5, abar: np.ndarray | None = None) -> SvarFit:
    """``fixed``: 2 K^2 values (A, B), NaN where the parameter is free; with ``abar`` (the long-run
    model) K^2 values of C, the parameters then vec(C) and A = I, B = Abar C."""
    from mlmcli.glm.newton import maximize

    k = Sigma.shape[0]
    free = np.isnan(fixed)
    to_ab, M = (long_run_map(abar) if abar is not None else (lambda p: p, np.eye(2 * k * k)))
    if abar is not None:
        base = 1 + np.arange(1, k * k + 1) / 100
        base = np.where(np.isnan(fixed), base, fixed)
    else:
        base = starting_values(k, fixed)
    A0, B0 = _split(to_ab(base), k)
    if abs(np.linalg.det(B0)) < 1e-300:
        raise StataError("B matrix is singular\ncheck identification restriction and starting values", 498)
    if abs(np.linalg.det(A0)) < 1e-300:
        raise StataError("A matrix is singular\ncheck identification restriction and starting values", 498)
    def derivatives(p):
        g, info = score_and_information(to_ab(p), Sigma, T)
        return M.T @ g, M.T @ info @ M

    _, info0 = derivatives(base)
    sub = info0[np.ix_(free, free)]
    if int(np.linalg.matrix_rank(sub, tol=1e-10 * max(1.0, np.abs(sub).max()))) < int(free.sum()):
        raise StataError("With the current starting values, the constraints are not sufficient for identification",
                         498)

    def full(theta):
        p = base.copy()
        p[free] = theta
        return p

    def fun(theta):
        return loglik(to_ab(full(theta)), Sigma, T)

    def grad_hess(theta):
        g, info = derivatives(full(theta))
        return g[free], -info[np.ix_(free, free)]

    res = maximize(fun, grad_hess, base[free], iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                   nrtolerance=nrtolerance)
    p = full(res.x)
    _, info = derivatives(p)
    V = np.zeros((len(p), len(p)))
    V[np.ix_(free, free)] = np.linalg.inv(info[np.ix_(free, free)])
    return SvarFit(p, V, float(res.f), bool(res.converged), list(res.steps), free)
