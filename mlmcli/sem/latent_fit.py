"""Fitting sem's latent-variable model by ML: starting values, Newton-Raphson on the analytic
gradient with a numerical Hessian (ml's "(not concave)" steps along the absolute eigenvalues),
the OIM variance, the LR tests against the saturated and baseline models, and the empirical
Bayes means of the latent variables (predict, latent).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats
from mlmcli.sem.latent_model import Moments, RAMModel, saturated_loglik
from mlmcli.sem.latent_spec import BuiltModel
from mlmcli.sorted_codes import unique_rows


@dataclass(frozen=True)
class Maximum:
    theta: np.ndarray
    loglik: float
    log: tuple[tuple[float, bool], ...]  # (ll, concave) at each iteration
    converged: bool
    limit_reached: bool


def starting_values(built: BuiltModel, mom: Moments) -> np.ndarray:
    """Intercepts and means at the sample means, exogenous observed (co)variances at the sample
    values, error variances half the observed variance, free loadings from the covariance with
    the anchoring indicator, latent variances half their anchor's variance."""
    ram = built.ram
    p = ram.p
    var = np.diag(mom.cov)
    scale = {}
    for s in ram.slots:  # each latent variable's anchoring indicator
        if s.kind == "path" and s.j >= p and s.i < p and s.j not in scale:
            scale[s.j] = s.i
    theta = np.zeros(ram.n_free)
    seen = set()
    for s, k in zip(ram.slots, ram.index):
        if k is None or k in seen:
            continue
        seen.add(k)
        if s.kind in ("cons", "mean"):
            theta[k] = mom.mean[s.i] if s.i < p else 0.0  # means() of a latent variable: from 0
        elif s.kind == "var":
            if s.i < p:
                theta[k] = var[s.i] if ram.variables[s.i] in built.exogenous else 0.5 * var[s.i]
            else:
                ref = scale.get(s.i)
                theta[k] = 0.5 * var[ref] if ref is not None else 1.0
                if ram.variables[s.i] in built.endogenous:
                    theta[k] *= 0.5
        elif s.kind == "cov" and s.i < p and s.j < p and ram.variables[s.i] in built.exogenous \
                and ram.variables[s.j] in built.exogenous:
            theta[k] = mom.cov[s.i, s.j]
        elif s.kind == "path" and s.j >= p and s.i < p and s.j in scale and scale[s.j] != s.i:
            ref = scale[s.j]
            theta[k] = mom.cov[s.i, ref] / (0.5 * var[ref]) if var[ref] > 0 else 1.0
        elif s.kind == "path" and s.j >= p and s.i < p:
            theta[k] = 1.0
    return theta


def _approach(ram: RAMModel, theta: np.ndarray, mom: Moments) -> np.ndarray:
    """BFGS on -ll/N: from the starting values into the region where Newton's steps are
    concave (a point where Sigma is not positive definite counts as +inf)."""
    from scipy.optimize import minimize

    scale = float(mom.n)

    def objective(t):
        ll = ram.loglik(t, mom)
        if not np.isfinite(ll):
            return 1e300, np.zeros_like(t)
        return -ll / scale, -ram.gradient(t, mom) / scale

    res = minimize(objective, theta, jac=True, method="BFGS", options={"maxiter": 5000, "gtol": 1e-8})
    return res.x if np.isfinite(ram.loglik(res.x, mom)) else theta


def _concave(H: np.ndarray) -> bool:
    """-H positive definite; an information eigenvalue below 1e-9 of the largest is flat in that
    direction (an unidentified parameter), never converged -- ml keeps saying "(not concave)"."""
    w = np.linalg.eigvalsh(-H)
    return bool(w.min() > 1e-9 * max(abs(w).max(), 1.0))


def maximize(ram: RAMModel, theta: np.ndarray, mom: Moments, limit: int = 300) -> Maximum:
    """Newton-Raphson from where ``_approach`` stops: converged when the Hessian is negative
    definite and g'(-H)^-1 g < 1e-10 (stricter than ml's nrtolerance(1e-5), so that the
    estimates agree to about 1e-7).  The log: iteration 0 at the starting values, then the
    Newton iterations.  ``limit`` 0 (iterate(0)): the starting values."""
    theta = np.asarray(theta, float).copy()
    ll = ram.loglik(theta, mom)
    log: list[tuple[float, bool]] = []
    if limit == 0:
        g, H = ram.gradient(theta, mom), ram.hessian(theta, mom)
        return Maximum(theta, ll, ((ll, bool(np.linalg.eigvalsh(-H).min() > 0)),), False, True)
    log.append((ll, _concave(ram.hessian(theta, mom)) if np.isfinite(ll) else False))
    theta = _approach(ram, theta, mom)
    ll = ram.loglik(theta, mom)
    for it in range(1, limit + 1):
        g = ram.gradient(theta, mom)
        H = ram.hessian(theta, mom)
        w, U = np.linalg.eigh(-H)
        concave = _concave(H)
        log.append((ll, concave))
        if concave:
            step = U @ ((U.T @ g) / w)
            if float(g @ step) < 1e-10:
                return Maximum(theta, ll, tuple(log), True, False)
        else:
            floor = 1e-4 * max(abs(w).max(), 1.0)
            step = U @ ((U.T @ g) / np.maximum(np.abs(w), floor))
        if it == limit:
            break
        t, new_ll = 1.0, float("-inf")
        for _ in range(60):
            trial = theta + t * step
            new_ll = ram.loglik(trial, mom)
            if np.isfinite(new_ll) and new_ll >= ll - 1e-10 * abs(ll):
                break
            t *= 0.5
        else:
            return Maximum(theta, ll, tuple(log), False, False)
        theta, ll = trial, new_ll
    return Maximum(theta, ll, tuple(log), False, True)


