"""Generalized estimating equations (Liang and Zeger 1986): the population-averaged model
of ``xtgee`` (and ``xtreg, pa``, ``xtlogit, pa``, ``xtpoisson, pa``).

For panel i with responses y_i, mean mu_i = g^{-1}(X_i b), variance phi v(mu_i) and working
correlation R(alpha), beta solves

    sum_i D_i' V_i^{-1} (y_i - mu_i) = 0,   D_i = diag(dmu/deta) X_i,   V_i = A_i^{1/2} R_i A_i^{1/2},
    A_i = diag(v(mu_i)),

by Fisher scoring from the independence (GLM) fit, re-estimating phi and alpha from the Pearson
residuals r_it = (y_it - mu_it)/sqrt(v(mu_it)) at each step ([XT] xtgee, Methods and formulas):

    phi     = sum r_it^2 / N
    exchangeable  alpha = [sum_i sum_{s != t} r_is r_it / sum_i n_i (n_i - 1)] / phi
    unstructured  R_st  = [sum_{i: s,t observed} r_is r_it / N_st] / phi

(geepack's moment estimators for these two structures; they agree with xtgee's.)

The conventional variance is phi (sum D_i' V_i^{-1} D_i)^{-1}; the robust (semirobust)
variance is the sandwich H^{-1} [sum_i D_i' V_i^{-1} e_i e_i' V_i^{-1} D_i] H^{-1} with
e_i = y_i - mu_i and H = sum D_i' V_i^{-1} D_i.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from mlmcli.panel.fit import CoefficientTableFit

FAMILIES = ("gaussian", "binomial", "poisson")
LINKS = ("identity", "log", "logit", "probit", "cloglog")
CORRELATIONS = ("exchangeable", "independent", "unstructured")


def inverse_link(link: str, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mu, dmu/deta)."""
    if link == "identity":
        return eta, np.ones_like(eta)
    if link == "log":
        mu = np.exp(eta)
        return mu, mu
    if link == "logit":
        mu = special.expit(eta)
        return mu, mu * (1 - mu)
    if link == "probit":
        return stats.norm.cdf(eta), stats.norm.pdf(eta)
    if link == "cloglog":
        e = np.exp(eta)
        mu = -np.expm1(-e)
        return mu, e * np.exp(-e)
    raise ValueError(link)


def variance(family: str, mu: np.ndarray) -> np.ndarray:
    if family == "gaussian":
        return np.ones_like(mu)
    if family == "binomial":
        return mu * (1 - mu)
    return mu


@dataclass(frozen=True)
class GEEFit:
    b: np.ndarray
    V: np.ndarray          # the variance the table shows (conventional or robust)
    V_model: np.ndarray    # phi (D'V^-1 D)^-1
    phi: float             # the scale estimate sum r^2 / (N or N - p)
    scale: float           # the scale used (phi for gaussian, 1 for binomial/Poisson)
    R: np.ndarray          # the working correlation matrix (T x T; 1 x 1 when not time-indexed)
    mu: np.ndarray
    iterations: tuple[float, ...]  # the tolerance after each GEE step
    converged: bool
    deviance: float
    pearson: float


def _correlation_matrix(kind: str, alpha, T: int) -> np.ndarray:
    if kind == "independent":
        return np.eye(T)
    if kind == "exchangeable":
        return np.full((T, T), alpha) + (1 - alpha) * np.eye(T)
    return alpha  # unstructured: the matrix itself


def _estimate_correlation(kind: str, r: np.ndarray, starts, ends, pos: np.ndarray, T: int, phi: float):
    if kind == "independent":
        return 0.0
    if kind == "exchangeable":
        num = 0.0
        pairs = 0.0
        for a, z in zip(starts, ends):
            ri = r[a:z]
            s = ri.sum()
            num += s * s - ri @ ri
            pairs += (z - a) * (z - a - 1)
        return (num / pairs) / phi if pairs > 0 else 0.0
    S = np.zeros((T, T))
    C = np.zeros((T, T))
    for a, z in zip(starts, ends):
        ri, ti = r[a:z], pos[a:z]
        S[np.ix_(ti, ti)] += np.outer(ri, ri)
        C[np.ix_(ti, ti)] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        R = np.where(C > 0, S / C, 0.0) / phi
    np.fill_diagonal(R, 1.0)
    return R


