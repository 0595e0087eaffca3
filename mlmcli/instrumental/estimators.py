"""2SLS, LIML and GMM for one linear equation with endogenous regressors ([R] ivregress,
Methods and formulas).

    y = X b + u,   X = [Y (endogenous), X1 (included exogenous, the constant last)],
    Z = [X1, Z1 (excluded instruments)],  weights w (aweights/pweights rescaled to sum to N)

- k-class (2SLS: kappa = 1; LIML: kappa = the smallest root of |W'M1 W - kappa W'Mz W| = 0,
  W = [y Y], M1/Mz the annihilators of X1/Z):  A = X'X - kappa X'Mz X,  b = A^-1 (X'y -
  kappa X'Mz y);  V = (rss/N) A^-1;  robust: A^-1 X'Z (Z'Z)^-1 Omega (Z'Z)^-1 Z'X A^-1 with
  Omega = sum s_i s_i', s_i = w_i u_i z_i (fweights: sum w_i u_i^2 z_i z_i'; clusters: the
  scores summed within clusters).
- GMM: b = (G'WG)^-1 G'W Z'y with G = Z'X and W = S^-1, S from the 2SLS residuals
  (wmatrix(robust): sum s_i s_i'/N; cluster: per-cluster sums; unadjusted: (u'u/N) Z'Z/N);
  igmm iterates b and W until both change less than 1e-6.  vce(unadjusted): V = N (G'WG)^-1;
  robust/cluster: the sandwich (G'WG)^-1 G'W Omega W G (G'WG)^-1 on the final residuals
  (ivregress.ado robustifies with the residuals of e(b)); Hansen's J = (Z'u)' W (Z'u) / N.
- small: V times N/(N-k) (clusters: (N-1)/(N-k) M/(M-1)), t and F on N-k (M-1) df.
- R2 = 1 - rss/tss (missing outside [0,1]), root MSE = sqrt(rss/N) (small: rss/(N-k)),
  model chi2 = b_s' V_ss^-1 b_s over every coefficient but _cons (small: F = chi2/df_m).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_matrix
from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sums

EPS = 1e-6


@dataclass
class IVData:
    """The estimation sample's columns: y, Y (n x p endogenous), X1 (n x q included exogenous,
    the constant last when the model has one), Z1 (n x m excluded instruments), w (normalised
    weights, ones when unweighted), wkind (Stata's weight type or None), cluster codes."""

    y: np.ndarray
    Y: np.ndarray
    X1: np.ndarray
    Z1: np.ndarray
    w: np.ndarray
    wkind: str | None = None
    cluster: np.ndarray | None = None
    constant: bool = True
    wcluster: np.ndarray | None = None  # GMM's wmatrix(cluster c) codes
    wsum: float = float("nan")  # the raw weights' sum (before aweights/pweights are normalised)
    kernel: object = None  # ivreg2's bw()/kernel(): an ivreg2_hac.Kernel
    cluster2: np.ndarray | None = None  # ivreg2's second cluster() variable (two-way clustering)

    @property
    def X(self) -> np.ndarray:
        return np.column_stack([self.Y, self.X1])

    @property
    def Z(self) -> np.ndarray:
        return np.column_stack([self.X1, self.Z1])

    @property
    def N(self) -> float:
        """Stata's normN: the sum of the normalised weights (iweights truncated)."""
        total = float(self.w.sum())
        return float(np.trunc(total)) if self.wkind == "iweight" else total


@dataclass
class IVEstimate:
    b: np.ndarray
    V: np.ndarray
    kappa: float = 1.0
    J: float = float("nan")
    W: np.ndarray | None = None  # GMM's weight matrix (over Z's columns)
    S: np.ndarray | None = None  # GMM's robust moment covariance under vce(robust|cluster)
    iterations: int = 0
    N_clust: int = 0
    scalars: dict = field(default_factory=dict)


def cross(A: np.ndarray, w: np.ndarray, B: np.ndarray) -> np.ndarray:
    return A.T @ (B * w[:, None])


def projection_residual_cross(d: IVData, A: np.ndarray, B: np.ndarray, C: np.ndarray) -> np.ndarray:
    """A' M_C B (weighted): A'B minus its part explained by C's columns."""
    if C.shape[1] == 0:
        return cross(A, d.w, B)
    CC = cross(C, d.w, C)
    try:
        return cross(A, d.w, B) - cross(A, d.w, C) @ np.linalg.solve(CC, cross(C, d.w, B))
    except np.linalg.LinAlgError:  # instruments numerically collinear (values at 1e-150 beside 1e15)
        raise StataError("matrix not positive definite", 506) from None


def score_meat(d: IVData, Z: np.ndarray, u: np.ndarray, cluster) -> tuple[np.ndarray, int]:
    """Omega = sum of the scores' outer products (summed within ``cluster`` first, when given),
    and the number of clusters."""
    if cluster is not None:
        codes, G = cluster_index(cluster)
        U = cluster_sums(Z * (d.w * u)[:, None], codes, G)
        return stata_matrix(lambda: U.T @ U), G
    if d.wkind in ("fweight", "iweight"):
        return stata_matrix(lambda: cross(Z, d.w * u * u, Z)), 0
    s = Z * (d.w * u)[:, None]
    return stata_matrix(lambda: s.T @ s), 0  # residuals near 1e150: the meat past the range is missing


def kclass(d: IVData, kappa: float) -> tuple[np.ndarray, np.ndarray]:
    """(b, A) of the k-class estimator."""
    X, Z = d.X, d.Z
    A = cross(X, d.w, X) - kappa * projection_residual_cross(d, X, X, Z)
    c = cross(X, d.w, d.y[:, None])[:, 0] - kappa * projection_residual_cross(d, X, d.y[:, None], Z)[:, 0]
    try:
        return np.linalg.solve(A, c), A
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None


def liml_kappa(d: IVData) -> float:
    from scipy.linalg import eigh

    Wm = np.column_stack([d.y, d.Y])
    top = projection_residual_cross(d, Wm, Wm, d.X1)
    bottom = projection_residual_cross(d, Wm, Wm, d.Z)
    return float(eigh(0.5 * (top + top.T), 0.5 * (bottom + bottom.T), eigvals_only=True)[0])


def _sandwich_kclass(d: IVData, A: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, int]:
    X, Z = d.X, d.Z
    ZZi = np.linalg.pinv(cross(Z, d.w, Z))
    ZX = cross(Z, d.w, X)
    Ai = np.linalg.inv(A)
    omega, G = score_meat(d, Z, u, d.cluster)
    M = ZX.T @ ZZi @ omega @ ZZi @ ZX
    V = Ai @ M @ Ai
    return 0.5 * (V + V.T), G


def fit_kclass(d: IVData, estimator: str, vce: str) -> IVEstimate:
    kappa = 1.0 if estimator == "2sls" else liml_kappa(d)
    b, A = kclass(d, kappa)
    u = d.y - d.X @ b
    rss = float(np.sum(d.w * u * u))
    if vce == "unadjusted":
        with np.errstate(over="ignore"):  # regressors at 1e-150 beside a depvar at 1e150: V past the
            V = rss / d.N * np.linalg.inv(A)  # largest double is missing, as in a Stata matrix
        return IVEstimate(b, np.where(np.isfinite(V), V, np.nan), kappa=kappa)
    V, G = _sandwich_kclass(d, A, u)
    return IVEstimate(b, V, kappa=kappa, N_clust=G)


def gmm_weight(d: IVData, u: np.ndarray, wmatrix: str) -> np.ndarray:
    """W = S^-1 from residuals u (S scaled by 1/N)."""
    Z = d.Z
    if wmatrix == "unadjusted":
        S = float(np.sum(d.w * u * u)) / d.N * cross(Z, d.w, Z) / d.N
    else:
        S = score_meat(d, Z, u, d.wcluster if wmatrix == "cluster" else None)[0] / d.N
    return np.linalg.pinv(0.5 * (S + S.T))


def _gmm_step(d: IVData, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    G = cross(d.Z, d.w, d.X)
    GWG = G.T @ W @ G
    b = np.linalg.solve(GWG, G.T @ W @ cross(d.Z, d.w, d.y[:, None])[:, 0])
    return b, GWG


def fit_gmm(d: IVData, vce: str, wmatrix: str, igmm: bool, iterate: int = 16000) -> IVEstimate:
    b0, _ = kclass(d, 1.0)
    u = d.y - d.X @ b0
    W = gmm_weight(d, u, wmatrix)
    b, GWG = _gmm_step(d, W)
    its = 1 if not igmm else 0
    if igmm:
        for its in range(1, iterate + 1):
            u = d.y - d.X @ b
            W_new = gmm_weight(d, u, wmatrix)
            b_new, GWG = _gmm_step(d, W_new)
            db = np.max(np.abs(b_new - b) / (np.abs(b) + 1))
            dW = np.max(np.abs(W_new - W) / (np.abs(W) + 1))
            b, W = b_new, W_new
            if db < EPS and dW < EPS:
                break
    u = d.y - d.X @ b
    Zu = cross(d.Z, d.w, u[:, None])[:, 0]
    J = float(Zu @ W @ Zu) / d.N
    GWGi = np.linalg.inv(GWG)
    if vce == "unadjusted":
        return IVEstimate(b, d.N * GWGi, J=J, W=W, iterations=its)
    omega, G_clust = score_meat(d, d.Z, u, d.cluster)  # the sandwich on the final residuals
    G = cross(d.Z, d.w, d.X)
    V = GWGi @ G.T @ W @ omega @ W @ G @ GWGi
    return IVEstimate(b, 0.5 * (V + V.T), J=J, W=W, S=omega / d.N, iterations=its, N_clust=G_clust)


def fit_iv(d: IVData, estimator: str, vce: str, *, small: bool = False, wmatrix: str = "robust",
           igmm: bool = False) -> IVEstimate:
    """Estimates, V (small-sample scaled when asked) and the header's statistics."""
    from mlmcli import distributions as stats

    if d.N <= d.X.shape[1]:  # no residual degrees of freedom (one observation); regress's r(2001)
        raise StataError("insufficient observations", 2001)
    est = fit_gmm(d, vce, wmatrix, igmm) if estimator == "gmm" else fit_kclass(d, estimator, vce)
    N, k = d.N, d.X.shape[1]
    if small:
        if d.cluster is not None:
            est.V = est.V * (N - 1) / (N - k) * est.N_clust / (est.N_clust - 1)
        else:
            est.V = est.V * N / (N - k)
    u = d.y - d.X @ est.b
    rss = float(np.sum(d.w * u * u))
    if d.constant:
        ybar = float(np.sum(d.w * d.y) / np.sum(d.w))
        tss = float(np.sum(d.w * (d.y - ybar) ** 2))
    else:
        tss = float(np.sum(d.w * d.y * d.y))
    df_m = k - (1 if d.constant else 0)
    df_r = N - k
    r2 = 1 - rss / tss if tss > 0 else float("nan")
    sc = {"N": N, "rss": rss, "mss": tss - rss, "df_m": float(df_m), "kappa": est.kappa,
          "rmse": float(np.sqrt(rss / (df_r if small else N)))}
    if d.constant:
        sc["r2"] = r2 if 0 <= r2 <= 1 else float("nan")
        sc["r2_a"] = 1 - (1 - r2) * (N - 1) / df_r
    slopes = list(range(df_m))
    chi2 = float("nan")
    if slopes:
        bs, Vs = est.b[slopes], est.V[np.ix_(slopes, slopes)]
        try:
            chi2 = float(bs @ np.linalg.solve(Vs, bs))
        except np.linalg.LinAlgError:
            chi2 = float("nan")
    if small:
        sc["df_r"] = float(est.N_clust - 1) if d.cluster is not None else float(df_r)
        sc["F"] = chi2 / df_m if df_m else float("nan")
        sc["p"] = float(stats.f.sf(sc["F"], df_m, sc["df_r"])) if np.isfinite(sc["F"]) else float("nan")
    else:
        sc["chi2"] = chi2
        sc["p"] = float(stats.chi2.sf(chi2, df_m)) if np.isfinite(chi2) and df_m else float("nan")
    if d.cluster is not None:
        sc["N_clust"] = float(est.N_clust)
    if estimator == "gmm":
        sc["J"] = est.J
    sc["iterations"] = float(est.iterations)
    est.scalars = sc
    return est
