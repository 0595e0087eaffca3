"""Linear structural equation models with latent variables at the observation level
([SEM] intro 1-4: measurement models, latent growth curves), in the RAM form:
every variable v (observed and latent) is ``v = alpha + A v + u`` with Var(u) = S, so

    mean(v) = (I - A)^-1 alpha        Var(v) = (I - A)^-1 S (I - A)^-T

and the observed variables' mean and covariance are the rows of those.  For an exogenous
variable u is the variable itself (alpha its mean, S its variance); for an endogenous one
u is its error (alpha its intercept).  Each entry of A, alpha and S is fixed at a value or
is a free parameter; entries constrained equal (``@name``) share one parameter.

The log likelihood is sem's method(ml): the multivariate normal density of the observed
variables at their sample mean and covariance (divisor N).  The observed exogenous
variables' means and covariances are held at their sample values (their ML estimates;
their block of the information is apart from the rest's), so they are counted in the
likelihood and in the saturated model's moments but are no free parameters here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class RAMSpec:
    """``names``: every variable, the observed first (``n_observed`` of them).  ``entries``:
    (matrix, i, j, key) with matrix "A" (i <- j), "alpha" (j unused) or "S" (i, j: a
    variance or a covariance), key a parameter key or a float (fixed)."""

    names: list[str]
    n_observed: int
    entries: list[tuple] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the free parameters, in order

    def param(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key)

    def matrices(self, theta: np.ndarray):
        m = len(self.names)
        A, alpha, S = np.zeros((m, m)), np.zeros(m), np.zeros((m, m))
        for kind, i, j, key in self.entries:
            value = key if isinstance(key, float) else theta[self.keys.index(key)]
            if kind == "A":
                A[i, j] = value
            elif kind == "alpha":
                alpha[i] = value
            else:
                S[i, j] = S[j, i] = value
        return A, alpha, S

    def moments(self, theta: np.ndarray):
        """The observed variables' implied mean and covariance, and (I - A)^-1."""
        A, alpha, S = self.matrices(theta)
        B = np.linalg.inv(np.eye(len(self.names)) - A)
        p = self.n_observed
        mu = (B @ alpha)[:p]
        sigma = (B @ S @ B.T)[:p, :p]
        return mu, sigma, B, alpha, S


def loglik(spec: RAMSpec, theta: np.ndarray, mean: np.ndarray, cov: np.ndarray, n: int) -> float:
    mu, sigma, *_ = spec.moments(theta)
    try:  # Sigma must be positive definite; the quadratic forms through its Cholesky factor
        L = np.linalg.cholesky(sigma)
    except np.linalg.LinAlgError:
        return -np.inf
    diag = np.diag(L)
    if not np.all(np.isfinite(L)) or np.min(diag) <= 1e-10 * max(1.0, float(np.max(diag))):
        return -np.inf
    inv_L = np.linalg.inv(L)
    d = inv_L @ (mean - mu)
    trace = float(np.sum(inv_L * (inv_L @ cov)))  # tr(Sigma^-1 C)
    p = len(mean)
    return float(-0.5 * n * (p * np.log(2 * np.pi) + 2.0 * np.sum(np.log(diag)) + trace + d @ d))


def gradient(spec: RAMSpec, theta: np.ndarray, mean: np.ndarray, cov: np.ndarray, n: int) -> np.ndarray:
    """The analytic gradient: dll/dmu = N Sigma^-1 d, dll/dSigma = N/2 (Sigma^-1 (C + d d')
    Sigma^-1 - Sigma^-1), through mu = F B alpha and Sigma = F B S B' F' (dB = B dA B)."""
    mu, sigma, B, alpha, S = spec.moments(theta)
    p = spec.n_observed
    inv = np.linalg.inv(sigma)
    d = mean - mu
    g_mu = n * inv @ d
    g_sigma = 0.5 * n * (inv @ (cov + np.outer(d, d)) @ inv - inv)
    out = np.zeros(len(spec.keys))
    for kind, i, j, key in spec.entries:
        if isinstance(key, float):
            continue
        if kind == "alpha":
            dmu, dsig = B[:p, i], None
        elif kind == "A":
            dB = np.outer(B[:, i], B[j, :])
            dmu = (dB @ alpha)[:p]
            full = dB @ S @ B.T
            dsig = (full + full.T)[:p, :p]
        else:
            E = np.zeros_like(S)
            E[i, j] = E[j, i] = 1.0
            dmu, dsig = None, (B @ E @ B.T)[:p, :p]
        k = spec.keys.index(key)
        if dmu is not None:
            out[k] += g_mu @ dmu
        if dsig is not None:
            out[k] += float(np.sum(g_sigma * dsig))
    return out


def hessian(spec, theta, mean, cov, n) -> np.ndarray:
    """Central differences of the analytic gradient, symmetrised (glm.central_hessian)."""
    from mlmcli.glm.central_hessian import hessian_from_gradient

    return hessian_from_gradient(lambda t: gradient(spec, t, mean, cov, n), theta)


@dataclass
class LatentFit:
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    iterations: tuple[float, ...]
    converged: bool


def fit(spec: RAMSpec, theta0: np.ndarray, mean: np.ndarray, cov: np.ndarray, n: int, *,
        iterate: int = 300, tolerance: float = 1e-10) -> LatentFit:
    """Newton-Raphson on the analytic gradient (step halving; where the Hessian is not
    negative definite its eigenvalues are taken in absolute value), ml's convergence rule on
    the scaled gradient g H^-1 g'."""
    theta = np.asarray(theta0, float).copy()
    ll = loglik(spec, theta, mean, cov, n)
    if not np.isfinite(ll):
        from mlmcli.errors import StataError

        raise StataError("initial values not feasible", 1400)
    history = [ll]
    converged = False
    for _ in range(iterate):
        g = gradient(spec, theta, mean, cov, n)
        H = hessian(spec, theta, mean, cov, n)
        # modified Newton: -H's eigenvalues made positive (their absolute values, floored),
        # so a start where the surface is not concave still moves uphill at Newton's pace
        values, vectors = np.linalg.eigh(-H)
        floor = 1e-8 * max(1.0, float(np.max(np.abs(values))))
        values = np.maximum(np.abs(values), floor)
        step = vectors @ ((vectors.T @ g) / values)
        if abs(g @ step) < tolerance:  # the Newton decrement g H^-1 g' (tighter than ml's 1e-5)
            converged = True
            break
        scale = 1.0
        for _ in range(40):
            trial = theta + scale * step
            new = loglik(spec, trial, mean, cov, n)
            if np.isfinite(new) and new >= ll - 1e-12:
                break
            scale /= 2.0
        else:
            break
        theta, ll = trial, new
        history.append(ll)
    H = hessian(spec, theta, mean, cov, n)
    try:
        V = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        V = np.linalg.pinv(-H)
    return LatentFit(theta, V, ll, tuple(history), converged)
