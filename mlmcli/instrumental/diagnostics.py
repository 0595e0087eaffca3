"""The statistics of ``estat firststage``, ``estat endogenous`` and ``estat overid`` after
ivregress ([R] ivregress postestimation, Methods and formulas), from auxiliary least-squares
fits on the estimation sample (weights as in the fit):

- first stage, per endogenous y_j: R2 and adjusted R2 of y_j on Z; the partial R2 of M1 y_j on
  M1 Z1; F of Z1's coefficients (unadjusted: the classical F; robust/cluster: the Wald F with
  the small-sample sandwich, on N-L or M-1 df).  Shea's partial R2 (Shea 1997) with its
  adjustment 1 - (N-1)/(N-K_all)(1-R2), K_all the exogenous variables; the minimum eigenvalue
  of Cragg and Donald (1993) as Stock and Yogo (2005) use it, with their critical values.
- endogeneity (2SLS): Durbin = (u_e'P_e u_e - u_c'P_c u_c)/(u_e'u_e/N), Wu-Hausman =
  Durbin-numerator/q over (u_e'u_e - numerator)/(N-K-q), u_e the residuals of the efficient
  fit (tested variables exogenous), u_c of the consistent one; robust: Wooldridge's (1995)
  score test N - RSS(1 on r_j u_e) and the robust regression F of the fitted endogenous
  variables added to the OLS model.
- overidentification: Sargan N R2(u on Z) and Basmann Sargan (N-L)/(N-Sargan) (2SLS); the robust
  score test; LIML's Anderson-Rubin N(kappa-1) and Basmann F (kappa-1)(N-L)/q; GMM's Hansen J.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats
from mlmcli.instrumental.estimators import IVData, cross, fit_kclass, score_meat

# Stock and Yogo (2005), Tables 5.1-5.4 (as ivregress_estat.ado prints them): rows the number
# of excluded instruments (1..30); 2SLS relative bias 5/10/20/30% for 1, 2, 3 endogenous
# regressors, 2SLS and LIML size (10/15/20/25%) for 1 and 2.
_NA = float("nan")
TSLS_BIAS = {
    1: [None, None, (13.91, 9.08, 6.46, 5.39), (16.85, 10.27, 6.71, 5.34), (18.37, 10.83, 6.77, 5.25),
        (19.28, 11.12, 6.76, 5.15), (19.86, 11.29, 6.73, 5.07), (20.25, 11.39, 6.69, 4.99),
        (20.53, 11.46, 6.65, 4.92), (20.74, 11.49, 6.61, 4.86), (20.90, 11.51, 6.56, 4.80),
        (21.01, 11.52, 6.53, 4.75), (21.10, 11.52, 6.49, 4.71), (21.18, 11.52, 6.45, 4.67),
        (21.23, 11.51, 6.42, 4.63), (21.28, 11.50, 6.39, 4.59), (21.31, 11.49, 6.36, 4.56),
        (21.34, 11.48, 6.33, 4.53), (21.36, 11.46, 6.31, 4.51), (21.38, 11.45, 6.28, 4.48),
        (21.39, 11.44, 6.26, 4.46), (21.40, 11.42, 6.24, 4.43), (21.41, 11.41, 6.22, 4.41),
        (21.41, 11.40, 6.20, 4.39), (21.42, 11.38, 6.18, 4.37), (21.42, 11.37, 6.16, 4.35),
        (21.42, 11.36, 6.14, 4.34), (21.42, 11.34, 6.13, 4.32), (21.42, 11.33, 6.11, 4.31),
        (21.42, 11.32, 6.09, 4.29)],
    2: [None, None, None, (11.04, 7.56, 5.57, 4.73), (13.97, 8.78, 5.91, 4.79), (15.72, 9.48, 6.08, 4.78),
        (16.88, 9.92, 6.16, 4.76), (17.70, 10.22, 6.20, 4.73), (18.30, 10.43, 6.22, 4.69),
        (18.76, 10.58, 6.23, 4.66), (19.12, 10.69, 6.23, 4.62), (19.40, 10.78, 6.22, 4.59),
        (19.64, 10.84, 6.21, 4.56), (19.83, 10.89, 6.20, 4.53), (19.98, 10.93, 6.19, 4.50),
        (20.12, 10.96, 6.17, 4.48), (20.23, 10.99, 6.16, 4.45), (20.33, 11.00, 6.14, 4.43),
        (20.41, 11.02, 6.13, 4.41), (20.48, 11.03, 6.11, 4.39), (20.54, 11.04, 6.10, 4.37),
        (20.60, 11.05, 6.08, 4.35), (20.65, 11.05, 6.07, 4.33), (20.69, 11.05, 6.06, 4.32),
        (20.73, 11.06, 6.05, 4.30), (20.76, 11.06, 6.03, 4.29), (20.79, 11.06, 6.02, 4.27),
        (20.82, 11.05, 6.01, 4.26), (20.84, 11.05, 6.00, 4.24), (20.86, 11.05, 5.99, 4.23)],
    3: [None, None, None, None, (9.53, 6.61, 4.99, 4.30), (12.20, 7.77, 5.35, 4.40), (13.95, 8.50, 5.56, 4.44),
        (15.18, 9.01, 5.69, 4.46), (16.10, 9.37, 5.78, 4.46), (16.80, 9.64, 5.83, 4.45),
        (17.35, 9.85, 5.87, 4.44), (17.80, 10.01, 5.90, 4.42), (18.17, 10.14, 5.92, 4.41),
        (18.47, 10.25, 5.93, 4.39), (18.73, 10.33, 5.94, 4.37), (18.94, 10.41, 5.94, 4.36),
        (19.13, 10.47, 5.94, 4.34), (19.29, 10.52, 5.94, 4.32), (19.44, 10.56, 5.94, 4.31),
        (19.56, 10.60, 5.93, 4.29), (19.67, 10.63, 5.93, 4.28), (19.77, 10.65, 5.92, 4.27),
        (19.86, 10.68, 5.92, 4.25), (19.94, 10.70, 5.91, 4.24), (20.01, 10.71, 5.90, 4.23),
        (20.07, 10.73, 5.90, 4.21), (20.13, 10.74, 5.89, 4.20), (20.18, 10.75, 5.88, 4.19),
        (20.23, 10.76, 5.88, 4.18), (20.27, 10.77, 5.87, 4.17)],
}
TSLS_SIZE = {
    1: [(16.38, 8.96, 6.66, 5.53), (19.93, 11.59, 8.75, 7.25), (22.30, 12.83, 9.54, 7.80),
        (24.58, 13.96, 10.26, 8.31), (26.87, 15.09, 10.98, 8.84), (29.18, 16.23, 11.72, 9.38),
        (31.50, 17.38, 12.48, 9.93), (33.84, 18.54, 13.24, 10.50), (36.19, 19.71, 14.01, 11.07),
        (38.54, 20.88, 14.78, 11.65), (40.90, 22.06, 15.56, 12.23), (43.27, 23.24, 16.35, 12.82),
        (45.64, 24.42, 17.14, 13.41), (48.01, 25.61, 17.93, 14.00), (50.39, 26.80, 18.72, 14.60),
        (52.77, 27.99, 19.51, 15.19), (55.15, 29.19, 20.31, 15.79), (57.53, 30.38, 21.10, 16.39),
        (59.92, 31.58, 21.90, 16.99), (62.30, 32.77, 22.70, 17.60), (64.69, 33.97, 23.50, 18.20),
        (67.07, 35.17, 24.30, 18.80), (69.46, 36.37, 25.10, 19.41), (71.85, 37.57, 25.90, 20.01),
        (74.24, 38.77, 26.71, 20.61), (76.62, 39.97, 27.51, 21.22), (79.01, 41.17, 28.31, 21.83),
        (81.40, 42.37, 29.12, 22.43), (83.79, 43.57, 29.92, 23.04), (86.17, 44.78, 30.72, 23.65)],
    2: [None, (7.03, 4.58, 3.95, 3.63), (13.43, 8.18, 6.40, 5.45), (16.87, 9.93, 7.54, 6.28),
        (19.45, 11.22, 8.38, 6.89), (21.68, 12.33, 9.10, 7.42), (23.72, 13.34, 9.77, 7.91),
        (25.64, 14.31, 10.41, 8.39), (27.51, 15.24, 11.03, 8.85), (29.32, 16.16, 11.65, 9.31),
        (31.11, 17.06, 12.25, 9.77), (32.88, 17.95, 12.86, 10.22), (34.62, 18.84, 13.45, 10.68),
        (36.36, 19.72, 14.05, 11.13), (38.08, 20.60, 14.65, 11.58), (39.80, 21.48, 15.24, 12.03),
        (41.51, 22.35, 15.83, 12.49), (43.22, 23.22, 16.42, 12.94), (44.92, 24.09, 17.02, 13.39),
        (46.62, 24.96, 17.61, 13.84), (48.31, 25.82, 18.20, 14.29), (50.01, 26.69, 18.79, 14.74),
        (51.70, 27.56, 19.38, 15.19), (53.39, 28.42, 19.97, 15.64), (55.07, 29.29, 20.56, 16.10),
        (56.76, 30.15, 21.15, 16.55), (58.45, 31.02, 21.74, 17.00), (60.13, 31.88, 22.33, 17.45),
        (61.82, 32.74, 22.92, 17.90), (63.51, 33.61, 23.51, 18.35)],
}
LIML_SIZE = {
    1: [(16.38, 8.96, 6.66, 5.53), (8.68, 5.33, 4.42, 3.92), (6.46, 4.36, 3.69, 3.32), (5.44, 3.87, 3.30, 2.98),
        (4.84, 3.56, 3.05, 2.77), (4.45, 3.34, 2.87, 2.61), (4.18, 3.18, 2.73, 2.49), (3.97, 3.04, 2.63, 2.39),
        (3.81, 2.93, 2.54, 2.32), (3.68, 2.84, 2.46, 2.25), (3.58, 2.76, 2.40, 2.19), (3.50, 2.69, 2.34, 2.14),
        (3.42, 2.63, 2.29, 2.10), (3.36, 2.57, 2.25, 2.06), (3.31, 2.52, 2.21, 2.03), (3.27, 2.48, 2.18, 2.00),
        (3.24, 2.44, 2.14, 1.97), (3.20, 2.41, 2.11, 1.94), (3.18, 2.37, 2.09, 1.92), (3.21, 2.34, 2.06, 1.90),
        (3.39, 2.32, 2.04, 1.88), (3.57, 2.29, 2.02, 1.86), (3.68, 2.27, 2.00, 1.84), (3.75, 2.25, 1.98, 1.83),
        (3.79, 2.24, 1.96, 1.81), (3.82, 2.22, 1.95, 1.80), (3.85, 2.21, 1.93, 1.78), (3.86, 2.20, 1.92, 1.77),
        (3.87, 2.19, 1.90, 1.76), (3.88, 2.18, 1.89, 1.75)],
    2: [None, (7.03, 4.58, 3.95, 3.63), (5.44, 3.81, 3.32, 3.09), (4.72, 3.39, 2.99, 2.79),
        (4.32, 3.13, 2.78, 2.60), (4.06, 2.95, 2.63, 2.46), (3.90, 2.83, 2.52, 2.35), (3.78, 2.73, 2.43, 2.27),
        (3.70, 2.66, 2.36, 2.20), (3.64, 2.60, 2.30, 2.14), (3.60, 2.55, 2.25, 2.09), (3.58, 2.52, 2.21, 2.05),
        (3.56, 2.48, 2.17, 2.02), (3.55, 2.46, 2.14, 1.99), (3.54, 2.44, 2.11, 1.96), (3.55, 2.42, 2.09, 1.93),
        (3.55, 2.41, 2.07, 1.91), (3.56, 2.40, 2.05, 1.89), (3.57, 2.39, 2.03, 1.87), (3.58, 2.38, 2.02, 1.86),
        (3.59, 2.38, 2.01, 1.84), (3.60, 2.37, 1.99, 1.83), (3.62, 2.37, 1.98, 1.81), (3.64, 2.37, 1.98, 1.80),
        (3.65, 2.37, 1.97, 1.79), (3.67, 2.38, 1.96, 1.78), (3.74, 2.38, 1.96, 1.77), (3.87, 2.38, 1.95, 1.77),
        (4.02, 2.39, 1.95, 1.76), (4.12, 2.39, 1.95, 1.75)],
}


def critical_values(n_endog: int, n_excluded: int) -> tuple[tuple[float, ...], ...]:
    """The 3 x 4 rows (2SLS bias, 2SLS size, LIML size), NaN where Stock and Yogo give none."""
    def pick(table, n):
        rows = table.get(n_endog)
        row = rows[n - 1] if rows is not None and 1 <= n <= len(rows) else None
        return tuple(row) if row is not None else (_NA,) * 4

    return (pick(TSLS_BIAS, n_excluded), pick(TSLS_SIZE, n_excluded), pick(LIML_SIZE, n_excluded))


@dataclass
class LeastSquares:
    b: np.ndarray
    resid: np.ndarray
    rss: float
    r2: float


def least_squares(d: IVData, y: np.ndarray, M: np.ndarray, constant: bool) -> LeastSquares:
    """Weighted OLS of y on M (M holds the constant column when the model has one); R2 centred
    when ``constant``."""
    MM = cross(M, d.w, M)
    b = np.linalg.lstsq(MM, cross(M, d.w, y[:, None])[:, 0], rcond=None)[0] if M.shape[1] else np.zeros(0)
    e = y - M @ b if M.shape[1] else y.copy()
    rss = float(np.sum(d.w * e * e))
    if constant:
        ybar = float(np.sum(d.w * y) / np.sum(d.w))
        tss = float(np.sum(d.w * (y - ybar) ** 2))
    else:
        tss = float(np.sum(d.w * y * y))
    return LeastSquares(b, e, rss, 1 - rss / tss if tss > 0 else float("nan"))


def _wald_F(d: IVData, M: np.ndarray, fit: LeastSquares, cols: list[int], vce: str) -> tuple[float, float]:
    """(F, denominator df) of the coefficients ``cols`` of an OLS fit: classical under
    unadjusted, else with the small-sample robust/cluster sandwich."""
    N, L = d.N, M.shape[1]
    q = len(cols)
    if vce == "unadjusted":
        V = fit.rss / (N - L) * np.linalg.pinv(cross(M, d.w, M))
        df_d = N - L
    else:
        bread = np.linalg.pinv(cross(M, d.w, M))
        meat, G = score_meat(d, M, fit.resid, d.cluster)
        V = bread @ meat @ bread
        if d.cluster is not None:
            V *= (N - 1) / (N - L) * G / (G - 1)
            df_d = G - 1
        else:
            V *= N / (N - L)
            df_d = N - L
    bq = fit.b[cols]
    Vq = V[np.ix_(cols, cols)]
    try:  # a V singular or past the double range (data near 1e150): the F is missing
        F = float(bq @ np.linalg.solve(Vq, bq)) / q if np.all(np.isfinite(Vq)) else float("nan")
    except np.linalg.LinAlgError:
        F = float("nan")
    return F, float(df_d)


def first_stage_rows(d: IVData, vce: str) -> list[tuple]:
    """Per endogenous variable: (R2, adj R2, partial R2, F, df_n, df_d, p)."""
    Z, X1, Z1 = d.Z, d.X1, d.Z1
    N, L, m = d.N, Z.shape[1], Z1.shape[1]
    out = []
    MZ1 = np.column_stack([least_squares(d, Z1[:, j], X1, d.constant).resid for j in range(m)])
    for j in range(d.Y.shape[1]):
        yj = d.Y[:, j]
        full = least_squares(d, yj, Z, d.constant)
        my = least_squares(d, yj, X1, d.constant).resid
        partial = least_squares(d, my, np.column_stack([MZ1, np.ones(len(my))]) if d.constant else MZ1,
                                d.constant).r2
        if N <= L:  # no residual degrees of freedom: adjusted R2 and F missing (no Stata evidence)
            out.append((full.r2, np.nan, partial, np.nan, m, float(N - L), np.nan))
            continue
        r2_a = 1 - (1 - full.r2) * (N - (1 if d.constant else 0)) / (N - L)
        F, df_d = _wald_F(d, Z, full, list(range(X1.shape[1], L)), vce)
        out.append((full.r2, r2_a, partial, F, m, df_d, float(stats.f.sf(F, m, df_d))))
    return out


def shea_partial(d: IVData, n_exog: int) -> list[tuple[float, float]]:
    """Shea's partial R2 and its adjusted form per endogenous variable."""
    Yh = np.column_stack([d.Y[:, j] - least_squares(d, d.Y[:, j], d.Z, d.constant).resid
                          for j in range(d.Y.shape[1])])
    N, out = d.N, []
    for j in range(d.Y.shape[1]):
        others = [i for i in range(d.Y.shape[1]) if i != j]
        xt = least_squares(d, d.Y[:, j], np.column_stack([d.Y[:, others], d.X1]), d.constant).resid
        xb = least_squares(d, Yh[:, j], np.column_stack([Yh[:, others], d.X1]), d.constant).resid
        M = np.column_stack([xb, np.ones(len(xb))]) if d.constant else xb[:, None]
        r2 = least_squares(d, xt, M, d.constant).r2
        out.append((r2, 1 - (N - 1) / (N - n_exog) * (1 - r2)))
    return out


