"""rocfit's binormal ROC model (Dorfman and Alf 1969; [R] rocfit, rocfit.ado 7.8.0) for a rating
in K ordered categories: with cutpoints z_1 < ... < z_{K-1} (z_0 = -inf, z_K = inf),

    P(category k | D = 0) = Phi(z_k) - Phi(z_{k-1})
    P(category k | D = 1) = Phi(b z_k - a) - Phi(b z_{k-1} - a)

so the curve is TPF = Phi(a + b Phi^-1(FPF)).  The parameters (a, b, z) maximise the
multinomial likelihood by Newton-Raphson (``mlmcli.glm.newton``: ml's stopping rule and log)
with numerical derivatives, from rocfit.ado's starting values: a, b of the least-squares line
of probit(TPF) on probit(FPF) over the empirical cutpoints (1, 1 when it cannot be fitted or
K = 2) and z_i = probit(specificity at cutpoint i) + i 1e-6.  Indices (ROCInd, delta method):
area = Phi(a / sqrt(1 + b^2)), delta(m) = a/b, d(e) = 2a/(b + 1), d(a) = sqrt(2) probit(area).
Goodness of fit: Pearson's chi2 of the cells' counts, K - 3 degrees of freedom.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from mlmcli.errors import StataError

STEP = 1e-4


@dataclass(frozen=True)
class BinormalFit:
    b: np.ndarray          # a, b, z_1..z_{K-1}
    V: np.ndarray
    ll: float
    steps: tuple
    converged: bool
    chi2_gf: float
    df_gf: int
    indices: tuple         # ((estimate, se) for area, delta(m), d(e), d(a))


def _cell_probabilities(params: np.ndarray, K: int) -> tuple[np.ndarray, np.ndarray]:
    a, b, z = params[0], params[1], np.concatenate([[-np.inf], params[2:], [np.inf]])
    p0 = np.diff(norm.cdf(z))
    with np.errstate(invalid="ignore"):
        p1 = np.diff(norm.cdf(b * z - a))
    return p0, p1


def log_likelihood(params, n0: np.ndarray, n1: np.ndarray) -> float:
    p0, p1 = _cell_probabilities(np.asarray(params, float), n0.size)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.concatenate([n0 * np.log(p0), n1 * np.log(p1)])
    terms = np.where(np.concatenate([n0, n1]) == 0, 0.0, terms)
    value = float(terms.sum())
    return value if np.isfinite(value) else -np.inf


def starting_values(n0: np.ndarray, n1: np.ndarray) -> np.ndarray:
    K = n0.size
    spec = np.cumsum(n0)[:-1] / n0.sum()             # P(category <= i | D = 0)
    sens = 1 - np.cumsum(n1)[:-1] / n1.sum()         # P(category > i | D = 1)
    a0 = b0 = 1.0
    ok = (sens > 0) & (sens < 1) & (spec > 0) & (spec < 1)
    if K > 2 and ok.sum() >= 2:
        x, y = norm.ppf(1 - spec[ok]), norm.ppf(sens[ok])
        if np.ptp(x) > 0:
            b0, a0 = np.polyfit(x, y, 1)
    with np.errstate(divide="ignore"):
        z = norm.ppf(spec) + np.arange(1, K) * 1e-6
    z = np.where(np.isfinite(z), z, np.sign(z) * 5.0)
    return np.array([a0, b0, *z])


def _grad_hess(f, x):
    """Newton's derivatives by central differences (``survival.parametric_frailty``'s)."""
    from mlmcli.survival.parametric_frailty import newton_gradient_hessian

    return newton_gradient_hessian(f, np.asarray(x, float), STEP)


def _delta(value, ga, gb, V) -> tuple[float, float]:
    g = np.array([ga, gb])
    return float(value), float(np.sqrt(g @ V[:2, :2] @ g))


def indices(params: np.ndarray, V: np.ndarray) -> tuple:
    a, b = float(params[0]), float(params[1])
    Z = a / np.sqrt(1 + b * b)
    dens = norm.pdf(Z)
    area = _delta(norm.cdf(Z), dens / np.sqrt(1 + b * b), dens * (-a * b) / (1 + b * b) ** 1.5, V)
    deltam = _delta(a / b, 1 / b, -a / b ** 2, V)
    de = _delta(2 * a / (b + 1), 2 / (b + 1), -2 * a / (b + 1) ** 2, V)
    da = _delta(np.sqrt(2) * norm.ppf(area[0]), np.sqrt(2) / np.sqrt(1 + b * b),
                -np.sqrt(2) * a * b / np.sqrt((1 + b * b) ** 3), V)
    return area, deltam, de, da


def fit_binormal(n0: np.ndarray, n1: np.ndarray) -> BinormalFit:
    """n0, n1: the weighted counts of each category (ascending) among D = 0 and D = 1."""
    from mlmcli.glm.newton import maximize

    n0, n1 = np.asarray(n0, float), np.asarray(n1, float)

    def f(x):
        return log_likelihood(x, n0, n1)

    # ratings that separate the outcomes (rocfit b b) or a category of one outcome's cases only:
    # the cutpoints run off and the Hessian holds missing values; the fit's arithmetic then gives
    # Stata's missing values (no floating-point warning), and a fit with none finite stops below
    with np.errstate(all="ignore"):
        res = maximize(f, lambda x: _grad_hess(f, x), starting_values(n0, n1))
        if not (np.isfinite(res.f) and np.all(np.isfinite(res.x))):
            raise StataError("convergence not achieved", 430)
        H = _grad_hess(f, res.x)[1]
        try:
            V = np.linalg.inv(-H) if np.all(np.isfinite(H)) else np.full(H.shape, np.nan)
        except np.linalg.LinAlgError:
            V = np.full(H.shape, np.nan)
        V = (V + V.T) / 2
        p0, p1 = _cell_probabilities(res.x, n0.size)
        chi2 = 0.0
        for n, p in ((n0, p0), (n1, p1)):
            N = n.sum()
            cells = n > 0
            chi2 += float((N / p[cells] * (p[cells] - n[cells] / N) ** 2).sum())
        return BinormalFit(np.asarray(res.x, float), V, float(res.f), tuple(res.steps), bool(res.converged),
                           chi2, n0.size - 3, indices(res.x, V))
