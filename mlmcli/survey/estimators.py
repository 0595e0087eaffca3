"""The estimators svy: runs, each as (estimates, scores): the scores are the rows' influence
on the estimates (weighted and multiplied by the bread), so ``linearized.linearized_variance``
turns them into V.  Rows outside the subpopulation carry zero scores.

mean, total and ratio are the weighted sums' ratios of [SVY] variance estimation; regress is
weighted least squares (scores (X'WX)^-1 x_i w_i e_i).  The likelihood fits' scores
(-H)^-1 w_i s_i come from the glm engine's model (commands/estimation/survey_models.py)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


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


def regress_estimates(y: np.ndarray, X: np.ndarray, w: np.ndarray, sub: np.ndarray, constant: bool = True
                      ) -> tuple[np.ndarray, np.ndarray, float]:
    """Weighted least squares on the subpopulation: (b, scores, R-squared; uncentred without a
    constant, as regress's)."""
    ws, W = _sums(w, sub)
    XtWX = X.T @ (X * ws[:, None])
    try:
        bread = np.linalg.inv(XtWX)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None
    b = bread @ (X.T @ (ws * y))
    e = y - X @ b
    scores = (X * (ws * e)[:, None]) @ bread
    ybar = (float(ws @ y) / W if W else np.nan) if constant else 0.0
    tss = float(ws @ (y - ybar) ** 2)
    rss = float(ws @ e ** 2)
    return b, scores, 1 - rss / tss if tss > 0 else np.nan
