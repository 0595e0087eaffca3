"""The random-effects tobit model of ``xttobit`` ([XT] xttobit), by maximum likelihood.

    y*_it = x_it b + u_i + e_it,   u_i ~ N(0, sigma_u^2),   e_it ~ N(0, sigma_e^2)

observed y_it = y*_it between the limits, left-censored where y_it <= ll_it, right-censored
where y_it >= ul_it.  Panel i contributes

    L_i = int phi(u; 0, sigma_u) prod_t f_it(u) du

with f_it = phi((y - xb - u)/sigma_e)/sigma_e uncensored, Phi((ll - xb - u)/sigma_e) left-
and Phi((xb + u - ul)/sigma_e) right-censored.  The integral is Gauss-Hermite quadrature
(12 points unless told) on u = mu_i + tau_i z: ``mvaghermite`` (Stata's default) centres
and scales the nodes at the panel's posterior mean and standard deviation, found by
iterating them from the prior; ``ghermite`` uses the prior (mu_i = 0, tau_i = sigma_u).

Maximised over theta = (b, ln sigma_u, ln sigma_e) by Newton-Raphson (``glm.newton``) with
the analytic gradient (posterior-weighted scores at the nodes, the nodes held where the
adaptation put them) and its central-difference Jacobian as the Hessian; the starting values
are the pooled tobit's (sigma_u = sigma_e / 2).  The reported (b, sigma_u, sigma_e) carry the
delta-method OIM covariance, as Stata's e(b)/e(V) (``sigma_u:_cons``, ``sigma_e:_cons``).
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy import special

from ..glm.newton import NewtonResult, inverse_information, maximize
from ..glmm.numdiff import jacobian_of_gradient
from ..results.glmm import IterationStep

LOG_2PI = float(np.log(2 * np.pi))
UNCENSORED, LEFT, RIGHT = 0, -1, 1


@dataclass
class TobitPanelData:
    """The estimation sample: y, X (estimable columns), panel codes 0..G-1, the limits (NaN
    where a side does not censor) and the offset."""

    y: np.ndarray
    X: np.ndarray
    codes: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    offset: np.ndarray
    weight: np.ndarray | None = None  # the panels' iweight row by row (constant within a panel)
    kind: np.ndarray = field(init=False)

    def __post_init__(self):
        y = np.asarray(self.y, float)
        with np.errstate(invalid="ignore"):
            left = ~np.isnan(self.lower) & (y <= self.lower)
            right = ~left & ~np.isnan(self.upper) & (y >= self.upper)
        self.kind = np.where(left, LEFT, np.where(right, RIGHT, UNCENSORED))
        self.G = int(self.codes.max()) + 1 if len(self.codes) else 0
        self.S = sp.csr_matrix((np.ones(len(y)), (self.codes, np.arange(len(y)))), shape=(self.G, len(y)))
        self.w = np.ones(len(y)) if self.weight is None else np.asarray(self.weight, float)
        self.W = np.zeros(self.G)  # ln L = sum_i W_i ln L_i
        self.W[self.codes] = self.w

    def log_terms(self, eta: np.ndarray, ln_sigma_e: float, scores: bool = False):
        """``observation_terms`` of these data (interval data have their own:
        ``panel.interval_random_effects``)."""
        return observation_terms(self, eta, ln_sigma_e, scores)

    def counts(self) -> tuple[int, int, int]:
        """(left-censored, uncensored, right-censored) observations."""
        return (int(np.sum(self.kind == LEFT)), int(np.sum(self.kind == UNCENSORED)),
                int(np.sum(self.kind == RIGHT)))


def observation_terms(data: TobitPanelData, eta: np.ndarray, ln_sigma_e: float, scores: bool = False):
    """ln f_it at linear predictors ``eta`` (n or n x K), and with ``scores`` its derivatives
    with respect to eta and to ln sigma_e."""
    s = np.exp(ln_sigma_e)
    shape = (-1,) + (1,) * (np.ndim(eta) - 1)
    kind = data.kind.reshape(shape)
    y = data.y.reshape(shape)
    limit = np.where(kind == LEFT, data.lower.reshape(shape), np.where(kind == RIGHT, data.upper.reshape(shape), 0.0))
    r = (y - eta) / s
    a = np.where(kind == LEFT, (limit - eta) / s, (eta - limit) / s)  # Phi(a): the censored probability
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        log_cens = special.log_ndtr(a)
        logf = np.where(kind == UNCENSORED, -ln_sigma_e - 0.5 * LOG_2PI - 0.5 * r * r, log_cens)
        if not scores:
            return logf
        mills = np.exp(-0.5 * a * a - 0.5 * LOG_2PI - log_cens)  # phi(a) / Phi(a)
    d_eta = np.where(kind == UNCENSORED, r / s, np.where(kind == LEFT, -mills / s, mills / s))
    d_lns = np.where(kind == UNCENSORED, r * r - 1, -mills * a)
    return logf, d_eta, d_lns


class RandomEffectsTobit:
    """ln L(theta) of the data, theta = (b, ln sigma_u, ln sigma_e)."""

    def __init__(self, data: TobitPanelData, points: int = 12, adaptive: bool = True):
        self.data = data
        z, w = np.polynomial.hermite_e.hermegauss(points)  # weight exp(-z^2/2)
        self.z, self.logw = z, np.log(w) - 0.5 * LOG_2PI  # sum w phi-weights = 1
        self.adaptive = adaptive
        self.p = data.X.shape[1]
        self._centre = None

    def _panel_terms(self, theta, mu, tau, scores=False):
        """Per panel and node: ln of weight x prior / proposal x prod_t f_it (G x K), and the
        pieces the gradient needs."""
        d = self.data
        b, lsu, lse = theta[:self.p], theta[self.p], theta[self.p + 1]
        su = np.exp(lsu)
        u = mu[:, None] + tau[:, None] * self.z[None, :]  # G x K
        eta = (d.X @ b + d.offset)[:, None] + u[d.codes]
        parts = d.log_terms(eta, lse, scores)
        logf = parts[0] if scores else parts
        # node weight of N(mu, tau^2) proposal times the N(0, su^2) prior over the proposal
        log_prior_ratio = (-0.5 * (u / su) ** 2 - lsu) - (-0.5 * self.z[None, :] ** 2 - np.log(tau)[:, None])
        terms = self.logw[None, :] + log_prior_ratio + np.asarray(d.S @ logf)
        return (terms, u, su) + ((parts[1], parts[2]) if scores else ())

    def _adapt(self, theta):
        """Posterior means and standard deviations of u_i (mvaghermite), or the prior."""
        G = self.data.G
        su = float(np.exp(theta[self.p]))
        mu, tau = np.zeros(G), np.full(G, su)
        if not self.adaptive:
            return mu, tau
        if self._centre is not None:
            mu, tau = self._centre[0].copy(), np.maximum(self._centre[1], 1e-8 * su)
        for _ in range(100):
            terms, u, _ = self._panel_terms(theta, mu, tau)
            p = _normalised(terms)
            m = np.sum(p * u, axis=1)
            t = np.sqrt(np.maximum(np.sum(p * (u - m[:, None]) ** 2, axis=1), 1e-300))
            if not (np.all(np.isfinite(m)) and np.all(np.isfinite(t))):
                return np.zeros(G), np.full(G, su)
            moved = np.max(np.abs(m - mu) / (tau + 1e-300)) + np.max(np.abs(np.log(t / tau)))
            mu, tau = m, np.maximum(t, 1e-8 * su)
            if moved < 1e-10:
                break
        return mu, tau

    def panel_logliks(self, theta):
        theta = np.asarray(theta, float)
        with np.errstate(all="ignore"):
            mu, tau = self._adapt(theta)
            terms = self._panel_terms(theta, mu, tau)[0]
            out = special.logsumexp(terms, axis=1)
        if np.all(np.isfinite(out)):
            self._centre = (mu, tau)
        return out

    def loglik(self, theta) -> float:
        v = float(self.data.W @ self.panel_logliks(theta))
        return v if np.isfinite(v) else -np.inf

    def gradient(self, theta) -> np.ndarray:
        theta = np.asarray(theta, float)
        d = self.data
        with np.errstate(all="ignore"):
            mu, tau = self._adapt(theta)
            terms, u, su, d_eta, d_lns = self._panel_terms(theta, mu, tau, scores=True)
            p = _normalised(terms)  # G x K posterior weights of the nodes
            pw = p[d.codes]         # n x K
            g_b = d.X.T @ (d.w * np.sum(pw * d_eta, axis=1))
            g_lsu = float(d.W @ np.sum(p * ((u / su) ** 2 - 1), axis=1))
            g_lse = float(d.w @ np.sum(pw * d_lns, axis=1))
        return np.concatenate([g_b, [g_lsu, g_lse]])

    def grad_hess(self, theta):
        g = self.gradient(theta)
        return g, _jacobian(self.gradient, theta)


def _normalised(terms):
    m = np.max(terms, axis=1, keepdims=True)
    e = np.exp(terms - m)
    return e / np.sum(e, axis=1, keepdims=True)


def _jacobian(grad, theta):
    """Central-difference Jacobian of ``grad``, symmetrised, steps 1e-5 max(1, |theta_j|)."""
    theta = np.asarray(theta, float)
    return jacobian_of_gradient(grad, theta, 1e-5 * np.maximum(1.0, np.abs(theta)))


# ---------------------------------------------------------------- pooled tobit
def pooled_loglik(data: TobitPanelData, theta) -> float:
    b, lse = theta[:-1], theta[-1]
    with np.errstate(all="ignore"):
        v = float(data.w @ data.log_terms(data.X @ b + data.offset, lse))
    return v if np.isfinite(v) else -np.inf


def pooled_gradient(data: TobitPanelData, theta) -> np.ndarray:
    b, lse = theta[:-1], theta[-1]
    _, d_eta, d_lns = data.log_terms(data.X @ b + data.offset, lse, scores=True)
    return np.concatenate([data.X.T @ (data.w * d_eta), [data.w @ d_lns]])


def fit_pooled(data: TobitPanelData, iterate: int, tolerance: float, ltolerance: float) -> NewtonResult:
    """The tobit model without u_i: the starting values and the LR test's comparison."""
    beta = np.linalg.lstsq(data.X, data.y - data.offset, rcond=None)[0]
    resid = data.y - data.offset - data.X @ beta
    start = np.concatenate([beta, [np.log(max(np.std(resid), 1e-8))]])

    def grad_hess(t):
        g = pooled_gradient(data, t)
        return g, _jacobian(lambda x: pooled_gradient(data, x), t)
    return maximize(lambda t: pooled_loglik(data, t), grad_hess, start, iterate=iterate, tolerance=tolerance,
                    ltolerance=ltolerance)