def minimum_eigenvalue(d: IVData) -> float:
    """Cragg-Donald: the smallest eigenvalue of Sigma^-1/2 Y'M1 Z1 (Z1'M1 Z1)^-1 Z1'M1 Y
    Sigma^-1/2 / m, Sigma = Y'M_Z Y / (N - L)."""
    from mlmcli.instrumental.estimators import projection_residual_cross

    Y, Z1 = d.Y, d.Z1
    if d.N <= d.Z.shape[1]:  # no residual degrees of freedom: missing (no Stata evidence)
        return float("nan")
    sigma = projection_residual_cross(d, Y, Y, d.Z) / (d.N - d.Z.shape[1])
    vals, vecs = np.linalg.eigh(0.5 * (sigma + sigma.T))
    half = vecs @ np.diag(vals ** -0.5) @ vecs.T
    YMZ = projection_residual_cross(d, Y, Z1, d.X1)
    ZMZ = projection_residual_cross(d, Z1, Z1, d.X1)
    F = half @ YMZ @ np.linalg.solve(ZMZ, YMZ.T) @ half / Z1.shape[1]
    return float(np.linalg.eigvalsh(0.5 * (F + F.T))[0])


def durbin_wu(d: IVData, tested: list[int]) -> dict:
    """Durbin and Wu-Hausman of the endogenous columns ``tested`` (the others stay
    instrumented)."""
    rest = [j for j in range(d.Y.shape[1]) if j not in tested]
    q, N = len(tested), d.N
    k = d.X.shape[1]
    consistent = fit_kclass(d, "2sls", "unadjusted")
    uc = d.y - d.X @ consistent.b
    eff = IVData(d.y, d.Y[:, rest], np.column_stack([d.X1, d.Y[:, tested]]), d.Z1, d.w, d.wkind,
                 constant=d.constant)
    if rest:
        ue = d.y - eff.X @ fit_kclass(eff, "2sls", "unadjusted").b
    else:
        ue = least_squares(d, d.y, eff.X, d.constant).resid
    ussr = float(np.sum(d.w * ue * ue))
    explained = lambda u, M: float(np.sum(d.w * u * u)) - least_squares(d, u, M, d.constant).rss  # noqa: E731
    diff = explained(ue, eff.Z) - explained(uc, d.Z)
    durbin = diff / (ussr / N)
    df_d = N - k - q
    wu = diff / q / ((ussr - diff) / df_d)
    return {"durbin": durbin, "p_durbin": float(stats.chi2.sf(durbin, q)), "wu": wu,
            "p_wu": float(stats.f.sf(wu, q, df_d)), "wudf_r": df_d, "df": float(q)}


