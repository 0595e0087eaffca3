"""Marginal likelihood of a GLMM with one level of random effects.

Group j (observations i, weights w_i, group weight W_j) with b_j ~ N(0, Sigma):

    l = sum_j W_j ln L_j,   L_j = int exp(h_j(b)) db,
    h_j(b) = sum_i w_i logf(y_i | eta0_i + z_i'b) - b'Sigma^-1 b / 2 - ln det(2 pi Sigma) / 2.

Approximations of ln L_j (Stata's ``intmethod()``; [ME] meglm, Methods and
formulas, after Liu & Pierce 1994 and Rabe-Hesketh, Skrondal & Pickles 2005),
all with the product rule of ``quadrature`` at nodes b = mu_j + R_j t:

- ``ghermite``: mu = 0, R R' = Sigma (nodes from the prior);
- ``mcaghermite``: mu = the mode of h_j, R R' = (-h_j''(mode))^-1 (observed curvature);
- ``laplace``: the same with one node: ln L_j = h_j(mode) + (q/2) ln 2 pi - ln det(-h_j'')/2;
- ``mvaghermite``: mu and R R' the posterior mean and covariance of b_j computed by
  the quadrature itself, iterated to their fixed point at every evaluation (starting
  from the previous fixed point, or from the mode and curvature).

Several random effects (q > 1) are integrated in whitened coordinates u = L^-1 b
(L L' = Sigma, ``whiten``): the design becomes Z L and the prior N(0, I), so
h_j(u) = sum_i w_i logf(y_i | eta0_i + z_i'L u) - u'u/2 - q ln(2 pi)/2 and ln L_j is the
same integral.  Sigma^-1 is never formed: at a correlation of +/-1 (Sigma singular) the
posterior of u stays well conditioned, where that of b collapses onto a line and its
quadrature nodes (and b'Sigma^-1 b) lose all precision.  Laplace keeps b: its gradient
(``single_level_gradient``) is written in b.

Observations are sorted by group once, so every per-group sum is one
``np.add.reduceat`` over an n x K array (K quadrature nodes); all groups'
Newton steps for the modes are taken at once (where the adaptive rules put their nodes, the
mode search and the mean-variance fixed point: ``adaptive_nodes``).
"""
from __future__ import annotations

import numpy as np

from ..glm.family import Family
from .adaptive_nodes import FROM_MODES_POINTS, Adaptive, AdaptiveNodes, batched_cholesky, logdet_chol
from .node_arithmetic import column_grams, design_dot, design_dot_into, node_columns, quadratic_forms, sparse_rows
from .gaussian_closed_form import gaussian_logliks
from .quadrature import LOG_2PI, logsumexp_rows, product_rule


CHUNK_ELEMENTS = 1 << 16


