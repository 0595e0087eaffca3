"""Linear regression absorbing several sets of fixed effects (the community command
``reghdfe``, Correia 2016), by the method of alternating projections.

Model y = X b + a_1[g_1] + ... + a_k[g_k] + e.  After dropping singleton groups (a group of
one observation in any fixed effect, repeatedly until none is left, as reghdfe does by
default), y and X are swept by each fixed effect's within transformation in turn
(Gauss-Seidel / Kaczmarz, "MAP") until no column moves by more than ``tol`` relative to its
scale; b is OLS of the swept y on the swept X (Frisch-Waugh-Lovell), and _cons comes from
the regression of the swept y plus its mean on the swept X plus their means and a constant,
as areg reports it.  Degrees of freedom absorbed: the categories of each fixed effect minus
the redundant ones -- none for the first, the number of connected components of the
bipartite graph of the first and second fixed effects' levels for the second (exact for
two); a fixed effect nested within the cluster variable is wholly redundant with
vce(cluster).  df_r = N - K - df_a; within R2 = 1 - RSS / TSS(swept y).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_ratio


def drop_singletons(codes: list[np.ndarray]) -> np.ndarray:
    """Rows kept after repeatedly dropping observations alone in a group of any fixed effect."""
    keep = np.ones(codes[0].size, bool)
    while True:
        dropped = False
        for c in codes:
            counts = np.bincount(c[keep], minlength=int(c.max()) + 1)
            lone = keep & (counts[c] == 1)
            if lone.any():
                keep &= ~lone
                dropped = True
        if not dropped:
            return keep


def _recode(c: np.ndarray) -> np.ndarray:
    return np.unique(c, return_inverse=True)[1].astype(np.int64)


def _demean(M: np.ndarray, codes: list[np.ndarray], tol: float, maxiter: int) -> tuple[np.ndarray, int]:
    M = M.copy()
    sizes = [np.bincount(c).astype(float) for c in codes]
    scale = np.maximum(np.abs(M).max(axis=0), 1.0)
    for it in range(1, maxiter + 1):
        before = M.copy()
        for c, n in zip(codes, sizes):
            means = np.zeros((n.size, M.shape[1]))
            np.add.at(means, c, M)
            M -= (means / n[:, None])[c]
        if len(codes) == 1 or np.max(np.abs(M - before) / scale) < tol:
            return M, it
    raise StataError(f"alternating projections did not converge in {maxiter} iterations", 430)


def mobility_groups(a: np.ndarray, b: np.ndarray) -> int:
    """Connected components of the bipartite graph linking levels of a and b that meet in a row."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    na, nb = int(a.max()) + 1, int(b.max()) + 1
    graph = coo_matrix((np.ones(a.size), (a, b + na)), shape=(na + nb, na + nb))
    return int(connected_components(graph, directed=False)[0])


def nested_within(fe: np.ndarray, cluster: np.ndarray) -> bool:
    """Each level of fe lies within one cluster."""
    pairs = np.unique(np.column_stack([fe, cluster]), axis=0)
    return pairs.shape[0] == int(fe.max()) + 1


def fit_hdfe(y: np.ndarray, X: np.ndarray, fe_codes: list[np.ndarray], *, cluster: np.ndarray | None = None,
             robust: bool = False, tol: float = 1e-10, maxiter: int = 10000) -> dict:
    """The fit on rows already free of singletons; fe_codes 0..G-1 per fixed effect."""
    from mlmcli.distributions import f as f_dist

    N, K = X.shape
    codes = [_recode(c) for c in fe_codes]
    swept, iterations = _demean(np.column_stack([y, X]), codes, tol, maxiter)
    yw, Xw = swept[:, 0], swept[:, 1:]
    cats = [int(c.max()) + 1 for c in codes]
    redundant = [0] * len(codes)
    nested = [False] * len(codes)
    if len(codes) >= 2:
        redundant[1] = mobility_groups(codes[0], codes[1])
    if cluster is not None:
        for j, c in enumerate(codes):
            if nested_within(c, cluster):
                redundant[j], nested[j] = cats[j], True
    df_a = sum(cats) - sum(redundant)
    df_r = N - K - df_a
    if df_r <= 0:
        raise StataError("insufficient observations", 2001)
    ybar, Xbar = y.mean(), X.mean(axis=0)
    Xc = np.column_stack([Xw + Xbar, np.ones(N)])
    XtX_inv = np.linalg.inv(Xc.T @ Xc)
    b = XtX_inv @ (Xc.T @ (yw + ybar))
    e = yw + ybar - Xc @ b
    rss = float(e @ e)
    t_df = df_r
    if cluster is not None:
        G = int(cluster.max()) + 1
        U = np.zeros((G, K + 1))
        np.add.at(U, cluster, Xc * e[:, None])
        V = G / (G - 1) * (N - 1) / df_r * XtX_inv @ (U.T @ U) @ XtX_inv
        t_df = G - 1
    elif robust:
        V = N / df_r * XtX_inv @ ((Xc * (e * e)[:, None]).T @ Xc) @ XtX_inv
    else:
        V = rss / df_r * XtX_inv
    tss = float(((y - ybar) ** 2).sum())
    tss_within = float((yw ** 2).sum())
    if K:
        bb = b[:K]
        try:
            F = float(bb @ np.linalg.solve(V[:K, :K], bb) / K)
        except np.linalg.LinAlgError:
            F = float("nan")
    else:
        F = float("nan")
    r2 = 1 - rss / tss if tss > 0 else float("nan")
    r = stata_ratio

    def ln(v: float) -> float:
        return float(np.log(v)) if v > 0 else float("nan")

    out = {"b": b, "V": V, "N": float(N), "df_m": float(K), "df_r": float(t_df), "df_a": float(df_a),
           "rss": rss, "tss": tss, "tss_within": tss_within, "r2": r2,
           # a constant depvar (tss = 0) or df_r = 0: Stata's ratios and ln(0) are missing
           "r2_a": 1 - r(r(rss, df_r), r(tss, N - 1)), "r2_within": 1 - r(rss, tss_within),
           "r2_a_within": 1 - r(r(rss, df_r), r(tss_within, N - 1)), "rmse": float(np.sqrt(r(rss, df_r))),
           "F": F, "p": float(f_dist.sf(F, K, t_df)) if np.isfinite(F) else float("nan"),
           "ll": -0.5 * N * (1 + np.log(2 * np.pi) + ln(r(rss, N))),
           "ll_0": -0.5 * N * (1 + np.log(2 * np.pi) + ln(r(tss_within, N))),
           "iterations": iterations, "categories": cats, "redundant": redundant, "nested": nested}
    if cluster is not None:
        out["N_clust"] = float(int(cluster.max()) + 1)
    return out
