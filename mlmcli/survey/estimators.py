"""The estimators svy: runs, each as (estimates, scores): the scores are the rows' influence
on the estimates (weighted and multiplied by the bread), so ``linearized.linearized_variance``
turns them into V.  Rows outside the subpopulation carry zero scores.

mean, total and ratio are the weighted sums' ratios of [SVY] variance estimation; regress is
weighted least squares (scores (X'WX)^-1 x_i w_i e_i).  The likelihood fits' scores
(-H)^-1 w_i s_i come from the glm engine's model (commands/estimation/survey_models.py)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import MAX_DOUBLE


def column_scales(Y: np.ndarray) -> np.ndarray:
    """Per column, 1 or (a column past 2^480: values near 1e307) the power of two at or above
    its largest value: sums of the column / scale stay finite, and the division is exact."""
    Y = np.asarray(Y, float)
    top = np.max(np.abs(np.where(np.isfinite(Y), Y, 0.0)), axis=0, initial=0.0) if Y.ndim == 2 else \
        np.array([np.max(np.abs(np.where(np.isfinite(Y), Y, 0.0)), initial=0.0)])
    return np.where(top > 2.0 ** 480, np.ldexp(1.0, np.minimum(np.frexp(top)[1], 1023)), 1.0)


def _double(values: np.ndarray) -> np.ndarray:
    """Values past Stata's largest double (or infinite) missing."""
    return np.where(np.abs(values) <= MAX_DOUBLE, values, np.nan)


def _sums(w: np.ndarray, sub: np.ndarray):
    ws = np.where(sub, w, 0.0)
    return ws, float(ws.sum())


def mean_estimates(Y: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means of Y's columns over the subpopulation and their scores w_i (y_i - ybar) / W."""
    ws, W = _sums(w, sub)
    if W == 0:
        raise StataError("no observations", 2000)
    D = column_scales(Y)
    with np.errstate(over="ignore", invalid="ignore"):  # past the largest double: missing
        b = (ws @ (Y / D) / W) * D
        return _double(b), _double(ws[:, None] * (Y / D - b / D) / W * D)


def total_estimates(Y: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Totals sum w_i y_i over the subpopulation; the scores are the terms themselves."""
    ws, _ = _sums(w, sub)
    D = column_scales(Y)
    with np.errstate(over="ignore", invalid="ignore"):  # a total past the largest double is missing
        Z = ws[:, None] * Y
        return _double((ws @ (Y / D)) * D), _double(Z)


def ratio_estimates(Y: np.ndarray, X: np.ndarray, w: np.ndarray, sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ratios sum w y / sum w x per column pair; scores w_i (y_i - R x_i) / sum w x."""
    ws, _ = _sums(w, sub)
    Dy, Dx = column_scales(Y), column_scales(X)  # columns near 1e307 as column / 2^j (exact)
    den = ws @ (X / Dx)
    if np.any(den == 0):
        raise StataError("division by zero in ratio", 459)
    with np.errstate(over="ignore", invalid="ignore"):  # a ratio past the largest double is missing
        r = (ws @ (Y / Dy)) / den
        b = _double(r * (Dy / Dx))
        return b, _double(ws[:, None] * (Y / Dy - X / Dx * r) / den * (Dy / Dx))


def regress_estimates(y: np.ndarray, X: np.ndarray, w: np.ndarray, sub: np.ndarray, constant: bool = True
                      ) -> tuple[np.ndarray, np.ndarray, float]:
    """Weighted least squares on the subpopulation: (b, scores, R-squared; uncentred without a
    constant, as regress's).  A y near the largest double is fitted as y / 2^j and b and the
    scores scaled back (R-squared does not change); a regressor near it as x / 2^j, its
    coefficient and score column divided by 2^j."""
    k = float(column_scales(y)[0])
    if k != 1.0:
        b, scores, r2 = regress_estimates(np.asarray(y, float) / k, X, w, sub, constant)
        with np.errstate(over="ignore", invalid="ignore"):
            return _double(b * k), _double(scores * k), r2
    Dx = column_scales(X) if X.shape[1] else np.ones(0)
    if np.any(Dx != 1.0):
        b, scores, r2 = regress_estimates(y, np.asarray(X, float) / Dx, w, sub, constant)
        return b / Dx, scores / Dx, r2
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
