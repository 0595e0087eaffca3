"""Johansen's reduced-rank ML estimation of a cointegrated VAR ([TS] vecrank, [TS] vec; _vecu.ado
of the Stata 16 tree, unchanged since Stata 9).

The VECM  D.y_t = alpha beta' z1_t + Gamma z2_t + e_t : z0 = D.y (K columns), z1 = L.y plus the
restricted deterministic term (rconstant: 1, rtrend: _trend), z2 = L(1/p-1).D.y plus the
unrestricted terms (constant: 1, trend: _trend 1, rtrend: 1).  R0 and R1 are z0 and z1 with z2
partialled out, S_ij = R_i'R_j / T; the eigenvalues lambda of S11^-1/2 S10 S00^-1 S01 S11^-1/2
(descending) give ll(r) = -T/2 (K ln 2pi + ln|S00| + K + sum_{i<=r} ln(1 - lambda_i)),
parms(r) = K nz2 + (K + nz1 - r) r, trace(r) = -T sum_{i>r} ln(1 - lambda_i) and
max(r) = -T ln(1 - lambda_{r+1}).  vec normalizes beta = b (b_{1:r,.})^-1 (Johansen's
identification), alpha = S01 beta (beta' S11 beta)^-1, Omega = S00 - alpha beta' S10.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

TRENDS = ("none", "rconstant", "constant", "rtrend", "trend")

# Osterwald-Lenum (1992) 5% and 1% critical values as vecrank prints them (_vecgetcv.ado): row
# K - r (1..11), columns none, rconstant, constant, rtrend, trend.
_TRACE95 = ((3.84, 9.42, 3.76, 12.25, 3.74), (12.53, 19.96, 15.41, 25.32, 18.17),
            (24.31, 34.91, 29.68, 42.44, 34.55), (39.89, 53.12, 47.21, 62.99, 54.64),
            (59.46, 76.07, 68.52, 87.31, 77.74), (82.49, 102.14, 94.15, 114.90, 104.94),
            (109.99, 131.70, 124.24, 146.76, 136.61), (141.20, 165.58, 156.00, 182.82, 170.80),
            (175.77, 202.92, 192.89, 222.21, 208.97), (212.67, 244.15, 233.13, 263.42, 250.84),
            (255.27, 291.40, 277.71, 310.81, 295.99))
_TRACE99 = ((6.51, 12.97, 6.65, 16.26, 6.40), (16.31, 24.60, 20.04, 30.45, 23.46),
            (29.75, 41.07, 35.65, 48.45, 40.49), (45.58, 60.16, 54.46, 70.05, 61.21),
            (66.52, 84.45, 76.07, 96.58, 85.78), (90.45, 111.01, 103.18, 124.75, 114.36),
            (119.80, 143.09, 133.57, 158.49, 146.99), (152.32, 177.20, 168.36, 196.08, 182.51),
            (187.31, 215.74, 204.95, 234.41, 222.46), (226.40, 257.68, 247.18, 279.07, 263.94),
            (269.81, 307.64, 293.44, 327.45, 312.58))
_MAX95 = ((3.84, 9.24, 3.76, 12.52, 3.74), (11.44, 15.67, 14.07, 18.96, 16.87),
          (17.89, 22.00, 20.97, 25.54, 23.78), (23.80, 28.14, 27.07, 31.46, 30.33),
          (30.04, 34.40, 33.46, 37.52, 36.41), (36.36, 40.30, 39.37, 43.97, 42.48),
          (41.51, 46.45, 45.28, 49.42, 48.45), (47.99, 52.00, 51.42, 55.50, 54.25),
          (53.69, 57.42, 57.12, 61.29, 60.29), (59.06, 63.57, 62.81, 66.23, 66.10),
          (65.30, 69.74, 68.83, 72.72, 71.68))
_MAX99 = ((6.51, 12.97, 6.65, 16.26, 6.40), (15.69, 20.20, 18.63, 23.65, 21.47),
          (22.99, 26.81, 25.52, 30.34, 28.83), (28.82, 33.24, 32.24, 36.65, 35.68),
          (35.17, 39.79, 38.77, 42.36, 41.58), (41.00, 46.82, 45.10, 49.51, 48.17),
          (47.15, 51.91, 51.57, 54.71, 54.48), (53.90, 57.95, 57.69, 62.46, 60.81),
          (59.78, 63.71, 62.80, 67.88, 66.91), (65.21, 69.94, 69.09, 73.73, 72.96),
          (72.36, 76.63, 75.95, 79.23, 78.51))


def critical_value(test: str, level: int, k_minus_r: int, trend: str) -> float:
    """vecrank's critical value of ``test`` (trace/max) at 5% (95) or 1% (99); missing past
    the table's eleven rows."""
    table = {("trace", 95): _TRACE95, ("trace", 99): _TRACE99, ("max", 95): _MAX95, ("max", 99): _MAX99}[test, level]
    if not 1 <= k_minus_r <= len(table):
        return float("nan")
    return table[k_minus_r - 1][TRENDS.index(trend)]


