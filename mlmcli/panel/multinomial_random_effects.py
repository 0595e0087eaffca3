"""Random-effects multinomial logit for panel data (``xtmlogit, re``, Stata 17, [XT] xtmlogit).

Outcomes k = 0..K-1 (the sorted values of depvar), b the base outcome.  Panel i, observation t:

    Pr(y_it = k | u_i) = exp(x_it beta_k + u_ik) / sum_j exp(x_it beta_j + u_ij),

beta_b = 0 and u_ib = 0; the other outcomes' intercepts u_i = (u_ik, k != b) are multivariate
normal, N(0, Sigma), Sigma of the covariance() structure (``CovarianceStructure``: independent
-- the default --, identity, exchangeable, unstructured).  The panel's likelihood

    L_i = int prod_t Pr(y_it | u) phi(u; Sigma) du

is integrated by a product Gauss-Hermite rule with ``points`` nodes a dimension: with u = mu_i +
C_i z (C_i lower triangular), L_i = |C_i| sum_q w_q g(mu_i + C_i z_q) / phi(z_q), (z_q, w_q)
the standard-normal rule.  ``ghermite``: mu_i = 0, C_i C_i' = Sigma.  ``mvaghermite`` (the
default): mu_i and C_i C_i' are the posterior mean and variance of u_i, found by iterating the
quadrature from mu_i = 0, Sigma; they are updated before each Newton round and held fixed within
it, so the gradient is the quadrature's exact one:

    d log L_i / d beta_k = sum_q pi_iq sum_t x_it (1[y_it = k] - p_itqk),
    d log L_i / d Sigma  = 1/2 sum_q pi_iq (Sigma^-1 u_q u_q' Sigma^-1 - Sigma^-1),

pi_iq the nodes' posterior weights.  The variance parameters are reported (e(b), e(V)) in the
metric of Sigma's entries (var(u#), cov(u#,u#)); the optimizer works on logs (and a Cholesky
factor or a bounded correlation) so Sigma stays positive definite.  V = (-H)^-1 with H the
numerical Jacobian of the analytic gradient in the reported metric; vce(robust|cluster): the
sandwich of the panels' (clusters') scores with G/(G-1).  Predictions: ``pu0`` the
probabilities with u = 0, ``pr`` the marginal probabilities int softmax(x b + u) phi(u) du (the
same rule, non-adaptive).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
from scipy import special

from ..errors import StataError

COVARIANCES = (("independent", 3), ("identity", 2), ("exchangeable", 2), ("unstructured", 2))
LOG_2PI = float(np.log(2 * np.pi))


class CovarianceStructure:
    """Sigma = sum_j gamma_j A_j over the reported parameters gamma, and the optimizer's
    unconstrained psi -> gamma.  ``labels``: e(b)'s names (``var(u2)``, ``cov(u2,u3)``), the
    random effects numbered by their outcome's position (1-based)."""

    def __init__(self, kind: str, numbers: tuple[int, ...]):
        d = len(numbers)
        self.kind, self.d = (kind if d > 1 else "identity" if kind == "identity" else "independent"), d
        kind = self.kind
        A, labels = [], []
        if kind == "independent":
            for j, n in enumerate(numbers):
                A.append(_unit(d, j, j))
                labels.append(f"var(u{n})")
        elif kind in ("identity", "exchangeable"):
            A.append(np.eye(d))
            labels.append("var(u)")
            if kind == "exchangeable":
                A.append(np.ones((d, d)) - np.eye(d))
                labels.append("cov(u)")
        else:
            for j, n in enumerate(numbers):
                A.append(_unit(d, j, j))
                labels.append(f"var(u{n})")
            for j in range(d):
                for k in range(j + 1, d):
                    A.append(_unit(d, j, k) + _unit(d, k, j))
                    labels.append(f"cov(u{numbers[j]},u{numbers[k]})")
        self.A, self.labels = np.array(A), tuple(labels)

    @property
    def m(self) -> int:
        return len(self.labels)

    def sigma(self, gamma) -> np.ndarray:
        return np.tensordot(np.asarray(gamma, float), self.A, axes=1)

    def gamma(self, psi) -> np.ndarray:
        psi = np.asarray(psi, float)
        d = self.d
        if self.kind in ("independent", "identity"):
            return np.exp(psi)
        if self.kind == "exchangeable":
            low = -1.0 / (d - 1)
            rho = low + (1 - low) * special.expit(psi[1])
            v = np.exp(psi[0])
            return np.array([v, rho * v])
        L = np.zeros((d, d))
        L[np.tril_indices(d)] = psi
        L[np.diag_indices(d)] = np.exp(np.diag(L))
        S = L @ L.T
        return np.concatenate([np.diag(S), [S[j, k] for j in range(d) for k in range(j + 1, d)]])

    def start(self, variance: float) -> np.ndarray:
        """psi of Sigma = variance * I."""
        d = self.d
        if self.kind in ("independent", "identity"):
            return np.full(self.m, np.log(variance))
        if self.kind == "exchangeable":
            low = -1.0 / (d - 1)
            return np.array([np.log(variance), special.logit(-low / (1 - low))])
        L = np.zeros((d, d))
        L[np.diag_indices(d)] = 0.5 * np.log(variance)
        return L[np.tril_indices(d)]


