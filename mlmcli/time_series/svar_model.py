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
parameters, zero for the fixed ones: with the linear constraints R p = r (aeq()/beq()'s fixed
elements, acns()/bcns()'s zeros and equalities) p = a + T theta as ml reparametrizes them.
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


def long_run_map(abar: np.ndarray):
    """The long-run model's (vec(A), vec(B)) from vec(C): A = I, B = Abar C (_svarlrd2), and the
    Jacobian of (vec(A), vec(B)) in vec(C)."""
    k = abar.shape[0]
    M = np.vstack([np.zeros((k * k, k * k)), np.kron(np.eye(k), abar)])
    shift = np.concatenate([np.eye(k).flatten(order="F"), np.zeros(k * k)])
    return lambda c: shift + M @ c, M


def constraint_basis(R: np.ndarray, r: np.ndarray):
    """p = a + T theta: the points with R p = r (T orthonormal, a the least-norm solution) -- ml's
    reparametrization of its linear constraints."""
    n = R.shape[1]
    if R.shape[0] == 0:
        return np.zeros(n), np.eye(n)
    a = np.linalg.lstsq(R, r, rcond=None)[0]
    if not np.allclose(R @ a, r, atol=1e-10):
        raise StataError("constraints on A and B are not consistent", 498)
    _, sv, Vt = np.linalg.svd(R)
    rank = int((sv > 1e-10 * max(sv.max(), 1.0)).sum())
    return a, Vt[rank:].T


def fit_svar(Sigma: np.ndarray, T: int, R: np.ndarray, r: np.ndarray, *, iterate: int = 300,
             tolerance: float = 1e-6, ltolerance: float = 1e-7, nrtolerance: float = 1e-5,
             abar: np.ndarray | None = None) -> SvarFit:
    """R p = r: the constraints on p = (vec(A), vec(B)), or with ``abar`` (the long-run model) on
    p = vec(C), A = I and B = Abar C.  Starting values 1 + i/100 projected on the constraints."""
    from mlmcli.glm.newton import maximize

    k = Sigma.shape[0]
    to_ab, M = (long_run_map(abar) if abar is not None else (lambda p: p, np.eye(2 * k * k)))
    n = R.shape[1]
    a, Tb = constraint_basis(R, r)
    start = 1 + np.arange(1, n + 1) / 100
    theta0 = Tb.T @ (start - a)
    base = a + Tb @ theta0
    A0, B0 = _split(to_ab(base), k)
    if abs(np.linalg.det(B0)) < 1e-300:
        raise StataError("B matrix is singular\ncheck identification restriction and starting values", 498)
    if abs(np.linalg.det(A0)) < 1e-300:
        raise StataError("A matrix is singular\ncheck identification restriction and starting values", 498)

    def derivatives(p):
        g, info = score_and_information(to_ab(p), Sigma, T)
        return Tb.T @ M.T @ g, Tb.T @ M.T @ info @ M @ Tb

    _, info0 = derivatives(base)
    if int(np.linalg.matrix_rank(info0, tol=1e-10 * max(1.0, np.abs(info0).max()))) < Tb.shape[1]:
        raise StataError("With the current starting values, the constraints are not sufficient for identification",
                         498)

    def fun(theta):
        return loglik(to_ab(a + Tb @ theta), Sigma, T)

    def grad_hess(theta):
        g, info = derivatives(a + Tb @ theta)
        return g, -info

    res = maximize(fun, grad_hess, theta0, iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                   nrtolerance=nrtolerance)
    p = a + Tb @ res.x
    _, info = derivatives(p)
    V = Tb @ np.linalg.inv(info) @ Tb.T
    V[np.abs(V) < 1e-300] = 0.0
    free = np.abs(Tb).sum(axis=1) > 1e-12
    return SvarFit(p, V, float(res.f), bool(res.converged), list(res.steps), free)
