"""Sigma = Lambda_2' K Lambda_2 + I of a crossed design's Schur complement (``schur_complement``)
as a sparse matrix with a fixed pattern, and its factor: qdldl's LDL' when that optional package
is installed, else scipy's SuperLU.  The evaluator hands it the pair products and the block-2
scales at each evaluation; it returns log|Sigma| and a solver, or None when Sigma is not positive
definite."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


class SparseSchur:
    """Sigma = Lambda_2' K Lambda_2 + I as a sparse matrix with a fixed pattern (the
    pattern of C_22 and of the pairs), factored by the LDL' of ``qdldl`` (an optional
    dependency: the symbolic analysis and its fill-reducing ordering done once, each
    evaluation a numeric refactorisation) or else scipy's SuperLU, which is always there.
    log|Sigma| = sum log D (LDL') or sum log |U_ii| (LU of a positive definite matrix)."""

    def __init__(self, C22: sp.csr_matrix, pair_rows: np.ndarray):
        Q2 = C22.shape[0]
        low = sp.tril(C22).tocoo()
        c22_lin = low.row.astype(np.int64) * Q2 + low.col
        diag_lin = np.arange(Q2, dtype=np.int64) * (Q2 + 1)
        lin = np.unique(np.concatenate([pair_rows, c22_lin, diag_lin]))
        self.Q2 = Q2
        self.pair_pos = np.searchsorted(lin, pair_rows)
        self.c22 = np.zeros(len(lin))
        np.add.at(self.c22, np.searchsorted(lin, c22_lin), low.data)
        self.diag_pos = np.searchsorted(lin, diag_lin)
        i, j = lin // Q2, lin % Q2
        self.i, self.j = i, j
        # the lower triangle by rows is the upper triangle by columns (CSC)
        self.indices = j.astype(np.int32)
        self.indptr = np.zeros(Q2 + 1, np.int64)
        np.cumsum(np.bincount(i, minlength=Q2), out=self.indptr[1:])
        self._solver = None
        try:
            import qdldl  # noqa: F401
            self.backend = "qdldl"
        except ImportError:
            self.backend = "superlu"

    def factor(self, pair_values: np.ndarray, lam2: np.ndarray):
        vals = self.c22.copy()
        vals[self.pair_pos] -= pair_values
        vals *= lam2[self.i] * lam2[self.j]
        vals[self.diag_pos] += 1.0
        upper = sp.csc_matrix((vals, self.indices, self.indptr), shape=(self.Q2, self.Q2))
        if self.backend == "qdldl":
            import qdldl

            try:
                if self._solver is None:
                    self._solver = qdldl.Solver(upper, upper=True)
                else:
                    self._solver.update(upper, upper=True)
            except Exception:  # noqa: BLE001 - a zero pivot: not positive definite
                return None
            d = self._solver.factors()[1]
            if not np.all(d > 0):
                return None
            return SigmaFactor(float(np.log(d).sum()), self._solver.solve)
        from scipy.sparse.linalg import splu

        full = (upper + sp.triu(upper, 1).T).tocsc()
        try:
            lu = splu(full, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0,
                      options=dict(SymmetricMode=True))
        except RuntimeError:  # exactly singular
            return None
        u = lu.U.diagonal()
        if not np.all(u > 0):
            return None
        return SigmaFactor(float(np.log(u).sum()), lu.solve)


@dataclass
class SigmaFactor:
    """log|Sigma| and Sigma^-1 b (one right-hand side or the columns of a matrix)."""

    logdet: float
    _solve: object

    def solve(self, b: np.ndarray) -> np.ndarray:
        b = np.asarray(b, float)
        if b.ndim == 1:
            return np.asarray(self._solve(b))
        return np.column_stack([np.asarray(self._solve(np.ascontiguousarray(b[:, c])))
                                for c in range(b.shape[1])])
