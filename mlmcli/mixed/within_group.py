"""The model-implied covariance of the observations within a cluster.

For observations a, b (rows of the data used in the fit)

    V[a, b] = sum_k z_k,a' G_k z_k,b [a and b in the same group of term k] + R[a, b],

G_k = sigma^2 Lambda_k Lambda_k' the covariance of term k's random effects and R
the residual covariance (sigma^2 I, or a residuals() structure, block diagonal
over panels).  In correlation form V_ab / sqrt(V_aa V_bb).  This is what Stata's
``estat wcorrelation`` displays for a cluster (``covariance``: V itself).
"""
from __future__ import annotations

import numpy as np


def cluster_rows(fit, group: int, term: int = 0) -> np.ndarray:
    """Observation indices (data order) of group ``group`` of term ``term``
    (default the highest level)."""
    return np.flatnonzero(np.asarray(fit.spec.terms[term].group) == group)


def term_blocks(fit, rows: np.ndarray):
    """Per random-effects term with columns: (Z_k on ``rows``, G_k = sigma^2 Lambda_k Lambda_k',
    the term's group code on ``rows``)."""
    n = len(fit.spec.y)
    for t, lam in zip(fit.spec.terms, fit.model.lambdas(fit.theta)):
        Z = np.asarray(t.Z, float).reshape(n, -1)[rows]
        if Z.shape[1]:
            yield Z, fit.sigma2 * (lam @ lam.T), np.asarray(t.group)[rows]


def implied_covariance(fit, rows: np.ndarray, correlation: bool = False) -> np.ndarray:
    """V (or its correlation matrix) over ``rows``; see the module docstring."""
    rows = np.asarray(rows, np.int64)
    V = np.array(fit.residual_covariance(rows), float)
    for Z, G, g in term_blocks(fit, rows):
        V += (Z @ G @ Z.T) * (g[:, None] == g[None, :])
    if correlation:
        d = np.sqrt(np.diag(V))
        V = V / np.outer(d, d)
    return V


def cluster_design(fit, rows: np.ndarray):
    """(Z, G, R) over ``rows``: Z the random-effects design with one block of columns per
    (term, group present in ``rows``), G the block-diagonal covariance of those effects
    (sigma^2 Lambda_k Lambda_k' per block), R the residual covariance; V = Z G Z' + R
    (``estat wcorrelation``'s r(Z), r(G), r(R))."""
    rows = np.asarray(rows, np.int64)
    cols, blocks = [], []
    for Z, G, g in term_blocks(fit, rows):
        for code in dict.fromkeys(g.tolist()):
            cols.append(Z * (g == code)[:, None])
            blocks.append(G)
    Zall = np.column_stack(cols) if cols else np.zeros((len(rows), 0))
    q = sum(b.shape[0] for b in blocks)
    Gall = np.zeros((q, q))
    k = 0
    for b in blocks:
        Gall[k:k + b.shape[0], k:k + b.shape[0]] = b
        k += b.shape[0]
    return Zall, Gall, np.asarray(fit.residual_covariance(rows), float)
