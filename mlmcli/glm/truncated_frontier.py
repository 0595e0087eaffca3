"""The normal/truncated-normal frontier with a time-invariant u_i ([R] frontier distribution(tnormal),
[XT] xtfrontier, ti: Battese and Coelli 1988); a cross-section is panels of one observation.

    y_it = x_it b + v_it - S u_i,   v ~ N(0, sigma_v^2),   u_i ~ N+(mu, sigma_u^2)

in Stata's metric (b, mu, ilgtgamma, lnsigma2): sigma^2 = sigma_u^2 + sigma_v^2, gamma =
sigma_u^2 / sigma^2 = invlogit(ilgtgamma).  With e_it = y_it - x_it b and T_i the panel's size,

    mu_i* = (mu sigma_v^2 - S sigma_u^2 sum_t e_it) / (sigma_v^2 + T_i sigma_u^2)
    s_i*^2 = sigma_u^2 sigma_v^2 / (sigma_v^2 + T_i sigma_u^2)
    ln L_i = -T_i/2 ln(2 pi) - (T_i - 1)/2 ln sigma_v^2 - 1/2 ln(sigma_v^2 + T_i sigma_u^2)
             - 1/2 (sum_t e_it^2 / sigma_v^2 + mu^2 / sigma_u^2 - mu_i*^2 / s_i*^2)
             + ln Phi(mu_i* / s_i*) - ln Phi(mu / sigma_u)

The gradient and Hessian are central differences of the total (Richardson-extrapolated for the
gradient) and ``newton.maximize`` climbs.  E(u_i|e_i), M(u_i|e_i) and E(exp(-S u_i)|e_i) follow
from u_i | e_i ~ N+(mu_i*, s_i*^2).  The engine never prints.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy import sparse, special


@dataclass
class PanelFrontierData:
    y: np.ndarray
    X: np.ndarray
    groups: np.ndarray  # 0..G-1 codes (a cross-section: arange(n))
    sign: int
    time: np.ndarray | None = None  # tvd: t - T_i (T_i the panel's last period); theta then holds eta after mu

    @functools.cached_property
    def panels(self) -> sparse.csr_matrix:
        """The G x n panel indicator: sums over each panel's rows, in row order as bincount adds."""
        n = len(self.y)
        G = int(self.groups.max()) + 1
        return sparse.csr_matrix((np.ones(n), (self.groups, np.arange(n))), shape=(G, n))

    @functools.cached_property
    def sizes(self) -> np.ndarray:
        """T_i, as a column (G x 1)."""
        return np.bincount(self.groups, minlength=self.panels.shape[0]).astype(float)[:, None]


def conditional_moments(d: PanelFrontierData, theta):
    """(mu_i*, s_i*, T_i, sum e^2 per panel) at theta."""
    mu_star, s_star, see, denom = (v[:, 0] for v in _moments_rows(d, np.asarray(theta, float)[None, :]))
    return mu_star, s_star, d.sizes[:, 0], see, denom


def _moments_rows(d: PanelFrontierData, thetas: np.ndarray):
    """(mu_i*, s_i*, sum_t e_it^2, sigma_v^2 + sum_t h_it^2 sigma_u^2): G x m, a column per row of
    ``thetas``."""
    k = d.X.shape[1]
    mu = thetas[:, k]
    s2 = np.exp(thetas[:, -1])
    gamma = special.expit(thetas[:, -2])
    su2, sv2 = gamma * s2, (1 - gamma) * s2
    e = d.y[:, None] - d.X @ thetas[:, :k].T  # n x m
    # tvd's decay exp(-eta (t - T_i)) per observation (ones for ti)
    h = np.ones_like(e) if d.time is None else np.exp(-np.outer(d.time, thetas[:, k + 1]))
    se, see, hh = d.panels @ (h * e), d.panels @ (e * e), d.panels @ (h * h)
    denom = sv2 + hh * su2
    mu_star = (mu * sv2 - d.sign * su2 * se) / denom
    return mu_star, np.sqrt(su2 * sv2 / denom), see, denom


def loglik(d: PanelFrontierData, theta) -> float:
    return float(loglik_rows(d, np.asarray(theta, float)[None, :])[0])


