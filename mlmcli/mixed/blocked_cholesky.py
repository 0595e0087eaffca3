"""Blocked Cholesky factor for crossed (non-nested) random effects.

The random-effects columns are split into block 1 -- the term with the most
columns (G_1 groups of q_1), whose Z_1'WZ_1 is block diagonal -- and block 2,
all other terms (Q_2 columns; e.g. InstEval: 2972 students in block 1, 1128
instructors in block 2).  With
A = Lambda' Z'WZ Lambda + I partitioned accordingly,

    L = [[L_1, 0], [L_21, L_S]],   L_1 L_1' = A_11 (G_1 blocks q_1 x q_1),
    L_21 = A_21 L_1^-T,            L_S L_S' = A_22 - L_21 L_21'  (dense),

and R = L^-1 Lambda' Z'W[X y] by forward substitution.

Evaluations and their gradient: ``schur_complement`` (the Schur complement
L_S L_S' from a fixed pair pattern, dense up to DENSE_LIMIT columns, sparse beyond).
Z is held sparse (scipy.sparse), never densely and never as an N x N matrix.  The
factor also gives conditional modes and the diagonal blocks of (L L')^-1 for BLUPs.
"""
from __future__ import annotations

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp

from ..errors import StataError
from .profiled_deviance import Reduction
from .spec import MixedSpec

DENSE_LIMIT = 6000  # largest block 2 factored densely (random-effect columns outside the first term)


def term_design_t(term, n: int) -> sp.csc_matrix:
    """Z_k' of one term as a sparse (G q) x n matrix compressed by column: column i holds
    row i's q entries, at rows g*q + c (no n x n or dense object; with q = 1 the index
    array is the group codes and the values are Z's own)."""
    Z = np.asarray(term.Z, float).reshape(n, -1)
    q = Z.shape[1]
    codes = np.asarray(term.group)
    itype = np.int32 if term.n_groups * q < 2 ** 31 - 1 and n * q < 2 ** 31 - 1 else np.int64
    if q == 1:
        rows = codes.astype(itype, copy=False)
    else:
        rows = (codes[:, None].astype(itype) * q + np.arange(q, dtype=itype)).ravel()
    return sp.csc_matrix((Z.ravel(), rows, np.arange(0, n * q + 1, q, dtype=itype)),
                         shape=(term.n_groups * q, n))


def block_diag_sparse(blocks: np.ndarray) -> sp.bsr_matrix:
    """Block-diagonal sparse matrix from (G, q, q) blocks."""
    G, q, _ = blocks.shape
    return sp.bsr_matrix((blocks, np.arange(G), np.arange(G + 1)), shape=(G * q, G * q))