def fit_gee(y: np.ndarray, X: np.ndarray, codes: np.ndarray, pos: np.ndarray, *, family: str, link: str,
            corr: str, offset: np.ndarray | None = None, robust: bool = False, fixed_scale: float | None = None,
            tol: float = 1e-6, max_iter: int = 100) -> GEEFit:
    """Fit on rows sorted by panel (``codes`` 0..G-1, non-decreasing) and, within panel, by
    time position ``pos`` (0..T-1; used by the unstructured correlation).  ``fixed_scale``:
    the scale of the conventional variance (None: phi).  ``iterations`` records Stata's
    tolerance max|b_new - b|/(|b_new| + 1) of each step until it is below ``tol``; the steps
    then go on until the estimates stop changing (1e-13), so the result is the limit Stata's
    iterations approach."""
    N, p = X.shape
    off = np.zeros(N) if offset is None else offset
    bounds = np.flatnonzero(np.r_[True, np.diff(codes) != 0, True])
    starts, ends = bounds[:-1], bounds[1:]
    if corr == "unstructured":
        T = int(pos.max()) + 1
    else:
        T = int(np.max(ends - starts))
        pos = np.concatenate([np.arange(z - a) for a, z in zip(starts, ends)])
    b = _glm_start(y, X, off, family, link)
    history: list[float] = []
    converged = False

    def state(b):
        mu, d = inverse_link(link, X @ b + off)
        v = variance(family, mu)
        r = (y - mu) / np.sqrt(v)
        pearson = float(r @ r)
        R = _correlation_matrix(corr, _estimate_correlation(corr, r, starts, ends, pos, T, pearson / N), T)
        return mu, d, v, R, pearson

    for it in range(max_iter + 50):
        mu, d, v, R, _ = state(b)
        H, score = _scoring(X, y, mu, d, v, R, starts, ends, pos)
        step = np.linalg.solve(H, score)
        b = b + step
        change = float(np.max(np.abs(step) / (np.abs(b) + 1)))
        if not converged:
            history.append(change)
            converged = change < tol
        elif change < 1e-13 or it >= max_iter + 49:
            break
        if not converged and it >= max_iter - 1:
            break
    mu, d, v, R, pearson = state(b)
    H, _ = _scoring(X, y, mu, d, v, R, starts, ends, pos)
    Hinv = np.linalg.inv(H)
    phi = pearson / N
    scale = phi if fixed_scale is None else fixed_scale
    V_model = scale * Hinv
    V = Hinv @ _meat(X, y, mu, d, v, R, starts, ends, pos) @ Hinv if robust else V_model
    return GEEFit(b, (V + V.T) / 2, V_model, phi, scale, R, mu, tuple(history), converged,
                  _deviance(family, y, mu), pearson)


def _blocks(X, y, mu, d, v, R, starts, ends, pos):
    for a, z in zip(starts, ends):
        ti = pos[a:z]
        sd = np.sqrt(v[a:z])
        Vi = R[np.ix_(ti, ti)] * np.outer(sd, sd)
        Di = d[a:z, None] * X[a:z]
        yield Di, np.linalg.solve(Vi, np.column_stack([Di, y[a:z] - mu[a:z]]))


def _scoring(X, y, mu, d, v, R, starts, ends, pos):
    p = X.shape[1]
    H = np.zeros((p, p))
    score = np.zeros(p)
    for Di, W in _blocks(X, y, mu, d, v, R, starts, ends, pos):
        H += Di.T @ W[:, :p]
        score += Di.T @ W[:, p]
    return H, score


