"""The outcome and treatment models of teffects as estimating equations.

Each model is a mean function of a linear index and the score whose weighted sum is zero at
its ML estimates (Stata's _teffects_gmm_ra/_ipw: the ML first-order conditions):

- outcome ``linear``: x'(y - x b); ``logit``: x'(y - invlogit(x b)); ``poisson``:
  x'(y - exp(x b)); ``probit``: x' phi (y - Phi) / (Phi (1 - Phi)), each on one level's rows.
- treatment ``logit`` (two levels) and multinomial logit (more): x'(1{t = j} - p_j) for each
  level j other than the control; ``probit``: the probit score of 1{t = treated}.
"""
from __future__ import annotations

import numpy as np
from scipy import special

OUTCOME_MODELS = ("linear", "logit", "probit", "poisson")
TREATMENT_MODELS = ("logit", "probit")


def outcome_mean(model: str, index: np.ndarray) -> np.ndarray:
    if model == "linear":
        return index
    if model == "logit":
        return special.expit(index)
    if model == "probit":
        return special.ndtr(index)
    return np.exp(index)


def outcome_residual_weight(model: str, y: np.ndarray, index: np.ndarray) -> np.ndarray:
    """r with score x' r: the residual, scaled for probit by phi / (Phi (1 - Phi))."""
    mean = outcome_mean(model, index)
    if model != "probit":
        return y - mean
    dens = np.exp(-0.5 * index * index) / np.sqrt(2 * np.pi)
    var = np.maximum(mean * (1 - mean), np.finfo(float).eps)
    return dens * (y - mean) / var


def level_probabilities(model: str, indexes: np.ndarray) -> np.ndarray:
    """(n, k) probabilities of the k levels, the control first, from the (n, k-1) indexes of the
    other levels: multinomial logit with the control as base, or the probit of two levels."""
    if model == "probit":
        p1 = special.ndtr(indexes[:, 0])
        return np.column_stack([1 - p1, p1])
    full = np.column_stack([np.zeros(len(indexes)), indexes])
    full -= full.max(axis=1, keepdims=True)
    ex = np.exp(full)
    return ex / ex.sum(axis=1, keepdims=True)


def treatment_residual_weights(model: str, indicators: np.ndarray, indexes: np.ndarray) -> np.ndarray:
    """(n, k-1) r with score x' r_j per non-control level j."""
    probs = level_probabilities(model, indexes)
    if model == "probit":
        p1 = probs[:, 1]
        dens = np.exp(-0.5 * indexes[:, 0] ** 2) / np.sqrt(2 * np.pi)
        var = np.maximum(p1 * (1 - p1), np.finfo(float).eps)
        return (dens * (indicators[:, 1] - p1) / var)[:, None]
    return indicators[:, 1:] - probs[:, 1:]


def fit_glm(model: str, y: np.ndarray, X: np.ndarray, w: np.ndarray, iterate: int = 300) -> np.ndarray:
    """ML estimates of one outcome model: least squares, or Fisher scoring (Newton for logit and
    Poisson, whose expected and observed information agree)."""
    if model == "linear":
        return np.linalg.lstsq(X * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    b = np.zeros(X.shape[1])
    if model == "poisson":
        b[-1] = np.log(max(np.average(y, weights=w), 1e-8)) if X.shape[1] else 0.0
    for _ in range(iterate):
        eta = X @ b
        mean = outcome_mean(model, eta)
        if model == "logit":
            info_w = mean * (1 - mean)
        elif model == "poisson":
            info_w = mean
        else:
            dens = np.exp(-0.5 * eta * eta) / np.sqrt(2 * np.pi)
            info_w = dens * dens / np.maximum(mean * (1 - mean), np.finfo(float).eps)
        score = X.T @ (w * outcome_residual_weight(model, y, eta))
        info = X.T @ (X * (w * info_w)[:, None])
        step = np.linalg.solve(info, score)
        b = b + step
        if np.max(np.abs(step)) < 1e-13 * (1 + np.max(np.abs(b))):
            break
    return b


def fit_treatment(model: str, indicators: np.ndarray, X: np.ndarray, w: np.ndarray,
                  iterate: int = 300) -> np.ndarray:
    """(q, k-1) ML estimates of the treatment model, one column per non-control level."""
    k = indicators.shape[1]
    if model == "probit":
        return fit_glm("probit", indicators[:, 1], X, w, iterate)[:, None]
    q = X.shape[1]
    g = np.zeros((q, k - 1))
    for _ in range(iterate):
        probs = level_probabilities("logit", X @ g)[:, 1:]
        score = (X.T @ (w[:, None] * (indicators[:, 1:] - probs))).T.ravel()
        info = np.zeros(((k - 1) * q, (k - 1) * q))
        for a in range(k - 1):
            for c in range(k - 1):
                cov = probs[:, a] * ((a == c) - probs[:, c])
                info[a * q:(a + 1) * q, c * q:(c + 1) * q] = X.T @ (X * (w * cov)[:, None])
        step = np.linalg.solve(info, score)
        g = g + step.reshape(k - 1, q).T
        if np.max(np.abs(step)) < 1e-13 * (1 + np.max(np.abs(g))):
            break
    return g
