"""Zero-inflated Poisson and negative binomial regression by maximum likelihood: the numbers
behind ``zip`` and ``zinb`` ([R] zip, [R] zinb).

An observation is a certain zero with probability p = F(z g + offset2) (F logistic, or the
normal with ``probit``), otherwise a count from Poisson(mu) or the negative binomial
NB2(mu, alpha) (var = mu(1 + alpha mu)), mu = exp(x b + offset1):

    y = 0:  ln L = ln(p + (1 - p) f(0))
    y > 0:  ln L = ln(1 - p) + ln f(y)

The likelihood is written in its linear indices m = x b + offset1, z = z g + offset2 and, for
the negative binomial, a = ln alpha; each observation's first and second derivatives in those
indices are analytic, so the gradient and Hessian in (b, g, ln alpha) are X' (w d) and
X' diag(w h) X blocks.  Maximised by ``newton.maximize`` (ml's Newton-Raphson and its log).
V = (-H)^-1, or the sandwich from the scores (robust: each observation its own cluster; G/(G-1)).
Without an inflation part (``inflate=False``) the same code is the plain Poisson or NB2
likelihood (the Vuong comparison models, zinb's ``zip`` LR test uses a zip fit).
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import special

from .newton import NOT_CONCAVE_STALL, NewtonResult, inverse_information, maximize


@dataclass
class CountData:
    """The estimation sample: y, the count design X, the inflation design Z (None: no
    inflation part), the two offsets and the weights (ones unless weighted)."""

    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray | None
    offset: np.ndarray
    offset_inflate: np.ndarray
    w: np.ndarray


def _inflation(z: np.ndarray, link: str):
    """ln p, ln(1 - p), dp/dz, d2p/dz2 of p = F(z)."""
    if link == "logit":
        log_p, log_q = -np.logaddexp(0.0, -z), -np.logaddexp(0.0, z)
        p = np.exp(log_p)
        d1 = p * (1 - p)
        return log_p, log_q, d1, d1 * (1 - 2 * p)
    log_p, log_q = special.log_ndtr(z), special.log_ndtr(-z)
    phi = np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)
    return log_p, log_q, phi, -z * phi


def count_log_value(y: np.ndarray, m: np.ndarray, a: float | None) -> np.ndarray:
    """ln f(y) of the count model alone (Poisson when ``a`` is None): ``count_log_density``'s
    first value, the same bits."""
    mu = np.exp(m)
    if a is None:
        return y * m - mu - special.gammaln(y + 1)
    alpha = np.exp(a)
    k = 1.0 / alpha
    l1t = np.log1p(alpha * mu)
    return special.gammaln(y + k) - special.gammaln(k) - special.gammaln(y + 1) - (k + y) * l1t + y * (a + m)


def count_log_density(y: np.ndarray, m: np.ndarray, a: float | None):
    """ln f(y) of the count model and its derivatives in (m, a): (lf, fm, fa, fmm, fma, faa);
    Poisson when ``a`` is None (fa = fma = faa = 0)."""
    mu = np.exp(m)
    lf = count_log_value(y, m, a)
    if a is None:
        zero = np.zeros_like(m)
        return lf, y - mu, zero, -mu, zero, zero
    alpha = np.exp(a)
    k = 1.0 / alpha
    t = alpha * mu
    l1t = np.log1p(t)
    dpsi = special.digamma(y + k) - special.digamma(k)
    dpsi1 = special.polygamma(1, y + k) - special.polygamma(1, k)
    fm = (y - mu) / (1 + t)
    fa = -k * dpsi + k * l1t + (y - mu) / (1 + t)
    fmm = -mu * (1 + alpha * y) / (1 + t) ** 2
    fma = -(y - mu) * t / (1 + t) ** 2
    faa = k * dpsi + k * k * dpsi1 - k * l1t + k * t / (1 + t) - (y - mu) * t / (1 + t) ** 2
    return lf, fm, fa, fmm, fma, faa


def observation_derivatives(y, m, z, a, link: str, inflate: bool = True):
    """Per observation: ln L_i, its gradient in the indices (m, z, a) (n x 3) and Hessian (n x 3 x 3)."""
    n = len(y)
    lf, fm, fa, fmm, fma, faa = count_log_density(y, m, a)
    g = np.zeros((n, 3))
    H = np.zeros((n, 3, 3))
    if not inflate:
        g[:, 0], g[:, 2] = fm, fa
        H[:, 0, 0], H[:, 0, 2], H[:, 2, 0], H[:, 2, 2] = fmm, fma, fma, faa
        return lf, g, H
    log_p, log_q, p1, p2 = _inflation(z, link)
    zero = y == 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # y = 0: ln D, D = p + (1 - p) e^u with u = ln f(0)
        log_d = np.logaddexp(log_p, log_q + lf)
        r = np.exp(log_q + lf - log_d)  # (1 - p) e^u / D
        one_minus_eu = -np.expm1(lf)
        lz0 = p1 * one_minus_eu / np.exp(log_d)
        lzz0 = p2 * one_minus_eu / np.exp(log_d) - lz0 * lz0
        lzu0 = -p1 * np.exp(lf - log_d) - lz0 * r
        ruu = r * (1 - r)
        # y > 0: ln(1 - p) + ln f(y)
        q = np.exp(log_q)
        lzp, lzzp = -p1 / q, -p2 / q - (p1 / q) ** 2
    ll = np.where(zero, log_d, log_q + lf)
    g[:, 0] = np.where(zero, r * fm, fm)
    g[:, 1] = np.where(zero, lz0, lzp)
    g[:, 2] = np.where(zero, r * fa, fa)
    H[:, 0, 0] = np.where(zero, ruu * fm * fm + r * fmm, fmm)
    H[:, 2, 2] = np.where(zero, ruu * fa * fa + r * faa, faa)
    H[:, 0, 2] = H[:, 2, 0] = np.where(zero, ruu * fm * fa + r * fma, fma)
    H[:, 1, 1] = np.where(zero, lzz0, lzzp)
    H[:, 0, 1] = H[:, 1, 0] = np.where(zero, lzu0 * fm, 0.0)
    H[:, 1, 2] = H[:, 2, 1] = np.where(zero, lzu0 * fa, 0.0)
    return ll, g, H


class ZeroInflatedLikelihood:
    """ln L(theta), theta = (b, g[, ln alpha]), with its gradient and Hessian."""

    def __init__(self, data: CountData, *, negative_binomial: bool, link: str = "logit"):
        self.data = data
        self.nb = negative_binomial
        self.link = link
        self.kx = data.X.shape[1]
        self.kz = 0 if data.Z is None else data.Z.shape[1]

    @property
    def size(self) -> int:
        return self.kx + self.kz + (1 if self.nb else 0)

    def _indices(self, theta):
        d = self.data
        m = d.X @ theta[:self.kx] + d.offset
        z = (d.Z @ theta[self.kx:self.kx + self.kz] + d.offset_inflate) if d.Z is not None else np.zeros(len(d.y))
        a = float(theta[-1]) if self.nb else None
        return m, z, a

    def observations(self, theta) -> tuple:
        m, z, a = self._indices(np.asarray(theta, float))
        return observation_derivatives(self.data.y, m, z, a, self.link, self.data.Z is not None)

    def loglik(self, theta) -> float:
        """ln L alone (the step halving's trial points): ``observations``' value, the same bits,
        without the derivatives (their digamma and trigamma cost twice the value)."""
        m, z, a = self._indices(np.asarray(theta, float))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            lf = count_log_value(self.data.y, m, a)
            if self.data.Z is None:
                ll = lf
            else:
                log_p, log_q = _inflation(z, self.link)[:2]
                ll = np.where(self.data.y == 0, np.logaddexp(log_p, log_q + lf), log_q + lf)
        v = float(self.data.w @ ll)
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        """n x k: each observation's gradient in theta."""
        _, g, _ = self.observations(theta)
        return self._expand(g)

    def _expand(self, g):
        d = self.data
        parts = [d.X * g[:, [0]]]
        if d.Z is not None:
            parts.append(d.Z * g[:, [1]])
        if self.nb:
            parts.append(g[:, [2]])
        return np.hstack(parts)

    def grad_hess(self, theta):
        _, g, H = self.observations(theta)
        d, w = self.data, self.data.w
        blocks = [(d.X, 0)]
        if d.Z is not None:
            blocks.append((d.Z, 1))
        if self.nb:
            blocks.append((np.ones((len(w), 1)), 2))
        grad = np.concatenate([M.T @ (w * g[:, i]) for M, i in blocks])
        rows = [np.hstack([A.T @ (B * (w * H[:, i, j])[:, None]) for B, j in blocks]) for A, i in blocks]
        return grad, np.vstack(rows)


@dataclass
class LikelihoodFit:
    """A maximum-likelihood fit: the estimates, V, ln L, the iteration log's steps."""

    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    steps: list = field(default_factory=list)
    hessian: np.ndarray | None = None
    # fitted on shifted columns: (each equation's ColumnRescaling or None, their sizes, theta', V')
    # of the metric it was fitted in (glm.rescaled_fit.equations_metric: margins' delta method)
    fitted: tuple | None = None


def fit_count_model(data: CountData, start: np.ndarray, *, negative_binomial: bool, link: str = "logit",
                    iterate: int = 300, tolerance: float = 1e-6, ltolerance: float = 1e-7,
                    nrtolerance: float = 1e-5, cluster: np.ndarray | None = None, robust: bool = False,
                    frequency: bool = False) -> LikelihoodFit:
    """Maximise from ``start``; V model-based or the sandwich (``robust``; ``cluster``: codes).
    A regressor near 1e9 in either equation (in the user's units: 'not concave' to the iteration
    limit) is fitted on shifted columns, each equation's constant (its last column of ones)
    taking its shifts, and theta, V mapped back (``glm.rescaled_fit.equations_map``)."""
    import dataclasses

    from .rescaled_fit import equations_from_user, equations_map, mapped_back, shifted_design

    ml = dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance, nrtolerance=nrtolerance)
    designs = [np.asarray(data.X, float)] + ([] if data.Z is None else [np.asarray(data.Z, float)])
    maps = [shifted_design(D, bool(D.shape[1]) and bool(np.all(D[:, -1] == 1.0))) for D in designs]
    sizes = [D.shape[1] for D in designs]
    if any(r is not None for r in maps):
        data = dataclasses.replace(data, X=designs[0] if maps[0] is None else maps[0].apply(designs[0]),
                                   Z=None if data.Z is None else designs[1] if maps[1] is None
                                   else maps[1].apply(designs[1]))
        start = equations_from_user(maps, sizes, np.asarray(start, float))
    model = ZeroInflatedLikelihood(data, negative_binomial=negative_binomial, link=link)
    result, V = maximize_with_variance(model, start, data.w, ml, robust=robust, cluster=cluster, frequency=frequency)
    theta, fitted = result.x, None
    if any(r is not None for r in maps):
        fitted = maps, sizes, theta, V
        theta, V = mapped_back(equations_map(maps, sizes, len(theta) - sum(sizes)), theta, V)
    return LikelihoodFit(theta, V, result.f, result.converged, result.limit_reached, result.steps, fitted=fitted)


