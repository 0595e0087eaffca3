"""Maximum likelihood for Gaussian equations sharing random intercepts at one level.

Equation k: y_ik = x_ik b_k + sum_l A_kl u_cl + e_ik with e_ik ~ N(0, s2_k) independent,
u_c ~ N(0, Sigma) (q latent variables, all at the grouping c, covariances free) and A the
0/1 loadings (each latent variable enters one equation with loading 1).  A regressor
may be an earlier equation's response: the map e -> y is triangular with unit Jacobian,
so the density of y is that of the errors.

In cluster c with n_c observations, write D = diag(s2), T = A Sigma A' and M_c = D + n_c T.
The covariance of the n_c x m residuals is D (x) I + T (x) J, whose eigenspaces are the
cluster mean (eigenvalue matrix M_c) and its complement (D), so

    log|V_c| = (n_c - 1) log|D| + log|M_c|
    r'V_c^-1 r = sum_i r_i'D^-1 r_i - n_c rbar'D^-1 rbar + n_c rbar' M_c^-1 rbar

and the log likelihood is -1/2 sum_c (n_c m log 2 pi + log|V_c| + r'V_c^-1 r).
Derivatives are taken by complex steps (exact first derivatives); the observed
information is the central difference of those gradients.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG_2PI = float(np.log(2.0 * np.pi))
COMPLEX_STEP = 1e-30


@dataclass(frozen=True)
class RandomInterceptData:
    """The estimation sample sorted by cluster."""

    Y: np.ndarray  # n x m responses
    X: tuple  # per equation n x k_j (constant last)
    loadings: np.ndarray  # m x q (0/1)
    starts: np.ndarray  # first row of each cluster
    sizes: np.ndarray  # n_c
    independent: bool = False  # latent covariances fixed at 0 (cov(M1[g]*M2[g]@0))

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """The free (co)variances of Sigma in Stata's order."""
        return [(j, j) for j in range(self.q)] if self.independent else covariance_pairs(self.q)

    @property
    def n_coef(self) -> tuple[int, ...]:
        return tuple(x.shape[1] for x in self.X)

    @property
    def q(self) -> int:
        return self.loadings.shape[1]

    @property
    def m(self) -> int:
        return self.Y.shape[1]


def sort_by_cluster(Y, X, loadings, groups, independent: bool = False):
    """RandomInterceptData over rows sorted by group code, and the sort order."""
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, len(g)])
    data = RandomInterceptData(Y[order], tuple(x[order] for x in X), np.asarray(loadings, float), starts, sizes,
                              independent)
    return data, order


def n_covariance(q: int) -> int:
    return q * (q + 1) // 2


def covariance_pairs(q: int) -> list[tuple[int, int]]:
    """Stata's order of the latent (co)variances: the variances, then the covariances
    (l, j) with l < j."""
    return [(j, j) for j in range(q)] + [(l, j) for j in range(q) for l in range(j) if l < j]


def unpack(phi, data: RandomInterceptData):
    """phi = (b_1 ... b_m, Sigma's free (co)variances in ``data.pairs`` order, s2_1 ... s2_m)."""
    betas, at = [], 0
    for k in data.n_coef:
        betas.append(phi[at:at + k])
        at += k
    q = data.q
    Sigma = np.zeros((q, q), dtype=np.result_type(phi, float))
    pairs = data.pairs
    for (l, j), v in zip(pairs, phi[at:at + len(pairs)]):
        Sigma[l, j] = v
        Sigma[j, l] = v
    at += len(pairs)
    s2 = phi[at:at + data.m]
    return betas, Sigma, s2


def real_times(X: np.ndarray, beta) -> np.ndarray:
    """X beta for a real X and a real or complex beta (a real X times a complex vector
    leaves BLAS in numpy: two real products instead)."""
    if np.iscomplexobj(beta):
        return X @ beta.real + 1j * (X @ beta.imag)
    return X @ beta


def cluster_loglik(phi, data: RandomInterceptData) -> np.ndarray:
    """Each cluster's log likelihood contribution (complex phi allowed); data with its own
    likelihood (random_slopes.RandomSlopeData) computes it."""
    if hasattr(data, "cluster_loglik"):
        return data.cluster_loglik(phi)
    betas, Sigma, s2 = unpack(phi, data)
    R = np.column_stack([data.Y[:, k] - real_times(data.X[k], betas[k]) for k in range(data.m)])
    n_c = data.sizes.astype(float)
    rsum = np.add.reduceat(R, data.starts, axis=0)
    ss = np.add.reduceat(R * R, data.starts, axis=0)
    rbar = rsum / n_c[:, None]
    T = data.loadings @ Sigma @ data.loadings.T
    M = np.diag(s2)[None, :, :] + n_c[:, None, None] * T[None, :, :]
    log_d = np.sum(np.log(s2))
    logdet = (n_c - 1.0) * log_d + np.log(np.linalg.det(M))
    quad = (ss / s2).sum(axis=1) - n_c * (rbar * rbar / s2).sum(axis=1)
    quad = quad + n_c * np.einsum("ck,ck->c", rbar, np.linalg.solve(M, rbar[:, :, None])[:, :, 0])
    return -0.5 * (n_c * data.m * LOG_2PI + logdet + quad)


def loglik(phi, data: RandomInterceptData) -> float:
    return float(np.real(cluster_loglik(np.asarray(phi), data).sum()))


