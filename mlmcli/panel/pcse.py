"""Panel-corrected standard errors ([XT] xtpcse, Beck and Katz 1995): OLS, or Prais-Winsten
with a common or panel-specific AR(1) rho, with V = (X'X)^-1 X' Omega X (X'X)^-1.

Omega is Sigma (x) I over the time periods: by default Sigma_ij = sum_t e_it e_jt / n_ij over
the periods both panels have (``pairwise``) or over the periods every panel has (``casewise``,
the default, as xtpcse.ado); ``hetonly`` keeps Sigma's diagonal (each panel's mean e^2);
``independent`` one sigma^2 (the mean e^2 over all rows).  rho_i by rhotype: regress (sum
e_t e_t-1 / sum e_t-1^2, the default), freg (sum e_t e_t+1 / sum e_t+1^2), tscorr (sum e_t
e_t-1 / sum e_t^2), dw (1 - DW/2); |rho_i| > 1 bounded to 1.  The common rho is the average of
the rho_i weighted by each panel's number of lag pairs (+1 with ``np1``).  The transform
restarts at each gap: a row whose lag is absent is scaled by sqrt(1 - rho^2).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np


@dataclass(frozen=True)
class PcseFit:
    b: np.ndarray
    V: np.ndarray
    r2: float
    rhos: np.ndarray          # the rho used per panel (empty for corr(independent))
    sigma: np.ndarray         # e(Sigma)
    n_sigma: float | None     # periods common to all panels (casewise), else None
    bounded: bool             # some rho_i was outside [-1, 1]


def _lag_index(panel: np.ndarray, time: np.ndarray, delta: float) -> np.ndarray:
    """Row of each row's lag (same panel, time - delta) or -1."""
    where = {(p, t): i for i, (p, t) in enumerate(zip(panel.tolist(), time.tolist()))}
    return np.array([where.get((p, t - delta), -1) for p, t in zip(panel.tolist(), time.tolist())], int)


def _rho(e: np.ndarray, lag: np.ndarray, rows: np.ndarray, rhotype: str) -> tuple[float, int]:
    """(rho_i, number of lag pairs) of one panel's rows."""
    pairs = [i for i in rows if lag[i] >= 0]
    if not pairs:
        return float("nan"), 0
    cur = e[pairs]
    prev = e[lag[pairs]]
    if rhotype == "regress":
        den = float(prev @ prev)
        rho = float(cur @ prev) / den if den > 0 else float("nan")
    elif rhotype == "freg":
        den = float(cur @ cur)
        rho = float(cur @ prev) / den if den > 0 else float("nan")
    elif rhotype == "tscorr":
        den = float(e[rows] @ e[rows])
        rho = float(cur @ prev) / den if den > 0 else float("nan")
    else:  # dw
        den = float(e[rows] @ e[rows])
        rho = 1 - float(((cur - prev) ** 2).sum()) / den / 2 if den > 0 else float("nan")
    return rho, len(pairs)


def fit_pcse(y, X, panel, time, delta: float, *, corr: str = "independent", rhotype: str = "regress",
             np1: bool = False, hetonly: bool = False, independent: bool = False, casewise: bool = True,
             constant: bool = True) -> PcseFit:
    """X holds the regressors and, when ``constant``, a last column of ones.

    A depvar whose squares pass the double range (near 8.98e307) is fitted over a power of two
    2^k: b, V and Sigma scale back by 2^k and 2^2k (rho and R2 are free of the scale); an element
    of V or Sigma past the double range is then missing, as Stata's overflowing figures are."""
    y = np.asarray(y, float)
    top = float(np.max(np.abs(y), initial=0.0))
    if not (np.isfinite(top) and top > 2.0 ** 480):
        return _fit_pcse(y, X, panel, time, delta, corr=corr, rhotype=rhotype, np1=np1, hetonly=hetonly,
                         independent=independent, casewise=casewise, constant=constant)
    k = math.ldexp(1.0, min(math.frexp(top)[1], 1023))
    f = _fit_pcse(y / k, X, panel, time, delta, corr=corr, rhotype=rhotype, np1=np1, hetonly=hetonly,
                  independent=independent, casewise=casewise, constant=constant)
    with np.errstate(over="ignore"):
        V, sigma = f.V * k * k, f.sigma * k * k
    return replace(f, b=f.b * k, V=np.where(np.isfinite(V), V, np.nan), sigma=np.where(np.isfinite(sigma), sigma, np.nan))


