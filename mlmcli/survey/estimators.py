"""The estimators svy: runs, each as (estimates, scores): the scores are the rows' influence
on the estimates (weighted and multiplied by the bread), so ``linearized.linearized_variance``
turns them into V.  Rows outside the subpopulation carry zero scores.

mean, total and ratio are the weighted sums' ratios of [SVY] variance estimation; regress is
weighted least squares (scores (X'WX)^-1 x_i w_i e_i); logit, probit and poisson are the
pseudo-likelihood fits of the glm engine with pweights (scores (-H)^-1 w_i s_i)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class LinearizedEstimates:
    """Estimates over the estimable columns, their scores (rows of the estimation sample x
    columns) and what the header reports."""

    b: np.ndarray
    scores: np.ndarray
    n_obs: int  # the estimation sample's observations
    population: float  # sum of the weights over the sample
    subpop_obs: int | None = None  # subpop(): its observations and weight
    subpop_size: float | None = None
    extra: dict | None = None  # r2 (regress), ll (the ML fits), notes


def _sums(w: np.ndarray, sub: np.ndarray):
    ws = np.where(sub, w, 0.0)
    return ws, float(ws.sum())


def mean_estimates(Y: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means of Y's columns over the subpopulation and their scores w_i (y_i - ybar) / W."""
    ws, W = _sums(w, sub)
    if W == 0:
        raise StataError("no observations", 2000)
    b = ws @ Y / W
    return b, ws[:, None] * (Y - b) / W


def total_estimates(Y: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Totals sum w_i y_i over the subpopulation; the scores are the terms themselves."""
    ws, _ = _sums(w, sub)
    Z = ws[:, None] * Y
    return Z.sum(axis=0), Z


def ratio_estimates(Y: np.ndarray, X: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ratios sum w y / sum w x per column pair; scores w_i (y_i - R x_i) / sum w x."""
    ws, _ = _sums(w, sub)
    den = ws @ X
    if np.any(den == 0):
        raise StataError("division by zero in ratio", 459)
    b = (ws @ Y) / den
    return b, ws[:, None] * (Y - X * b) / den


def regress_estimates(y: np.ndarray, X: np.ndarray, w: np.ndarray, sub: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, float]:
    """Weighted least squares on the subpopulation: (b, scores, R-squared)."""
    ws, W = _sums(w, sub)
    XtWX = X.T @ (X * ws[:, None])
    try:
        bread = np.linalg.inv(XtWX)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None
    b = bread @ (X.T @ (ws * y))
    e = y - X @ b
    scores = (X * (ws * e)[:, None]) @ bread
    ybar = float(ws @ y) / W if W else np.nan
    tss = float(ws @ (y - ybar) ** 2)
    rss = float(ws @ e ** 2)
    return b, scores, 1 - rss / tss if tss > 0 else np.nan


def glm_estimates(y: np.ndarray, X: np.ndarray, labels, w: np.ndarray, sub: np.ndarray, family: str,
                  link: str, depvar: str):
    """A pseudo-maximum-likelihood fit on the subpopulation's rows (pweights): returns the glm
    fit, its estimable b and the scores over every row of the sample (zero off the
    subpopulation and on rows the fit dropped)."""
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.mixed.inference import invert_negative_hessian

    rows = np.flatnonzero(sub)
    spec = GLMSpec(depvar=depvar, y=y[rows], X=X[rows], coef_labels=tuple(labels), family=family, link=link,
                   pweight=w[rows])
    fit = fit_glm(spec)
    theta = fit.theta
    H = fit.model.hessian(theta)
    bread = invert_negative_hessian(H)
    S = fit.model.scores(theta) @ bread
    scores = np.zeros((len(y), S.shape[1]))
    scores[rows[fit.model.rows]] = S
    return fit, theta, scores
