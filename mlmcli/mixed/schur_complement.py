"""The Schur complement of a crossed design's diagonal first block, its factor and the
gradient of the profiled deviance through it (``BlockedSystem``'s evaluations).

Blocks as in ``blocked_cholesky``: block 1 (G_1 groups of q_1 columns, C_11 block
diagonal), block 2 (the Q_2 other columns).  With C = Z'WZ, A = Lambda'C Lambda + I,
A_g = Lambda_1' C_11,g Lambda_1 + I and T_g = Lambda_1 A_g^-1 Lambda_1',

    K = C_22 - C_21 blockdiag(T) C_12,        Sigma = Lambda_2' K Lambda_2 + I = L_S L_S',

    log|A| = sum_g log|A_g| + log|Sigma|,
    R_1,g = L_g^-1 Lambda_1' Z_1'W[X y]_g,     R_2 = L_S^-1 Lambda_2' (Z_2'W[X y] - C_21 T Z_1'W[X y]).

C_21 blockdiag(F) C_12 is linear in the per-group q_1 x q_1 matrices F: its lower triangle
is one sparse product ``pairs @ vec(F)`` with the fixed matrix

    pairs[(i, j), (g, c, d)] = C_21[i, (g, c)] C_21[j, (g, d)]      (i >= j),

built once from the pattern of C_21 (every pair of block-2 columns met by one block-1
group).  Its transpose gives the per-group sums N_g = C_21[:, g]' Omega C_21[:, g] for any
symmetric Omega, which the gradient needs.

Gradient: f = ld_bar log|A| + tr(M_bar M~) has, per term k, Y_k = Lambda_k' d f / d S_k =
ld_bar sum_g (A^-1 Lambda'C)_gg - Lambda_k' sum_g W_g M_bar W_g', W = Z'W[X y] - C Lambda u,
u = A^-1 Lambda'Z'W[X y] (``blocked_cholesky``).  With the blocked inverse of A, J =
A_21 A_11^-1 and Omega = Lambda_2 Sigma^-1 Lambda_2':

    block 1:  sum_g A_g^-1 Lambda_1' C_11,g + A_g^-1 Lambda_1' N_g (T_g C_11,g - I),
    block 2:  the diagonal blocks of Sigma^-1 Lambda_2' K over each term's groups.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp

from . import small_blocks as sb

PAIR_CHUNK = 250_000  # pairs generated at once while building ``pairs`` (~20 MB of temporaries)
DIRECT_ROWS = 4000  # up to this Q_2, rows of ``pairs`` are i * Q_2 + j (no compaction)


def build_pairs(C21: sp.spmatrix, G1: int, q1: int,
                compact: bool = False) -> tuple[sp.csc_matrix, np.ndarray | None]:
    """(pairs, rows): ``pairs`` as in the module docstring (compressed by column (g, c, d));
    its row r is the entry rows[r] = i * Q_2 + j of the lower triangle (rows is None when
    row r *is* i * Q_2 + j).

    Pairs are generated group by group: with q_1 = 1 and the rows of each column sorted,
    the partners of a group's k-th entry are its entries 0..k (i >= j by construction)."""
    Q2 = C21.shape[0]
    csc = sp.csc_matrix(C21)
    csc.sort_indices()
    indptr, rows, data = csc.indptr.astype(np.int64), csc.indices.astype(np.int64), csc.data
    starts = indptr[::q1]
    n_g = np.diff(starts)
    grp = np.repeat(np.arange(G1), n_g)
    comp = np.repeat(np.arange(G1 * q1), np.diff(indptr)) % q1
    local = np.arange(len(rows)) - starts[grp]  # position of each entry within its group
    reps = local + 1 if q1 == 1 else n_g[grp]
    cum = np.cumsum(reps)
    prow_parts, pcol_parts, pval_parts = [], [], []
    # q_1 = 1 keeps every generated pair: the arrays are filled in place, so the peak is
    # the pattern plus one chunk (not the chunks and their concatenation, twice the pattern)
    total = int(cum[-1]) if q1 == 1 and len(cum) else None
    wide = Q2 * Q2 >= 2 ** 31 - 1
    if total is not None:
        prow_all = np.empty(total, np.int64 if wide else np.int32)
        pval_all = np.empty(total)
    e0 = 0
    while e0 < len(rows):
        e1 = int(np.searchsorted(cum, (cum[e0 - 1] if e0 else 0) + PAIR_CHUNK, side="right"))
        e1 = min(max(e1, e0 + 1), len(rows))
        e = np.arange(e0, e1)
        r = reps[e]
        first = np.repeat(e, r)
        second = np.repeat(starts[grp[e]], r) + (np.arange(len(first)) - np.repeat(np.cumsum(r) - r, r))
        if q1 > 1:
            keep = rows[first] >= rows[second]
            first, second = first[keep], second[keep]
        prow = rows[first] * Q2 + rows[second]
        if total is not None:  # q_1 = 1: the column of a pair is its group, in generation order
            at = int(cum[e0 - 1]) if e0 else 0
            prow_all[at:at + len(prow)] = prow
            np.multiply(data[first], data[second], out=pval_all[at:at + len(prow)])
        else:
            prow_parts.append(prow if wide else prow.astype(np.int32))
            pcol_parts.append(grp[first] * (q1 * q1) + comp[first] * q1 + comp[second])
            pval_parts.append(data[first] * data[second])
        del first, second, prow
        e0 = e1
    if total is not None:
        prow, pval = prow_all, pval_all
        del prow_all, pval_all
    else:
        prow = np.concatenate(prow_parts) if prow_parts else np.zeros(0, np.int64)
        del prow_parts
        pval = np.concatenate(pval_parts) if pval_parts else np.zeros(0)
        del pval_parts
    n_cols = G1 * q1 * q1
    col_ptr = np.zeros(n_cols + 1, np.int64)
    if q1 > 1:  # (g, c, d) in column order
        pcol = np.concatenate(pcol_parts) if pcol_parts else np.zeros(0, np.int64)
        order = np.argsort(pcol, kind="stable")
        prow, pval = prow[order], pval[order]
        np.cumsum(np.bincount(pcol, minlength=n_cols), out=col_ptr[1:])
        del pcol, order
    else:
        np.cumsum(n_g * (n_g + 1) // 2, out=col_ptr[1:])
    uniq = None
    if compact or Q2 > DIRECT_ROWS:
        uniq, prow = np.unique(prow, return_inverse=True)
    n_rows = Q2 * Q2 if uniq is None else len(uniq)
    itype = np.int32 if max(n_rows, len(pval)) < 2 ** 31 - 1 else np.int64
    pairs = sp.csc_matrix((pval, prow.astype(itype, copy=False), col_ptr.astype(itype)),
                          shape=(n_rows, n_cols))
    return pairs, uniq


@dataclass
class SchurState:
    """What one evaluation leaves for the gradient."""

    T: np.ndarray          # (q1, q1, G1)
    P1: np.ndarray         # L_g^-1 Lambda_1' (q1, q1, G1)
    Linv: np.ndarray       # L_g^-1 (q1, q1, G1)
    K: np.ndarray | None   # (Q2, Q2): lower triangle only when ``lam2`` is given
    LS: np.ndarray | None  # lower factor of Sigma
    R1: np.ndarray         # (q1, r, G1)
    R2: np.ndarray | None  # (Q2, r)
    lam2: np.ndarray | None      # diagonal of Lambda_2 when every block-2 term is scalar
    Lam2: sp.csr_matrix | None   # Lambda_2 otherwise


class SchurEvaluator:
    """Evaluations and gradients for a ``BlockedSystem`` (module docstring)."""

    def __init__(self, system):
        s = system
        self.s = s
        q1 = s.qs[s.first]
        self.q1, self.G1, self.Q2, self.r = q1, s.A11.shape[0], s.Q2, s.p + 1
        self.C11 = np.ascontiguousarray(np.moveaxis(s.A11, 0, 2))       # (q1, q1, G1)
        self.ZXY1 = np.ascontiguousarray(np.moveaxis(s.Z1XY, 0, 2))     # (q1, r, G1)
        self.sparse = bool(getattr(s, "sparse", False))
        if self.Q2:
            self.pairs, self.pair_rows = build_pairs(s.A21, self.G1, q1, compact=self.sparse)
            self.pairsT = self.pairs.T  # compressed by row: a gather per entry
            self.A21, self.A12 = s.A21.tocsr(), s.A21.T.tocsr()
            self.A22 = s.A22.tocsr()
            if self.sparse:
                self.sparse_schur = SparseSchur(self.A22, self.pair_rows)
            else:  # C_22's lower triangle as (flat position, value): one term's is diagonal
                low = sp.tril(self.A22).tocoo()
                self.c22_at = low.row.astype(np.int64) * self.Q2 + low.col
                self.c22_values = low.data.copy()

    def _lower_pairs(self, f: np.ndarray) -> np.ndarray:
        """Lower triangle (with diagonal) of C_21 blockdiag(F) C_12 as a dense Q2 x Q2."""
        Q2 = self.Q2
        v = self.pairs @ f
        if self.pair_rows is None:
            return v.reshape(Q2, Q2)
        out = np.zeros(Q2 * Q2)
        out[self.pair_rows] = v
        return out.reshape(Q2, Q2)

    def _schur_lower(self, f: np.ndarray) -> np.ndarray:
        """K = C_22 - C_21 blockdiag(F) C_12 on and below the diagonal (above: minus the
        pair sums, never read), formed in the array of the pair sums: no dense C_22."""
        low = self._lower_pairs(f)
        flat = low.reshape(-1)
        at_c22 = self.c22_values - flat[self.c22_at]
        np.subtract(0.0, low, out=low)  # 0 - x, as C_22 - x where C_22 is 0
        flat[self.c22_at] = at_c22
        return low

    @staticmethod
    def _diagonal_sums(Sinv: np.ndarray, K: np.ndarray, lam: np.ndarray,
                       rows: int = 256) -> np.ndarray:
        """(E lambda)_h for the symmetric E = Sinv o K whose lower triangles are given
        (what is above the diagonal is not read), by row blocks: no Q2 x Q2 temporary."""
        n = len(lam)
        out = np.zeros(n)
        for i0 in range(0, n, rows):
            i1 = min(i0 + rows, n)
            blk = Sinv[i0:i1, :i1] * K[i0:i1, :i1]  # rows i0..i1-1 up to the diagonal block
            blk[:, i0:] = np.tril(blk[:, i0:])
            out[i0:i1] += blk @ lam[:i1]
            out[:i1] += lam[i0:i1] @ blk
            idx = np.arange(i0, i1)
            out[idx] -= blk[idx - i0, idx] * lam[idx]
        return out

    def _pair_weights(self, low: np.ndarray) -> np.ndarray:
        """The vector w with pairs' w = (N_g)_g for the symmetric Omega whose lower triangle
        is ``low`` (overwritten; the pairs read no entry above the diagonal): the diagonal halved."""
        low[np.diag_indices_from(low)] *= 0.5
        flat = low.ravel()
        return flat if self.pair_rows is None else flat[self.pair_rows]

    def evaluate(self, lambdas: list[np.ndarray]):
        """(log|A|, M~, SchurState) or None where Sigma is not positive definite."""
        s = self.s
        lam1 = lambdas[s.first]
        q1, r = self.q1, self.r
        if q1 == 1:
            l1 = lam1[0, 0]
            a = l1 * l1 * self.C11[0, 0] + 1.0
            ld = float(np.log(a).sum())
            Linv = (1.0 / np.sqrt(a))[None, None, :]
            P1 = l1 * Linv
            T = (l1 * l1 / a)[None, None, :]
            R1 = P1 * self.ZXY1
        else:
            A = sb.rmul(sb.lmul(lam1.T, self.C11), lam1)
            for i in range(q1):
                A[i, i] += 1.0
            L = sb.cholesky(A)
            ld = float(sum(2 * np.log(L[i, i]).sum() for i in range(q1)))
            Linv = sb.tri_inverse(L)
            P1 = sb.rmul(Linv, lam1.T)
            T = sb.btmm(P1, P1)
            R1 = sb.bmm(P1, self.ZXY1)
        Mt = s.M - sb.sum_inner(R1, R1)
        if not self.Q2:
            return ld, Mt, SchurState(T, P1, Linv, None, None, R1, None, None, None)
        f = np.moveaxis(T, 2, 0).ravel()
        if self.sparse:
            return self._evaluate_sparse(lambdas, ld, Mt, T, f)
        K = self._schur_lower(f)  # K on and below the diagonal
        lam2, Lam2 = self._lambda2(lambdas)
        if lam2 is not None:
            S = K * lam2[:, None]
            S *= lam2[None, :]
        else:
            K = np.tril(K) + np.tril(K, -1).T
            S = np.asarray(Lam2.T @ np.asarray(Lam2.T @ K).T)
        S[np.diag_indices_from(S)] += 1.0
        LS, info = sla.lapack.dpotrf(S, lower=1, clean=0, overwrite_a=1)  # above: S's (unread)
        if info != 0:
            return None
        ld += 2 * float(np.log(np.diagonal(LS)).sum())
        F1 = np.moveaxis(sb.bmm(T, self.ZXY1), 2, 0).reshape(-1, r)
        rhs = s.Z2XY - self.A21 @ F1
        rhs = lam2[:, None] * rhs if lam2 is not None else np.asarray(Lam2.T @ rhs)
        R2 = sla.solve_triangular(LS, rhs, lower=True, check_finite=False)
        Mt -= R2.T @ R2
        return ld, Mt, SchurState(T, P1, Linv, K, LS, R1, R2, lam2, Lam2)

    def _evaluate_sparse(self, lambdas, ld, Mt, T, f):
        """``evaluate`` with a sparse factor of Sigma (scalar block-2 terms); no state for
        a reverse pass (the gradient is then taken by differences)."""
        s, r = self.s, self.r
        lam2, _ = self._lambda2(lambdas)
        fac = self.sparse_schur.factor(self.pairs @ f, lam2)
        if fac is None:
            return None
        ld += fac.logdet
        F1 = np.moveaxis(sb.bmm(T, self.ZXY1), 2, 0).reshape(-1, r)
        rhs = lam2[:, None] * (s.Z2XY - self.A21 @ F1)
        Mt -= rhs.T @ fac.solve(rhs)
        return ld, Mt, None

    def _lambda2(self, lambdas):
        s = self.s
        if all(s.qs[k] == 1 for k in s.rest):
            return np.concatenate([np.tile(np.diagonal(lambdas[k]), s.groups[k]) for k in s.rest]), None
        return None, s.lambda2(lambdas)

    def adjoint(self, lambdas: list[np.ndarray], st: SchurState, M_bar: np.ndarray,
                ld_bar: float) -> list[np.ndarray]:
        """[Y_k] per term (model order) of f = ld_bar log|A| + tr(M_bar M~)."""
        s = self.s
        lam1 = lambdas[s.first]
        q1, r, G1 = self.q1, self.r, self.G1
        Y = {}
        if self.Q2:
            U2 = sla.solve_triangular(st.LS, st.R2, lower=True, trans="T", check_finite=False)
            TD2 = st.lam2[:, None] * U2 if st.lam2 is not None else np.asarray(st.Lam2 @ U2)
            C12TD2 = np.ascontiguousarray(np.moveaxis(
                np.asarray(self.A12 @ TD2).reshape(G1, q1, r), 0, 2))
            TD1 = sb.bmm(st.T, self.ZXY1 - C12TD2)
            W1 = self.ZXY1 - sb.bmm(self.C11, TD1) - C12TD2
            TD1f = np.moveaxis(TD1, 2, 0).reshape(-1, r)
            W2 = s.Z2XY - self.A21 @ TD1f - self.A22 @ TD2
        else:
            TD1 = sb.bmm(st.T, self.ZXY1)
            W1 = self.ZXY1 - sb.bmm(self.C11, TD1)
        AiL = sb.btmm(st.Linv, st.P1)  # A_g^-1 Lambda_1'
        Y1 = sb.group_sum(sb.bmm(AiL, self.C11))
        if self.Q2:
            Sinv = sla.lapack.dpotri(st.LS, lower=1)[0]  # lower triangle (above: not read)
            if st.lam2 is not None:
                # diagonal blocks of Sigma^-1 Lambda_2' K: (E lambda)_h, E = Sigma^-1 o K
                # (symmetric; Sinv and K hold lower triangles)
                El = self._diagonal_sums(Sinv, st.K, st.lam2)
                Omega = Sinv
                Omega *= st.lam2[:, None]
                Omega *= st.lam2[None, :]
            else:
                Sinv = np.tril(Sinv) + np.tril(Sinv, -1).T
                X = np.asarray(st.Lam2 @ Sinv)
                Omega = np.tril(np.asarray(st.Lam2 @ X.T))
                Bm = X.T
            N1 = (self.pairsT @ self._pair_weights(Omega)).reshape(G1, q1, q1)
            N = np.moveaxis(N1, 0, 2)
            N = N + sb.transpose(N)
            TC = sb.bmm(st.T, self.C11)
            for i in range(q1):
                TC[i, i] -= 1.0
            Y1 += sb.group_sum(sb.bmm(sb.bmm(AiL, N), TC))
            for k in s.rest:
                o, q, G = s.offsets[k], s.qs[k], s.groups[k]
                sl = slice(o, o + G * q)
                if st.lam2 is not None:
                    Yk = np.diag(El[sl].reshape(G, q).sum(axis=0))
                else:
                    Yk = np.einsum("gaj,gbj->ab", Bm[sl].reshape(G, q, -1), st.K[sl].reshape(G, q, -1))
                Wk = W2[sl].reshape(G, q, r)
                WMW = np.einsum("gar,rs,gbs->ab", Wk, M_bar, Wk)
                Y[k] = ld_bar * Yk - lambdas[k].T @ WMW
        WMW1 = sb.sum_outer(sb.rmul(W1, M_bar), W1)
        Y[s.first] = ld_bar * Y1 - lam1.T @ WMW1
        return [Y[k] for k in range(len(s.qs))]


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
            return _Factor(float(np.log(d).sum()), self._solver.solve)
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
        return _Factor(float(np.log(u).sum()), lu.solve)


@dataclass
class _Factor:
    logdet: float
    _solve: object

    def solve(self, b: np.ndarray) -> np.ndarray:
        b = np.asarray(b, float)
        if b.ndim == 1:
            return np.asarray(self._solve(b))
        return np.column_stack([np.asarray(self._solve(np.ascontiguousarray(b[:, c])))
                                for c in range(b.shape[1])])
