"""Analytic gradient of the joint Laplace approximation with nested levels.

With A = -h''(b^) the joint curvature of a top-level group's random effects and
z_i its random-effects design row over all levels, the same formula as for one
level (``single_level_gradient``) holds:

    s_i = z_i' A^-1 z_i,  t = sum_i w_i d3_i s_i z_i / 2,  v = A^-1 t,
    dl/dbeta  = X' [w (d1 + d3 s / 2 + d2 z'v)],
    dl/dalpha = sum_i w (dlogf/dalpha + s dd2/dalpha / 2 + z'v dd1/dalpha),
    dl/dphi   = sum over groups g of the level of phi:
                b_g'M b_g / 2 + tr((A^-1)_gg M) / 2 + v_g'M b_g - tr(Sigma^-1 dSigma) / 2.

Only the blocks of A^-1 between a group and its ancestors are needed; they come
top-down from the eliminated blocks (selected inversion):
(A^-1)_{g,a} = -D_g^-1 sum_{a'} C_{g,a'} (A^-1)_{a',a} for ancestors a, and
(A^-1)_{g,g} = D_g^-1 - D_g^-1 sum_a C_{g,a} (A^-1)_{g,a}'.
Top-level group weights multiply each group's terms.
"""
from __future__ import annotations

import numpy as np

from .nested import group_sum
from .nested_blocks import row_blocks


def selected_inverse(eng, D, C, Dinv):
    """Inv[(l, a)] (G_l, q_l, q_a) for a <= l: the blocks of A^-1 between each group of
    level l and its ancestor at level a (a == l: its diagonal block)."""
    Inv = {(0, 0): Dinv[0]}
    for l in range(1, eng.L):
        for a in range(l):
            acc = 0.0
            for a2 in range(l):
                # block (a2, a) of A^-1 seen from the level-l group's ancestors
                if a2 >= a:
                    blk = Inv[(a2, a)][eng.anc[l][a2]]
                else:
                    blk = np.swapaxes(Inv[(a, a2)][eng.anc[l][a]], 1, 2)
                acc = acc + np.einsum("gij,gjk->gik", C[(l, a2)], blk)
            Inv[(l, a)] = -np.einsum("gij,gjk->gik", Dinv[l], acc)
        corr = sum(np.einsum("gij,gkj->gik", C[(l, a)], Inv[(l, a)]) for a in range(l))
        Inv[(l, l)] = Dinv[l] - np.einsum("gij,gjk->gik", Dinv[l], corr)
    return Inv


def laplace_gradient(model, theta: np.ndarray) -> np.ndarray:
    eng = model.engine
    beta, anc, phi = model.split(np.asarray(theta, float))
    levels = model.structure.levels
    Sig = model.sigmas(phi)
    Sinv = [np.linalg.inv(S) for S in Sig]
    logdetS = [float(np.linalg.slogdet(S)[1]) for S in Sig]
    eta0 = eng.X @ beta + eng.offset
    b, _, D, C = eng.joint_modes(eta0, anc, Sinv, logdetS)
    L = eng.L
    Wtop = model.top_weights()
    Wtop = np.ones(eng.G[0]) if Wtop is None else Wtop
    Wl = [Wtop] + [Wtop[eng.anc[l][0]] for l in range(1, L)]   # top weight of each group
    w_obs = np.ones(len(eta0)) if eng.w is None else eng.w
    wi = w_obs * Wtop[eng.g[0]]
    eta = eng.eta(eta0, b)
    d1, d2, d3 = eng.family.derivs(eta, anc, 3)
    Dinv = [np.linalg.inv(Dl) for Dl in D]
    Inv = selected_inverse(eng, D, C, Dinv)
    s = np.zeros(len(eta))
    for l in range(L):
        Zl = eng.Z[l]
        s += np.einsum("ia,iab,ib->i", Zl, Inv[(l, l)][eng.g[l]], Zl)
        for a in range(l):
            s += 2 * np.einsum("ia,iab,ib->i", Zl, Inv[(l, a)][eng.g[l]], eng.Z[a])
    t = [0.5 * group_sum(eng.S[l], eng.Z[l] * (w_obs * d3 * s)[:, None]) for l in range(L)]
    v = eng.solve(D, C, t, Dinv)
    zv = sum(np.einsum("ia,ia->i", eng.Z[l], v[l][eng.g[l]]) for l in range(L))
    gb = eng.X.T @ (wi * (d1 + 0.5 * d3 * s + d2 * zv))
    ga = np.array([np.sum(wi * (Lj + 0.5 * s * D2 + zv * D1))
                   for Lj, D1, D2 in eng.family.anc_dense(eta, anc, with_derivs=True)])
    gp = []
    k = 0
    for l, lv in enumerate(levels):
        n_est = lv.n_est
        for r in range(n_est):
            e = np.zeros(n_est)
            e[r] = 1e-6
            est = phi[k:k + n_est]
            dS = (lv.sigma(est + e) - lv.sigma(est - e)) / 2e-6
            M = Sinv[l] @ dS @ Sinv[l]
            per = (0.5 * np.einsum("ga,ab,gb->g", b[l], M, b[l])
                   + 0.5 * np.einsum("gab,ba->g", Inv[(l, l)], M)
                   + np.einsum("ga,ab,gb->g", v[l], M, b[l]))
            gp.append(np.sum(Wl[l] * per) - 0.5 * np.sum(Wl[l]) * np.trace(Sinv[l] @ dS))
        k += n_est
    return np.concatenate([gb, ga, np.array(gp)])