@dataclass(frozen=True)
class Moments:
    T: int
    K: int
    nz1: int
    nz2: int
    S00: np.ndarray
    S01: np.ndarray
    S11: np.ndarray
    lam: np.ndarray  # nz1 eigenvalues, descending
    vectors: np.ndarray  # nz1 x nz1, the columns b with b' S11 b = I


def _residuals(Z: np.ndarray, Z2: np.ndarray) -> np.ndarray:
    if Z2.shape[1] == 0:
        return Z
    coef, *_ = np.linalg.lstsq(Z2, Z, rcond=None)
    return Z - Z2 @ coef


def _inverse_sqrt(S: np.ndarray) -> np.ndarray:
    vals, W = np.linalg.eigh((S + S.T) / 2)
    inv = np.where(vals > 1e-15, 1 / np.sqrt(np.where(vals > 1e-15, vals, 1.0)), 0.0)
    return (W * inv) @ W.T


def moments(Z0: np.ndarray, Z1: np.ndarray, Z2: np.ndarray) -> Moments:
    """The product moments of the partialled-out levels and differences and the eigenproblem."""
    T, K = Z0.shape
    R0, R1 = _residuals(Z0, Z2), _residuals(Z1, Z2)
    S00, S01, S11 = R0.T @ R0 / T, R0.T @ R1 / T, R1.T @ R1 / T
    try:
        S00i = np.linalg.inv(S00)
    except np.linalg.LinAlgError:
        raise StataError("cannot perform estimation using Johansen's method", 498) from None
    root = _inverse_sqrt(S11)
    M = root @ S01.T @ S00i @ S01 @ root
    vals, U = np.linalg.eigh((M + M.T) / 2)
    order = np.argsort(-vals, kind="stable")
    return Moments(T, K, Z1.shape[1], Z2.shape[1], S00, S01, S11, vals[order], root @ U[:, order])


@dataclass(frozen=True)
class RankStatistics:
    ll: np.ndarray  # ranks 0..K
    parms: np.ndarray
    aic: np.ndarray
    sbic: np.ndarray
    hqic: np.ndarray
    lam: np.ndarray  # K eigenvalues
    trace: np.ndarray  # ranks 0..K-1
    max: np.ndarray


def information(ll, parms, T: int):
    """MKic: (AIC, SBIC, HQIC) = (-2 ll + c parms) / T."""
    ll, parms = np.asarray(ll, float), np.asarray(parms, float)
    return (-2 * ll + 2 * parms) / T, (-2 * ll + np.log(T) * parms) / T, (-2 * ll + 2 * np.log(np.log(T)) * parms) / T


def rank_statistics(m: Moments) -> RankStatistics:
    K, T = m.K, m.T
    logs = np.log1p(-m.lam[:K])
    llcons = -0.5 * T * (K * np.log(2 * np.pi) + np.log(np.linalg.det(m.S00)) + K)
    ll = llcons - 0.5 * T * np.concatenate([[0.0], np.cumsum(logs)])
    parms = np.array([K * m.nz2 + (K + m.nz1 - r) * r for r in range(K + 1)], float)
    aic, sbic, hqic = information(ll, parms, T)
    mx = -T * logs
    trace = np.array([mx[r:].sum() for r in range(K)])
    return RankStatistics(ll, parms, aic, sbic, hqic, m.lam[:K].copy(), trace, mx)