def _unit(d: int, j: int, k: int) -> np.ndarray:
    E = np.zeros((d, d))
    E[j, k] = 1.0
    return E


def standard_normal_rule(points: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """(Z (Q x d), log w (Q)): the product Gauss-Hermite rule for E f(z), z ~ N(0, I_d)."""
    x, w = np.polynomial.hermite_e.hermegauss(points)
    logw = np.log(w / np.sqrt(2 * np.pi))
    grid = np.array(list(product(range(points), repeat=d)), int)
    return x[grid], logw[grid].sum(axis=1)


@dataclass(frozen=True)
class PanelMultinomialData:
    """The estimation sample: ``y`` the outcome index (0..K-1), ``X`` the estimable columns,
    ``group`` the panel code (0..G-1) of each row."""

    y: np.ndarray
    K: int
    base: int
    X: np.ndarray
    group: np.ndarray

    @property
    def free(self) -> list[int]:
        return [k for k in range(self.K) if k != self.base]

    @property
    def n_groups(self) -> int:
        return int(self.group.max()) + 1


class RandomEffectsLikelihood:
    """log L over theta = (beta of the free outcomes, equation by equation; gamma)."""

    def __init__(self, data: PanelMultinomialData, cov: CovarianceStructure, points: int, method: str):
        from scipy import sparse

        self.data, self.cov, self.method = data, cov, method
        self.X = np.asarray(data.X, float)
        self.n, self.p = self.X.shape
        self.d = len(data.free)
        self.k_beta = self.p * self.d
        self.Yfree = np.stack([data.y == k for k in data.free], axis=1).astype(float)
        self.S = sparse.csr_matrix((np.ones(self.n), (data.group, np.arange(self.n))),
                                   shape=(data.n_groups, self.n))
        self.Z, self.logw = standard_normal_rule(points, self.d)
        self.zz = 0.5 * np.sum(self.Z ** 2, axis=1) + 0.5 * self.d * LOG_2PI
        G = data.n_groups
        self.mu, self.C = np.zeros((G, self.d)), None  # the adaptive nodes (None: Sigma's own)

    def split(self, theta) -> tuple[np.ndarray, np.ndarray]:
        theta = np.asarray(theta, float)
        return theta[:self.k_beta].reshape(self.d, self.p).T, theta[self.k_beta:]

    # ---- the quadrature ---------------------------------------------------------------
    def _nodes(self, Sigma) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(U (G x Q x d), log |C_i|, log weights (G x Q) without the prior)."""
        if self.C is None:
            C = np.broadcast_to(np.linalg.cholesky(Sigma), (self.data.n_groups, self.d, self.d))
            mu = np.zeros((self.data.n_groups, self.d))
        else:
            C, mu = self.C, self.mu
        U = mu[:, None, :] + np.einsum("gij,qj->gqi", C, self.Z)
        logdet = np.log(np.abs(np.einsum("gii->gi", C))).sum(axis=1)
        return U, logdet, self.logw[None, :] + logdet[:, None] + self.zz[None, :]

    def _terms(self, theta, with_p: bool = False):
        """(log L_i, pi (G x Q), U, P (n x Q x d) or None, Sigma)."""
        B, gamma = self.split(theta)
        Sigma = self.cov.sigma(gamma)
        try:
            Lc = np.linalg.cholesky(Sigma)
        except np.linalg.LinAlgError:
            return None
        U, _, logw = self._nodes(Sigma)
        E = (self.X @ B)[:, None, :] + U[self.data.group]
        top = np.maximum(E.max(axis=2), 0.0)
        lse = top + np.log(np.exp(-top) + np.exp(E - top[..., None]).sum(axis=2))
        obs = np.einsum("nqd,nd->nq", E, self.Yfree)
        ell = np.asarray(self.S @ (obs - lse))
        W = np.linalg.solve(Lc, U.reshape(-1, self.d).T).T.reshape(U.shape)
        prior = -0.5 * np.sum(W ** 2, axis=2) - np.log(np.diag(Lc)).sum() - 0.5 * self.d * LOG_2PI
        a = ell + prior + logw
        logL = special.logsumexp(a, axis=1)
        pi = np.exp(a - logL[:, None])
        P = np.exp(E - lse[..., None]) if with_p else None
        return logL, pi, U, P, Sigma

    def panel_loglik(self, theta) -> np.ndarray:
        t = self._terms(theta)
        return np.full(self.data.n_groups, -np.inf) if t is None else t[0]

    def loglik(self, theta) -> float:
        v = float(np.sum(self.panel_loglik(theta)))
        return v if np.isfinite(v) else -np.inf

    def adapt(self, theta, sweeps: int = 30, fresh: bool = False) -> None:
        """mvaghermite: each panel's posterior mean and variance of u_i by the quadrature,
        iterated until they settle -- from the nodes in place (a warm start), or from mu = 0,
        C C' = Sigma when ``fresh`` or none are in place."""
        if self.method != "mvaghermite":
            return
        if fresh or self.C is None:
            self.C, self.mu = None, np.zeros((self.data.n_groups, self.d))
        for _ in range(sweeps):
            t = self._terms(theta)
            if t is None:
                return
            _, pi, U, _, _ = t
            mu = np.einsum("gq,gqd->gd", pi, U)
            D = U - mu[:, None, :]
            Om = np.einsum("gq,gqi,gqj->gij", pi, D, D) + 1e-10 * np.eye(self.d)
            try:
                C = np.linalg.cholesky(Om)
            except np.linalg.LinAlgError:
                return
            old, moved = self.C, np.max(np.abs(mu - self.mu))
            self.mu, self.C = mu, C
            if old is not None and max(moved, float(np.max(np.abs(C - old)))) < 1e-7:
                return

    def nodes(self):
        return self.mu, self.C

    def set_nodes(self, nodes) -> None:
        self.mu, self.C = nodes

    # ---- derivatives ------------------------------------------------------------------
    def panel_scores(self, theta) -> np.ndarray:
        """G x k: each panel's gradient of log L_i (beta, then gamma)."""
        t = self._terms(theta, with_p=True)
        if t is None:
            return np.full((self.data.n_groups, len(theta)), np.nan)
        _, pi, U, P, Sigma = t
        Pbar = np.einsum("nq,nqd->nd", pi[self.data.group], P)
        R = self.Yfree - Pbar
        beta = np.concatenate([np.asarray(self.S @ (self.X * R[:, [j]])) for j in range(self.d)], axis=1)
        if self.method != "mvaghermite":  # the nodes move with Sigma: gamma's scores numerically
            return np.concatenate([beta, self._gamma_scores_numeric(theta)], axis=1)
        Si = np.linalg.inv(Sigma)
        M = np.einsum("gq,gqi,gqj->gij", pi, U, U)
        Gm = np.einsum("ij,gjk,kl->gil", Si, M, Si) - Si[None]
        gam = 0.5 * np.einsum("gij,mij->gm", Gm, self.cov.A)
        return np.concatenate([beta, gam], axis=1)

    def _gamma_scores_numeric(self, theta) -> np.ndarray:
        out = np.zeros((self.data.n_groups, self.cov.m))
        for j in range(self.cov.m):
            h = 1e-5 * max(1.0, abs(theta[self.k_beta + j]))
            up, dn = np.array(theta, float), np.array(theta, float)
            up[self.k_beta + j] += h
            dn[self.k_beta + j] -= h
            out[:, j] = (self.panel_loglik(up) - self.panel_loglik(dn)) / (2 * h)
        return out

    def gradient(self, theta) -> np.ndarray:
        return self.panel_scores(theta).sum(axis=0)

    def hessian(self, theta, grad=None) -> np.ndarray:
        """The numerical Jacobian of the analytic gradient (central differences), symmetrized."""
        grad = grad or self.gradient
        theta = np.asarray(theta, float)
        H = np.zeros((len(theta), len(theta)))
        for j in range(len(theta)):
            h = 1e-5 * max(1.0, abs(theta[j]))
            up, dn = theta.copy(), theta.copy()
            up[j] += h
            dn[j] -= h
            H[:, j] = (grad(up) - grad(dn)) / (2 * h)
        return (H + H.T) / 2

    # ---- predictions ------------------------------------------------------------------
    def marginal_probabilities(self, index: np.ndarray, Sigma: np.ndarray) -> np.ndarray:
        """n x K: int softmax(index + u) phi(u; Sigma) du (index n x K, the base's column 0)."""
        return marginal_probabilities(index, Sigma, self.data.base, self.Z, self.logw)


def marginal_probabilities(index, Sigma, base: int, Z, logw) -> np.ndarray:
    K = index.shape[1]
    free = [k for k in range(K) if k != base]
    try:
        L = np.linalg.cholesky(Sigma)
    except np.linalg.LinAlgError:
        return np.full(index.shape, np.nan)
    U = np.zeros((len(Z), K))
    U[:, free] = Z @ L.T
    E = index[:, None, :] + U[None, :, :]
    P = np.exp(E - logsumexp_last(E)[..., None])
    return np.einsum("q,nqk->nk", np.exp(logw), P)


def logsumexp_last(a: np.ndarray) -> np.ndarray:
    """``scipy.special.logsumexp(a, axis=-1)`` of a real array, bit for bit, by its own steps
    (scipy 1.17): the first maximum of each row taken out of the sum, log1p(sum exp(a - max) /
    count of maxima) + log(count) + max, the direct log(sum exp(a)) where that is not finite.
    Taken column by column: over a short last axis (the outcomes) numpy's reductions cost
    several times the arithmetic, and the quadrature of ``pr`` calls this for every margins
    and mfx evaluation."""
    cols = [a[..., k] for k in range(a.shape[-1])]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        a_max = cols[0]
        for c in cols[1:]:
            a_max = np.maximum(a_max, c)
        hits = [c == a_max for c in cols]
        m = hits[0].astype(float)
        s = np.exp(np.where(hits[0], -np.inf, cols[0]) - a_max)
        for c, hit in zip(cols[1:], hits[1:]):
            m = m + hit
            s = s + np.exp(np.where(hit, -np.inf, c) - a_max)
        s = np.where(s == 0, s, s / m)
        out = np.log1p(s) + np.log(m) + a_max
        bad = ~np.isfinite(out)
        if bad.any():  # scipy's fallback, the plain formula, where the shifted one is not finite
            direct = np.exp(cols[0])
            for c in cols[1:]:
                direct = direct + np.exp(c)
            out = np.where(bad, np.log(direct), out)
    return out


def fit_random_effects(model: RandomEffectsLikelihood, beta0: np.ndarray, *, iterate: int = 300,
                       tolerance: float = 1e-6, ltolerance: float = 1e-7, nrtolerance: float = 1e-5,
                       cluster: np.ndarray | None = None, robust: bool = False,
                       start_variance: float = 0.5):
    """Newton-Raphson in (beta, psi) from mlogit's beta0 (module docstring); the adaptive nodes
    are renewed at every point the log likelihood is evaluated at (warm-started from the
    current point's), so each iteration's log likelihood is the quadrature's at its own nodes."""
    from ..mixed.inference import invert_negative_hessian
    from ..results.glmm import IterationStep
    from .multinomial_conditional import PanelEstimates

    cov, kb = model.cov, model.k_beta
    x = np.concatenate([beta0, cov.start(start_variance)])

    def theta_of(x):
        return np.concatenate([x[:kb], cov.gamma(x[kb:])])

    def grad_x(x):
        g = model.gradient(theta_of(x))
        return np.concatenate([g[:kb], _jacobian(cov.gamma, x[kb:]).T @ g[kb:]])

    model.adapt(theta_of(x), fresh=True)
    f = model.loglik(theta_of(x))
    if not np.isfinite(f):
        raise StataError("initial values not feasible", 1400)
    steps, converged, note, last = [], False, "", None
    for it in range(iterate + 1):
        steps.append(IterationStep(it, f, note))
        g = grad_x(x)
        H = model.hessian(x, grad_x)
        if not (np.isfinite(g).all() and np.isfinite(H).all()):
            break
        lam, Q = np.linalg.eigh(-H)
        concave = bool(lam.min() > 0)
        inv = (Q / np.maximum(np.abs(lam), 1e-8)) @ Q.T
        nr = float(g @ inv @ g)
        if last is not None and nr <= nrtolerance and (last[0] <= tolerance or last[1] <= ltolerance):
            converged = True
            break
        if it == iterate:
            break
        d = inv @ g
        here, step, note, moved = model.nodes(), 1.0, "" if concave else "(not concave)", False
        for halving in range(30):
            xt = x + step * d
            model.set_nodes(here)
            model.adapt(theta_of(xt))
            ft = model.loglik(theta_of(xt))
            if np.isfinite(ft) and ft >= f - 1e-12 * abs(f):
                moved = True
                break
            step /= 2
            note = note or "(backed up)"
        if not moved:
            model.set_nodes(here)
            break
        last = (float(np.max(np.abs(xt - x) / (np.abs(x) + 1))), abs(ft - f) / (abs(f) + 1))
        x, f = xt, ft
    theta = theta_of(x)
    model.adapt(theta)
    ll = model.loglik(theta)
    # V in the optimizer's metric, then the delta method to Sigma's entries: stable where Sigma
    # is near singular (differences in Sigma's entries would leave the positive definite cone)
    H = model.hessian(x, grad_x)
    J = np.eye(len(x))
    J[kb:, kb:] = _jacobian(cov.gamma, x[kb:])
    n_clusters = None
    if robust:
        from ..glm.fit import sandwich

        from ..robust.cluster_sandwich import cluster_index

        codes = np.arange(model.data.n_groups) if cluster is None else cluster_index(cluster)[0]
        S = model.panel_scores(theta)
        S = np.concatenate([S[:, :kb], S[:, kb:] @ J[kb:, kb:]], axis=1)
        Vx = sandwich(H, S, codes)
        n_clusters = int(codes.max()) + 1 if cluster is not None else None
    else:
        Vx = invert_negative_hessian(H)
    bad = ~np.isfinite(np.diag(Vx))  # not identified: NaN through the parameters it enters
    V = J @ np.where(np.isfinite(Vx), Vx, 0.0) @ J.T
    hit = (np.abs(J[:, bad]) > 0).any(axis=1)
    V[hit, :] = np.nan
    V[:, hit] = np.nan
    return PanelEstimates(theta, (V + V.T) / 2, float(ll), converged, steps, robust, n_clusters,
                            not converged and len(steps) > iterate)


def _jacobian(fun, psi) -> np.ndarray:
    """d fun / d psi by central differences."""
    psi = np.asarray(psi, float)
    cols = []
    for j in range(len(psi)):
        h = 1e-6 * max(1.0, abs(psi[j]))
        up, dn = psi.copy(), psi.copy()
        up[j] += h
        dn[j] -= h
        cols.append((fun(up) - fun(dn)) / (2 * h))
    return np.array(cols).T.reshape(len(np.atleast_1d(fun(psi))), len(psi))