def saturated_test(ll: float, mom: Moments, n_free: int) -> tuple[float, int, float]:
    """LR test of the model vs. the saturated one: chi2 = 2 (ll_s - ll) on p(p+3)/2 - k."""
    p = len(mom.mean)
    df = p * (p + 3) // 2 - n_free
    chi2 = max(2.0 * (saturated_loglik(mom) - ll), 0.0) if df > 0 else 0.0
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")


def baseline_test(built: BuiltModel, mom: Moments) -> tuple[float, int, float]:
    """The baseline model (Stata's): observed endogenous variables uncorrelated with each other
    and with the observed exogenous ones, which are freely correlated among themselves."""
    obs = list(built.observed)
    exo = [k for k, v in enumerate(obs) if v in built.exogenous]
    endo = [k for k, v in enumerate(obs) if v not in built.exogenous]
    ll = 0.0
    n = mom.n
    for k in endo:
        if mom.data is not None:  # with missing values: each variable's own observed rows
            col = mom.data[:, k][np.isfinite(mom.data[:, k])]
            ll += -0.5 * len(col) * (np.log(2 * np.pi) + np.log(np.var(col)) + 1.0)
        else:
            ll += -0.5 * n * (np.log(2 * np.pi) + np.log(mom.cov[k, k]) + 1.0)
    if exo and mom.data is not None:
        ll += saturated_loglik(Moments.with_missing(mom.data[:, exo]))
    elif exo:
        sub = Moments(n, mom.mean[exo], mom.cov[np.ix_(exo, exo)])
        ll += saturated_loglik(sub)
    px = len(exo)
    k = 2 * len(endo) + px + px * (px + 1) // 2
    p = len(obs)
    df = p * (p + 3) // 2 - k
    chi2 = max(2.0 * (saturated_loglik(mom) - ll), 0.0)
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")


def oim_variance(ram: RAMModel, theta: np.ndarray, mom: Moments) -> np.ndarray:
    """(-H)^-1, a generalized inverse when -H is singular (an unidentified parameter)."""
    info = -ram.hessian(theta, mom)
    try:
        return np.linalg.inv(info)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(info)


def latent_scores(ram: RAMModel, theta: np.ndarray, Y: np.ndarray, latent_index: list[int]) -> np.ndarray:
    """Empirical Bayes means E[eta | y_o] = mu_eta + Cov(eta, y_o) Sigma_oo^-1 (y_o - mu_o) of the
    latent variables at ``latent_index`` (their positions among all variables) for the rows of
    Y, each row from its observed values (NaN: missing; a row without any stays missing)."""
    _, mu, full = ram.full_moments(theta)
    p = ram.p
    Y = np.asarray(Y, float)
    out = np.full((len(Y), len(latent_index)), np.nan)
    seen = np.isfinite(Y)
    keys, inverse = unique_rows(seen, return_inverse=True)
    for g, key in enumerate(keys):
        cols = np.flatnonzero(key)
        if not len(cols):
            continue
        rows = inverse.ravel() == g
        weights = full[np.ix_(latent_index, cols)] @ np.linalg.inv(full[np.ix_(cols, cols)])
        out[rows] = mu[latent_index][None, :] + (Y[np.ix_(rows, cols)] - mu[cols][None, :]) @ weights.T
    return out


def standardize(ram: RAMModel, theta: np.ndarray) -> np.ndarray:
    """Every slot's standardized value: paths b sd(src)/sd(dep), intercepts and means over the
    sd, variances over the variable's variance, covariances over the product of the sds."""
    _, _, full = ram.full_moments(theta)
    sd = np.sqrt(np.clip(np.diag(full), 0, None))
    vals = ram.values(theta)
    out = np.empty_like(vals)
    for k, s in enumerate(ram.slots):
        v = vals[k]
        if s.kind == "path":
            out[k] = v * sd[s.j] / sd[s.i]
        elif s.kind in ("cons", "mean"):
            out[k] = v / sd[s.i]
        elif s.kind == "var":
            out[k] = v / sd[s.i] ** 2
        else:
            out[k] = v / (sd[s.i] * sd[s.j])
    return out


def standardized_variance(ram: RAMModel, theta: np.ndarray, V: np.ndarray) -> np.ndarray:
    """The delta method's J V J' of ``standardize``."""
    return delta_variance(lambda t: standardize(ram, t), theta, V)


def delta_variance(f, theta: np.ndarray, V: np.ndarray) -> np.ndarray:
    """J V J' with J the central-difference Jacobian of f at theta."""
    base = f(theta)
    J = np.zeros((len(base), len(theta)))
    for j in range(len(theta)):
        h = 1e-6 * max(abs(theta[j]), 1.0)
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        J[:, j] = (f(up) - f(down)) / (2 * h)
    return J @ V @ J.T


def observation_scores(ram: RAMModel, theta: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """d ll_i / d theta of every row of Y (NaN: missing, method(mlmv)): the gradient of the
    one-row likelihood of the row's observed values."""
    out = np.zeros((len(Y), ram.n_free))
    zero = np.zeros((0, 0))
    for i, y in enumerate(np.asarray(Y, float)):
        cols = np.flatnonzero(np.isfinite(y))
        one = Moments(1, y[cols], np.zeros((len(cols), len(cols))))
        out[i] = ram.gradient(theta, Moments(1, y, zero, ((cols, one),)))
    return out