def maximize_with_variance(model, start, weights, ml: dict, *, robust=False, cluster=None, frequency=False):
    """``newton.maximize`` over a likelihood with ``loglik``, ``grad_hess`` and ``scores`` ->
    (NewtonResult, V): the inverse of the negative Hessian at the optimum, or the sandwich.
    Unless ``ml`` says otherwise it stops, not converged, after newton's NOT_CONCAVE_STALL
    "(not concave)" iterations in a row, as mlm's other ml fits (a ridge -- heckman's rho -> +-1,
    an inflation equation -> -inf -- would otherwise creep through iterate()'s 16,000)."""
    ml = {"stall": NOT_CONCAVE_STALL, **ml}
    result: NewtonResult = maximize(model.loglik, model.grad_hess, np.asarray(start, float), **ml)
    if not np.isfinite(result.f):  # ln L missing at the start (offset(1e300)): as poisson's and nbreg's ml
        from mlmcli.errors import StataError

        raise StataError("initial values not feasible", 1400)
    _, H = model.grad_hess(result.x)
    V = inverse_information(H)
    if robust or cluster is not None:
        V = sandwich(V, model.scores(result.x), weights, cluster, frequency)
    return result, V


def sandwich(V: np.ndarray, scores: np.ndarray, w: np.ndarray, cluster: np.ndarray | None,
             frequency: bool) -> np.ndarray:
    """V (sum_c s_c s_c') V * G/(G-1): s_c the weighted score sums of cluster c (each row its own
    cluster without ``cluster``; fweights: a row is w_i observations, N = sum w):
    ``robust.cluster_sandwich``."""
    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    codes = None if cluster is None else cluster_index(cluster)[0]
    return cluster_sandwich(V, scores * w[:, None], codes, fweight=w if frequency and cluster is None else None)


def constant_start(y: np.ndarray, offset: np.ndarray, w: np.ndarray) -> float:
    """ln(sum w y / sum w exp(offset)): the count equation's constant with every other
    coefficient zero (zip.ado's b0)."""
    with np.errstate(over="ignore", divide="ignore"):  # an offset past exp's range: -inf, infeasible
        return float(np.log((w @ y) / (w @ np.exp(offset))))