def _fitted_endogenous(d: IVData) -> np.ndarray:
    return np.column_stack([d.Y[:, j] - least_squares(d, d.Y[:, j], d.Z, d.constant).resid
                            for j in range(d.Y.shape[1])])


def robust_score_endog(d: IVData) -> float:
    """Wooldridge's robust score test that every endogenous regressor is exogenous."""
    uhat = least_squares(d, d.y, d.X, d.constant).resid
    Yh = _fitted_endogenous(d)
    R = np.column_stack([least_squares(d, Yh[:, j], d.X, d.constant).resid * uhat for j in range(Yh.shape[1])])
    return d.N - least_squares(d, np.ones(len(uhat)), R, False).rss


def regression_F_endog(d: IVData, vce: str) -> tuple[float, int, float]:
    """The robust regression-based test: y on X and the fitted endogenous variables, Wald F of
    the latter with the small-sample sandwich."""
    Yh = _fitted_endogenous(d)
    p = Yh.shape[1]
    M = np.column_stack([d.Y, d.X1[:, :-1] if d.constant else d.X1, Yh] + ([d.X1[:, -1:]] if d.constant else []))
    fit = least_squares(d, d.y, M, d.constant)
    start = d.Y.shape[1] + d.X1.shape[1] - (1 if d.constant else 0)
    F, df_d = _wald_F(d, M, fit, list(range(start, start + p)), vce)
    return F, p, df_d


def sargan_basmann(d: IVData, u: np.ndarray) -> tuple[float, float]:
    N, L = d.N, d.Z.shape[1]
    sargan = N * (1 - least_squares(d, u, d.Z, d.constant).rss / float(np.sum(d.w * u * u)))
    return sargan, sargan * (N - L) / (N - sargan)


def robust_score_overid(d: IVData, u: np.ndarray, n_overid: int) -> float:
    """Wooldridge's score test: the first Q excluded instruments' residuals on [fitted endogenous,
    included exogenous] times u; N - RSS of 1 on them."""
    M = np.column_stack([_fitted_endogenous(d), d.X1])
    K = np.column_stack([least_squares(d, d.Z1[:, j], M, d.constant).resid * u for j in range(n_overid)])
    return d.N - least_squares(d, np.ones(len(u)), K, False).rss