class BlockedSystem:
    """Cross-products of a model for the blocked factorisation (module docstring)."""

    def __init__(self, spec: MixedSpec, obs_weight: np.ndarray | None):
        n = len(spec.y)
        terms = spec.terms
        w = None if obs_weight is None else np.asarray(obs_weight, float)
        XY = np.column_stack([np.asarray(spec.X, float).reshape(n, -1), spec.y])
        self.p = XY.shape[1] - 1
        self.n = float(n if w is None else w.sum())
        self.M = XY.T @ (XY if w is None else w[:, None] * XY)
        sizes = [t.n_groups * np.asarray(t.Z).reshape(n, -1).shape[1] for t in terms]
        self.first = int(np.argmax(sizes)) if terms else -1
        self.rest = [k for k in range(len(terms)) if k != self.first]
        self.qs = [np.asarray(t.Z).reshape(n, -1).shape[1] for t in terms]
        self.groups = [t.n_groups for t in terms]
        self._schur = None
        self.sparse = False
        if not terms:
            self.Q2 = 0
            return
        t1 = terms[self.first]
        Z1 = np.asarray(t1.Z, float).reshape(n, -1)
        g1 = np.asarray(t1.group)
        q1, G1 = Z1.shape[1], t1.n_groups
        A11 = np.empty((G1, q1, q1))
        ZXY = np.empty((G1, q1, self.p + 1))
        for i in range(q1):
            wz = Z1[:, i] if w is None else w * Z1[:, i]
            for j in range(q1):
                A11[:, i, j] = np.bincount(g1, weights=wz * Z1[:, j], minlength=G1)
            for j in range(self.p + 1):
                ZXY[:, i, j] = np.bincount(g1, weights=wz * XY[:, j], minlength=G1)
            del wz
        self.A11, self.Z1XY = A11, ZXY
        self.offsets = {}
        off = 0
        for k in self.rest:
            self.offsets[k] = off
            off += sizes[k]
        self.Q2 = off
        # beyond DENSE_LIMIT the Schur complement is factored as a sparse matrix (scalar
        # block-2 terms only; the dense one would need Q2^2 doubles)
        self.sparse = self.Q2 > DENSE_LIMIT
        if self.sparse and any(self.qs[k] != 1 for k in self.rest):
            raise StataError("op. sys. refuses to provide memory", 909)
        if self.Q2:
            parts = [term_design_t(terms[k], n) for k in self.rest]
            Z2t = parts[0] if len(parts) == 1 else sp.vstack(parts, format="csc")
            Z2wt = Z2t if w is None else Z2t @ sp.diags(w)
            del parts
            self.A22 = (Z2wt @ Z2t.T).tocsr()
            del Z2t
            self.Z2XY = np.asarray(Z2wt @ XY)
            del XY
            self.A21 = (Z2wt @ term_design_t(t1, n).T).tocsr()

    def lambda2(self, lambdas: list[np.ndarray]) -> sp.csr_matrix:
        """Block-diagonal Lambda of block 2 (sparse Q2 x Q2)."""
        blocks = [sp.kron(sp.identity(self.groups[k], format="csr"), sp.csr_matrix(lambdas[k]))
                  for k in self.rest]
        return sp.block_diag(blocks, format="csr")

    def factor(self, lambdas: list[np.ndarray]):
        """(L1 blocks, L21 sparse-or-None, LS dense-or-None, R1 (G1,q1,p+1), R2, Lam2)."""
        lam1 = lambdas[self.first]
        q1 = lam1.shape[0]
        A = lam1.T @ self.A11 @ lam1
        A[:, np.arange(q1), np.arange(q1)] += 1.0
        if q1 == 1:
            L1 = np.sqrt(A)
            R1 = (lam1[0, 0] / L1) * self.Z1XY
        else:
            L1 = np.linalg.cholesky(A)
            R1 = np.linalg.solve(L1, np.einsum("ij,gjk->gik", lam1.T, self.Z1XY))
        if not self.Q2:
            return L1, None, None, R1, None, None
        Lam2 = self.lambda2(lambdas)
        Lam2T = Lam2.T.tocsr()
        if q1 == 1:
            L21 = Lam2T @ self.A21.multiply((lam1[0, 0] / L1[:, 0, 0])[None, :]).tocsr()
        else:
            blk = np.swapaxes(np.linalg.solve(L1, np.broadcast_to(lam1.T, A.shape)), 1, 2)
            L21 = Lam2T @ (self.A21 @ block_diag_sparse(blk))
        L21 = sp.csr_matrix(L21)
        S = (Lam2T @ self.A22 @ Lam2 - L21 @ L21.T).toarray()
        S[np.diag_indices_from(S)] += 1.0
        LS = sla.cholesky(S, lower=True, check_finite=False)
        rhs = np.asarray(Lam2T @ self.Z2XY) - L21 @ R1.reshape(-1, self.p + 1)
        R2 = sla.solve_triangular(LS, rhs, lower=True)
        return L1, L21, LS, R1, R2, Lam2

    @property
    def schur(self):
        if self._schur is None:
            from .schur_complement import SchurEvaluator
            self._schur = SchurEvaluator(self)
        return self._schur

    def forget_evaluator(self) -> None:
        """Drop the Schur evaluator (its pair pattern: InstEval's ~16 MB) once a fit is done:
        the BLUPs use ``factor`` alone, and a later forward pass builds it again, the same."""
        self._schur = None

    def recycle(self, forward) -> None:
        """A forward pass (``forward``'s result) that will not be used again: its scratch
        goes back to the evaluations."""
        if self._schur is not None and forward[1]:
            self._schur.recycle(forward[1])

    def release_scratch(self) -> None:
        """Drop what the evaluations keep between them (Sigma's spare mapping)."""
        if self._schur is not None:
            self._schur.release_spare()

    def forward(self, lambdas: list[np.ndarray]):
        """(Reduction, SchurState) at ``lambdas``; the state is None (and log|L|^2 inf)
        where the Schur complement is not positive definite."""
        if self.first < 0:
            return Reduction(0.0, self.M.copy(), self.n), []
        ev = self.schur.evaluate(lambdas)
        if ev is None:
            return Reduction(np.inf, self.M.copy(), self.n), None
        ld, Mt, state = ev
        return Reduction(ld, Mt, self.n), state

    def adjoint(self, lambdas: list[np.ndarray], state, M_bar: np.ndarray, ld_bar: float):
        """[Y_k] of f = ld_bar log|L|^2 + tr(M_bar M~) (``schur_complement``)."""
        if self.first < 0:
            return []
        return self.schur.adjoint(lambdas, state, M_bar, ld_bar)

    def reduce(self, lambdas: list[np.ndarray]) -> Reduction:
        if not any(np.any(lam) for lam in lambdas):  # Lambda = 0: A = I, nothing to eliminate
            return Reduction(0.0, self.M.copy(), self.n)
        return self.forward(lambdas)[0]

    def modes_and_variances(self, lambdas: list[np.ndarray], beta: np.ndarray,
                            V_beta_scaled: np.ndarray | None):
        """Conditional modes b = Lambda u and the diagonal blocks of Var(b - b~)/sigma^2.

        u solves L L' u = Lambda'Z'W(y - X beta).  Var/sigma^2 =
        Lambda C Lambda' per group with C the diagonal block of (L L')^-1, plus,
        when ``V_beta_scaled`` (= (X'V^-1X)^-1 / sigma^2) is given, of
        F V F' with F = (L L')^-1 Lambda'Z'WX (the uncertainty of beta^).
        Returns per term: (G, q) modes and (G, q, q) scaled variances.
        """
        p = self.p
        if self.sparse:  # the variances need the dense inverse of the Schur complement
            raise StataError("op. sys. refuses to provide memory", 909)
        L1, L21, LS, R1, R2, Lam2 = self.factor(lambdas)
        v = np.append(-np.asarray(beta, float), 1.0)
        G1, q1 = R1.shape[0], R1.shape[1]
        lam1 = lambdas[self.first]
        # columns: 0 = residual right-hand side, 1..p = X part (for F)
        rhs_cols = np.concatenate([v[:, None], np.vstack([np.eye(p), np.zeros((1, p))])], axis=1)
        c1 = R1 @ rhs_cols  # (G1, q1, 1+p)
        if LS is not None:
            c2 = R2 @ rhs_cols
            u2 = sla.solve_triangular(LS.T, c2, lower=False)
            t = c1.reshape(G1 * q1, -1) - L21.T @ u2
            c1 = t.reshape(G1, q1, -1)
        L1T = np.swapaxes(L1, 1, 2)
        u1 = np.linalg.solve(L1T, c1)
        # diagonal blocks of (L L')^-1 for block 1: inv(A_g) + T_g'T_g, T = LS^-1 L21 L1^-1
        L1inv = np.linalg.inv(L1)
        C1 = np.swapaxes(L1inv, 1, 2) @ L1inv
        out_modes, out_var = {}, {}
        if LS is not None:
            LSinv = sla.solve_triangular(LS, np.eye(self.Q2), lower=True)
            C2 = LSinv.T @ LSinv
            chunk = max(1, int(2e7 // max(self.Q2 * q1, 1)))
            for s in range(0, G1, chunk):
                e = min(G1, s + chunk)
                sub = L21[:, s * q1:e * q1].toarray().reshape(self.Q2, e - s, q1)
                sub = np.einsum("agj,gjk->agk", sub, L1inv[s:e])
                T = sla.solve_triangular(LS, sub.reshape(self.Q2, -1), lower=True)
                T = T.reshape(self.Q2, e - s, q1)
                C1[s:e] += np.einsum("agi,agj->gij", T, T)
        F1 = u1[:, :, 1:]
        if V_beta_scaled is not None and p:
            C1 = C1 + F1 @ V_beta_scaled @ np.swapaxes(F1, 1, 2)
        out_modes[self.first] = (u1[:, :, 0] @ lam1.T)
        out_var[self.first] = lam1 @ C1 @ lam1.T
        if LS is not None:
            F2 = u2[:, 1:]
            for k in self.rest:
                o, q, G = self.offsets[k], self.qs[k], self.groups[k]
                sl = slice(o, o + G * q)
                lam = lambdas[k]
                out_modes[k] = u2[sl, 0].reshape(G, q) @ lam.T
                Ck = np.stack([C2[sl, sl][g * q:(g + 1) * q, g * q:(g + 1) * q] for g in range(G)])
                if V_beta_scaled is not None and p:
                    Fk = F2[sl].reshape(G, q, p)
                    Ck = Ck + Fk @ V_beta_scaled @ np.swapaxes(Fk, 1, 2)
                out_var[k] = lam @ Ck @ lam.T
        return out_modes, out_var