def loglik_rows(d: PanelFrontierData, thetas: np.ndarray) -> np.ndarray:
    """ln L at each row of ``thetas`` (-inf where it is not finite): the finite-difference
    derivatives need hundreds of points a step, and one pass over them all costs what a few
    single evaluations cost."""
    thetas = np.asarray(thetas, float)
    out = np.empty(len(thetas))
    chunk = max(1, 2_000_000 // max(1, len(d.y)))
    for start in range(0, len(thetas), chunk):
        out[start:start + chunk] = _loglik_chunk(d, thetas[start:start + chunk])
    return out


def _loglik_chunk(d, thetas):
    k, T = d.X.shape[1], d.sizes
    mu = thetas[:, k]
    s2, gamma = np.exp(thetas[:, -1]), special.expit(thetas[:, -2])
    su2, sv2 = gamma * s2, (1 - gamma) * s2
    with np.errstate(all="ignore"):
        mu_star, s_star, see, denom = _moments_rows(d, thetas)
        z = mu_star / s_star
        li = (-0.5 * T * np.log(2 * np.pi) - 0.5 * (T - 1) * np.log(sv2) - 0.5 * np.log(denom)
              - 0.5 * (see / sv2 + mu * mu / su2 - z * z)
              + special.log_ndtr(z) - special.log_ndtr(mu / np.sqrt(su2)))
        v = li.sum(axis=0)
    return np.where(np.isfinite(v), v, -np.inf)


class _Likelihood:
    def __init__(self, d):
        self.d = d

    def loglik(self, theta):
        return loglik(self.d, theta)

    def grad_hess(self, theta):
        """Richardson-extrapolated central-difference gradient and central-difference Hessian,
        every point evaluated in one pass."""
        theta = np.asarray(theta, float)
        k = len(theta)
        steps = 1e-4 * np.maximum(1.0, np.abs(theta))
        eye = np.eye(k)
        half, full = eye * (steps / 2)[:, None], eye * steps[:, None]
        lower = [(i, j) for i in range(k) for j in range(i)]
        cross = np.array([full[i] * a + full[j] * b for i, j in lower for a, b in
                          ((1, 1), (1, -1), (-1, 1), (-1, -1))]).reshape(-1, k)
        points = np.vstack([theta + half, theta - half, theta + full, theta - full, theta[None, :],
                            theta + cross])
        f = loglik_rows(self.d, points)
        f_half_up, f_half_down, f_up, f_down = f[:k], f[k:2 * k], f[2 * k:3 * k], f[3 * k:4 * k]
        f0, f_cross = f[4 * k], f[4 * k + 1:].reshape(-1, 4)
        with np.errstate(over="ignore", invalid="ignore"):
            g = (4 * (f_half_up - f_half_down) / steps - (f_up - f_down) / (2 * steps)) / 3
            H = np.empty((k, k))
            H[np.diag_indices(k)] = (f_up - 2 * f0 + f_down) / steps ** 2
            for (i, j), (pp, pm, mp, mm) in zip(lower, f_cross):
                H[i, j] = H[j, i] = (pp - pm - mp + mm) / (4 * steps[i] * steps[j])
        if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
            # a neighbour's ln L missing (a regressor near 1e300): ml's stop, not inf - inf
            from mlmcli.errors import derivatives_missing

            raise derivatives_missing()
        return g, H


def start_values(b, su2, sv2, tvd: bool = False) -> np.ndarray:
    """(b, mu = 0, [eta = 0,] logit(gamma), ln sigma^2) from variance guesses (frontier.ado's tnormal start)."""
    s2 = su2 + sv2
    g = su2 / s2
    return np.concatenate([b, [0.0], [0.0] if tvd else [], [np.log(g / (1 - g)), np.log(s2)]])


def fit_truncated_frontier(d: PanelFrontierData, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
                           nrtolerance=1e-5):
    from .stochastic_frontier import STALL
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    res, V = maximize_with_variance(_Likelihood(d), start, np.ones(len(d.y)),
                                    dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance,
                                         nrtolerance=nrtolerance, stall=STALL))
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)


def panel_inefficiency(d: PanelFrontierData, theta):
    """Per panel: (E(u|e), M(u|e), E(exp(-S u)|e))."""
    mu_star, s_star, *_ = conditional_moments(d, theta)
    a = mu_star / s_star
    with np.errstate(over="ignore", invalid="ignore"):
        mills = np.exp(-0.5 * a * a - 0.5 * np.log(2 * np.pi) - special.log_ndtr(a))
        u = mu_star + s_star * mills
        te = np.exp(special.log_ndtr(a - d.sign * s_star) - special.log_ndtr(a) - d.sign * mu_star
                    + 0.5 * s_star * s_star)
    return u, np.maximum(mu_star, 0.0), te
