"""``ivreg2`` (Baum, Schaffer and Stillman, SSC): the estimates and the statistics of its header
and footer, as ivreg2.ado and ranktest.ado define them (read to learn; no code copied).

    y = X b + u,  X = [Y (K1 endogenous), X2 (included exogenous, the constant last)],
    Z = [X2, Z1 (L1 excluded)],  N observations, K = cols(X), L = cols(Z)

- ``iv`` (2SLS) and ``liml`` (k-class, k = lambda, the smallest root of |W'M2 W - l W'Mz W| = 0,
  W = [y Y]); V = sigma2 (X'(I - k Mz) X)^-1, sigma2 = rss/(N - dofminus) (small:
  rss/(N - K - dofminus - sdofminus)); robust 2SLS: the sandwich (X'PzX)^-1 Xh' Omega Xh
  (X'PzX)^-1, Xh = Pz X, Omega = sum u_i^2 x_i x_i' (cluster: the scores summed within clusters);
  LIML: A^-1 Xh' Omega Xh A^-1 with A = X'(I - k Mz)X.
- ``gmm2s``: S = Omega/N from the 2SLS residuals (homoskedastic: sigma2 Z'Z/N), b = (X'Z S^-1 Z'X)^-1
  X'Z S^-1 Z'y, V = N (X'Z S^-1 Z'X)^-1.
- small: V times (N - dofminus)/(N - K - dofminus - sdofminus) (cluster: (N-1)/(N-K-sdofminus)
  M/(M-1)); df_r = N - K - dofminus - sdofminus (cluster: M - 1).
- Model F: W/df_m of the slopes' Wald statistic W; without small it is rescaled to the small
  scale, W/df_m df_r/(N - dofminus) (cluster: W/df_m (M-1)/M (N-K-sdofminus)/(N-1)).
- Overidentification: Sargan = u'Pz u/(u'u/N) (homoskedastic); Hansen J = (Z'e)' S^-1 (Z'e)/N of
  the efficient two-step GMM fit with S from the fit's own residuals (robust/cluster); LIML's Anderson-Rubin = (N - dofminus) ln(lambda).
- Identification (endogenous Y and Z1 partialled on X2): the canonical correlations r_j of
  Y and Z1; Anderson LM = (N - dofminus) min r_j^2, Cragg-Donald F = min r^2/(1 - r^2)
  (N - L - dofminus - sdofminus)/L1; robust/cluster: Kleibergen and Paap's (2006) rk statistic
  for rank K1-1, the LM form with the scores of Y, the Wald form with those of the reduced-form
  residuals, rescaled as ivreg2 does (``kleibergen_paap``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError
from mlmcli.instrumental.estimators import IVData, cross, kclass, liml_kappa, score_meat
from mlmcli.sorted_codes import row_codes


@dataclass
class IVReg2Fit:
    b: np.ndarray
    V: np.ndarray
    resid: np.ndarray
    scalars: dict = field(default_factory=dict)
    S: np.ndarray | None = None  # the moments' covariance behind e(j) (homoskedastic: sigma2 Z'Z/N)


def _inv(A: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(A)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None


def _projection(d: IVData, A: np.ndarray | None = None, Z: np.ndarray | None = None) -> np.ndarray:
    """Pz A (weighted; A = X, Z = all instruments unless given)."""
    Z = d.Z if Z is None else Z
    A = d.X if A is None else A
    sw = np.sqrt(d.w)[:, None]
    return Z @ np.linalg.lstsq(Z * sw, A * sw, rcond=None)[0]


def _meat(d: IVData, M: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, int]:
    """Omega (unscaled) of the moments M_i u_i and the number of clusters: heteroskedastic,
    clustered, or with d.kernel the HAC form (d.cluster is None then; ``ac`` fits pass no robust)."""
    if d.kernel is not None:
        from mlmcli.instrumental.ivreg2_hac import long_run_meat

        return long_run_meat(d.kernel, M, u, d.w, getattr(d.kernel, "robust", True), d.N), 0
    if d.cluster2 is not None:  # Cameron, Gelbach and Miller: Omega_1 + Omega_2 - Omega_12
        both = row_codes([d.cluster, d.cluster2])
        o1, m1 = score_meat(d, M, u, d.cluster)
        o2, m2 = score_meat(d, M, u, d.cluster2)
        return o1 + o2 - score_meat(d, M, u, both)[0], min(m1, m2)
    return score_meat(d, M, u, d.cluster)


def moment_meat(d: IVData, M: np.ndarray, u: np.ndarray) -> np.ndarray:
    return _meat(d, M, u)[0]


def _efficient_gmm(d: IVData, S: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """(b, V, J) of GMM with weight S^-1 (S over Z's columns, scaled by 1/N)."""
    Z, X, N = d.Z, d.X, d.N
    Si = np.linalg.pinv(0.5 * (S + S.T))
    ZX, Zy = cross(Z, d.w, X), cross(Z, d.w, d.y[:, None])[:, 0]
    A = ZX.T @ Si @ ZX
    b = np.linalg.solve(A, ZX.T @ Si @ Zy)
    Zu = cross(Z, d.w, (d.y - X @ b)[:, None])[:, 0]
    return b, N * _inv(A), float(Zu @ Si @ Zu) / N


def fit_ivreg2(d: IVData, model: str, vce: str, *, small: bool = False, dofminus: int = 0,
               sdofminus: int = 0, k: float | None = None) -> IVReg2Fit:
    """``model``: ols, iv, liml, kclass (``k`` given) or gmm2s; ``vce``: unadjusted, robust or cluster."""
    N, K, L = d.N, d.X.shape[1], d.Z.shape[1]
    K1, L1 = d.Y.shape[1], d.Z1.shape[1]
    if N - L - dofminus - sdofminus <= 0:  # no df left for the instruments' tests (mlmcli's rule: r(2001))
        raise StataError("insufficient observations", 2001)
    lam = 1.0
    if model == "liml":
        lam = liml_kappa(d) if L1 > K1 else 1.0
    elif model == "kclass":
        lam = float(k)
    b, A = kclass(d, lam)
    u = d.y - d.X @ b
    rss = float(np.sum(d.w * u * u))
    sigma2 = rss / (N - dofminus)
    S = None  # the moments' covariance (1/N scaled) from the 2SLS residuals
    n_clust = 0
    if vce != "unadjusted":  # dofminus scales the heteroskedastic S, not the cluster one
        S, n_clust = _meat(d, d.Z, u)
        S = S / (N if vce == "cluster" else N - dofminus)
    if model == "gmm2s" and vce != "unadjusted":
        if np.linalg.matrix_rank(S) < L:
            raise StataError("estimated covariance matrix of moment conditions not of full rank", 506)
        b, V, J = _efficient_gmm(d, S)
        u = d.y - d.X @ b
        rss = float(np.sum(d.w * u * u))
    else:
        with np.errstate(over="ignore", invalid="ignore"):  # past the double range: missing, below
            if vce == "unadjusted":
                V = sigma2 * _inv(A) if not small else rss / (N - K - dofminus - sdofminus) * _inv(A)
            else:
                Xh = _projection(d)  # the k-class sandwich: A^-1 (Pz X)' Omega (Pz X) A^-1
                Ai = _inv(A)
                meat, n_clust = _meat(d, Xh, u)
                V = Ai @ meat @ Ai * (1.0 if vce == "cluster" else N / (N - dofminus))
    if small and vce != "unadjusted":
        V = V * ((N - 1) / (N - K - sdofminus) * n_clust / (n_clust - 1) if vce == "cluster"
                 else (N - dofminus) / (N - K - dofminus - sdofminus))
    elif small and model == "gmm2s":
        pass  # homoskedastic gmm2s is 2SLS: V above already used the small sigma2
    V = 0.5 * (V + V.T)
    if not np.isfinite(V).all():  # a variance past the double range is Mata's missing, not infinity
        V = np.where(np.isfinite(V), V, np.nan)
    sc = _header_scalars(d, b, V, u, vce, small, n_clust, dofminus, sdofminus)
    sc.update(_overid(d, model, vce, u, lam, S, dofminus))
    if model == "liml":
        sc["lambda"] = lam
    if model in ("liml", "kclass"):
        sc["kclass"] = lam
    if K1:
        sc.update(identification(d, vce, n_clust, dofminus, sdofminus))
    sc.update(N=N, rankxx=float(K), rankzz=float(L), endog_ct=float(K1), exexog_ct=float(L1),
              inexog_ct=float(d.X1.shape[1] - (1 if d.constant else 0)), cons=float(d.constant))
    if vce == "cluster":
        sc["N_clust"] = float(n_clust)
    if S is None:
        with np.errstate(over="ignore"):  # y near 1e150 and an instrument near 1e15: missing
            S = sigma2 * cross(d.Z, d.w, d.Z) / N
        S = np.where(np.isfinite(S), S, np.nan)
    return IVReg2Fit(b, V, u, sc, S)


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _header_scalars(d: IVData, b, V, u, vce, small, n_clust, dofminus, sdofminus) -> dict:
    N, K = d.N, d.X.shape[1]
    rss = float(np.sum(d.w * u * u))
    yy = float(np.sum(d.w * d.y * d.y))
    ybar = float(np.sum(d.w * d.y) / np.sum(d.w))
    yyc = float(np.sum(d.w * (d.y - ybar) ** 2))
    r2c, r2u = 1 - _ratio(rss, yyc), 1 - _ratio(rss, yy)  # a depvar of zeros (xtivreg2 of the
    r2 = r2c if d.constant else r2u                        # panel variable): Mata's missing
    df_m = K - (1 if d.constant else 0)
    df_r = n_clust - 1 if vce == "cluster" else N - K - dofminus - sdofminus
    r2_a = 1 - (1 - r2) * _ratio((N - 1) if d.constant else N, N - K - dofminus - sdofminus)
    rmse = np.sqrt(_ratio(rss, (N - K - dofminus - sdofminus) if small else (N - dofminus)))
    F = Fp = float("nan")
    if df_m:
        slopes = list(range(df_m))
        bs, Vs = b[slopes], V[np.ix_(slopes, slopes)]
        try:
            W = float(bs @ np.linalg.solve(Vs, bs))
        except np.linalg.LinAlgError:
            W = float("nan")
        F = W / df_m
        if not small:
            F *= ((n_clust - 1) / n_clust * (N - K - sdofminus) / (N - 1) if vce == "cluster"
                  else df_r / (N - dofminus))
        Fp = float(stats.f.sf(F, df_m, df_r)) if np.isfinite(F) else float("nan")
    return {"rss": rss, "yy": yy, "yyc": yyc, "r2c": r2c, "r2u": r2u, "r2": r2, "r2_a": r2_a,
            "mss": (yyc if d.constant else yy) - rss, "rmse": float(rmse), "F": F, "Fp": Fp,
            "Fdf1": float(df_m), "Fdf2": float(df_r), "df_m": float(df_m), "df_r": float(df_r)}


def _overid(d: IVData, model: str, vce: str, u, lam, S, dofminus) -> dict:
    """Sargan (homoskedastic) or Hansen J (robust, from the efficient GMM fit), e(j) both."""
    N, K, L = d.N, d.X.shape[1], d.Z.shape[1]
    jdf = L - K
    out = {"jdf": float(jdf)}
    if vce == "unadjusted":
        Zu = cross(d.Z, d.w, u[:, None])[:, 0]
        uPu = float(Zu @ np.linalg.solve(cross(d.Z, d.w, d.Z), Zu))
        j = _ratio(uPu, _ratio(float(np.sum(d.w * u * u)), N - dofminus))  # u all 0: missing
        out.update(sargan=j, sargandf=float(jdf))
    elif np.linalg.matrix_rank(S) < L:  # S not of full rank (too few clusters): ivreg2's j = .
        j = float("nan")
    else:
        j = _efficient_gmm(d, S)[2] if jdf else 0.0
    if not jdf and j == j:
        j = 0.0
    out.update(j=j, jp=float(stats.chi2.sf(j, jdf)) if jdf and j == j else float("nan"))
    if vce == "unadjusted" and jdf:
        out["sarganp"] = out["jp"]
    if model == "liml" and vce == "unadjusted":
        ar = (N - dofminus) * np.log(lam)
        out.update(arubin=float(ar), arubindf=float(jdf),
                   arubinp=float(stats.chi2.sf(ar, jdf)) if jdf else float("nan"))
    return out


def partialled(d: IVData) -> tuple[np.ndarray, np.ndarray]:
    """Y and Z1 after the included exogenous regressors are partialled out (weighted)."""
    X2 = d.X1
    if X2.shape[1] == 0:
        return d.Y, d.Z1
    sw = np.sqrt(d.w)[:, None]
    coef = np.linalg.lstsq(X2 * sw, np.column_stack([d.Y, d.Z1]) * sw, rcond=None)[0]
    R = np.column_stack([d.Y, d.Z1]) - X2 @ coef
    return R[:, :d.Y.shape[1]], R[:, d.Y.shape[1]:]


def identification(d: IVData, vce: str, n_clust: int, dofminus: int, sdofminus: int) -> dict:
    N, L = d.N, d.Z.shape[1]
    K1, L1 = d.Y.shape[1], d.Z1.shape[1]
    Yt, Zt = partialled(d)
    Qzz, Qzy, Qyy = (cross(a, d.w, c) / N for a, c in ((Zt, Zt), (Zt, Yt), (Yt, Yt)))
    iddf = L1 - K1 + 1
    nan = float("nan")
    missing = {"cdf": nan, "iddf": float(iddf), "idstat": nan, "idp": nan, "widstat": nan}
    try:
        Rzz = np.linalg.cholesky(Qzz).T  # upper: Rzz'Rzz = Qzz
        Ryy = np.linalg.cholesky(Qyy).T
    except np.linalg.LinAlgError:
        return missing
    irQzz, irQyy = np.linalg.inv(Rzz), np.linalg.inv(Ryy)
    pihat = np.linalg.solve(Qzz, Qzy)
    theta = Rzz @ pihat @ irQyy
    U, s, Vh = np.linalg.svd(theta, full_matrices=True)
    ev = float(np.min(s[:min(K1, L1)] ** 2))
    if ev >= 1 - 1e-12:  # a canonical correlation of 1 (collinearity, or as few rows as instruments)
        return missing
    out = {"cdf": ev / (1 - ev) * (N - L - dofminus - sdofminus) / L1, "iddf": float(iddf)}
    if vce == "unadjusted":
        out["idstat"] = (N - dofminus) * ev
    else:
        parts = (U, Vh.T, theta, irQyy, irQzz)
        lm = kleibergen_paap(d, Zt, Yt, parts)
        wald = kleibergen_paap(d, Zt, Yt - Zt @ pihat, parts)
        if vce == "cluster":
            out["idstat"] = lm
            out["widstat"] = wald / (N - 1) * (N - L - sdofminus) * (n_clust - 1) / n_clust / L1
        else:
            out["idstat"] = lm / N * (N - dofminus)
            out["widstat"] = wald / N * (N - L - dofminus - sdofminus) / L1
        out["rkf"] = out["widstat"]
    if "widstat" not in out:
        out["widstat"] = out["cdf"]
    out["idp"] = float(stats.chi2.sf(out["idstat"], iddf))
    return out


def _kp_meat(d: IVData, scores: np.ndarray, Vres: np.ndarray, Zt: np.ndarray) -> np.ndarray:
    """ranktest's covariance of the scores kron(v_i, z_i): heteroskedastic/clustered, or with a
    kernel (ranktest always weighting lags with Bartlett's, as ivreg2 calls it) the HAC form, or
    without robust the AC Kronecker form sum_j k_j (V_a'V_b/N) kron (Z_a'Z_b)."""
    if d.kernel is None:
        return _meat(d, scores, np.ones(len(d.y)))[0]
    import dataclasses

    from mlmcli.instrumental.ivreg2_hac import long_run_meat

    bartlett = dataclasses.replace(d.kernel, name="Bartlett")
    if getattr(d.kernel, "robust", True):
        return long_run_meat(bartlett, scores, np.ones(len(d.y)), d.w, True, d.N)
    N = d.N
    out = np.kron(cross(Vres, d.w, Vres) / N, cross(Zt, d.w, Zt))
    for _j, k, a, b in bartlett.lag_pairs():
        G = np.kron(Vres[a].T @ Vres[b] / N, Zt[a].T @ Zt[b])
        out += k * (G + G.T)
    return out


def _sym_sqrt(A: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh(0.5 * (A + A.T))
    return (vecs * np.sqrt(np.clip(vals, 0, None))) @ vecs.T


def kleibergen_paap(d: IVData, Zt: np.ndarray, Vres: np.ndarray, parts) -> float:
    """N lambda' Omega^-1 lambda of Kleibergen and Paap (2006) for rank K1-1: lambda the
    part of vec(theta) outside the rank-(K1-1) approximation, Omega its covariance from the
    scores kron(v_i, z_i) (summed within clusters)."""
    U, Vm, theta, irQyy, irQzz = parts
    N = d.N
    L1, K1 = theta.shape
    scores = np.column_stack([Vres[:, [j]] * Zt for j in range(K1)])
    shat = _kp_meat(d, scores, Vres, Zt) / N
    T = np.kron(irQyy.T, irQzz.T)
    kpvar = T @ shat @ T.T
    kk = K1 - 1
    u12, u22 = U[:kk, kk:], U[kk:, kk:]
    v12, v22 = Vm[:kk, kk:], Vm[kk:, kk:]
    aq = np.vstack([u12, u22]) @ np.linalg.inv(u22) @ _sym_sqrt(u22 @ u22.T)
    bq = _sym_sqrt(v22 @ v22.T) @ np.linalg.inv(v22.T) @ np.vstack([v12, v22]).T
    M = np.kron(bq, aq.T)
    lab = M @ theta.flatten(order="F")
    vlab = M @ kpvar @ M.T
    return float(N * lab @ np.linalg.pinv(0.5 * (vlab + vlab.T)) @ lab)


def endogeneity(d: IVData, tested: list[int], vce: str, dofminus: int = 0) -> dict:
    """endog(): the C statistic J_r - J_u.  The restricted fit treats the tested endogenous
    regressors as instruments too; both GMM objectives use S (homoskedastic: sigma2 Z'Z/N) from
    the restricted 2SLS residuals, the unrestricted one its block over the original instruments."""
    Zr = np.column_stack([d.Z, d.Y[:, tested]])
    L = d.Z.shape[1]
    X, N = d.X, d.N
    P = _projection(d, X, Zr)
    sw = np.sqrt(d.w)
    ur = d.y - X @ np.linalg.lstsq(P * sw[:, None], d.y * sw, rcond=None)[0]
    if vce == "unadjusted":
        S = float(np.sum(d.w * ur * ur)) / (N - dofminus) * cross(Zr, d.w, Zr) / N
    else:
        S = moment_meat(d, Zr, ur) / (N if vce == "cluster" else N - dofminus)

    def objective(Z, S_):
        Si = np.linalg.pinv(S_)
        ZX, Zy = cross(Z, d.w, X), cross(Z, d.w, d.y[:, None])[:, 0]
        b = np.linalg.solve(ZX.T @ Si @ ZX, ZX.T @ Si @ Zy)
        g = cross(Z, d.w, (d.y - X @ b)[:, None])[:, 0]
        return float(g @ Si @ g) / N

    stat = objective(Zr, S) - objective(d.Z, S[:L, :L])
    df = len(tested)
    return {"estat": stat, "estatdf": float(df), "estatp": float(stats.chi2.sf(stat, df))}


def gmm_objective(d: IVData, Z: np.ndarray, S: np.ndarray) -> float:
    """min over b of (Z'e)' S^-1 (Z'e)/N, e = y - X b (S scaled by 1/N)."""
    X, N = d.X, d.N
    Si = np.linalg.pinv(0.5 * (S + S.T))
    ZX, Zy = cross(Z, d.w, X), cross(Z, d.w, d.y[:, None])[:, 0]
    try:
        b = np.linalg.solve(ZX.T @ Si @ ZX, ZX.T @ Si @ Zy)
    except np.linalg.LinAlgError:
        return float("nan")
    g = cross(Z, d.w, (d.y - X @ b)[:, None])[:, 0]
    return float(g @ Si @ g) / N


def orthogonality(d: IVData, tested: list[int], S: np.ndarray, j: float) -> tuple[dict, tuple]:
    """orthog(): C = J - J_r, J_r the objective without the tested instruments (columns of Z)
    with the same S (the full model's), so the reduced equation instruments an included
    exogenous regressor it drops.  Returns the scalars and (J_r, its df, its p-value)."""
    keep = [c for c in range(d.Z.shape[1]) if c not in tested]
    jr = gmm_objective(d, d.Z[:, keep], S[np.ix_(keep, keep)])
    c = j - jr
    df = len(tested)
    dfr = d.Z.shape[1] - len(tested) - d.X.shape[1]
    reduced = (jr, float(dfr), float(stats.chi2.sf(jr, dfr)) if dfr > 0 and jr == jr else float("nan"))
    return {"cstat": c, "cstatdf": float(df), "cstatp": float(stats.chi2.sf(c, df)) if c == c else float("nan")}, reduced
