"""Swamy's (1970) random-coefficients model ([XT] xtrc, Methods and formulas):

    y_i = X_i b_i + e_i,   b_i = b + v_i,   E(v_i v_i') = Sigma,   E(e_i e_i') = sigma_i^2 I

Each panel's OLS fit gives b_i and V_i = s_i^2 (X_i'X_i)^-1.  With m panels,

    Sigma = (sum b_i b_i' - m bbar bbar') / (m - 1)

(the manual's second term, minus the mean of the V_i, dropped as xtrc does: it is O(1/(mT))
and may leave Sigma indefinite), W_i = (Sigma + V_i)^-1 and

    b = (sum W_i)^-1 sum W_i b_i,   Var(b) = (sum W_i)^-1.

The test of parameter constancy is sum (b_i - b*)' V_i^-1 (b_i - b*) with b* the V_i^-1
weighted mean of the b_i, chi2 on k(m - 1) df.  The panel-specific predictions
(``betas``) are b_i~ = (Sigma^-1 + V_i^-1)^-1 (Sigma^-1 b + V_i^-1 b_i) with variance
Var(b) + (I - A_i)(V_i - Var(b))(I - A_i)', A_i = (Sigma^-1 + V_i^-1)^-1 Sigma^-1
(xtrc.ado's e(beta_ps) and e(V_ps); Poi 2003, Stata Journal 3(3)).  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class PanelCollinear(ValueError):
    """A panel's OLS fit would drop a regressor (xtrc needs every panel of full rank)."""


@dataclass(frozen=True)
class RandomCoefficientsFit:
    b: np.ndarray  # the mean coefficients (k,)
    V: np.ndarray  # their covariance (k, k)
    Sigma: np.ndarray  # the coefficients' covariance across panels (k, k)
    chi2_c: float  # the test of parameter constancy
    df_c: int
    panel_ols: np.ndarray  # (m, k): each panel's OLS coefficients
    beta_ps: np.ndarray  # (m, k): the panel-specific predictions (NaN where V_i is singular)
    V_ps: np.ndarray  # (m, k*k): vec() of each prediction's covariance, column by column


def _sym_inverse(A: np.ndarray) -> np.ndarray | None:
    try:
        return np.linalg.inv(A)
    except np.linalg.LinAlgError:
        return None


def fit_random_coefficients(y: np.ndarray, X: np.ndarray, codes: np.ndarray) -> RandomCoefficientsFit:
    """``codes``: 0..m-1 panel of each row; every panel has more rows than columns of X."""
    m = int(codes.max()) + 1
    k = X.shape[1]
    bols = np.empty((m, k))
    Vs = np.empty((m, k, k))
    for g in range(m):
        rows = codes == g
        Xg, yg = X[rows], y[rows]
        XtX = Xg.T @ Xg
        if np.linalg.matrix_rank(XtX) < k:
            raise PanelCollinear(g)
        XtX_inv = np.linalg.inv(XtX)
        bg = XtX_inv @ (Xg.T @ yg)
        resid = yg - Xg @ bg
        s2 = float(resid @ resid) / (len(yg) - k)
        bols[g] = bg
        Vs[g] = s2 * XtX_inv
    bbar = bols.mean(axis=0)
    Sigma = (bols.T @ bols - m * np.outer(bbar, bbar)) / (m - 1)
    V_inv = np.array([np.linalg.pinv(Vg) for Vg in Vs])
    bstar = np.linalg.solve(V_inv.sum(axis=0), np.einsum("gij,gj->i", V_inv, bols))
    dev = bols - bstar
    chi2_c = float(np.einsum("gi,gij,gj->", dev, V_inv, dev))
    W = np.array([np.linalg.pinv(Sigma + Vg) for Vg in Vs])
    Vb = np.linalg.pinv(W.sum(axis=0))
    b = Vb @ np.einsum("gij,gj->i", W, bols)
    beta_ps = np.full((m, k), np.nan)
    V_ps = np.full((m, k * k), np.nan)
    Sigma_inv = np.linalg.pinv(Sigma)
    for g in range(m):
        Vg_inv = _sym_inverse(Vs[g])
        if Vg_inv is None:
            continue
        H = np.linalg.pinv(Sigma_inv + Vg_inv)
        beta_ps[g] = H @ (Sigma_inv @ b + Vg_inv @ bols[g])
        resid_weight = np.eye(k) - H @ Sigma_inv
        Vg_ps = Vb + resid_weight @ (Vs[g] - Vb) @ resid_weight.T
        V_ps[g] = Vg_ps.ravel(order="F")
    return RandomCoefficientsFit(b, (Vb + Vb.T) / 2, Sigma, chi2_c, k * (m - 1), bols, beta_ps, V_ps)
