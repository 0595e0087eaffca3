"""The LME step: (RE)ML of the linearized model w = X theta + Z u + e in the variance parameters.

One grouping level, u_i ~ N(0, sigma^2 Lambda Lambda'), Lambda = diag(lambda_1 .. lambda_q)
(the relative standard deviations sd(u_r)/sigma).  Per group, with Zt_i = Z_i Lambda and
M_i = Zt_i' Zt_i + I (Pinheiro & Bates 2000, sect. 2.2; Bates et al. 2015, sect. 3):

    sigma^-2 V_i = I + Zt_i Zt_i',  log|sigma^-2 V_i| = log|M_i|,
    sigma^2 V_i^-1 = I - Zt_i M_i^-1 Zt_i'                     (Woodbury)
    A = X' sigma^2 V^-1 X,  c = X' sigma^2 V^-1 w,  d = w' sigma^2 V^-1 w
    theta_hat = A^-1 c,  r^2 = d - c' theta_hat

    ML:   -2 l = sum_i log|M_i| + n (1 + log(2 pi r^2 / n)),         sigma^2 = r^2 / n
    REML: -2 l = sum_i log|M_i| + log|A| + (n-p)(1 + log(2 pi r^2/(n-p))), sigma^2 = r^2/(n-p)

(theta and sigma profiled out).  ``log_likelihood_sd`` is the same likelihood with only theta
profiled, in (ln sd(u_1) .. ln sd(u_q), ln sigma): its Hessian gives the standard errors of the
variance parameters, as Stata's menl computes them from the LME step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

LOG_LAMBDA_BOUNDS = (-18.0, 12.0)  # relative sd from 1.5e-8 to 1.6e5


class GroupSums:
    """Sums over the observations of each group: S @ values with S the G x n indicator."""

    def __init__(self, group: np.ndarray, n_groups: int):
        from scipy import sparse
        n = len(group)
        self.S = sparse.csr_matrix((np.ones(n), (group, np.arange(n))), shape=(n_groups, n))
        self.n_groups = n_groups

    def __call__(self, values: np.ndarray) -> np.ndarray:
        shape = values.shape
        out = self.S @ values.reshape(shape[0], -1)
        return np.asarray(out).reshape((self.n_groups,) + shape[1:])


@dataclass(frozen=True)
class LMEState:
    log_lambda: np.ndarray
    theta: np.ndarray
    sigma2: float
    loglik: float
    A: np.ndarray  # X' sigma^2 V^-1 X: V(theta) = sigma^2 A^-1


class LinearizedLME:
    """Cross-products of one linearization, and the (RE)ML criterion in log(lambda)."""

    def __init__(self, X: np.ndarray, Z: np.ndarray, w: np.ndarray, sums: GroupSums, reml: bool):
        self.n, self.p = X.shape
        self.q = Z.shape[1]
        self.reml = reml
        self.XtX, self.Xtw, self.wtw = X.T @ X, X.T @ w, float(w @ w)
        self.ZtZ = sums(Z[:, :, None] * Z[:, None, :])  # G x q x q
        self.ZtX = sums(Z[:, :, None] * X[:, None, :])  # G x q x p
        self.Ztw = sums(Z * w[:, None])  # G x q

    def _pieces(self, log_lambda: np.ndarray):
        lam = np.exp(np.asarray(log_lambda, float))
        G = self.ZtZ.shape[0]
        M = lam[None, :, None] * self.ZtZ * lam[None, None, :] + np.eye(self.q)[None]
        L = np.linalg.cholesky(M)
        logdet_M = 2.0 * float(np.log(np.diagonal(L, axis1=1, axis2=2)).sum())
        B = lam[None, :, None] * np.concatenate([self.ZtX, self.Ztw[:, :, None]], axis=2)  # G x q x (p+1)
        S = np.linalg.solve(L, B) if G else B  # L^-1 Lambda Z'[X w]
        P = np.einsum("gqi,gqj->ij", S, S)
        A = self.XtX - P[:self.p, :self.p]
        c = self.Xtw - P[:self.p, self.p]
        d = self.wtw - P[self.p, self.p]
        return A, c, d, logdet_M

    def _solve(self, log_lambda):
        A, c, d, logdet_M = self._pieces(log_lambda)
        if self.p:
            LA = np.linalg.cholesky(A)
            theta = np.linalg.solve(LA.T, np.linalg.solve(LA, c))
            logdet_A = 2.0 * float(np.log(np.diag(LA)).sum())
        else:
            theta, logdet_A = np.zeros(0), 0.0
        r2 = max(d - float(c @ theta), 1e-300)
        return A, theta, r2, logdet_M, logdet_A

    def deviance(self, log_lambda) -> float:
        """-2 log likelihood (ML) or -2 log restricted likelihood (REML), theta and sigma profiled."""
        try:
            _, _, r2, logdet_M, logdet_A = self._solve(log_lambda)
        except np.linalg.LinAlgError:
            return math.inf
        if self.reml:
            m = self.n - self.p
            return logdet_M + logdet_A + m * (1.0 + math.log(2 * math.pi * r2 / m))
        return logdet_M + self.n * (1.0 + math.log(2 * math.pi * r2 / self.n))

    def state(self, log_lambda) -> LMEState:
        A, theta, r2, _, _ = self._solve(log_lambda)
        sigma2 = r2 / (self.n - self.p if self.reml else self.n)
        return LMEState(np.asarray(log_lambda, float), theta, sigma2, -0.5 * self.deviance(log_lambda), A)

    def log_likelihood_sd(self, params: np.ndarray) -> float:
        """(RE)ML log likelihood at (ln sd(u_1..u_q), ln sigma), theta profiled."""
        log_sigma = params[-1]
        sigma2 = math.exp(2 * log_sigma)
        try:
            _, _, r2, logdet_M, logdet_A = self._solve(params[:-1] - log_sigma)
        except np.linalg.LinAlgError:
            return -math.inf
        m = self.n - self.p if self.reml else self.n
        extra = logdet_A if self.reml else 0.0
        return -0.5 * (m * math.log(2 * math.pi * sigma2) + logdet_M + extra + r2 / sigma2)

    def optimize(self, start: np.ndarray) -> LMEState:
        """Minimise the deviance in log(lambda): Newton steps (central differences) from
        ``start``; where they do not converge (far from the optimum, a boundary), L-BFGS-B
        first and Newton steps after it."""
        lo, hi = LOG_LAMBDA_BOUNDS
        x = np.clip(np.asarray(start, float), lo, hi)
        if self.q == 0:
            return self.state(x)
        x_new, done = _newton_polish(self.deviance, x, lo, hi, steps=12)
        if not done:
            from scipy.optimize import minimize
            res = minimize(self.deviance, x, method="L-BFGS-B", bounds=[LOG_LAMBDA_BOUNDS] * self.q,
                           options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 500})
            x_new, _ = _newton_polish(self.deviance, np.clip(res.x, lo, hi), lo, hi)
        return self.state(x_new)


def _newton_polish(f, x, lo, hi, steps: int = 8):
    """Newton steps on a central-difference gradient and Hessian (kept only if f falls):
    (x, converged) -- converged when a full step below 1e-9 was taken or f is flat there."""
    h = 1e-4
    fx = f(x)
    k = len(x)
    for _ in range(steps):
        free = (x > lo + 1e-8) & (x < hi - 1e-8)
        if not free.any():
            return x, False
        g = np.zeros(k)
        H = np.zeros((k, k))
        E = np.eye(k) * h
        for i in range(k):
            fp, fm = f(x + E[i]), f(x - E[i])
            g[i] = (fp - fm) / (2 * h)
            H[i, i] = (fp - 2 * fx + fm) / h ** 2
            for j in range(i):
                H[i, j] = H[j, i] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                                     + f(x - E[i] - E[j])) / (4 * h * h)
        idx = np.flatnonzero(free)
        Hs = H[np.ix_(idx, idx)]
        if not np.all(np.isfinite(Hs)) or np.linalg.eigvalsh(Hs).min() <= 0:
            return x, False
        step = np.zeros(k)
        step[idx] = -np.linalg.solve(Hs, g[idx])
        if np.max(np.abs(step)) > 2.0:  # far from the optimum: a line search's job
            return x, False
        xn = np.clip(x + step, lo, hi)
        fn = f(xn)
        if not fn <= fx + 1e-12 * max(1.0, abs(fx)):
            return x, np.max(np.abs(step)) < 1e-6
        x, fx = xn, fn
        if np.max(np.abs(step)) < 1e-9:
            return x, True
    return x, False
