"""The robust and cluster-robust "meat" and the sandwich variance every engine shares.

With S the (n, k) score matrix (row i: observation i's score, times its pweight/iweight when it
has one) and clusters c = 1 .. G::

    s_c  = sum_{i in c} S_i                       (``cluster_sums``)
    B    = q * sum_c s_c s_c'                     (``clustered_meat``)
    V    = A^-1 B A^-1                            (``sandwich``; A^-1 the model-based variance)
    q    = G / (G - 1) * extra                    (adjust=False: q = extra)

``extra`` is the command's own small-sample factor on top of G/(G-1): 1 for the maximum
likelihood commands ([U] 20.22), (N - 1)/(N - k) for regress, areg, cnsreg, nl ...
([R] regress, Methods and formulas).  vce(robust) is the same with each observation its own
cluster (s_c = S_i, G = N).  With fweights w_i a row stands for w_i observations that share its
unweighted score S_i / w_i, so B = q sum_i S_i S_i' / w_i and G = N = sum_i w_i.
``adjust=False`` leaves G/(G-1) out (Stata's ``_robust, minus(0)``: stcox and stcrreg form the
bare sum and scale it themselves, xtpqml not at all).  With one cluster (G <= 1) G/(G-1) is
missing: ``one_cluster`` is the multiplier then (NaN: missing standard errors; tobit's engine
keeps B unscaled).
"""
from __future__ import annotations

import numpy as np

from mlmcli.sorted_codes import row_codes, text_codes


def cluster_index(values) -> tuple[np.ndarray, int]:
    """(codes, G): dense cluster codes 0 .. G-1 in the order of the values (np.unique's
    inverse) and the number of clusters, by ``sorted_codes``' sort."""
    a = np.asarray(values).reshape(-1)
    if a.dtype.kind in "OUS":
        codes = text_codes(a)
    elif a.dtype.kind == "f" and np.isnan(a).any():  # np.unique's one cluster of NaN (row_codes keeps them apart)
        codes = np.unique(a, return_inverse=True)[1].reshape(-1).astype(np.int64)
    else:
        codes = row_codes([a])
    return codes, (int(codes.max()) + 1 if codes.size else 0)


def cluster_sums(scores: np.ndarray, codes: np.ndarray, n_clusters: int | None = None) -> np.ndarray:
    """(G, k): the rows of ``scores`` summed within each cluster, codes 0 .. G-1."""
    S = np.asarray(scores, float)
    codes = np.asarray(codes, np.int64).reshape(-1)
    G = (int(codes.max()) + 1 if codes.size else 0) if n_clusters is None else int(n_clusters)
    if S.ndim == 1:
        S = S[:, None]
    out = np.empty((G, S.shape[1]))
    for j in range(S.shape[1]):
        out[:, j] = np.bincount(codes, weights=S[:, j], minlength=G)
    return out


def clustered_meat(scores: np.ndarray, codes: np.ndarray | None = None, *, fweight: np.ndarray | None = None,
                   extra: float = 1.0, one_cluster: float = np.nan, n_clusters: int | None = None,
                   adjust: bool = True) -> np.ndarray:
    """B = G/(G-1) * extra * sum_c s_c s_c' (see the module docstring).

    ``codes``: cluster codes 0 .. G-1 of the rows (None: each row its own cluster, G = N);
    ``fweight``: frequency weights of the rows when ``codes`` is None (``scores`` already
    carry them: S_i = w_i s_i); ``extra``: the command's factor beyond G/(G-1);
    ``one_cluster``: the multiplier used instead of G/(G-1) * extra when G <= 1;
    ``n_clusters``: G when the caller knows it (with ``codes`` None: the command's N, as
    regress's integer part of summed iweights; default the rows or the fweights' sum);
    ``adjust`` False: no G/(G-1) (the multiplier is ``extra`` whatever G)."""
    S = np.asarray(scores, float)
    with np.errstate(invalid="ignore", over="ignore"):  # past the double range: missing (``sandwich``)
        if codes is not None:
            sums = cluster_sums(S, codes, n_clusters)
            meat, n = sums.T @ sums, float(len(sums))
        elif fweight is not None:
            w = np.asarray(fweight, float)
            unit = np.divide(S, w[:, None], out=np.zeros_like(S), where=w[:, None] > 0)
            meat, n = unit.T @ S, float(w.sum())
        else:
            meat, n = S.T @ S, float(len(S))
    if codes is None and n_clusters is not None:
        n = float(n_clusters)
    if not adjust:
        return extra * meat if extra != 1.0 else meat
    factor = n / (n - 1) * extra if n > 1 else one_cluster
    return factor * meat


def sandwich(bread: np.ndarray, meat: np.ndarray) -> np.ndarray:
    """V = A^-1 B A^-1, ``bread`` = A^-1 (the model-based variance, symmetric).  A product past
    the double range (scores of a diverged fit, data near 1e150) is missing, as Stata's matrix
    arithmetic gives ``.`` (no infinity, no floating-point error)."""
    with np.errstate(invalid="ignore", over="ignore"):
        V = bread @ meat @ bread
    return V if np.isfinite(V).all() else np.where(np.isfinite(V), V, np.nan)


def cluster_sandwich(bread: np.ndarray, scores: np.ndarray, codes: np.ndarray | None = None, **scaling
                     ) -> np.ndarray:
    """``sandwich(bread, clustered_meat(scores, codes, **scaling))``."""
    return sandwich(bread, clustered_meat(scores, codes, **scaling))
