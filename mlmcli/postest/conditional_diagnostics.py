"""clogit's predict statistics (clogit_p): the probability of a positive outcome given one per
group and the regression diagnostics of 1:M matched data (Hosmer and Lemeshow, Applied Logistic
Regression, ch. 7; [R] clogit postestimation, Methods and formulas).

With xb_t = x_t b (+ the offset) and the group sums over the rows used (missing xb counts 0,
as Stata's running ``sum()``):

    pc1_t        = exp(xb_t) / sum_{s in group} exp(xb_s)
    residual_t   = (y_t - pc1_t) / sqrt(pc1_t)                           (Pearson)
    hat_t        = pc1_t xc_t' (sum_s w_s pc1_s xc_s xc_s')^-1 xc_t       (leverage)
                   xc_t = x_t - sum_{s in group} pc1_s x_s                (x centred within group)
    rstandard_t  = residual_t / sqrt(1 - hat_t)
    dx2_t        = rstandard_t^2
    dbeta_t      = residual_t^2 hat_t / (1 - hat_t)^2
    gdx2, gdbeta = the group sums of dx2, dbeta

w are the fweights (1 without).  clogit_p's hat is ``regress z xc [iw = w pc1], noconstant``
and its predict hat (x_t (X'WX)^-1 x_t', without the row's weight) times pc1_t; the
regression's response z does not enter the leverage, so it is not formed here.
"""
from __future__ import annotations

import numpy as np


def group_totals(codes: np.ndarray, values: np.ndarray, use: np.ndarray) -> np.ndarray:
    """Each row's sum of ``values`` over the rows of its group (``codes``) that are in ``use``
    and not missing; NaN for rows without a group."""
    ok = use & (codes >= 0) & ~np.isnan(values)
    n_groups = int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 0
    tot = np.bincount(codes[ok], weights=values[ok], minlength=n_groups)
    out = np.full(len(codes), np.nan)
    has = codes >= 0
    out[has] = tot[codes[has]]
    return out


def pc1(xb: np.ndarray, codes: np.ndarray, use: np.ndarray) -> np.ndarray:
    """exp(xb_t) / sum of exp(xb) over the ``use`` rows of t's group; NaN outside ``use``."""
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # groups without a used row
        # less the group's largest xb (the same ratio): a regressor near 1e9 puts xb near 4e8
        top = np.full(int(codes.max()) + 1 if codes.size else 0, -np.inf)
        ok = use & np.isfinite(xb)
        np.maximum.at(top, codes[ok], xb[ok])
        shift = np.where(np.isfinite(top), top, 0.0)[codes]
        ex = np.exp(xb - shift)
        p = ex / group_totals(codes, ex, use)
    return np.where(use, p, np.nan)


def pearson_residuals(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return (y - p) / np.sqrt(p)


def leverage(X: np.ndarray, p: np.ndarray, codes: np.ndarray, use: np.ndarray, w: np.ndarray) -> np.ndarray:
    """hat_t of the module docstring on the ``use`` rows (NaN elsewhere); ``X`` the estimable
    columns of every row."""
    out = np.full(len(p), np.nan)
    if X.shape[1] == 0:
        return np.where(use, 0.0, np.nan)
    means = np.column_stack([group_totals(codes, p * X[:, j], use) for j in range(X.shape[1])])
    Xc = X - means
    rows = use & ~np.isnan(p) & ~np.isnan(Xc).any(axis=1)
    Xu, pu, wu = Xc[rows], p[rows], w[rows]
    info = (Xu * (wu * pu)[:, None]).T @ Xu
    # regress drops collinear centred columns (a column constant within every group): its
    # leverage is that of the independent columns, which the pseudo-inverse gives
    inv = np.linalg.pinv(info)
    out[rows] = pu * np.einsum("ij,jk,ik->i", Xu, inv, Xu)
    return out


def diagnostic(statistic: str, residual: np.ndarray, hat: np.ndarray) -> np.ndarray:
    """rstandard, dx2 or dbeta from the Pearson residual and the leverage."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if statistic == "rstandard":
            return residual / np.sqrt(1 - hat)
        if statistic == "dx2":
            return residual ** 2 / (1 - hat)
        return residual ** 2 * hat / (1 - hat) ** 2