def selected_rank(stats: RankStatistics, trend: str, level: int) -> float:
    """Johansen's sequential trace tests: the first rank whose trace statistic does not exceed
    its critical value (missing when every one does)."""
    K = len(stats.trace)
    for r in range(K):
        if stats.trace[r] <= critical_value("trace", level, K - r, trend):
            return float(r)
    return float("nan")


@dataclass(frozen=True)
class Cointegration:
    beta: np.ndarray  # nz1 x r, Johansen-normalized
    alpha: np.ndarray  # K x r
    omega: np.ndarray  # K x K
    ll: float
    parms: int
    df: int  # int(parms / K)
    V_beta: np.ndarray  # (nz1 r) x (nz1 r), vec(beta) column by column
    V_alpha: np.ndarray  # (K r) x (K r), row by row of alpha


def cointegration(m: Moments, rank: int) -> Cointegration:
    K, T, nz1 = m.K, m.T, m.nz1
    b = m.vectors[:, :rank]
    gram = b.T @ b
    if np.any(np.diag(np.linalg.pinv(gram)) <= 1e-15):
        raise StataError("the parameters of the cointegrating equations are not identified by the sample", 498)
    try:
        beta = b @ np.linalg.inv(b[:rank, :])
    except np.linalg.LinAlgError:
        raise StataError("the parameters of the cointegrating equations are not identified by the sample", 498) from None
    sbb = beta.T @ m.S11 @ beta
    alpha = m.S01 @ beta @ np.linalg.inv(sbb)
    omega = m.S00 - alpha @ beta.T @ m.S01.T
    ll = float(-0.5 * T * (K * np.log(2 * np.pi) + np.log(abs(np.linalg.det(omega))) + K))
    parms = K * m.nz2 + (K + nz1 - rank) * rank
    df = parms // K
    rho = alpha.T @ np.linalg.inv(omega) @ alpha
    H = np.vstack([np.zeros((rank, nz1 - rank)), np.eye(nz1 - rank)])
    inner = np.linalg.pinv(np.kron(rho, H.T @ m.S11 @ H)) / (T - df)
    H2 = np.kron(np.eye(rank), H)
    V_beta = H2 @ inner @ H2.T
    V_alpha = np.kron(omega, np.linalg.inv(sbb)) / (T - df)
    return Cointegration(beta, alpha, omega, ll, parms, df, V_beta, V_alpha)


@dataclass(frozen=True)
class ShortRun:
    B: np.ndarray  # K x m: L._ce1.., L(1/p-1).D.y.., the unrestricted terms
    V: np.ndarray  # Km x Km
    resid: np.ndarray  # T x K
    rmse: np.ndarray
    r2: np.ndarray  # uncentered (regress, noconstant)
    chi2: np.ndarray  # every regressor of the equation, the constant too
    df_m: int


def short_run(Y: np.ndarray, X: np.ndarray, df: int) -> ShortRun:
    """_qsur with dfmodel(df): OLS per equation, e(V) = Sigma kron (X'X)^-1 with Sigma the residual
    cross product over T - df."""
    T, m = X.shape
    XtXi = np.linalg.pinv(X.T @ X)
    B = (XtXi @ X.T @ Y).T
    resid = Y - X @ B.T
    Sigma = resid.T @ resid / (T - df)
    V = np.kron(Sigma, XtXi)
    rss = (resid ** 2).sum(axis=0)
    rmse = np.sqrt(rss / (T - m))
    r2 = 1 - rss / (Y ** 2).sum(axis=0)
    chi2 = []
    for i in range(Y.shape[1]):
        block = V[i * m:(i + 1) * m, i * m:(i + 1) * m]
        chi2.append(float(B[i] @ np.linalg.solve(block, B[i])))
    return ShortRun(B, V, resid, rmse, r2, np.asarray(chi2), m)


def orthogonal_complement(A: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the space orthogonal to A's columns."""
    U, s, _ = np.linalg.svd(A, full_matrices=True)
    return U[:, A.shape[1]:]