def _meat(X, y, mu, d, v, R, starts, ends, pos):
    p = X.shape[1]
    M = np.zeros((p, p))
    for Di, W in _blocks(X, y, mu, d, v, R, starts, ends, pos):
        u = Di.T @ W[:, p]
        M += np.outer(u, u)
    return M


def _glm_start(y, X, off, family, link):
    """The independence GLM fit by iteratively reweighted least squares."""
    if family == "binomial":
        mu = (y + 0.5) / 2
    elif family == "poisson":
        mu = y + 0.1 if link == "log" else np.maximum(y, 0.1)
    else:
        mu = y.astype(float)
    eta = _link(link, mu)
    b = np.zeros(X.shape[1])
    for _ in range(100):
        mu, d = inverse_link(link, eta)
        w = d ** 2 / variance(family, mu)
        z = eta - off + (y - mu) / d
        Xw = X * w[:, None]
        b_new = np.linalg.solve(X.T @ Xw, Xw.T @ z)
        if np.max(np.abs(b_new - b)) < 1e-10:
            b = b_new
            break
        b = b_new
        eta = X @ b + off
    return b


def _link(link, mu):
    if link == "identity":
        return mu
    if link == "log":
        return np.log(mu)
    if link == "logit":
        return np.log(mu / (1 - mu))
    if link == "probit":
        return stats.norm.ppf(mu)
    return np.log(-np.log1p(-mu))


def _deviance(family, y, mu):
    if family == "gaussian":
        return float(np.sum((y - mu) ** 2))
    if family == "poisson":
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(y > 0, y * np.log(y / mu), 0.0)
        return float(2 * np.sum(t - (y - mu)))
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(y > 0, y * np.log(y / mu), 0.0)
        t0 = np.where(y < 1, (1 - y) * np.log((1 - y) / (1 - mu)), 0.0)
    return float(2 * np.sum(t1 + t0))


@dataclass(frozen=True)
class PopulationAveragedFit(CoefficientTableFit):
    """A fitted GEE model: implements the estimation interface.  predict: mu (the default:
    g^{-1}(xb), with the offset), xb, stdp."""

    depvar: str
    ivar: str
    link: str
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    level: float
    y: np.ndarray
    codes: np.ndarray
    offset_var: tuple | None = None  # ("offset" | "exposure", variable)

    predict_default = "mu"

    @property
    def group_var(self) -> str:
        return self.ivar

    @property
    def predict_default_note(self) -> str:
        return f"(option mu assumed; predicted mean {self.depvar})"

    def predict_options(self) -> tuple:
        return (("mu", 2, f"Predicted mean {self.depvar}"),
                ("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the linear prediction"))

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        from mlmcli.errors import StataError

        if statistic == "xb":
            return xb
        if statistic == "mu":
            return inverse_link(self.link, self.with_offset(xb, rows))[0]
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """margins' hook: ``mu`` (the default, as predict's: the population-averaged mean
        g^{-1}(x b + offset)) or ``xb``; ``stdp`` depends on more than e(b) (r(498))."""
        from mlmcli.errors import StataError
        from mlmcli.glm.predictions import OffsetResponse
        from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex

        words = options.lower().replace(",", " ").split()
        if len(words) > 1:
            raise StataError(f"option {words[1]} not allowed", 198)
        word = words[0] if words else "mu"
        if len(word) >= 2 and "xb".startswith(word):
            return LinearIndex("Linear prediction")
        if len(word) >= 2 and "mu".startswith(word):
            base = InverseLink(self.link, f"Predicted mean {self.depvar}")
            if self.offset_var is None:
                return base
            kind, var = self.offset_var
            return OffsetResponse(base, var, kind == "exposure")
        if len(word) >= 4 and "stdp".startswith(word) or word in ("score", "scores"):
            raise StataError(STOCHASTIC, 498)
        raise StataError(f"option {word} not allowed", 198)