def _fit_pcse(y, X, panel, time, delta, *, corr, rhotype, np1, hetonly, independent, casewise, constant) -> PcseFit:
    y = np.asarray(y, float)
    X = np.asarray(X, float)
    codes, panel_codes = np.unique(panel, return_inverse=True)
    M = len(codes)
    members = [np.flatnonzero(panel_codes == g) for g in range(M)]
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    rhos = np.zeros(0)
    bounded = False
    if corr != "independent":
        lag = _lag_index(panel_codes, np.asarray(time, float), delta)
        per = [_rho(e, lag, rows, rhotype) for rows in members]
        raw = np.array([r for r, _ in per])
        bounded = bool(np.any(np.abs(raw[np.isfinite(raw)]) > 1))
        clipped = np.clip(raw, -1, 1)
        if corr == "ar1":
            ok = np.isfinite(clipped)
            weight = np.array([n + (1 if np1 else 0) for _, n in per], float)[ok]
            if weight.sum() == 0:
                raise ValueError("no rho")
            rhos = np.full(M, float(weight @ clipped[ok] / weight.sum()))
        else:
            rhos = np.where(np.isfinite(clipped), clipped, 0.0)
        rho_row = rhos[panel_codes]
        has_lag = lag >= 0
        safe = np.where(has_lag, lag, 0)
        scale = np.sqrt(np.maximum(1 - rho_row ** 2, 0.0))
        y = np.where(has_lag, y - rho_row * y[safe], y * scale)
        X = np.where(has_lag[:, None], X - rho_row[:, None] * X[safe], X * scale[:, None])
        b = np.linalg.lstsq(X, y, rcond=None)[0]
        e = y - X @ b
    rss = float(e @ e)
    if rss <= 1e-24 * float(y @ y):  # xtpcse.ado: e(rmse) == 0 (rounding allowed for: mlm's choice)
        raise ZeroDivisionError("model perfectly predicts dependent variable")
    tss = float(((y - y.mean()) ** 2).sum()) if constant else float(y @ y)
    r2 = 1 - rss / tss if tss > 0 else float("nan")
    XtXi = np.linalg.inv(X.T @ X)
    n_sigma = None
    if independent:
        s2 = rss / len(y)
        sigma = np.eye(M) * s2
        meat = s2 * (X.T @ X)
    elif hetonly:
        s2 = np.array([float(e[rows] @ e[rows]) / len(rows) for rows in members])
        sigma = np.diag(s2)
        w = s2[panel_codes]
        meat = (X * w[:, None]).T @ X
    else:
        sigma, n_sigma = _contemporaneous(e, panel_codes, np.asarray(time, float), M, casewise)
        meat = np.zeros((X.shape[1], X.shape[1]))
        for t in np.unique(time):
            rows = np.flatnonzero(time == t)
            g = panel_codes[rows]
            meat += X[rows].T @ sigma[np.ix_(g, g)] @ X[rows]
    V = XtXi @ meat @ XtXi
    V = (V + V.T) / 2
    return PcseFit(b=b, V=V, r2=r2, rhos=rhos, sigma=sigma, n_sigma=n_sigma, bounded=bounded)


def _contemporaneous(e, panel_codes, time, M: int, casewise: bool):
    """Sigma_ij over the periods panels i and j share (pairwise) or all panels share (casewise)."""
    periods = np.unique(time)
    E = np.full((len(periods), M), np.nan)
    E[np.searchsorted(periods, time), panel_codes] = e
    present = np.isfinite(E)
    n_sigma = None
    if casewise:
        full = present.all(axis=1)
        if not full.any():
            raise LookupError("no common periods")
        E, present = E[full], present[full]
        n_sigma = float(full.sum())
    Z = np.where(present, E, 0.0)
    counts = present.T.astype(float) @ present.astype(float)
    sums = Z.T @ Z
    sigma = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    return sigma, n_sigma
