"""Marginal likelihood with several nested levels of random effects.

Levels 1..L (1 outermost; crossed ``_all`` effects form a level with one group).
For a top-level group, all its random effects b (every level) have the joint
integrand exp(h(b)), h = sum_i w_i logf(y_i|eta_i) + sum_l sum_g ln phi(b_lg; 0, Sigma_l),
and nested levels may carry level weights W (a group's inner integral raised to W).

Laplace (``intmethod(laplace)``): the joint approximation
ln L = h(b^) + (dim b/2) ln 2 pi - ln det(-h''(b^))/2 at the joint mode b^.  Stata
documents ``laplace`` as "equivalent to mode-curvature adaptive Gaussian quadrature
with one integration point" ([ME] meglm, option ``intmethod()``), with the
quadrature applied level by level ("``intpoints(7)`` ... seven quadrature points
are used for each level of random effects").  Mode-curvature adaptive quadrature
of a nested integral centres each level's nodes at the posterior mode and scales
them by the curvature there; written level by level (outermost first) that is the
Cholesky factorisation of the joint curvature: level l given its ancestors has
precision D_l (the curvature with all deeper levels eliminated, a Schur
complement) and mean b^_l - D_l^-1 sum_a C_la (b_a - b^_a).  With one point the
nodes sit at b^ and the product of the levels' scales is det(-h'')^-1/2, so the
one-point rule is exactly the joint Laplace approximation -- the value lme4 and
glmmTMB compute.  (A recursive variant, maximising each outer integrand of
inner Laplace approximations, differs from it; nothing in Stata's documentation
points to that variant.)

Quadrature (``mvaghermite``, ``mcaghermite``, ``ghermite``) is nested: Q^{q_l}
nodes per level, each level's nodes conditional on its ancestors' node values
(a "context"), L_g = int phi(b_1) prod_{children} L_child(b_1) db_1 recursively
(Rabe-Hesketh, Skrondal & Pickles 2005).  ``mcaghermite`` uses the
mode-curvature nodes above; ``mvaghermite`` the posterior mean and covariance
of each level's effects given its context, computed by the same nested
quadrature and iterated (all levels together) to their fixed point from the
mode-curvature start; ``ghermite`` the prior.

Joint Newton steps and curvatures use block elimination from the deepest level
up (the random-effects Hessian of nested levels has blocks only between a group
and its ancestors), vectorised over groups with ``np.add.at``.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..glm.family import Family
from .levels import Structure
from .nested_blocks import active_blocks, indicator, members, row_blocks, whole_block
from .quadrature import LOG_2PI, logsumexp_rows, product_rule
from .adaptive_nodes import CACHED_ITERATIONS, batched_cholesky, logdet_chol


# rows x node combinations from which the mean-variance iteration goes a top-level group at a
# time (``mv_fixed_point``); tests lower it
BY_GROUP_ELEMENTS = 1 << 21


def _sum_into(target_shape, index, values):
    out = np.zeros(target_shape)
    np.add.at(out, index, values)
    return out


def group_sum(S: sp.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Per-group sums of the rows of ``values`` (any trailing shape)."""
    shp = values.shape
    return np.asarray(S @ values.reshape(shp[0], -1)).reshape((S.shape[0],) + shp[1:])


