"""The numbers of the regression diagnostic plots after ``regress`` ([R] regress
postestimation diagnostic plots; Stata's rvfplot.ado, lvr2plot.ado, avplot.ado, cprplot.ado
and acprplot.ado).  Pure numbers: arrays in, arrays out; the estimation sample's rows only.

    lvr2plot:  Normalized residual squared = r_i^2 / sum r^2 against the leverage h_i;
               the lines at x = 1/N (the mean of the normalized residual squared) and
               y = (df_m + 1)/N (the mean leverage)
    avplot x:  e(y | X) = the residuals of y on the other regressors (X without x, or X when x
               is not in the model: then the model's own residuals), e(x | X) = the residuals
               of x on those regressors, both fitted with the model's weights; the line is the
               fit of e(y|X) on e(x|X) (its slope is the coefficient of x in the model with x)
    cprplot x: r + b_x x against x; the line is its fit on x with the model's weights
    acprplot x: the regression refitted with x^2 added (b0 of x, b1 of x^2):
               r + b0 x + b1 x^2 against x, and its unweighted least-squares line on x
"""
from __future__ import annotations

import numpy as np


def _wls(y: np.ndarray, X: np.ndarray, weight: np.ndarray | None, kind: str | None):
    """(b, residuals) of the least-squares fit of y on X (a constant added last) with
    regress's weights (their scale does not change b)."""
    from mlmcli.collinear_columns import power_of_two_column_scales
    from mlmcli.ols import depvar_scale, regress_weights

    Xc = np.column_stack([X, np.ones(len(y))]) if X.size else np.ones((len(y), 1))
    w, _ = regress_weights(weight, kind, len(y))
    # y and columns near the largest double are fitted divided by powers of two (exact), scaled back
    ys, scale = depvar_scale(y), power_of_two_column_scales(Xc)
    Xs = Xc * scale
    XtW = Xs.T * w
    b = np.linalg.lstsq(XtW @ Xs, XtW @ (y / ys), rcond=None)[0]
    with np.errstate(over="ignore", invalid="ignore"):
        return b * scale * ys, (y / ys - Xs @ b) * ys


def leverage_residual_squared(residual: np.ndarray, leverage: np.ndarray, df_m: int):
    """lvr2plot: (normalized residual squared, leverage, x line, y line)."""
    from mlmcli.ols import depvar_scale

    scaled = residual / depvar_scale(residual)  # r^2 / sum r^2 is free of r's scale; huge r^2 is not finite
    r2 = scaled * scaled
    n = len(residual)
    return r2 / (r2.mean() * n), leverage, 1.0 / n, (df_m + 1) / n


def added_variable(y: np.ndarray, others: np.ndarray, x: np.ndarray, weight, kind, ey: np.ndarray | None = None):
    """avplot: (e(y|X), e(x|X), the line's fitted values, its slope) -- ``others`` the other
    regressors (no constant: one is added); ``ey``: e(y|X) given (a variable not in the model:
    the model's residuals)."""
    if ey is None:
        _, ey = _wls(y, others, weight, kind)
    _, ex = _wls(x, others, weight, kind)
    b, _ = _wls(ey, ex[:, None], weight, kind)
    return ey, ex, b[0] * ex + b[1], float(b[0])


def component_plus_residual(residual: np.ndarray, x: np.ndarray, b: float, weight, kind):
    """cprplot: (r + b x, the fitted values of its regression on x with the model's weights)."""
    cpr = residual + b * x
    coef, _ = _wls(cpr, x[:, None], weight, kind)
    return cpr, coef[0] * x + coef[1]


def augmented_component_plus_residual(y: np.ndarray, X_rest: np.ndarray, j: int, weight, kind):
    """acprplot: (r + b0 x + b1 x^2, the unweighted line on x, b0, b1) from the regression of
    y on the regressors X_rest (no constant; x = X_rest[:, j]) and x^2 with the fit's weights."""
    from mlmcli.errors import StataError

    x = X_rest[:, j]
    with np.errstate(over="ignore"):
        x2 = x * x
    # acprplot.ado's x^2 is missing past the largest double: _regress drops those rows (none
    # left: its r(2000)) and their residuals are missing
    rows = np.isfinite(x2)
    if not rows.any():
        raise StataError("no observations", 2000)
    acpr, fitted = np.full(len(x), np.nan), np.full(len(x), np.nan)
    weight = None if weight is None else np.asarray(weight, float)[rows]
    coef, resid = _wls(y[rows], np.column_stack([X_rest[rows], x2[rows]]), weight, kind)
    b0, b1 = float(coef[j]), float(coef[X_rest.shape[1]])
    with np.errstate(over="ignore", invalid="ignore"):
        acpr[rows] = resid + b0 * x[rows] + b1 * x2[rows]
        line, _ = _wls(acpr[rows], x[rows][:, None], None, None)
        fitted[rows] = line[0] * x[rows] + line[1]
    return acpr, fitted, b0, b1


def macro_text_v2(value: float) -> str:
    """A number as avplot.ado's ``version 2.1`` ``local`` holds it: %9.0g (at most eight or
    nine characters; uncertain, docs/graphs.md)."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%9.0g").strip()


def added_variable_note(coef: float, se: float, robust: bool) -> str:
    """avplot's note: ``coef = #, se = #, t = #`` (``(robust) se`` after a robust fit); t is
    round(coef/se, .01)."""
    t = round(coef / se, 2) if se > 0 else float("nan")
    label = "(robust) se" if robust else "se"
    return f"coef = {macro_text_v2(coef)}, {label} = {macro_text_v2(se)}, t = {macro_text_v2(t)}"
