"""Cross-sectional time-series FGLS ([XT] xtgls): b = (X' Omega^-1 X)^-1 X' Omega^-1 y with
Omega = Sigma over the panels at each time period, V = (X' Omega^-1 X)^-1.

As xtgls.ado: with an AR(1) the rho_i (rhotype regress: sum e_t e_t-1 / sum e_t-1^2 of the
OLS residuals) are found first, a common rho as their mean weighted by each panel's number of
rows; every row but a panel's first becomes z_t - rho z_t-1 (the previous row of the panel),
the first sqrt(1 - rho^2) z_1 -- missing when |rho| > 1, so that row then leaves the
transformed regression, Sigma and the GLS sums (and, with panels(correlated), its period leaves
Sigma: ``mat accum`` drops a row with a missing value) while e(N) still counts it.  Sigma from the (transformed) OLS residuals: sigma^2 I (iid),
diag(mean e_i^2) (heteroskedastic), E'E/T (correlated, balanced panels); inverses are
Stata's syminv() (a singular Sigma when panels >= periods).  ``igls`` repeats
Sigma from the GLS residuals until the relative change of b is below ``tol``.  The log
likelihood, -(N ln 2 pi + ln|Omega| + e' Omega^-1 e)/2, only without an AR(1) and with igls or
panels(iid), as the ado reports it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FglsFit:
    b: np.ndarray
    V: np.ndarray
    sigma: np.ndarray
    rhos: np.ndarray          # empty, one common rho, or one per panel
    ll: float | None
    iterations: int
    converged: bool
    tolerances: tuple = ()   # igls: the relative change of b at iterations 1, 2, ...


def _sigma(e, members, panels: str, T: int, period_codes=None):
    M = len(members)
    if panels == "iid":
        return np.eye(M) * float(e @ e) / len(e)
    if panels == "heteroskedastic":
        return np.diag([float(e[r] @ e[r]) / len(r) for r in members])
    if any(len(r) < T for r in members):  # a row left out (|rho| > 1): mat accum drops its period
        E = np.full((T, M), np.nan)
        for g, r in enumerate(members):
            E[period_codes[r], g] = e[r]
        E = E[np.isfinite(E).all(axis=1)]
        return E.T @ E / T
    E = np.column_stack([e[r] for r in members])  # balanced: T x M, rows in time order
    return E.T @ E / T


def syminv(A: np.ndarray) -> np.ndarray:
    """Stata's syminv(): the inverse over the columns a sweep in order keeps, zero rows and
    columns for the dependent ones (a generalized inverse, not Moore-Penrose's)."""
    from mlmcli.collinear_columns import independent_columns

    A = (np.asarray(A, float) + np.asarray(A, float).T) / 2
    keep = np.flatnonzero(independent_columns(A))
    out = np.zeros_like(A)
    if keep.size:
        out[np.ix_(keep, keep)] = np.linalg.inv(A[np.ix_(keep, keep)])
    return out


def _gls(X, y, sigma, panel_codes, period_codes):
    k = X.shape[1]
    XtOX, XtOy = np.zeros((k, k)), np.zeros(k)
    inv = syminv(sigma)
    for t in np.unique(period_codes):
        rows = np.flatnonzero(period_codes == t)
        W = inv[np.ix_(panel_codes[rows], panel_codes[rows])]
        XtOX += X[rows].T @ W @ X[rows]
        XtOy += X[rows].T @ W @ y[rows]
    V = syminv(XtOX)
    return V @ XtOy, (V + V.T) / 2


def _panel_rho(e: np.ndarray) -> float:
    prev, cur = e[:-1], e[1:]
    den = float(prev @ prev)
    return float(cur @ prev) / den if den > 0 and len(e) > 1 else float("nan")


def fit_fgls(y, X, panel_codes, period_codes, *, panels: str = "iid", corr: str = "independent",
             igls: bool = False, tol: float = 1e-7, maxiter: int = 16000) -> FglsFit:
    """Rows sorted by panel then period; panel_codes 0..M-1, period_codes 0..T-1."""
    y, X = np.asarray(y, float).copy(), np.asarray(X, float).copy()
    M = int(panel_codes.max()) + 1
    T = int(period_codes.max()) + 1
    members = [np.flatnonzero(panel_codes == g) for g in range(M)]
    e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    rhos = np.zeros(0)
    if corr != "independent":
        per = np.array([_panel_rho(e[r]) for r in members])
        if corr == "ar1":
            ok = np.isfinite(per)
            sizes = np.array([len(r) for r in members], float)[ok]
            rhos = np.array([float(sizes @ per[ok] / sizes.sum())])
            row_rho = np.full(len(y), rhos[0])
        else:
            if not np.all(np.isfinite(per)):
                raise ArithmeticError(int(np.flatnonzero(~np.isfinite(per))[0]))
            rhos = per
            row_rho = per[panel_codes]
        first = np.zeros(len(y), bool)
        first[[r[0] for r in members]] = True
        prev = np.r_[0, np.arange(len(y) - 1)]
        with np.errstate(invalid="ignore"):  # |rho| > 1: the first row's sqrt is missing, as in the ado
            scale = np.sqrt(1 - row_rho ** 2)
        y = np.where(first, scale * y, y - row_rho * y[prev])
        X = np.where(first[:, None], scale[:, None] * X, X - row_rho[:, None] * X[prev])
        kept = np.isfinite(y) & np.isfinite(X).all(axis=1)
        if not kept.all():
            y, X, panel_codes, period_codes = y[kept], X[kept], panel_codes[kept], period_codes[kept]
            members = [np.flatnonzero(panel_codes == g) for g in range(M)]
        e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    iterations, converged = 0, True
    b_old = None
    tolerances: list[float] = []
    while True:
        sigma = _sigma(e, members, panels, T, period_codes)
        b, V = _gls(X, y, sigma, panel_codes, period_codes)
        iterations += 1
        if not igls:
            break
        if b_old is not None:
            diff = float(np.max(np.abs(b - b_old) / (np.abs(b_old) + 1)))
            tolerances.append(diff)
            if diff <= tol:
                break
        if iterations >= maxiter:
            converged = False
            break
        b_old = b
        e = y - X @ b
    ll = None
    if corr == "independent" and (igls or panels == "iid"):
        resid = y - X @ b
        with np.errstate(divide="ignore", invalid="ignore"):  # a zero variance: ln(0), missing
            if panels == "correlated":
                lndet = T * float(np.linalg.slogdet(sigma)[1])
            else:
                lndet = float(np.log(np.diag(sigma))[panel_codes].sum())
        inv = syminv(sigma)
        quad = sum(float(resid[r] @ inv[np.ix_(panel_codes[r], panel_codes[r])] @ resid[r])
                   for r in (np.flatnonzero(period_codes == t) for t in range(T)))
        ll = -0.5 * (len(y) * np.log(2 * np.pi) + lndet + quad)
        ll = ll if np.isfinite(ll) else float("nan")
    return FglsFit(b=b, V=V, sigma=sigma, rhos=rhos, ll=ll, iterations=iterations, converged=converged,
                   tolerances=tuple(tolerances))