def cluster_scores(phi, data: RandomInterceptData) -> np.ndarray:
    """G x P: d ll_c / d phi by complex steps."""
    phi = np.asarray(phi, float)
    out = np.empty((len(data.sizes), len(phi)))
    for j in range(len(phi)):
        z = phi.astype(complex)
        z[j] += 1j * COMPLEX_STEP
        out[:, j] = np.imag(cluster_loglik(z, data)) / COMPLEX_STEP
    return out


def gradient(phi, data: RandomInterceptData) -> np.ndarray:
    return cluster_scores(phi, data).sum(axis=0)


def hessian(phi, data: RandomInterceptData, rel_step: float = 1e-5) -> np.ndarray:
    """Central differences of the exact (complex-step) gradient, symmetrised: O(h^2) =
    1e-10 relative truncation error, no cancellation in the gradient itself (a forward
    difference moved printed standard errors in their last digit)."""
    phi = np.asarray(phi, float)
    P = len(phi)
    H = np.empty((P, P))
    for j in range(P):
        h = rel_step * max(abs(phi[j]), 1.0)
        up, dn = phi.copy(), phi.copy()
        up[j] += h
        dn[j] -= h
        H[:, j] = (gradient(up, data) - gradient(dn, data)) / (2.0 * h)
    return 0.5 * (H + H.T)


def _to_phi(psi, data: RandomInterceptData):
    """psi = (b, Cholesky factor of Sigma with log diagonal (its log standard deviations
    when the latent variables are independent), log s2) -> phi."""
    k = sum(data.n_coef)
    q, m = data.q, data.m
    L = np.zeros((q, q), dtype=np.result_type(psi, float))
    at = k
    for j in range(q):
        for l in range(j + 1):
            if l == j or not data.independent:
                L[j, l] = np.exp(psi[at]) if l == j else psi[at]
                at += 1
    Sigma = L @ L.T
    cov = [Sigma[l, j] for l, j in data.pairs]
    return np.concatenate([psi[:k], np.array(cov), np.exp(psi[at:at + m])])


@dataclass(frozen=True)
class RandomInterceptFit:
    phi: np.ndarray
    V: np.ndarray
    loglik: float
    iterations: tuple[float, ...]  # the log likelihood at each iteration
    converged: bool
    data: RandomInterceptData
    limit_reached: bool = False


def fit_random_intercepts(data: RandomInterceptData, start_beta, start_s2,
                          max_iter: int = 300, limit: int | None = None) -> RandomInterceptFit:
    """ML by quasi-Newton in psi (unconstrained), then Newton steps in phi on the observed
    information; V = (-H)^-1 at the optimum (OIM).  ``limit`` (iterate(#)): at most that many
    quasi-Newton iterations; stopped there, the fit is where it stopped (no Newton polish,
    V from the information there, not converged, ``limit_reached``)."""
    from scipy.optimize import minimize

    k = sum(data.n_coef)
    q, m = data.q, data.m
    chol0 = []
    for j in range(q):
        for l in range(j + 1):
            if l == j or not data.independent:
                chol0.append(np.log(np.sqrt(0.5 * float(np.mean(start_s2)))) if l == j else 0.0)
    psi0 = np.concatenate([np.concatenate(start_beta), np.array(chol0), np.log(start_s2)])
    trace: list[float] = [loglik(_to_phi(psi0, data), data)]

    def objective(psi):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a line search's far trial
            value = -loglik(_to_phi(psi, data), data)
        return value if np.isfinite(value) else np.inf

    def grad(psi):
        out = np.empty(len(psi))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for j in range(len(psi)):
                z = psi.astype(complex)
                z[j] += 1j * COMPLEX_STEP
                out[j] = -np.imag(cluster_loglik(_to_phi(z, data), data).sum()) / COMPLEX_STEP
        return np.where(np.isfinite(out), out, 0.0)

    if limit == 0:
        res = None
        phi = _to_phi(psi0, data)
    else:
        res = minimize(objective, psi0, jac=grad, method="BFGS",
                       callback=lambda p: trace.append(-objective(p)),
                       options={"gtol": 1e-7, "maxiter": max_iter if limit is None else limit})
        phi = _to_phi(res.x, data)
    stopped = limit is not None and (res is None or (res.status == 1 and res.nit >= limit))
    if stopped:
        try:
            V = np.linalg.inv(-hessian(phi, data))
        except np.linalg.LinAlgError:
            V = np.full((len(phi), len(phi)), np.nan)
        return RandomInterceptFit(phi, V, loglik(phi, data), tuple(trace), False, data, limit_reached=True)
    converged = bool(np.all(np.isfinite(phi)))
    H = None
    for _ in range(4):  # Newton polish on the observed information
        g = gradient(phi, data)
        H = hessian(phi, data)
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            break
        if np.max(np.abs(step) / np.maximum(np.abs(phi), 1.0)) < 1e-10:
            break
        trial = phi - step
        _, Sigma, s2 = unpack(trial, data)
        if np.any(np.diag(Sigma) <= 0) or np.any(s2 <= 0):  # a variance at its boundary: keep BFGS's point
            break
        if not np.isfinite(loglik(trial, data)) or loglik(trial, data) < loglik(phi, data) - 1e-9:
            break
        phi = trial
    else:
        H = hessian(phi, data)
    try:
        V = np.linalg.inv(-H)
    except (np.linalg.LinAlgError, TypeError):
        V = np.full((len(phi), len(phi)), np.nan)
        converged = False
    ll = loglik(phi, data)
    trace.append(ll)
    # BFGS may stop on its line search after reaching the optimum; the Newton steps and a
    # finite, invertible information decide convergence
    return RandomInterceptFit(phi, V, ll, tuple(trace), converged, data)
