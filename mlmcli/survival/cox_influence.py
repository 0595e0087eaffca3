"""Cox influence statistics from the efficient score residuals ([ST] stcox postestimation,
predict's ldisplace and lmax; stcox_p's GetLLDisplacements and GetLmax):

  ldisplace  LD_i = s_i V s_i' (Pettitt and Bin Daud's approximation of
             2[ln L(b) - ln L(b_(i))], s_i the row's -- or subject's -- score residuals, V = e(V))
  lmax       |z_i|, z the unit-length eigenvector of the largest eigenvalue of B = S V S'
             (S the score residuals of all the rows with one, rows = e(sample)'s records or, with
             an stset id(), its subjects' last records)

Rows whose scores are missing (a subject's earlier records) stay missing.
"""
from __future__ import annotations

import numpy as np


def likelihood_displacement(scores: np.ndarray, V: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.einsum("ij,jk,ik->i", scores, V, scores)


def lmax(scores: np.ndarray, V: np.ndarray) -> np.ndarray:
    out = np.full(scores.shape[0], np.nan)
    rows = np.all(np.isfinite(scores), axis=1)
    S = scores[rows]
    # B = S V S' is n x n; its leading eigenvector is S V^(1/2) u, u the leading eigenvector of the
    # k x k V^(1/2) S'S V^(1/2) (the left singular vector of S V^(1/2)): no n x n matrix
    w, Q = np.linalg.eigh((V + V.T) / 2)
    root = Q @ np.diag(np.sqrt(np.clip(w, 0.0, None))) @ Q.T
    u = np.linalg.svd(S @ root, full_matrices=False)[0][:, 0]
    out[rows] = np.abs(u)
    return out
