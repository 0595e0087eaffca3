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
symmetric Omega, which the gradient needs.  Its rows are the *cells*: the entries of the
lower triangle that a pair, C_22 or the diagonal meets.  K, Sigma's entries, Sigma^-1 o K
and Omega are computed on the cells only, and with scalar block-2 terms range by range of
cells (``PairMatrix.products``): K is formed into Sigma's array, whose lower triangle keeps
it for the reverse pass; dense Q_2 x Q_2 arrays are only Sigma's factor and, in its place,
Sigma^-1 (Fortran order, upper triangle: LAPACK works in place).  On D (2 million cells)
each cells-sized float64 array would be 16 MB beside Sigma's 32 MB.

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
from .heap_memory import mapped_zeros, release_free_heap
from .pair_pattern import build_pairs
from .sparse_schur import SparseSchur

DENSE_CHUNK = 1 << 18  # cells scaled and placed into Sigma's array at once
# From this size Sigma's dense array is a mapping of its own (``heap_memory.mapped_zeros``):
# freed, it leaves no heap block behind and glibc's mmap threshold where it was (D's 30 MB:
# ~10 MB less at the peak), but its pages are faulted in at every evaluation (~6 ms for B's
# 10 MB against ~1 ms for a reused heap block), which smaller arrays do not pay back.
MAPPED_SIGMA_BYTES = 16 << 20


@dataclass
class SchurState:
    """What one evaluation leaves for the gradient."""

    T: np.ndarray          # (q1, q1, G1)
    P1: np.ndarray         # L_g^-1 Lambda_1' (q1, q1, G1)
    Linv: np.ndarray       # L_g^-1 (q1, q1, G1)
    U: np.ndarray | None   # Sigma = U'U, U upper triangular in Fortran order (L_S = U');
    # with scalar block-2 terms K's off-diagonal cells in its lower triangle
    K_diag: np.ndarray | None  # K's diagonal then
    R1: np.ndarray         # (q1, r, G1)
    R2: np.ndarray | None  # (Q2, r)
    lam2: np.ndarray | None      # diagonal of Lambda_2 when every block-2 term is scalar
    Lam2: sp.csr_matrix | None   # Lambda_2 otherwise