def quadrature_partial_gradient(model, theta: np.ndarray) -> np.ndarray:
    """The derivative of the nested-quadrature log likelihood with its nodes held fixed.

    With P_c the joint posterior weight of node combination c in a top-level group (the
    product of each level's conditional weights) and W the product of the level weights
    on the path: dl/dbeta = X'[w W sum_c P_c d1_c], the same with dlogf/dalpha, and for
    the covariance parameters of level l the P-weighted sum of
    b'M b / 2 - tr(Sigma^-1 dSigma) / 2 over that level's nodes.  It ignores how the
    adaptive nodes move with theta -- a term of the size of the quadrature error;
    ``nested_quadrature_gradient`` adds it (the optimizer's gradient)."""
    eng = model.engine
    beta, anc, phi = model.split(np.asarray(theta, float))
    levels = model.structure.levels
    Sig = model.sigmas(phi)
    Sinv = [np.linalg.inv(S) for S in Sig]
    _, ps, B = eng.evaluate(beta, anc, Sig, model.method, model.Q)
    L = eng.L
    Wtop = model.top_weights()
    path = [np.ones(eng.G[0]) if Wtop is None else Wtop]
    ctx_w = [np.ones((eng.G[0], 1))]
    joint = []
    for l in range(L):
        J = ctx_w[l][:, :, None] * ps[l]
        joint.append(J)
        if l + 1 < L:
            par = levels[l + 1].parent
            ctx_w.append(J.reshape(eng.G[l], -1)[par])
            Wl = levels[l + 1].weight
            path.append(path[l][par] * (1.0 if Wl is None else Wl))
    n = eng.X.shape[0]
    v, anc_rows = np.empty(n), None  # per row; X'v and the sums after the blocks (same bits)
    joint_rows = joint[L - 1].reshape(eng.G[L - 1], -1)
    for blk in row_blocks(eng, joint_rows.shape[1]):  # a block of top-level groups at a time
        gL = eng.g[L - 1][blk.rows]
        P_obs = joint_rows[gL]
        w_obs = (1.0 if eng.w is None else eng.w[blk.rows]) * path[L - 1][gL]
        eta = eng.block_eta(blk)
        d1 = blk.family.derivs(eta, anc, 1)[0]
        v[blk.rows] = w_obs * np.sum(P_obs * d1, axis=1)
        for j, (Lj,) in enumerate(blk.family.anc_dense(eta, anc)):
            if anc_rows is None:
                anc_rows = np.empty((len(anc), n))
            anc_rows[j, blk.rows] = w_obs * np.sum(P_obs * Lj, axis=1)
        del P_obs, eta, d1
    gb = eng.X.T @ v
    ga = np.array([np.sum(a) for a in anc_rows]) if anc_rows is not None else np.zeros(0)
    gp, k = [], 0
    for l, lv in enumerate(levels):
        est = phi[k:k + lv.n_est]
        for r in range(lv.n_est):
            e = np.zeros(lv.n_est)
            e[r] = 1e-6
            dS = (lv.sigma(est + e) - lv.sigma(est - e)) / 2e-6
            M = Sinv[l] @ dS @ Sinv[l]
            per_node = 0.5 * np.einsum("gcka,ab,gckb->gck", B[l], M, B[l]) - 0.5 * np.trace(Sinv[l] @ dS)
            gp.append(float(np.sum(path[l][:, None, None] * joint[l] * per_node)))
        k += lv.n_est
    return np.concatenate([gb, ga, np.array(gp)])
