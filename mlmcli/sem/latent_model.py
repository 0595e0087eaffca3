"""sem's linear structural equation model with single-level latent variables, in the RAM
form (McArdle & McDonald 1984): every variable -- the p observed ones first, then the m
latent ones -- is v = A v + alpha + u, Cov(u) = S, so that with B = (I - A)^-1 the observed
variables have mean mu = (B alpha)[:p] and covariance Sigma = (B S B')[:p, :p].

A holds the paths (A[i, j]: the coefficient of j in i's equation), alpha the intercepts of
observed endogenous variables and the means of observed exogenous ones (latent variables
have mean 0, Stata's normalisation), S the error variances of endogenous variables and the
(co)variances of exogenous ones.  Each entry is a ``Slot``: fixed at a value, or free with
a label; slots with one label share one parameter (``x2@c1 x3@c1``).

The log likelihood on complete data with N, the sample mean m and the ML covariance W
(divisor N): ll = -N/2 [p log 2pi + log|Sigma| + tr(W Sigma^-1) + (m - mu)' Sigma^-1 (m - mu)]
([SEM] Methods and formulas for sem).  Its gradient is analytic (``gradient``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.glm.central_hessian import hessian_from_gradient
from mlmcli.sorted_codes import unique_rows

LOG_2PI = float(np.log(2.0 * np.pi))


@dataclass(frozen=True)
class Slot:
    """One entry of the model's matrices.  kind: path (A[i, j]), cons (alpha[i], an observed
    endogenous variable's intercept), mean (alpha[i], an exogenous observed variable's mean),
    var (S[i, i]), cov (S[i, j] = S[j, i]).  name: its e(b) column (``x1:F``, ``var(e.x1):_cons``)."""

    kind: str
    i: int
    j: int
    name: str
    fixed: float | None = None
    label: str | None = None  # free parameters with one label are one parameter


@dataclass(frozen=True)
class Moments:
    """The sample's N, mean vector and covariance with divisor N.  With missing values
    (method(mlmv)): ``patterns`` holds each missing-value pattern's observed columns and the
    moments of its rows, and mean/cov are the saturated model's ML estimates (EM)."""

    n: int
    mean: np.ndarray
    cov: np.ndarray
    patterns: tuple | None = None  # ((observed column indices, Moments of those rows and columns), ...)
    data: np.ndarray | None = None  # with missing values: the rows (NaN where missing)

    @staticmethod
    def of(Y: np.ndarray) -> "Moments":
        Y = np.asarray(Y, float)
        m = Y.mean(axis=0)
        D = Y - m
        return Moments(len(Y), m, D.T @ D / len(Y))

    @staticmethod
    def with_missing(Y: np.ndarray) -> "Moments":
        """Rows grouped by their pattern of observed columns (rows with none are left out)."""
        Y = np.asarray(Y, float)
        seen = np.isfinite(Y)
        Y, seen = Y[seen.any(axis=1)], seen[seen.any(axis=1)]
        keys, inverse = unique_rows(seen, return_inverse=True)
        patterns = []
        for g, key in enumerate(keys):
            cols = np.flatnonzero(key)
            patterns.append((cols, Moments.of(Y[np.ix_(inverse.ravel() == g, cols)])))
        mean, cov = em_saturated(Y, seen)
        return Moments(len(Y), mean, cov, tuple(patterns), Y)


def em_saturated(Y: np.ndarray, seen: np.ndarray, iterations: int = 5000, tol: float = 1e-12):
    """ML mean and covariance of a multivariate normal sample with values missing at random
    (the EM algorithm of Dempster, Laird & Rubin 1977)."""
    n, p = Y.shape
    mu = np.array([np.mean(Y[seen[:, j], j]) for j in range(p)])
    Sigma = np.diag([np.var(Y[seen[:, j], j]) for j in range(p)])
    keys, inverse = unique_rows(seen, return_inverse=True)
    groups = [(key, Y[inverse.ravel() == g]) for g, key in enumerate(keys)]
    for _ in range(iterations):
        T1, T2 = np.zeros(p), np.zeros((p, p))
        for o, rows in groups:  # each pattern's rows at once: E[y_m | y_o] and its covariance
            m = ~o
            filled = np.where(o, rows, 0.0)
            C = np.zeros((p, p))
            if m.any():
                try:
                    B = Sigma[np.ix_(m, o)] @ np.linalg.inv(Sigma[np.ix_(o, o)])
                except np.linalg.LinAlgError:  # a singular block makes Sigma singular: the callers'
                    return mu, Sigma  # rank check says r(506) (one observation in a group)
                filled[:, m] = mu[m] + (rows[:, o] - mu[o]) @ B.T
                C[np.ix_(m, m)] = Sigma[np.ix_(m, m)] - B @ Sigma[np.ix_(o, m)]
            T1 += filled.sum(axis=0)
            T2 += filled.T @ filled + len(rows) * C
        new_mu = T1 / n
        new_Sigma = T2 / n - np.outer(new_mu, new_mu)
        done = np.max(np.abs(new_Sigma - Sigma)) + np.max(np.abs(new_mu - mu)) < tol * (1 + np.max(np.abs(Sigma)))
        mu, Sigma = new_mu, new_Sigma
        if done:
            break
    return mu, Sigma