class SchurEvaluator:
    """Evaluations and gradients for a ``BlockedSystem`` (module docstring)."""

    def __init__(self, system):
        s = system
        self.s = s
        self.sigma_spare = None  # Sigma's mapping after a reverse pass, for the next evaluation
        q1 = s.qs[s.first]
        self.q1, self.G1, self.Q2, self.r = q1, s.A11.shape[0], s.Q2, s.p + 1
        self.C11 = np.ascontiguousarray(np.moveaxis(s.A11, 0, 2))       # (q1, q1, G1)
        self.ZXY1 = np.ascontiguousarray(np.moveaxis(s.Z1XY, 0, 2))     # (q1, r, G1)
        self.sparse = bool(getattr(s, "sparse", False))
        if self.Q2:
            Q2 = self.Q2
            self.A21 = s.A21.tocsr()
            self.A12 = self.A21.T  # (a view)
            self.A22 = s.A22.tocsr()
            # the cells: the pairs' entries, C_22's lower triangle and the diagonal
            low = sp.tril(self.A22).tocoo()
            c22_at = low.row.astype(np.int64) * Q2 + low.col
            diagonal = np.arange(Q2, dtype=np.int64) * (Q2 + 1)
            self.pairs, cells = build_pairs(s.A21, self.G1, q1, extra=np.concatenate([c22_at, diagonal]))
            if self.sparse:
                self.sparse_schur = SparseSchur(self.A22, cells)
            else:
                # cells are sorted by row i: row i's cells are row_bounds[i]..row_bounds[i+1]-1
                # (each row holds its diagonal cell); a cell keeps only its column j (two
                # bytes: Q2 <= DENSE_LIMIT), its row and position come from the bounds
                self.row_bounds = np.searchsorted(cells, np.arange(Q2 + 1, dtype=np.int64) * Q2)
                # a dense Q2 x Q2 array in Fortran order holds entry (j, i) at position
                # i * Q2 + j: the cells fill its upper triangle, which LAPACK reads with uplo=U
                c22_cells = np.searchsorted(cells, c22_at)
                order = np.argsort(c22_cells)
                self.c22_cells, self.c22_values = c22_cells[order], low.data[order]
                self.diag_cells = np.searchsorted(cells, diagonal)
                np.remainder(cells, Q2, out=cells)  # (in place: the positions are not kept)
                self.cell_j = cells.astype(np.uint16 if Q2 <= 65536 else np.int32)
            del cells
            release_free_heap()  # the pattern's scratch arrays (heap_memory)

    def cell_rows(self, a: int = 0, b: int | None = None) -> np.ndarray:
        """The rows i of cells a..b-1 (int64)."""
        bounds = self.row_bounds
        b = int(bounds[-1]) if b is None else b
        i0 = int(np.searchsorted(bounds, a, side="right")) - 1
        i1 = int(np.searchsorted(bounds, b, side="left"))
        runs = np.minimum(bounds[i0 + 1:i1 + 1], b) - np.maximum(bounds[i0:i1], a)
        return np.repeat(np.arange(i0, i1, dtype=np.int64), runs)

    def cell_positions(self, a: int = 0, b: int | None = None) -> np.ndarray:
        """Positions i * Q2 + j of cells a..b-1 (int64), increasing."""
        at = self.cell_rows(a, b)
        at *= self.Q2
        at += self.cell_j[a:b]
        return at

    def _schur_pieces(self, f: np.ndarray):
        """(a, b, K on cells a..b-1) by ranges of cells: K = C_22 - C_21 blockdiag(F) C_12."""
        for a, b, K in self.pairs.products(f):
            np.negative(K, out=K)
            c0, c1 = np.searchsorted(self.c22_cells, [a, b])
            K[self.c22_cells[c0:c1] - a] += self.c22_values[c0:c1]
            yield a, b, K

    def _schur_cells(self, f: np.ndarray) -> np.ndarray:
        """K on all cells (dense path)."""
        out = np.empty(len(self.cell_j))
        for a, b, K in self._schur_pieces(f):
            out[a:b] = K
        return out

    def _dense(self, cell_values: np.ndarray) -> np.ndarray:
        """A Q2 x Q2 array in Fortran order holding the cells' values in its upper triangle
        (entry (j, i) for cell (i, j)), zeros elsewhere."""
        out = np.zeros((self.Q2, self.Q2), order="F")
        flat = out.T.ravel()  # the transpose is C-ordered: a view
        for a in range(0, len(cell_values), DENSE_CHUNK):
            b = min(a + DENSE_CHUNK, len(cell_values))
            flat[self.cell_positions(a, b)] = cell_values[a:b]
        return out

    def _sigma_scaled(self, f: np.ndarray, lam2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(``_dense`` of Sigma's entries lambda_i K_ij lambda_j, K's diagonal) for scalar
        block-2 terms, K computed, scaled and placed range by range of cells: no cells-sized
        array beside the dense one.  K itself, which the reverse pass needs, is kept in the
        dense array's lower triangle (entry (i, j) for cell (i, j), i > j), which LAPACK's
        uplo=U factor and inverse leave as they are, its diagonal apart."""
        Q2 = self.Q2
        out = self._sigma_array()
        flat = out.T.ravel()  # the transpose is C-ordered: a view
        K_diag = np.zeros(Q2)
        one = np.all(lam2 == lam2[0])  # one block-2 term: lambda a number
        for a, b, K in self._schur_pieces(f):
            at = self.cell_rows(a, b)
            cj = self.cell_j[a:b]
            d0, d1 = np.searchsorted(self.diag_cells, [a, b])
            d_at = self.diag_cells[d0:d1] - a
            K_diag[at[d_at]] = K[d_at]
            flat[cj.astype(np.int64) * Q2 + at] = K  # (diagonal cells: overwritten below)
            if one:
                K *= lam2[0] * lam2[0]
            else:
                K *= lam2[at]
                K *= lam2[cj]
            at *= Q2
            at += cj
            flat[at] = K
        return out, K_diag

    def _sigma_array(self) -> np.ndarray:
        """A zeroed Q2 x Q2 array in Fortran order for Sigma: from MAPPED_SIGMA_BYTES on a
        mapping of its own, the one a reverse pass gave back when there is one (refilled with
        zeros: its pages are resident, none is faulted in again)."""
        Q2 = self.Q2
        if 8 * Q2 * Q2 < MAPPED_SIGMA_BYTES:
            return np.zeros((Q2, Q2), order="F")
        out, self.sigma_spare = self.sigma_spare, None
        if out is None:
            return mapped_zeros((Q2, Q2))
        out.fill(0.0)
        return out

    def recycle(self, st: "SchurState | None") -> None:
        """Take back the Sigma factor's mapping of a state no one will use again (the kept
        forward pass being replaced) for the next evaluation; the state's ``U`` is None."""
        if st is not None and st.U is not None and 8 * self.Q2 * self.Q2 >= MAPPED_SIGMA_BYTES \
                and st.U.flags.f_contiguous:
            self.sigma_spare, st.U = st.U, None

    def release_spare(self) -> None:
        """Drop the kept mapping (after the fit: a stored fit holds no 30 MB of scratch)."""
        self.sigma_spare = None

    def _kept_schur(self, flat: np.ndarray, K_diag: np.ndarray, at: np.ndarray, cj: np.ndarray,
                    d_at: np.ndarray) -> np.ndarray:
        """K on cells at rows ``at``, columns ``cj`` (diagonal cells at ``d_at``) from where
        ``_sigma_scaled`` kept it."""
        K = flat[cj.astype(np.int64) * self.Q2 + at]
        K[d_at] = K_diag[at[d_at]]
        return K

    def _full(self, cell_values: np.ndarray) -> np.ndarray:
        """The symmetric Q2 x Q2 matrix with these values on the cells."""
        D = self._dense(cell_values)
        D += np.triu(D, 1).T
        return D

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
        lam2, Lam2 = self._lambda2(lambdas)
        K_diag = None
        if lam2 is not None:  # Sigma_ij = lambda_i K_ij lambda_j: on the cells
            U, K_diag = self._sigma_scaled(f, lam2)
        else:
            U = np.asfortranarray(Lam2.T @ np.asarray(Lam2.T @ self._full(self._schur_cells(f))).T)
        U.ravel(order="F")[::self.Q2 + 1] += 1.0  # (a view of the diagonal)
        U, info = sla.lapack.dpotrf(U, lower=0, clean=0, overwrite_a=1)  # in place
        if info != 0:
            return None
        ld += 2 * float(np.log(np.diagonal(U)).sum())
        F1 = np.moveaxis(sb.bmm(T, self.ZXY1), 2, 0).reshape(-1, r)
        rhs = s.Z2XY - self.A21 @ F1
        rhs = lam2[:, None] * rhs if lam2 is not None else np.asarray(Lam2.T @ rhs)
        R2 = sla.solve_triangular(U, rhs, lower=False, trans="T", check_finite=False)
        Mt -= R2.T @ R2
        return ld, Mt, SchurState(T, P1, Linv, U, K_diag, R1, R2, lam2, Lam2)

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
        """[Y_k] per term (model order) of f = ld_bar log|A| + tr(M_bar M~).  With ld_bar != 0
        Sigma^-1 is formed in the factor's array: the state then serves no other reverse
        pass (its ``U`` is None)."""
        s = self.s
        lam1 = lambdas[s.first]
        q1, r, G1 = self.q1, self.r, self.G1
        Y = {}
        if self.Q2:
            U2 = sla.solve_triangular(st.U, st.R2, lower=False, check_finite=False)
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
        WMW1 = sb.sum_outer(sb.rmul(W1, M_bar), W1)
        Y[s.first] = -lam1.T @ WMW1
        for k in s.rest:
            o, q, G = s.offsets[k], s.qs[k], s.groups[k]
            Wk = W2[o:o + G * q].reshape(G, q, r)
            WMW = np.einsum("gar,rs,gbs->ab", Wk, M_bar, Wk)
            Y[k] = -lambdas[k].T @ WMW
        if ld_bar != 0:  # (the standard errors' reverse pass has none: no Sigma^-1)
            for k, Yk in self._logdet_adjoint(st).items():
                Y[k] += ld_bar * Yk
        return [Y[k] for k in range(len(s.qs))]

    def _logdet_adjoint(self, st: SchurState) -> dict[int, np.ndarray]:
        """{k: Lambda_k' d log|A| / d S_k} (module docstring).  Sigma^-1 overwrites the
        factor (upper triangle, Fortran order): the state's ``U`` is None afterwards."""
        s = self.s
        q1, G1 = self.q1, self.G1
        AiL = sb.btmm(st.Linv, st.P1)  # A_g^-1 Lambda_1'
        Y1 = sb.group_sum(sb.bmm(AiL, self.C11))
        out = {s.first: Y1}
        if not self.Q2:
            return out
        Sinv = sla.lapack.dpotri(st.U, lower=0, overwrite_c=1)[0]
        st.U = None
        if st.lam2 is not None:
            El, N1 = self._scalar_logdet_parts(Sinv, st.K_diag, st.lam2)
            if 8 * self.Q2 * self.Q2 >= MAPPED_SIGMA_BYTES and Sinv.flags.f_contiguous:
                self.sigma_spare = Sinv  # (done with: no state refers to it, st.U is None)
            del Sinv
        else:
            cells = self.cell_positions()
            Sinv = np.triu(Sinv) + np.triu(Sinv, 1).T
            X = np.asarray(st.Lam2 @ Sinv)
            del Sinv
            w = np.asarray(st.Lam2 @ X.T).T.ravel()[cells]  # Omega on the cells
            del cells
            Bm = X.T
            Kfull = self._full(self._schur_cells(np.moveaxis(st.T, 2, 0).ravel()))
            w[self.diag_cells] *= 0.5  # pairs' w = (N_g)_g: an off-diagonal cell counts twice
            N1 = self.pairs.rmatvec(w)
        N1 = N1.reshape(G1, q1, q1)
        N = np.moveaxis(N1, 0, 2)
        N = N + sb.transpose(N)
        TC = sb.bmm(st.T, self.C11)
        for i in range(q1):
            TC[i, i] -= 1.0
        out[s.first] = Y1 + sb.group_sum(sb.bmm(sb.bmm(AiL, N), TC))
        for k in s.rest:
            o, q, G = s.offsets[k], s.qs[k], s.groups[k]
            sl = slice(o, o + G * q)
            if st.lam2 is not None:
                out[k] = np.diag(El[sl].reshape(G, q).sum(axis=0))
            else:
                out[k] = np.einsum("gaj,gbj->ab", Bm[sl].reshape(G, q, -1), Kfull[sl].reshape(G, q, -1))
        return out


    def _scalar_logdet_parts(self, Sinv: np.ndarray, K_diag: np.ndarray, lam: np.ndarray):
        """(El, pairs' w) for scalar block-2 terms, in one pass over the cells by the pairs'
        ranges, with Sigma^-1 (upper triangle of ``Sinv``) and K (its lower triangle and
        ``K_diag``: ``_sigma_scaled``) gathered there: no cells-sized array.  El = (E lambda)_h with E = Sigma^-1 o K: per
        row h the sum over its cells (a row split by a range is summed whole, as
        ``np.add.reduceat`` sums each row), plus the sum over column h's cells (in cell
        order, as ``np.bincount``), the diagonal once; w = Omega = Lambda_2 Sigma^-1
        Lambda_2 on the cells, the diagonal halved (an off-diagonal cell counts twice)."""
        Q2, bounds = self.Q2, self.row_bounds
        flat = Sinv.T.ravel()  # the transpose is C-ordered: a view
        one = bool(np.all(lam == lam[0]))  # one block-2 term: lambda a number
        rows_sum, cols_sum, diag = np.empty(Q2), np.zeros(Q2), np.empty(Q2)
        carry = []  # the row terms of a row that a range boundary split

        def w_of(lo: int, hi: int) -> np.ndarray:
            a, b = lo, hi
            at = self.cell_rows(a, b)
            cj = self.cell_j[a:b]
            d0, d1 = np.searchsorted(self.diag_cells, [a, b])
            d_at = self.diag_cells[d0:d1] - a
            K = self._kept_schur(flat, K_diag, at, cj, d_at)
            i_first, i_last = int(at[0]), int(at[-1])
            pos = at * Q2
            pos += cj
            w = flat[pos]  # Sigma^-1 on the cells
            del pos
            E = K
            E *= w
            if one:
                by_row = by_col = E
            else:
                lam_i = lam[at]
                by_row, by_col = E * lam[cj], E * lam_i
            np.add.at(cols_sum, cj.astype(np.intp), by_col)  # (intp: add.at's fast path)
            start = int(bounds[i_first])
            if start < a:  # the carried row goes on
                carry.append(by_row[:min(int(bounds[i_first + 1]), b) - a])
                if int(bounds[i_first + 1]) <= b:
                    rows_sum[i_first] = np.add.reduceat(np.concatenate(carry), [0])[0]
                    carry.clear()
                i_first += 1
            i_full = i_last if int(bounds[i_last + 1]) <= b else i_last - 1
            if i_first <= i_full:  # rows wholly in the range
                r0 = int(bounds[i_first])
                rows_sum[i_first:i_full + 1] = np.add.reduceat(
                    by_row[r0 - a:int(bounds[i_full + 1]) - a], bounds[i_first:i_full + 1] - r0)
            if i_full < i_last and int(bounds[i_last]) >= a:  # a row goes on past b
                carry.append(by_row[int(bounds[i_last]) - a:])
            d_rows = at[d_at]
            diag[d_rows] = E[d_at] if one else E[d_at] * lam[d_rows]
            if one:
                w *= lam[0] * lam[0]
            else:
                w *= lam_i
                w *= lam[cj]  # Omega on the cells
            w[d_at] *= 0.5
            return w

        N1 = self.pairs.rmatvec_by_ranges(w_of)
        El = rows_sum + cols_sum
        El -= diag
        if one:
            El *= lam[0]
        return El, N1
