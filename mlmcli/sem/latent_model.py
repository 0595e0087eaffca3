"""Linear structural equation models with latent variables at the observation level
([SEM] intro 1-4: measurement models, latent growth curves), in the RAM form:
every variable v (observed and latent) is ``v = alpha + A v + u`` with Var(u) = S, so

    mean(v) = (I - A)^-1 alpha        Var(v) = (I - A)^-1 S (I - A)^-T

and the observed variables' mean and covariance are the rows of those.  For an exogenous
variable u is the variable itself (alpha its mean, S its variance); for an endogenous one
u is its error (alpha its intercept).  Each entry of A, alpha and S is fixed at a value or
is a free parameter; entries constrained equal (``@name``) share one parameter.

The log likelihood is sem's method(ml): the multivariate normal density of the observed
variables at their sample mean and covariance (divisor N); method(mlmv) sums that density
over the patterns of missing values, each on the variables it observes.  The observed exogenous
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


@dataclass(frozen=True)
class Pattern:
    """The observations sharing one set of observed variables (``seen``, indices into the
    observed variables): their count, mean and covariance (divisor the count) and rows."""

    seen: np.ndarray
    n: int
    mean: np.ndarray
    cov: np.ndarray
    rows: np.ndarray


def patterns(data: np.ndarray) -> list[Pattern]:
    """method(mlmv)'s missing-value patterns of ``data`` (rows with at least one value);
    complete data: one pattern."""
    seen = ~np.isnan(data)
    keys = [tuple(r) for r in seen]
    out = []
    for key in dict.fromkeys(keys):
        if not any(key):
            continue
        rows = np.flatnonzero([k == key for k in keys])
        idx = np.flatnonzero(key)
        block = data[np.ix_(rows, idx)]
        centred = block - block.mean(axis=0)
        out.append(Pattern(idx, len(rows), block.mean(axis=0), centred.T @ centred / len(rows), rows))
    return out


def _pattern_ll(mu, sigma, pat: Pattern) -> float:
    try:  # Sigma must be positive definite; the quadratic forms through its Cholesky factor
        L = np.linalg.cholesky(sigma[np.ix_(pat.seen, pat.seen)])
    except np.linalg.LinAlgError:
        return -np.inf
    diag = np.diag(L)
    if not np.all(np.isfinite(L)) or np.min(diag) <= 1e-10 * max(1.0, float(np.max(diag))):
        return -np.inf
    inv_L = np.linalg.inv(L)
    d = inv_L @ (pat.mean - mu[pat.seen])
    trace = float(np.sum(inv_L * (inv_L @ pat.cov)))  # tr(Sigma^-1 C)
    q = len(pat.seen)
    return float(-0.5 * pat.n * (q * np.log(2 * np.pi) + 2.0 * np.sum(np.log(diag)) + trace + d @ d))


def loglik(spec: RAMSpec, theta: np.ndarray, pats: list[Pattern]) -> float:
    mu, sigma, *_ = spec.moments(theta)
    total = 0.0
    for pat in pats:
        total += _pattern_ll(mu, sigma, pat)
        if not np.isfinite(total):
            return -np.inf
    return total


def moment_derivatives(spec: RAMSpec, theta: np.ndarray):
    """d mu / d theta (p x P) and d Sigma / d theta (p x p x P), through mu = F B alpha and
    Sigma = F B S B' F' (dB = B dA B)."""
    mu, sigma, B, alpha, S = spec.moments(theta)
    p, P = spec.n_observed, len(spec.keys)
    dmu, dsig = np.zeros((p, P)), np.zeros((p, p, P))
    for kind, i, j, key in spec.entries:
        if isinstance(key, float):
            continue
        k = spec.keys.index(key)
        if kind == "alpha":
            dmu[:, k] += B[:p, i]
        elif kind == "A":
            dB = np.outer(B[:, i], B[j, :])
            dmu[:, k] += (dB @ alpha)[:p]
            full = dB @ S @ B.T
            dsig[:, :, k] += (full + full.T)[:p, :p]
        else:
            E = np.zeros_like(S)
            E[i, j] = E[j, i] = 1.0
            dsig[:, :, k] += (B @ E @ B.T)[:p, :p]
    return mu, sigma, dmu, dsig


def gradient(spec: RAMSpec, theta: np.ndarray, pats: list[Pattern]) -> np.ndarray:
    """The analytic gradient: for each pattern dll/dmu = N Sigma^-1 d and dll/dSigma = N/2
    (Sigma^-1 (C + d d') Sigma^-1 - Sigma^-1) on its observed variables."""
    mu, sigma, dmu, dsig = moment_derivatives(spec, theta)
    p = spec.n_observed
    g_mu, g_sigma = np.zeros(p), np.zeros((p, p))
    for pat in pats:
        ix = np.ix_(pat.seen, pat.seen)
        inv = np.linalg.inv(sigma[ix])
        d = pat.mean - mu[pat.seen]
        g_mu[pat.seen] += pat.n * inv @ d
        g_sigma[ix] += 0.5 * pat.n * (inv @ (pat.cov + np.outer(d, d)) @ inv - inv)
    return g_mu @ dmu + np.einsum("ij,ijk->k", g_sigma, dsig)


def scores(spec: RAMSpec, theta: np.ndarray, data: np.ndarray, pats: list[Pattern]) -> np.ndarray:
    """Each observation's gradient (rows in the order of ``data``; rows of no pattern 0):
    vce(robust)'s sandwich."""
    mu, sigma, dmu, dsig = moment_derivatives(spec, theta)
    out = np.zeros((len(data), len(spec.keys)))
    for pat in pats:
        ix = np.ix_(pat.seen, pat.seen)
        inv = np.linalg.inv(sigma[ix])
        D = data[np.ix_(pat.rows, pat.seen)] - mu[pat.seen]
        G = D @ inv  # each row's Sigma^-1 d
        sub_dsig = dsig[ix]
        out[pat.rows] += G @ dmu[pat.seen]
        # 1/2 (d'Sigma^-1 dSigma Sigma^-1 d - tr(Sigma^-1 dSigma)) per row and parameter
        quad = np.einsum("ri,ijk,rj->rk", G, sub_dsig, G)
        out[pat.rows] += 0.5 * (quad - np.einsum("ij,jik->k", inv, sub_dsig)[None, :])
    return out


def latent_scores(spec: RAMSpec, theta: np.ndarray, data: np.ndarray, which: list[int]) -> np.ndarray:
    """predict, latent: the latent variables' empirical Bayes means E[eta | observed] =
    mu_eta + Cov(eta, y) Var(y)^-1 (y - mu_y) on each row's observed variables (missing
    where none is observed)."""
    A, alpha, S = spec.matrices(theta)
    B = np.linalg.inv(np.eye(len(spec.names)) - A)
    mean_all, cov_all = B @ alpha, B @ S @ B.T
    p = spec.n_observed
    out = np.full((len(data), len(which)), np.nan)
    for pat in patterns(data):
        y = pat.seen
        gain = cov_all[np.ix_(which, y)] @ np.linalg.inv(cov_all[np.ix_(y, y)])
        out[pat.rows] = mean_all[which] + (data[np.ix_(pat.rows, y)] - mean_all[:p][y]) @ gain.T
    return out


def saturated_loglik(data: np.ndarray, pats: list[Pattern], iterate: int = 500) -> float:
    """The saturated model's log likelihood: the unrestricted normal, its mean and covariance
    by the EM algorithm when values are missing (method(mlmv)), else the sample moments."""
    n, p = data.shape
    complete = ~np.isnan(data).any(axis=1)
    mu = np.nanmean(data, axis=0)
    sigma = np.diag(np.nanvar(data, axis=0)) if len(pats) > 1 else np.cov(data[complete], rowvar=False, bias=True)
    sigma = np.atleast_2d(sigma)
    if len(pats) == 1 and len(pats[0].seen) == p:
        return _pattern_ll(mu, sigma, pats[0])
    last = -np.inf
    for _ in range(iterate):
        total, second = np.zeros(p), np.zeros((p, p))
        for pat in pats:
            o = pat.seen
            m = np.setdiff1d(np.arange(p), o)
            Y = np.zeros((pat.n, p))
            Y[:, o] = data[np.ix_(pat.rows, o)]
            extra = np.zeros((p, p))
            if len(m):
                gain = sigma[np.ix_(m, o)] @ np.linalg.inv(sigma[np.ix_(o, o)])
                Y[:, m] = mu[m] + (Y[:, o] - mu[o]) @ gain.T
                extra[np.ix_(m, m)] = pat.n * (sigma[np.ix_(m, m)] - gain @ sigma[np.ix_(o, m)])
            total += Y.sum(axis=0)
            second += Y.T @ Y + extra
        count = sum(pat.n for pat in pats)
        mu = total / count
        sigma = second / count - np.outer(mu, mu)
        ll = sum(_pattern_ll(mu, sigma, pat) for pat in pats)
        if abs(ll - last) < 1e-10 * max(1.0, abs(ll)):
            break
        last = ll
    return ll


def hessian(spec, theta, pats) -> np.ndarray:
    """Central differences of the analytic gradient, symmetrised (glm.central_hessian)."""
    from mlmcli.glm.central_hessian import hessian_from_gradient

    return hessian_from_gradient(lambda t: gradient(spec, t, pats), theta)


@dataclass
class LatentFit:
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    iterations: tuple[float, ...]
    converged: bool


def fit(spec: RAMSpec, theta0: np.ndarray, pats: list[Pattern], *,
        iterate: int = 300, tolerance: float = 1e-10) -> LatentFit:
    """Newton-Raphson on the analytic gradient (step halving; where the Hessian is not
    negative definite its eigenvalues are taken in absolute value), ml's convergence rule on
    the scaled gradient g H^-1 g'."""
    theta = np.asarray(theta0, float).copy()
    ll = loglik(spec, theta, pats)
    if not np.isfinite(ll):
        from mlmcli.errors import StataError

        raise StataError("initial values not feasible", 1400)
    history = [ll]
    converged = False
    for _ in range(iterate):
        g = gradient(spec, theta, pats)
        H = hessian(spec, theta, pats)
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
            new = loglik(spec, trial, pats)
            if np.isfinite(new) and new >= ll - 1e-12:
                break
            scale /= 2.0
        else:
            break
        theta, ll = trial, new
        history.append(ll)
    H = hessian(spec, theta, pats)
    try:
        V = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        V = np.linalg.pinv(-H)
    return LatentFit(theta, V, ll, tuple(history), converged)