class NestedModel:
    """Several nested levels; see the module docstring."""

    def __init__(self, family: Family, X, offset, w_obs, structure: Structure):
        self.family = family
        self.X = np.asarray(X, float)
        self.offset = np.asarray(offset, float)
        self.w = None if w_obs is None else np.asarray(w_obs, float)
        self.levels = structure.levels
        L = len(self.levels)
        self.L = L
        self.Z = [lv.Z for lv in self.levels]
        self.g = [lv.group for lv in self.levels]
        self.G = [lv.G for lv in self.levels]
        self.q = [lv.q for lv in self.levels]
        # anc[l][a]: ancestor index at level a of each group of level l
        self.anc = []
        for l, lv in enumerate(self.levels):
            row = {}
            if l > 0:
                row[l - 1] = lv.parent
                for a in range(l - 1):
                    row[a] = self.anc[l - 1][a][lv.parent]
            self.anc.append(row)
        self.top_of_obs = self.g[0]
        self.last_modes = None
        self.S = [indicator(g, G) for g, G in zip(self.g, self.G)]
        self._mv_cache = None
        self._work = None
        self._last_nodes = None
        self._unit_design = [lv.q == 1 and bool(np.all(lv.Z[:, 0] == 1.0)) for lv in self.levels]
        # up[l][a]: G_a x G_l sparse map of level-l groups to their ancestors at level a
        self.up = [{a: indicator(self.anc[l][a], self.G[a]) for a in range(l)} for l in range(L)]

    # ---- helpers ----------------------------------------------------------------
    def weighted(self, a):
        if self.w is None:
            return a
        return a * self.w.reshape((-1,) + (1,) * (a.ndim - 1))

    def eta(self, eta0, b):
        e = eta0.copy()
        for l in range(self.L):
            e += np.einsum("iq,iq->i", self.Z[l], b[l][self.g[l]])
        return e

    def h_top(self, eta0, anc_par, b, Sinv, logdetS):
        """h per top-level group at b (list of (G_l, q_l) arrays)."""
        lf = self.weighted(self.family.logf(self.eta(eta0, b), anc_par))
        out = self.S[0] @ lf
        for l in range(self.L):
            pr = -0.5 * np.einsum("ga,ab,gb->g", b[l], Sinv[l], b[l]) - 0.5 * (logdetS[l] + self.q[l] * LOG_2PI)
            top = self.anc[l][0] if l > 0 else np.arange(self.G[0])
            out += np.bincount(top, weights=pr, minlength=self.G[0])
        return out

    # ---- block elimination of the joint curvature ---------------------------------
    def eliminate(self, eta0, anc_par, b, Sinv):
        """Newton step of h at b, with the eliminated curvature blocks (D, C)."""
        r, D, C = self.curvature_blocks(eta0, anc_par, b, Sinv)
        Dinv = self.eliminate_blocks(D, C)
        return self.solve(D, C, r, Dinv), D, C

    def curvature_blocks(self, eta0, anc_par, b, Sinv):
        """Gradient r_l and the blocks of -h'' at b: D_l (group, group) and C_la (group,
        ancestor at level a), per level."""
        L = self.L
        eta = self.eta(eta0, b)
        d1, d2 = self.family.derivs(eta, anc_par, 2)
        wd1, v = self.weighted(d1), -self.weighted(d2)
        D, C, r = [], {}, []
        for l in range(L):
            Zl = self.Z[l]
            vZ = v[:, None] * Zl
            if self.G[l] == 1:
                D.append((vZ.T @ Zl)[None] + Sinv[l])
            else:
                D.append(group_sum(self.S[l], vZ[:, :, None] * Zl[:, None, :]) + Sinv[l])
            r.append(group_sum(self.S[l], wd1[:, None] * Zl) - b[l] @ Sinv[l])
            for a in range(l):
                C[(l, a)] = group_sum(self.S[l], vZ[:, :, None] * self.Z[a][:, None, :])
        return r, D, C

    def eliminate_blocks(self, D, C) -> list[np.ndarray]:
        """Eliminate the levels from the deepest up, in place: D_l becomes the Schur
        complement of its descendants, C_la likewise.  Returns the inverses of D."""
        L = self.L
        Dinv = [None] * L
        for l in range(L - 1, 0, -1):
            Dinv[l] = np.linalg.inv(D[l])
            T = {a: Dinv[l] @ C[(l, a)] for a in range(l)}
            for a in range(l):
                for a2 in range(a, l):
                    M = np.einsum("gji,gjk->gik", C[(l, a2)], T[a])  # (G_l, q_a2, q_a)
                    if a2 == a:
                        D[a] -= group_sum(self.up[l][a], M)
                    else:
                        C[(a2, a)] -= group_sum(self.up[l][a2], M)
        Dinv[0] = np.linalg.inv(D[0])
        return Dinv

    def solve(self, D, C, rhs, Dinv=None) -> list[np.ndarray]:
        """(-h'')^-1 rhs from the eliminated blocks: forward elimination of the right-hand
        side, then back substitution from the top level down."""
        L = self.L
        Dinv = [np.linalg.inv(Dl) for Dl in D] if Dinv is None else Dinv
        r = [x.copy() for x in rhs]
        for l in range(L - 1, 0, -1):
            u = np.einsum("gij,gj->gi", Dinv[l], r[l])
            for a in range(l):
                r[a] -= group_sum(self.up[l][a], np.einsum("gji,gj->gi", C[(l, a)], u))
        x = [None] * L
        x[0] = np.einsum("gij,gj->gi", Dinv[0], r[0])
        for l in range(1, L):
            rhs_l = r[l].copy()
            for a in range(l):
                rhs_l -= np.einsum("gij,gj->gi", C[(l, a)], x[a][self.anc[l][a]])
            x[l] = np.einsum("gij,gj->gi", Dinv[l], rhs_l)
        return x

    def joint_modes(self, eta0, anc_par, Sinv, logdetS, tol=1e-11, maxit=100):
        """Joint mode of every top group's random effects, with the eliminated blocks.

        Starts each top group from the previous evaluation's modes where h is larger there
        than at zero (an optimizer trial far from the last one starts from zero); a group
        whose step finds no ascent keeps its effects, and the search ends when no group
        moves -- at a point where h is not finite (an overflowing trial of
        the optimizer) that is at once, instead of 100 Newton steps of 40 halvings each."""
        b = [np.zeros((G, q)) for G, q in zip(self.G, self.q)]
        hb = self.h_top(eta0, anc_par, b, Sinv, logdetS)
        if self.last_modes is not None:  # per top group, the better of zero and the last modes
            h_last = self.h_top(eta0, anc_par, self.last_modes, Sinv, logdetS)
            better = np.isfinite(h_last) & ~(h_last <= hb)
            b = [np.where((better if l == 0 else better[self.anc[l][0]])[:, None], m, z)
                 for l, (m, z) in enumerate(zip(self.last_modes, b))]
            hb = np.where(better, h_last, hb)
        for _ in range(maxit):
            step, D, C = self.eliminate(eta0, anc_par, b, Sinv)
            finite = np.isfinite(hb)
            for l in range(self.L):
                top = np.arange(self.G[0]) if l == 0 else self.anc[l][0]
                finite &= np.bincount(top, weights=~np.all(np.isfinite(step[l]), axis=1),
                                      minlength=self.G[0]) == 0
            t = np.where(finite, 1.0, 0.0)
            step = [np.where(np.isfinite(s), s, 0.0) for s in step]
            for _ in range(40):
                bn = [b[l] + (t if l == 0 else t[self.anc[l][0]])[:, None] * step[l] for l in range(self.L)]
                hn = self.h_top(eta0, anc_par, bn, Sinv, logdetS)
                bad = (~(hn >= hb - 1e-12 * np.abs(hb)) | ~np.isfinite(hn)) & (t > 0)
                if not bad.any():
                    break
                t = np.where(bad, 0.5 * t, t)
            if bad.any():  # no ascent along the step: those groups stay where they are
                t = np.where(bad, 0.0, t)
                bn = [b[l] + (t if l == 0 else t[self.anc[l][0]])[:, None] * step[l] for l in range(self.L)]
                hn = np.where(bad, hb, hn)
            b, hb = bn, hn
            size = max(np.max(np.abs(s)) if s.size else 0.0 for s in step)
            if size * t.max() < tol:
                break
        _, D, C = self.eliminate(eta0, anc_par, b, Sinv)
        self.last_modes = b if np.all(np.isfinite(hb)) else None
        return b, hb, D, C

    # ---- log likelihood per top group -------------------------------------------------
    def group_logliks(self, beta, anc_par, Sigmas, method: str, Q: int, tol: float = 1e-9):
        return self.evaluate(beta, anc_par, Sigmas, method, Q, tol)[0]

    def evaluate(self, beta, anc_par, Sigmas, method: str, Q: int, tol: float = 1e-9):
        """(ln L per top group, and for the quadrature methods the per-level posterior
        weights and nodes of ``nested_quadrature``)."""
        eta0 = self.X @ beta + self.offset
        Lsig = [np.linalg.cholesky(S) for S in Sigmas]
        Sinv = [np.linalg.inv(S) for S in Sigmas]
        logdetS = [2 * float(np.sum(np.log(np.diag(Ls)))) for Ls in Lsig]
        if method == "ghermite":
            params = [(np.zeros((G, 1, q)), np.broadcast_to(Ls, (G, 1, q, q)).copy())
                      for G, q, Ls in zip(self.G, self.q, Lsig)]
            params = self._broadcast_contexts(params, Q)
            return self.nested_quadrature(eta0, anc_par, Sinv, logdetS, params, Q)
        if method == "mvaghermite" and self._mv_cache is not None and Q > 2:
            # two points: the mean-variance update can have several fixed points (a
            # ``|| group: R.m || f:`` fit reached -213.52 from one theta's nodes, -213.21 from
            # the modes), so the last fixed point would make ln L depend on the path: always
            # from the modes
            return self.mv_fixed_point(eta0, anc_par, Sinv, logdetS, None, Q, tol)
        b, hb, D, C = self.joint_modes(eta0, anc_par, Sinv, logdetS)
        if method == "laplace":
            ll = hb.copy()
            for l in range(self.L):
                Ld = batched_cholesky(D[l])
                top = self.anc[l][0] if l > 0 else np.arange(self.G[0])
                ll += np.bincount(top, weights=0.5 * self.q[l] * LOG_2PI - logdet_chol(Ld),
                                  minlength=self.G[0])
            return ll, None, None
        params = self.mode_curvature_params(b, D, C, Q)
        if method == "mcaghermite":
            return self.nested_quadrature(eta0, anc_par, Sinv, logdetS, params, Q)
        return self.mv_fixed_point(eta0, anc_par, Sinv, logdetS, params, Q, tol)

    def _broadcast_contexts(self, params, Q):
        out = []
        C = 1
        for l, (mu, R) in enumerate(params):
            out.append((np.repeat(mu, C, axis=1), np.repeat(R, C, axis=1)))
            C *= Q ** self.q[l]
        return out

    def mode_curvature_params(self, b, D, C, Q):
        """Per level (mu (G_l, C_l, q_l), R (G_l, C_l, q_l, q_l)): nodes centred at the
        conditional mode given the ancestors' node values, scaled by D_l^-1."""
        params = []
        node_dev = []  # per level: (G_l, C_l*K_l, q_l) deviations b - b^ at the nodes
        Cctx = 1
        for l in range(self.L):
            q = self.q[l]
            rule = product_rule(Q, q)
            K = rule.size
            Dinv = np.linalg.inv(D[l])
            R = batched_cholesky(Dinv)  # (G_l, q, q)
            shift = np.zeros((self.G[l], Cctx, q))
            for a in range(l):
                ia = self.anc[l][a]
                dev_a = node_dev[a][ia]  # (G_l, C_a*K_a, q_a)
                reps = Cctx // dev_a.shape[1]
                dev_a = np.repeat(dev_a, reps, axis=1)
                shift -= np.einsum("gij,gjk,gck->gci", Dinv, C[(l, a)], dev_a)
            mu = b[l][:, None, :] + shift
            Rc = np.broadcast_to(R[:, None], (self.G[l], Cctx, q, q)).copy()
            params.append((mu, Rc))
            dev = shift[:, :, None, :] + np.einsum("gab,kb->gka", R, rule.nodes)[:, None, :, :]
            node_dev.append(dev.reshape(self.G[l], Cctx * K, q))
            Cctx *= K
        return params

    def nested_quadrature(self, eta0, anc_par, Sinv, logdetS, params, Q, tops=None):
        """(ln L per top group, per-level posterior weights p_l (G_l, C_l, K_l), nodes B_l).
        ``tops`` (ascending top-level groups): those groups alone, each level's arrays on
        the groups under them (``active_blocks``; the same bits as their rows of the whole)."""
        L = self.L
        rules = [product_rule(Q, q) for q in self.q]
        Ks = [r.size for r in rules]
        total = int(np.prod(Ks))
        strides = [int(np.prod(Ks[l + 1:])) for l in range(L)]
        if tops is None:
            under = None
            # the rows a block of top-level groups at a time (``nested_blocks``): ln f at every
            # row and node combination is n x total values
            blocks = row_blocks(self, total)
        else:
            under, blocks = active_blocks(self, total, tops)
            params = [(mu[gs], R[gs]) for (mu, R), gs in zip(params, under)]
        B = []
        for l in range(L):
            mu, R = params[l]
            B.append(mu[:, :, None, :] + np.einsum("gcab,kb->gcka", R, rules[l].nodes))
        if under is None:
            self._last_nodes = (eta0, B, strides)  # ``block_eta`` rebuilds eta from them
        acc = None if len(blocks) == 1 and under is None else np.empty((B[L - 1].shape[0], total))
        for blk in blocks:
            lf, work = self._work_arrays(max(b.n for b in blocks), total)
            lf, work = lf[:blk.n], work[:blk.n]
            index = None if under is None else [np.searchsorted(gs, self.g[l][blk.rows])
                                                  for l, gs in enumerate(under)]
            self._node_eta(blk, eta0, B, strides, lf, index)
            blk.family.logf_over(lf, anc_par, work)
            if self.w is not None:
                np.multiply(lf, self.w[blk.rows, None], out=lf)  # as ``weighted``
            if acc is None:
                acc = group_sum(blk.S[L - 1], lf)
            else:
                at = blk.groups[L - 1] if under is None else np.searchsorted(under[L - 1], blk.groups[L - 1])
                acc[at] = group_sum(blk.S[L - 1], lf)
        ps = [None] * L
        for l in range(L - 1, -1, -1):
            Bl = B[l]
            A = acc.reshape(Bl.shape[0], Bl.shape[1], Ks[l])
            prior = -0.5 * np.einsum("gcka,ab,gckb->gck", Bl, Sinv[l], Bl) - 0.5 * (logdetS[l] + self.q[l] * LOG_2PI)
            A = A + prior + rules[l].logc
            lse = logsumexp_rows(A)
            ps[l] = np.exp(A - lse[..., None])
            ll = logdet_chol(params[l][1]) + lse  # (G_l, C_l)
            if l == 0:
                return ll[:, 0], ps, B
            W = self.levels[l].weight
            if W is not None:
                ll = ll * (W if under is None else W[under[l]])[:, None]
            if under is None:
                acc = group_sum(self.up[l][l - 1], ll)
            else:
                parent = np.searchsorted(under[l - 1], self.levels[l].parent[under[l]])
                acc = group_sum(indicator(parent, len(under[l - 1])), ll)

    def _work_arrays(self, rows, total):
        """Two rows x (node combinations) work arrays, kept for the last shape only: fresh
        arrays of that size were mapped and zero-filled anew at every quadrature."""
        if self._work is None or self._work[0].shape != (rows, total):
            self._work = None  # the old pair freed before the new one is mapped
            self._work = (np.empty((rows, total)), np.empty((rows, total)))
        return self._work

    def _node_eta(self, blk, eta0, B, strides, out, index=None):
        """eta0 + sum_l z_il'b at every node combination of the block's rows, into ``out``:
        the terms added in level order, as one sum (same bits as repeating eta0 and adding
        each level's gathered product).  Combination c uses level l's node c // strides[l]
        of the row's group, so ``out`` seen as (rows, level-l nodes, strides[l]) takes the
        level's node values broadcast along its last axis.  ``index[l]``: each row's group
        in B[l] (default its group number)."""
        rows = blk.rows
        out[...] = eta0[rows][:, None]
        for l in range(self.L):
            Bl = B[l]
            per_group = Bl.shape[1] * Bl.shape[2]
            g = self.g[l][rows] if index is None else index[l]
            view = out.reshape(out.shape[0], per_group, strides[l])
            if self.q[l] == 1:
                vals = Bl.reshape(Bl.shape[0], per_group)[g]
                if not self._unit_design[l]:  # z * b, skipped when z = 1 (exact)
                    np.multiply(self.Z[l][rows, :1], vals, out=vals)
            else:
                vals = np.einsum("iq,icq->ic", self.Z[l][rows], Bl.reshape(Bl.shape[0], per_group, self.q[l])[g])
            view += vals[:, :, None]
        return out

    def block_eta(self, blk) -> np.ndarray:
        """The linear predictor at every node combination of the last quadrature, on the
        rows of ``blk`` (one of ``row_blocks(self, total)``): rows x total."""
        eta0, B, strides = self._last_nodes
        total = int(np.prod([Bl.shape[2] for Bl in B]))
        return self._node_eta(blk, eta0, B, strides, np.empty((blk.n, total)))

    @property
    def last_eta(self) -> np.ndarray:
        """``block_eta`` on all rows (n x total)."""
        return self.block_eta(whole_block(self))

    def clear_adaptive_cache(self) -> None:
        """Forget the last mean-variance nodes (the next evaluation starts from the modes)."""
        self._mv_cache = None

    def group_logliks_restart(self, eta0, anc_par, Sinv, logdetS, Q, tol):
        """The mean-variance iteration from the mode-curvature nodes (cache discarded)."""
        b, _, D, C = self.joint_modes(eta0, anc_par, Sinv, logdetS)
        return self.mv_fixed_point(eta0, anc_par, Sinv, logdetS, self.mode_curvature_params(b, D, C, Q), Q, tol)

    def mv_fixed_point(self, eta0, anc_par, Sinv, logdetS, start, Q, tol):
        """The mean-variance nodes iterated to their fixed point.  On a large quadrature
        (``BY_GROUP_ELEMENTS``) a top-level group at a time: the groups are independent, so
        a group whose update moved less than ``tol`` keeps its nodes and the next updates
        integrate the others alone (``tops``; their values are the same bits as when all
        are integrated).  Otherwise every group is updated until the largest change is below
        ``tol`` (a group that converged early moves on by less than ``tol``: smaller models'
        results stay the bits they were)."""
        cached = self._mv_cache
        params = cached if cached is not None and Q > 2 and (start is None or all(
            c[0].shape == s0[0].shape for c, s0 in zip(cached, start))) else start
        from_cache = params is cached
        params = [(mu.copy(), R.copy()) for mu, R in params]
        by_group = len(self.g[0]) * int(np.prod([Q ** q for q in self.q])) >= BY_GROUP_ELEMENTS
        active = np.arange(self.G[0])
        # a cached start far from this point's posterior (a line search's trial step to a
        # huge variance) may not converge: restart from the modes (as ``single_level``)
        for _ in range(CACHED_ITERATIONS if from_cache else 200):
            tops = None if len(active) == self.G[0] else active
            _, ps, B = self.nested_quadrature(eta0, anc_par, Sinv, logdetS, params, Q, tops)
            under = [None] * self.L if tops is None else members(self, tops)
            delta = np.zeros(len(active))  # per active top group
            largest = 0.0  # over all groups (NaN ignored, as it always was)
            new = []
            for l in range(self.L):
                p, Bl = ps[l], B[l]
                m = np.einsum("gck,gcka->gca", p, Bl)
                Dv = Bl - m[:, :, None, :]
                Cv = np.einsum("gck,gcka,gckb->gcab", p, Dv, Dv)
                q = self.q[l]
                Rn = batched_cholesky(Cv.reshape(-1, q, q)).reshape(Cv.shape)
                sd = np.sqrt(np.diagonal(Cv, axis1=2, axis2=3))
                gs = slice(None) if under[l] is None else under[l]
                mu0, R0 = params[l][0][gs], params[l][1][gs]
                dm = np.max(np.abs(m - mu0) / sd, axis=(1, 2), initial=0.0)
                dR = np.max(np.abs(Rn - R0) / sd[..., None], axis=(1, 2, 3), initial=0.0)
                largest = max(largest, float(np.max(dm, initial=0.0)), float(np.max(dR, initial=0.0)))
                d = np.where(np.isnan(dm) | np.isnan(dR), 0.0, np.maximum(dm, dR))  # NaN: as ``largest``
                top = np.arange(self.G[0]) if l == 0 else self.anc[l][0]
                np.maximum.at(delta, np.searchsorted(active, top[gs]), d)
                new.append((gs, m, Rn))
            # nodes that are not finite (a line search's trial at a huge variance): from the last
            # fixed point, start afresh from the modes, as ``single_level`` does; cached, they
            # made every later evaluation NaN (-inf), at any theta, and the fit stopped r(430)
            broken = not all(np.isfinite(m).all() and np.isfinite(Rn).all() for _, m, Rn in new)
            if not np.isfinite(largest) or (broken and start is None):
                if start is None:
                    self._mv_cache = None
                    return self.group_logliks_restart(eta0, anc_par, Sinv, logdetS, Q, tol)
                params = [(mu.copy(), R.copy()) for mu, R in start]
                active = np.arange(self.G[0])
                continue
            for l, (gs, m, Rn) in enumerate(new):
                params[l][0][gs], params[l][1][gs] = m, Rn
            if by_group:
                active = active[delta >= tol]
                if not len(active):
                    break
            elif largest < tol:
                break
        else:
            if from_cache:
                self._mv_cache = None
                return self.group_logliks_restart(eta0, anc_par, Sinv, logdetS, Q, tol)
        out = self.nested_quadrature(eta0, anc_par, Sinv, logdetS, params, Q)
        finite = all(np.isfinite(mu).all() and np.isfinite(R).all() for mu, R in params)
        if finite and np.all(np.isfinite(out[0])):
            self._mv_cache = params
            return out
        # nodes not finite, or settled where a group's likelihood underflows (kept from a wild
        # trial step, they made every later point -inf and the fit stop unconverged): never
        # reuse them; the next evaluation starts from the modes
        self._mv_cache = None
        return self.group_logliks_restart(eta0, anc_par, Sinv, logdetS, Q, tol) if from_cache else out