def normal_loglik(mu: np.ndarray, Sigma: np.ndarray, mom: Moments) -> float:
    """ll of N(mu, Sigma) at the sample summarised by mom (pattern by pattern with missing values)."""
    groups = mom.patterns if mom.patterns is not None else ((np.arange(len(mu)), mom),)
    total = 0.0
    for cols, g in groups:
        S = Sigma[np.ix_(cols, cols)]
        sign, logdet = np.linalg.slogdet(S)
        if sign <= 0 or not np.isfinite(logdet):
            return float("-inf")
        Om = np.linalg.inv(S)
        d = g.mean - mu[cols]
        total += -0.5 * g.n * (len(cols) * LOG_2PI + logdet + float(np.trace(g.cov @ Om) + d @ Om @ d))
    return total


class RAMModel:
    """The slots of a model over ``variables`` (observed first, ``n_observed`` of them)."""

    def __init__(self, variables: tuple[str, ...], n_observed: int, slots: tuple[Slot, ...]):
        self.variables = variables
        self.p = n_observed
        self.nv = len(variables)
        self.slots = slots
        labels: list[str] = []
        self.index: list[int | None] = []  # each slot's parameter, None when fixed
        for k, s in enumerate(slots):
            if s.fixed is not None:
                self.index.append(None)
                continue
            key = s.label if s.label is not None else f"#{k}"
            if key not in labels:
                labels.append(key)
            self.index.append(labels.index(key))
        self.n_free = len(labels)
        self.labels = tuple(labels)  # each parameter's label (``#k``: slot k's own)

    # ----------------------------------------------------------- matrices
    def matrices(self, theta: np.ndarray):
        A = np.zeros((self.nv, self.nv))
        S = np.zeros((self.nv, self.nv))
        alpha = np.zeros(self.nv)
        for s, k in zip(self.slots, self.index):
            v = s.fixed if k is None else theta[k]
            if s.kind == "path":
                A[s.i, s.j] = v
            elif s.kind in ("cons", "mean"):
                alpha[s.i] = v
            else:
                S[s.i, s.j] = S[s.j, s.i] = v
        return A, S, alpha

    def full_moments(self, theta: np.ndarray):
        """(B, mean and covariance of all variables, observed and latent)."""
        A, S, alpha = self.matrices(theta)
        B = np.linalg.inv(np.eye(self.nv) - A)
        return B, B @ alpha, B @ S @ B.T

    def implied(self, theta: np.ndarray):
        """(mu, Sigma) of the observed variables."""
        _, mu, cov = self.full_moments(theta)
        return mu[:self.p], cov[:self.p, :self.p]

    def values(self, theta: np.ndarray) -> np.ndarray:
        """Every slot's value (e(b) in slot order)."""
        return np.array([s.fixed if k is None else theta[k] for s, k in zip(self.slots, self.index)], float)

    # ---------------------------------------------------------- likelihood
    def loglik(self, theta: np.ndarray, mom: Moments) -> float:
        try:
            mu, Sigma = self.implied(theta)
        except np.linalg.LinAlgError:
            return float("-inf")
        return normal_loglik(mu, Sigma, mom)

    def gradient(self, theta: np.ndarray, mom: Moments) -> np.ndarray:
        """d ll / d theta: with Omega = Sigma^-1, d = m - mu, G = F'(Omega - Omega (W + d d') Omega)F
        and h = F' Omega d (F selecting the observed rows), dll/dA = -N (B S B' G B)' + N (B'h)(B alpha)',
        dll/dS = -N/2 B'G B, dll/dalpha = N B'h."""
        A, S, alpha = self.matrices(theta)
        B = np.linalg.inv(np.eye(self.nv) - A)
        full = B @ S @ B.T
        Sigma = full[:self.p, :self.p]
        mu = (B @ alpha)[:self.p]
        # G and h summed over the missing-value patterns, each weighted by its rows
        G = np.zeros((self.nv, self.nv))
        h = np.zeros(self.nv)
        groups = mom.patterns if mom.patterns is not None else ((np.arange(self.p), mom),)
        for cols, g in groups:
            Om = np.linalg.inv(Sigma[np.ix_(cols, cols)])
            d = g.mean - mu[cols]
            W = g.cov + np.outer(d, d)
            G[np.ix_(cols, cols)] += g.n * (Om - Om @ W @ Om)
            h[cols] += g.n * (Om @ d)
        gA = -(full @ G @ B).T + np.outer(B.T @ h, B @ alpha)
        gS = -0.5 * (B.T @ G @ B)
        ga = B.T @ h
        out = np.zeros(self.n_free)
        for s, k in zip(self.slots, self.index):
            if k is None:
                continue
            if s.kind == "path":
                out[k] += gA[s.i, s.j]
            elif s.kind in ("cons", "mean"):
                out[k] += ga[s.i]
            elif s.i == s.j:
                out[k] += gS[s.i, s.i]
            else:
                out[k] += gS[s.i, s.j] + gS[s.j, s.i]
        return out

    def hessian(self, theta: np.ndarray, mom: Moments) -> np.ndarray:
        """Central differences of the analytic gradient (the OIM is its negative)."""
        return hessian_from_gradient(lambda t: self.gradient(t, mom), theta)


def saturated_loglik(mom: Moments) -> float:
    """ll of the saturated normal model: -N/2 (p log 2pi + log|W| + p) (with missing values:
    at the EM estimates)."""
    if mom.patterns is not None:
        return normal_loglik(mom.mean, mom.cov, mom)
    p = len(mom.mean)
    sign, logdet = np.linalg.slogdet(mom.cov)
    if sign <= 0:
        return float("nan")
    return float(-0.5 * mom.n * (p * LOG_2PI + logdet + p))