def node_ranges(K: int, rows: int) -> list[tuple[int, int]]:
    """Ranges of the K quadrature nodes for a block of ``rows`` observations: all K at once
    unless one block of whole groups times K exceeds CHUNK_ELEMENTS several times over (a
    single large group, as ``_all:`` with several random effects: 180 rows x 7^6 nodes made
    1 GB temporaries), then ranges of about CHUNK_ELEMENTS elements each."""
    if rows * K <= 4 * CHUNK_ELEMENTS:
        return [(0, K)]
    step = max(1, CHUNK_ELEMENTS // rows)
    return [(k0, min(K, k0 + step)) for k0 in range(0, K, step)]


# elements (groups x nodes x coordinates) of the node arrays one quadrature holds at once: more
# groups than this allows are integrated block by block (``group_blocks``); tests shrink it
GROUP_BLOCK_ELEMENTS = 1 << 20


class SingleLevelModel(AdaptiveNodes):
    """One random-effects level; data held sorted by group (see the module docstring)."""

    def __init__(self, family: Family, X: np.ndarray, offset: np.ndarray, w_obs: np.ndarray | None,
                 group: np.ndarray, G: int, Z: np.ndarray, w_group: np.ndarray | None):
        n = len(group)
        order = np.argsort(group, kind="stable")
        self.order = order
        self.inverse = np.empty(n, np.int64)
        self.inverse[order] = np.arange(n)
        g = np.asarray(group)[order]
        self.g = g
        counts = np.bincount(g, minlength=G)
        if np.any(counts == 0):
            raise ValueError("every group needs at least one observation")
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.counts = counts
        self.G = G
        self.family = family.subset(order)
        self.X = np.asarray(X, float)[order]
        self.offset = np.asarray(offset, float)[order]
        self.w = None if w_obs is None else np.asarray(w_obs, float)[order]
        self.W = None if w_group is None else np.asarray(w_group, float)
        self.Z0 = np.asarray(Z, float).reshape(n, -1)[order]
        self.Z = self.Z0.copy()  # Z0 L when whitened (updated in place: the chunks hold views)
        self.factor: np.ndarray | None = None
        self.q = self.Z.shape[1]
        self.intercept_only = self.q == 1 and bool(np.all(self.Z == 1.0))
        q = self.q
        self._tri = [(a, b) for a in range(q) for b in range(a, q)]
        # position in the packed upper triangle of each (a, b) entry: _sym in one gather
        self._sym_index = np.empty((q, q), np.int64)
        for k, (a, b) in enumerate(self._tri):
            self._sym_index[a, b] = self._sym_index[b, a] = k
        self.ZZ = np.column_stack([self.Z[:, a] * self.Z[:, b] for a, b in self._tri])
        self.cache: dict[str, Adaptive] = {}
        self.last_modes: np.ndarray | None = None
        self._chunks: dict[int, list] = {}
        self._work: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._sparse: dict[tuple, bool] = {}  # a chunk's (lo, hi) -> whether its design rows are sparse_rows()
        self._blocks: dict[int, list] = {}  # block size -> group_blocks' models

    # ---- blocks of groups -------------------------------------------------------
    def group_blocks(self, method: str, Q: int) -> list["SingleLevelModel"]:
        """[self], or models of consecutive ranges of groups whose node arrays (groups x Q^q
        nodes x q) hold at most GROUP_BLOCK_ELEMENTS each: the groups' integrals are
        independent, so ln L_j is each block's and the gradient the sum of the blocks'
        (5 random effects at 7 points are 16,807 nodes a group: all groups at once took GBs).
        Each block keeps its own modes and adaptive nodes between evaluations."""
        if method == "laplace" or self.exact_gaussian(method):
            return [self]
        per_group = float(Q) ** self.q * self.q
        size = max(1, int(GROUP_BLOCK_ELEMENTS // per_group))
        if self.G <= size:
            return [self]
        if size not in self._blocks:
            self._blocks = {size: [self._block(g0, min(self.G, g0 + size)) for g0 in range(0, self.G, size)]}
        return self._blocks[size]

    def _block(self, g0: int, g1: int) -> "SingleLevelModel":
        """The model of groups g0:g1 alone (rows already sorted by group)."""
        lo = int(self.starts[g0])
        hi = int(self.starts[g1]) if g1 < self.G else len(self.g)
        rows = slice(lo, hi)
        return SingleLevelModel(self.family.subset(np.arange(lo, hi)), self.X[rows], self.offset[rows],
                                None if self.w is None else self.w[rows], self.g[rows] - g0, g1 - g0,
                                self.Z0[rows], None if self.W is None else self.W[g0:g1])

    # ---- coordinates of the random effects ------------------------------------
    def whitens(self, method: str) -> bool:
        """Whether ``method`` integrates in u = L^-1 b (module docstring)."""
        return self.q > 1 and method != "laplace"

    def prior(self, Sigma: np.ndarray, method: str, L: np.ndarray | None = None):
        """(Sigma^-1, ln det Sigma) of the coordinates ``method`` integrates in: for
        ``whitens(method)`` the design is set to Z0 L (L: Sigma's Cholesky factor, best
        ``levels.Level.chol``) and the prior is N(0, I) ((I, 0)); otherwise Z0 and Sigma's own."""
        if self.whitens(method):
            L = np.linalg.cholesky(Sigma) if L is None else L
            if self.factor is None or not np.array_equal(L, self.factor):
                self._set_design(self.Z0 @ L)
                self.factor = L
            return np.eye(self.q), 0.0
        if self.factor is not None:
            self._set_design(self.Z0)
            self.factor = None
        return np.linalg.inv(Sigma), float(np.linalg.slogdet(Sigma)[1])

    def _set_design(self, Z: np.ndarray) -> None:
        self.Z[...] = Z
        self._sparse.clear()
        for k, (a, b) in enumerate(self._tri):
            self.ZZ[:, k] = self.Z[:, a] * self.Z[:, b]

    # ---- sums ---------------------------------------------------------------
    def gsum(self, a: np.ndarray) -> np.ndarray:
        return np.add.reduceat(a, self.starts, axis=0)

    def weighted(self, a: np.ndarray) -> np.ndarray:
        if self.w is None:
            return a
        return a * self.w.reshape((-1,) + (1,) * (a.ndim - 1))

    def _sym(self, packed: np.ndarray) -> np.ndarray:
        """(G, q, q) from the packed upper-triangle sums (G, q(q+1)/2)."""
        return packed[:, self._sym_index]

    # ---- linear predictor ---------------------------------------------------
    def eta0(self, beta: np.ndarray) -> np.ndarray:
        return self.X @ beta + self.offset

    def eta_at(self, eta0: np.ndarray, b: np.ndarray) -> np.ndarray:
        """eta for one b per group (G, q) -> (n,), or nodes (G, K, q) -> (n, K)."""
        if b.ndim == 2:
            if self.intercept_only:
                return eta0 + b[self.g, 0]
            return eta0 + design_dot(self.Z, b, self.g)
        if self.intercept_only:
            return eta0[:, None] + b[self.g, :, 0]
        return eta0[:, None] + design_dot(self.Z, b, self.g)

    # ---- the integrand ------------------------------------------------------
    def h(self, eta0, anc, b, Sinv, logdet_S):
        """h_j at b: (G,) for b (G, q), (G, K) for nodes (G, K, q)."""
        lf = self.gsum(self.weighted(self.family.logf(self.eta_at(eta0, b), anc)))
        quad = quadratic_forms(b, Sinv)
        return lf - 0.5 * quad - 0.5 * (logdet_S + self.q * LOG_2PI)

    def obs_eval(self, eta: np.ndarray, anc, order: int) -> list[np.ndarray]:
        """[w logf, w d1, ..., w d_order] per observation, evaluated block by block."""
        out = [np.empty(len(eta)) for _ in range(order + 1)]
        for lo, hi, g0, g1, ls, fam, wc, Zc, gc in self.chunks(1):
            vals = fam.logf_derivs(eta[lo:hi], anc, order)
            for k, v in enumerate(vals):
                out[k][lo:hi] = v if wc is None else v * wc
        return out

    def _obs_eval_groups(self, eta0, b, anc, groups: np.ndarray, previous: tuple) -> list[np.ndarray]:
        """``obs_eval(eta_at(eta0, b), anc, 2)`` where only the rows of the ``groups`` (a (G,)
        mask) can differ from ``previous``: those rows evaluated alone, the rest copied.  A
        ``Family``'s log density is row by row, so every value has the bits of the full
        evaluation; other families (choice sets) are evaluated in full."""
        eta = self.eta_at(eta0, b)
        if not isinstance(self.family, Family):
            return self.obs_eval(eta, anc, 2)
        rows = np.flatnonzero(groups[self.g])
        vals = self.family.subset(rows).logf_derivs(eta[rows], anc, 2)
        out = []
        for old, v in zip(previous, vals):
            new = old.copy()
            new[rows] = v if self.w is None else v * self.w[rows]
            out.append(new)
        return out

    # ---- blocked evaluation at the quadrature nodes ---------------------------------
    def chunks(self, K: int) -> list:
        """Blocks of whole groups with about CHUNK_ELEMENTS observations x nodes each, so
        that the n x K temporaries of one block stay in cache (the n x K arrays of a
        million-row model would otherwise make every elementwise step memory-bound)."""
        if K in self._chunks:
            return self._chunks[K]
        target = max(1, CHUNK_ELEMENTS // K)
        ends = np.cumsum(self.counts)
        out, g0 = [], 0
        while g0 < self.G:
            lo = int(self.starts[g0])
            g1 = int(np.searchsorted(ends, lo + target, side="right"))
            g1 = max(g1, g0 + 1)
            hi = int(ends[g1 - 1])
            rows = slice(lo, hi)
            out.append((lo, hi, g0, g1, self.starts[g0:g1] - lo, self.family.subset(np.arange(lo, hi)),
                        None if self.w is None else self.w[rows], self.Z[rows], self.g[rows]))
            g0 = g1
        self._chunks[K] = out
        return out

    def _eta_block(self, eta0, cols, lo, hi, Zc, gc, k0, k1):
        """(eta, scratch): eta0 + z'b at nodes k0:k1 of the block's rows (``cols``: the nodes'
        ``node_columns``) in one of two work arrays kept for that shape, the other free."""
        shape = (hi - lo, k1 - k0)
        if shape not in self._work:
            self._work[shape] = (np.empty(shape), np.empty(shape))
        eta, scratch = self._work[shape]
        part = [c[:, k0:k1] for c in cols]
        if self.intercept_only:
            np.take(part[0], gc, axis=0, out=eta, mode="clip")
        else:
            if (lo, hi) not in self._sparse:  # the design's nonzero pattern, checked once per design
                self._sparse[lo, hi] = sparse_rows(Zc)
            design_dot_into(Zc, part, gc, eta, scratch, self._sparse[lo, hi])
        return np.add(eta, eta0[lo:hi, None], out=eta), scratch

    def node_logliks(self, eta0, anc, B, cols=None) -> np.ndarray:
        """(G, K): sum_i w_i logf(y_i | eta0_i + z_i'B[g, k]); ``cols``: B's ``node_columns``
        (then B may be None)."""
        cols = [np.ascontiguousarray(B[:, :, a]) for a in range(self.q)] if cols is None else cols
        G, K = cols[0].shape
        out = np.empty((G, K))
        for lo, hi, g0, g1, ls, fam, wc, Zc, gc in self.chunks(K):
            for k0, k1 in node_ranges(K, hi - lo):
                eta, scratch = self._eta_block(eta0, cols, lo, hi, Zc, gc, k0, k1)
                lf = fam.logf_over(eta, anc, scratch)
                if wc is not None:
                    lf *= wc[:, None]
                out[g0:g1, k0:k1] = np.add.reduceat(lf, ls, axis=0)
        return out

    def node_score_sums(self, eta0, anc, B, weights: list[np.ndarray], raw_design: bool = False):
        """Sums over the nodes of w_i d1_ik weighted by each (G, K) array in ``weights``
        (per observation: (n, J)), and per group sum_i w_i z_i d1_ik (G, K, q), z_i the
        row of the design in use (``raw_design``: of Z0, unwhitened)."""
        G, K = B.shape[:2]
        per_obs = np.empty((self.X.shape[0], len(weights)))
        zsum = np.empty((G, K, self.q))
        cols = [np.ascontiguousarray(B[:, :, a]) for a in range(self.q)]
        for lo, hi, g0, g1, ls, fam, wc, Zc, gc in self.chunks(K):
            Zs = self.Z0[lo:hi] if raw_design else Zc
            for k0, k1 in node_ranges(K, hi - lo):
                d1 = fam.derivs(self._eta_block(eta0, cols, lo, hi, Zc, gc, k0, k1)[0], anc, 1)[0]
                if wc is not None:
                    d1 *= wc[:, None]
                for j, P in enumerate(weights):
                    part = np.einsum("ik,ik->i", P[gc, k0:k1], d1)
                    if k0 == 0:
                        per_obs[lo:hi, j] = part
                    else:
                        per_obs[lo:hi, j] += part
                for a in range(self.q):
                    zsum[g0:g1, k0:k1, a] = np.add.reduceat(
                        d1 if self.intercept_only else d1 * Zs[:, a:a + 1], ls, axis=0)
        return per_obs, zsum

    def quadrature(self, eta0, anc, Sinv, logdet_S, ad: Adaptive, rule):
        """(ln L_j (G,), node weights p (G, K), nodes (G, K, q))."""
        return self.quadratures(eta0, anc, Sinv, logdet_S, [ad], rule)[0]

    def quadratures(self, eta0, anc, Sinv, logdet_S, ads: list[Adaptive], rule) -> list[tuple]:
        """``quadrature`` at each of several node placements, evaluated together: their
        J x G groups' nodes in one (J G, K) stack for the small per-group steps, and side by side
        as (G, J K) for the log density over the observations (every value is computed as one
        placement alone computes it: the same bits, with a J-th of the calls)."""
        J, G, K = len(ads), self.G, rule.size
        mu = ads[0].mu if J == 1 else np.concatenate([ad.mu for ad in ads])
        R = ads[0].R if J == 1 else np.concatenate([ad.R for ad in ads])
        cols = node_columns(mu, R, rule.nodes)
        B = np.stack(cols, axis=-1)  # nodes_at(mu, R, rule.nodes), contiguous as it is
        quad = quadratic_forms(B, Sinv, cols)
        if J == 1:
            ll = self.node_logliks(eta0, anc, B, cols)
        else:
            wide = [np.ascontiguousarray(c.reshape(J, G, K).transpose(1, 0, 2)).reshape(G, J * K) for c in cols]
            ll = self.node_logliks(eta0, anc, None, wide).reshape(G, J, K).transpose(1, 0, 2).reshape(J * G, K)
        hk = ll - 0.5 * quad - 0.5 * (logdet_S + self.q * LOG_2PI)
        A = rule.logc[None, :] + hk
        lse = logsumexp_rows(A)
        p = np.exp(A - lse[:, None])
        lnL = logdet_chol(R) + lse
        return [(lnL[j * G:(j + 1) * G], p[j * G:(j + 1) * G], B[j * G:(j + 1) * G]) for j in range(J)]

    # ---- ln L_j ---------------------------------------------------------------
    def group_logliks(self, beta, anc, Sigma, method: str, Q: int, tol: float = 1e-10,
                      L: np.ndarray | None = None) -> np.ndarray:
        """ln L_j of every group (``L``: Sigma's Cholesky factor, see ``prior``)."""
        if self.exact_gaussian(method):
            return gaussian_logliks(self, beta, anc, Sigma)
        blocks = self.group_blocks(method, Q)
        if len(blocks) > 1:
            return np.concatenate([b.group_logliks(beta, anc, Sigma, method, Q, tol, L) for b in blocks])
        q = self.q
        eta0 = self.eta0(beta)
        Sinv, logdet_S = self.prior(Sigma, method, L)
        if method == "ghermite":
            rule = product_rule(Q, q)
            Lsig = np.eye(q) if self.whitens(method) else np.linalg.cholesky(Sigma)
            ad = Adaptive(np.zeros((self.G, q)), np.broadcast_to(Lsig, (self.G, q, q)).copy())
            return self.quadrature(eta0, anc, Sinv, logdet_S, ad, rule)[0]
        if method == "mvaghermite" and Q <= FROM_MODES_POINTS:
            return self.mv_fixed_point(eta0, anc, Sinv, logdet_S, self.mode_start(eta0, anc, Sinv, logdet_S, True),
                                       product_rule(Q, q), tol)[0][0]
        if method == "mvaghermite" and self.cache.get("mv") is not None:
            res, _ = self.mv_fixed_point(eta0, anc, Sinv, logdet_S, None, product_rule(Q, q), tol)
            if np.all(np.isfinite(res[0])):
                return res[0]
            self.cache.pop("mv", None)
        mode, negH, hmode = self.modes(eta0, anc, Sinv, logdet_S, self.last_modes)
        self.remember_modes(mode, hmode)
        Lh = batched_cholesky(negH)
        if method == "laplace":
            return hmode + 0.5 * q * LOG_2PI - logdet_chol(Lh)
        Linv = np.linalg.inv(Lh)
        Rm = batched_cholesky(column_grams(Linv))  # chol of (-h'')^-1
        rule = product_rule(Q, q)
        if method == "mcaghermite":
            return self.quadrature(eta0, anc, Sinv, logdet_S, Adaptive(mode, Rm), rule)[0]
        return self.mv_fixed_point(eta0, anc, Sinv, logdet_S, Adaptive(mode, Rm), rule, tol)[0][0]

    def exact_gaussian(self, method: str) -> bool:
        """Whether ln L_j has a closed form that adaptive quadrature reproduces: a linear
        Gaussian model's posterior of b is normal, so the integrand over the adapted normal
        kernel is constant and adaptive Gauss-Hermite (any number of points) and the Laplace
        approximation are exact; the closed form is the same value without the nodes (the
        quadrature of a random-slope meglm with ~50 coefficients took minutes)."""
        fam = self.family  # gllamm's choice sets and other row families have no family name
        return (getattr(fam, "family", None) == "gaussian" and getattr(fam, "link", None) == "identity"
                and not getattr(fam, "censored", False) and self.w is None and method in ("mvaghermite", "mcaghermite", "laplace"))

    def group_ztz(self) -> np.ndarray:
        """Z_j'Z_j of every group (G, q, q), made once: the closed-form Gaussian path's sums."""
        if getattr(self, "_z0z0", None) is None:
            self._z0z0 = self._sym(self.gsum(np.column_stack(
                [self.Z0[:, a] * self.Z0[:, b] for a, b in self._tri])))
        return self._z0z0


    def loglik(self, beta, anc, Sigma, method, Q) -> float:
        lj = self.group_logliks(beta, anc, Sigma, method, Q)
        v = float(np.sum(lj if self.W is None else self.W * lj))
        return v if np.isfinite(v) else -np.inf
