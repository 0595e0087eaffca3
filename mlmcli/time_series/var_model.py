"""Vector autoregressions fitted equation by equation ([TS] var; var.ado and _qsur.ado of Stata 8-16).

Every equation regresses one endogenous variable on the same regressors: each endogenous variable
at each lag in ``lags`` (variable by variable, lags within), the exogenous variables, then the
constant.  OLS per equation is the ML estimate of the system; Sigma_ml is the residual cross
product over T (``dfk``: over T - m, m the regressors per equation).  e(V) = Sigma kron (X'X)^-1,
so the ML Sigma unless dfk.  ll = -T/2 (K ln 2pi + ln|Sigma_ml| + K); fpe = ((T+m)/(T-m))^K
|Sigma_ml|; AIC/HQIC/SBIC = -2 ll/T + c(T) K m/T, or with ``lutstats`` Lutkepohl's
ln|Sigma_ml| + c(T) p K^2 / T (p the number of lags named), c(T) = 2, 2 ln ln T, ln T.
Each equation's model test is the Wald test of its non-constant coefficients on that V (F = chi2/q
with ``small``, on T - m denominator degrees of freedom).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class VarEquation:
    nobs: int
    parms: int  # regress's e(N) - e(df_r)
    rmse: float  # sqrt(rss / (T - m)), regress's root MSE
    r2: float
    ll: float  # regress's log likelihood of the equation alone
    df_m: int
    stat: float  # chi2 (or F with small) of the non-constant coefficients
    p: float


@dataclass(frozen=True)
class VarFit:
    B: np.ndarray  # K x m, one row per equation
    V: np.ndarray  # Km x Km
    Sigma: np.ndarray  # ML, or dfk-adjusted
    Sigma_ml: np.ndarray
    resid: np.ndarray  # T x K
    T: int
    m: int
    ll: float
    ll_dfk: float
    detsig_ml: float
    detsig: float
    fpe: float
    aic: float
    hqic: float
    sbic: float
    equations: tuple[VarEquation, ...]


def fit_var(Y: np.ndarray, X: np.ndarray, *, constant: bool, nlags: int, dfk: bool = False, small: bool = False,
            lutstats: bool = False) -> VarFit:
    """Y: T x K endogenous values; X: T x m regressors (the constant last when ``constant``)."""
    from mlmcli.distributions import chi2 as chi2_dist, f as f_dist

    T, K = Y.shape
    m = X.shape[1]
    if T <= m:
        raise StataError("insufficient observations", 2001)
    with np.errstate(over="ignore", invalid="ignore"):
        XtX = X.T @ X
        square = Y.T @ Y
    if not (np.all(np.isfinite(XtX)) and np.all(np.isfinite(square))):
        # values near the largest double: the cross-products (Stata's missing) past its range,
        # so b and V are missing -- est post's refusal of such a matrix
        raise StataError("matrix has missing values", 504)
    if m and np.linalg.matrix_rank(XtX) < m:
        raise StataError("the regressors of the VAR are collinear; mlmcli does not drop collinear lags", 498)
    XtXi = np.linalg.inv(XtX) if m else np.zeros((0, 0))
    B = (XtXi @ X.T @ Y).T if m else np.zeros((K, 0))
    resid = Y - X @ B.T if m else Y.copy()
    Sigma_ml = resid.T @ resid / T
    detsig_ml = float(np.linalg.det(Sigma_ml))
    Sigma = Sigma_ml * (T / (T - m)) if dfk else Sigma_ml
    detsig = float(np.linalg.det(Sigma))
    V = np.kron(Sigma, XtXi)
    ll = -0.5 * T * (K * np.log(2 * np.pi) + np.log(detsig_ml) + K)
    ll_dfk = -0.5 * T * (K * np.log(2 * np.pi) + np.log(detsig) + K)
    tested = list(range(m - 1)) if constant else list(range(m))
    equations = []
    for i in range(K):
        y, e = Y[:, i], resid[:, i]
        rss = float(e @ e)
        tss = float(((y - y.mean()) ** 2).sum()) if constant else float(y @ y)
        b = B[i, tested]
        block = V[i * m:(i + 1) * m, i * m:(i + 1) * m][np.ix_(tested, tested)]
        q = len(tested)
        chi2 = float(b @ np.linalg.solve(block, b)) if q else float("nan")
        if small:
            stat = chi2 / q if q else float("nan")
            p = float(f_dist.sf(stat, q, T - m)) if q else float("nan")
        else:
            stat, p = chi2, (float(chi2_dist.sf(chi2, q)) if q else float("nan"))
        equations.append(VarEquation(T, m, float(np.sqrt(rss / (T - m))), 1 - rss / tss if tss > 0 else float("nan"),
                                     float(-0.5 * T * (1 + np.log(2 * np.pi) + np.log(rss / T))), q, stat, p))
    fpe = ((T + m) / (T - m)) ** K * detsig_ml
    if lutstats:
        base, parms = np.log(detsig_ml), nlags * K * K
    else:
        base, parms = -2 * ll / T, K * m
    aic = base + 2 * parms / T
    hqic = base + 2 * np.log(np.log(T)) / T * parms
    sbic = base + np.log(T) / T * parms
    return VarFit(B, V, Sigma, Sigma_ml, resid, T, m, float(ll), float(ll_dfk), detsig_ml, detsig, float(fpe),
                  float(aic), float(hqic), float(sbic), tuple(equations))


def companion(B: np.ndarray, K: int, lags: tuple[int, ...]) -> np.ndarray:
    """The K p x K p companion matrix of the lag coefficients (columns of B: variable-major,
    lag-minor over ``lags``; a lag not named is a zero block)."""
    p = max(lags) if lags else 0
    A = np.zeros((K * p, K * p))
    for i in range(K):
        for j in range(K):
            for a, lag in enumerate(lags):
                A[i, (lag - 1) * K + j] = B[i, j * len(lags) + a]
    if p > 1:
        A[K:, :-K] = np.eye(K * (p - 1))
    return A


def wald(b: np.ndarray, V: np.ndarray, idx: list[int]) -> tuple[float, int]:
    """Wald chi2 of b[idx] = 0 and its degrees of freedom (test's rank of V[idx, idx])."""
    sub = V[np.ix_(idx, idx)]
    vals, U = np.linalg.eigh((sub + sub.T) / 2)
    keep = vals > 1e-12 * max(vals.max(), 0.0)
    z = U[:, keep].T @ b[idx]
    return float((z ** 2 / vals[keep]).sum()), int(keep.sum())


def normality(resid: np.ndarray, Sigma: np.ndarray, P: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """varnorm's skewness and kurtosis of the residuals orthogonalized by the lower Cholesky
    factor P of Sigma (or the given P: svar's A^-1 B): w = P^-1 u (Lutkepohl 1993)."""
    if P is None:
        P = np.linalg.cholesky(Sigma)
    W = np.linalg.solve(P, resid.T).T
    return (W ** 3).mean(axis=0), (W ** 4).mean(axis=0)


def lag_residuals(resid: np.ndarray, j: int) -> np.ndarray:
    """The residuals lagged j periods over the sample, 0 before it (varlmar)."""
    out = np.zeros_like(resid)
    out[j:] = resid[:-j]
    return out