@dataclass
class RandomEffectsTobitFit:
    """The fit: ``estimates`` (b, sigma_u, sigma_e) with their OIM covariance ``V``."""

    estimates: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    steps: list[IterationStep]
    pooled: NewtonResult
    counts: tuple[int, int, int]


def fit_random_effects_tobit(data: TobitPanelData, *, points: int = 12, adaptive: bool = True,
                             iterate: int = 16000, tolerance: float = 1e-6, ltolerance: float = 1e-7,
                             nrtolerance: float = 1e-5) -> RandomEffectsTobitFit:
    pooled = fit_pooled(data, iterate, tolerance, ltolerance)
    p = data.X.shape[1]
    start = np.concatenate([pooled.x[:p], [pooled.x[p] + np.log(0.5), pooled.x[p]]])
    model = RandomEffectsTobit(data, points, adaptive)
    res = maximize(model.loglik, model.grad_hess, start, iterate=iterate, tolerance=tolerance,
                   ltolerance=ltolerance, nrtolerance=nrtolerance)
    theta = res.x
    H = res.hessian if res.hessian is not None else model.grad_hess(theta)[1]
    V_theta = inverse_information(H)
    from mlmcli.missing import stata_matrix

    jd = np.ones(p + 2)  # the delta method's Jacobian, diagonal: (b, exp(ln sigma_u), exp(ln sigma_e))
    jd[p:] = stata_matrix(lambda: np.exp(theta[p:]))
    est = np.concatenate([theta[:p], jd[p:]])
    # elementwise, so that a variance past the double range (y near 1e150) stays in its own
    # entries (J @ V @ J' multiplied its infinities by J's zeros: NaN everywhere, a warning)
    V = stata_matrix(lambda: V_theta * np.outer(jd, jd))
    return RandomEffectsTobitFit(est, V, res.f, res.converged, res.limit_reached, res.steps,
                                 pooled, data.counts())
