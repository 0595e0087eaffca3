"""Analytic gradient of the nested-level quadrature log likelihood (``nested.NestedModel``:
``mvaghermite``, ``mcaghermite``, ``ghermite``; Laplace: ``nested_gradient``).

Notation of ``nested``.  Level l's group g, given the node values of its ancestors (context c),
integrates its effective log integrand

    h_l(b) = ln phi(b; 0, Sigma_l) + sum_{children j} W_j l_{l+1,j}(c, b)    (deepest level:
             ln phi(b; 0, Sigma_l) + sum_{i in g} w_i ln f(y_i | eta_i))

over its nodes B_k = mu + R t_k (rule nodes t_k, ln weights c_k): l_l = ln det R + logsumexp_k
(c_k + h_l(B_k)), conditional node weights p_k proportional to exp(c_k + h_l(B_k)); W are the
level weights and w the observation weights.  The nodes are placed anew at every theta (and
for an inner level at every context), as the likelihood the optimizer compares places them;
what is returned is the total derivative of that likelihood, the derivative of the very
values the optimizer compares (with the nodes held fixed the gradient would vanish off the
maximum of the printed log likelihood by the size of the quadrature error).  In the
derivation the nodes are first held fixed -- Stata's and gllamm's adaptive quadrature holds
them within an evaluation -- and the nodes' movement added:

``mvaghermite`` (a = (mu, vech C), C = R R', the fixed point a = F(a) of the conditional
posterior moments (m, vech S)).  As for one level (``mean_variance_gradient``), for any x
that h_l depends on (theta, or an ancestor's effect b_a)

    dl_l/dx = sum_k P_k dh_l(B_k)/dx,   P_k = p_k (1 + lam_m'D_k + sum_(ab) lam_ab (D_ka D_kb - S_ab)),
    lam = (I - F_a)^-T dl_l/da,  D_k = B_k - m,

and, with g_k = dh_l/db at B_k (its total derivative, the children's re-placed nodes
included), B_k' = dB_k/da_j (e_j for mu_j; dR t_k, dR = R Phi(R^-1 E R^-T) for C's pair
(a, b), E its symmetric unit matrix, Phi the lower triangle with the diagonal halved),
s_kj = g_k'B_k', s-bar_j = sum_k p_k s_kj:

    dl_l/da_j = s-bar_j + tr(C^-1 E)/2 [pairs only],
    dm/da_j   = sum_k p_k B_k' + sum_k p_k (s_kj - s-bar_j) D_k,
    dS/da_j   = sum_k p_k (B_k' D_k' + D_k B_k'') + sum_k p_k (s_kj - s-bar_j) D_k D_k'.

Applied level by level from the deepest up, the total derivative of the top group's value is
the fixed-node formula with every level's p replaced by its P: with Omega the product of
W_l P_l over the levels on a node combination's path (the joint modified weight),

    dl/dbeta  = X'[w sum_combos Omega d1],   dl/dalpha = sum_i w sum_combos Omega dlogf/dalpha,
    dl/dphi   = sum over level-l nodes of J_l (B'M B / 2 - tr(Sigma_l^-1 dSigma_l) / 2),
                M = Sigma^-1 dSigma Sigma^-1, J_l the joint modified weight down to level l,

and g_k at level l is -Sigma_l^-1 B_k + sum_(i in g) w_i z_il sum_(combos under node k)
omega_l d1_i, omega_l the product of W_m P_m over the levels m below l.

``mcaghermite`` (nodes at the joint mode b^: B_l = b^_l - sum_a T_la (B_a - b^_a) + R_l t,
T_la = D_l^-1 C_la, R_l R_l' = D_l^-1, the eliminated curvature blocks of ``nested``) and
``ghermite`` (b^ = 0, T = 0, R_l = chol(Sigma_l)): P = p, plus the nodes' movement

    sum_l sum_(g, c, k) J_l g_k'dB_k/dtheta + sum_l sum_(g, c) Jctx_l d ln det R_l/dtheta,

dB propagated from the top level down from db^, dT and dR (Jctx_l: the joint weight of the
context, level weights included).  db^ = A^-1 d(grad_b h)/dtheta at the mode (implicit
function); the raw curvature blocks move by dA = Z' diag(-w (d3 deta + dd2/dalpha)) Z
(+ dSigma^-1), deta = x_r + z'db^; dR and dT are central differences of the elimination (per
group, no pass over the data) along dA, with a step that changes each block by at most 1e-6
of its size.  Errors in them multiply sum_k p_k g_k and sum_k p_k g_k t_k' - R^-T, which
vanish for an exact rule, so they hardly reach the gradient.  ``ghermite``: dR from central
differences of chol(Sigma_l).  dSigma/dphi comes from central differences of the level's
Sigma (as ``nested_gradient``), dlogf/dalpha from the family's ``anc_dense``.
"""
from __future__ import annotations

import numpy as np

from .nested import group_sum
from .nested_blocks import row_blocks
from .quadrature import product_rule
from .adaptive_nodes import batched_cholesky

PLACEMENT_STEP = 1e-5  # central-difference step of the mode-curvature placement, times max(1, |theta|)


def _dsigmas(levels, phi):
    """Per level, dSigma_l/dphi_r for each of its parameters (central differences)."""
    out, k = [], 0
    for lv in levels:
        est = phi[k:k + lv.n_est]
        mats = []
        for r in range(lv.n_est):
            e = np.zeros(lv.n_est)
            e[r] = 1e-6
            mats.append((lv.sigma(est + e) - lv.sigma(est - e)) / 2e-6)
        out.append(mats)
        k += lv.n_est
    return out


def _mean_variance_weights(p, B, g, R, t):
    """The modified node weights P (G, C, K) of one level (module docstring).  Arrays are
    kept per coordinate, (G, C, K) each, the node axis last (q and the adaptation's size are
    small: trailing axes of that size made numpy's arithmetic several times slower)."""
    q = B.shape[-1]
    Bs = [B[..., a] for a in range(q)]
    gs = [g[..., a] for a in range(q)]
    m = [np.sum(p * Ba, axis=-1) for Ba in Bs]
    D = [Ba - ma[..., None] for Ba, ma in zip(Bs, m)]
    pD = [p * Da for Da in D]
    pairs = [(a, b) for a in range(q) for b in range(a + 1)]
    S = {(a, b): np.sum(pD[a] * D[b], axis=-1) for a, b in pairs}
    n_a = q + len(pairs)
    Rinv = np.linalg.inv(R)
    Cinv = np.swapaxes(Rinv, -1, -2) @ Rinv
    # dB[j][a]: d(node coordinate a)/d(adaptation coordinate j); a scalar 1/0 for mu_j
    dB = [[1.0 if a == j else 0.0 for a in range(q)] for j in range(q)]
    dl = [np.zeros(p.shape[:2]) for _ in range(q)]
    idx = np.arange(q)
    for a, b in pairs:
        E = np.zeros((q, q))
        E[a, b] = E[b, a] = 1.0
        Phi = np.tril(Rinv @ E @ np.swapaxes(Rinv, -1, -2))
        Phi[..., idx, idx] *= 0.5
        dR = R @ Phi                                           # (G, C, q, q)
        dB.append([sum(dR[:, :, r, c, None] * t[None, None, :, c] for c in range(q)) for r in range(q)])
        dl.append(0.5 * Cinv[..., a, b] * (2.0 if a != b else 1.0))
    Jac = np.zeros(p.shape[:2] + (n_a, n_a))
    for j in range(n_a):
        s_j = sum(gs[a] * dB[j][a] for a in range(q) if not (np.isscalar(dB[j][a]) and dB[j][a] == 0.0))
        sbar = np.sum(p * s_j, axis=-1)
        dl[j] = dl[j] + sbar
        ds = p * (s_j - sbar[..., None])
        for a in range(q):
            pdB = dB[j][a] if np.isscalar(dB[j][a]) else np.sum(p * dB[j][a], axis=-1)
            Jac[..., a, j] = pdB + np.sum(ds * D[a], axis=-1)
        for c, (a, b) in enumerate(pairs):
            cross = ds * D[a] * D[b]
            if not np.isscalar(dB[j][a]):
                cross = cross + pD[b] * dB[j][a]
            if not np.isscalar(dB[j][b]):
                cross = cross + pD[a] * dB[j][b]
            Jac[..., q + c, j] = np.sum(cross, axis=-1)        # sum_k pD_k = 0: scalar dB terms vanish
    rhs = np.stack(dl, axis=-1)
    lam = np.linalg.solve(np.swapaxes(np.eye(n_a) - Jac, -1, -2), rhs[..., None])[..., 0]
    bracket = 1.0 + sum(lam[..., a, None] * D[a] for a in range(q))
    for c, (a, b) in enumerate(pairs):
        bracket = bracket + lam[..., q + c, None] * (D[a] * D[b] - S[(a, b)][..., None])
    return p * bracket


def _eliminated_placement(eng, D, C):
    """(R_l, T_la) from the raw curvature blocks (copied, then eliminated as ``nested`` does)."""
    D = [x.copy() for x in D]
    C = {key: x.copy() for key, x in C.items()}
    Dinv = eng.eliminate_blocks(D, C)
    R = [batched_cholesky(Di) for Di in Dinv]
    T = {(l, a): np.einsum("gij,gjk->gik", Dinv[l], C[(l, a)]) for l in range(eng.L) for a in range(l)}
    return R, T, D, C, Dinv


def _mode_placement(eng, model, theta):
    """The mode-curvature placement (b^, R, T) at theta and its derivatives (db^, dR, dT) by
    each theta component.  db^ = A^-1 d(grad_b h)/dtheta (implicit function); the raw blocks
    of A move by dA = d_theta A + (dA/db) db^, i.e. -w (d3 deta + dd2/dalpha) in place of
    -w d2 (deta = x_r + z'db^) and dSigma^-1 for a covariance parameter; R and T follow from
    central differences of the (cheap, per group) elimination along dA."""
    beta, anc, phi = model.split(theta)
    L, fam = eng.L, eng.family
    Sig = model.sigmas(phi)
    Sinv = [np.linalg.inv(S) for S in Sig]
    logdetS = [float(np.linalg.slogdet(S)[1]) for S in Sig]
    eta0 = eng.X @ beta + eng.offset
    b = eng.joint_modes(eta0, anc, Sinv, logdetS)[0]
    _, Draw, Craw = eng.curvature_blocks(eta0, anc, b, Sinv)
    R, T, De, Ce, Dinv = _eliminated_placement(eng, Draw, Craw)
    eta = eng.eta(eta0, b)
    d1, d2, d3 = fam.derivs(eta, anc, 3)
    w = np.ones(len(eta)) if eng.w is None else eng.w
    anc_derivs = list(fam.anc_dense(eta, anc, with_derivs=True)) if fam.n_anc else []
    dSinv = [[-Si @ dS @ Si for dS in mats] for Si, mats in zip(Sinv, _dsigmas(model.structure.levels, phi))]
    p, m = model.p, model.m
    derivs = []
    for r in range(len(theta)):
        # d(grad_b h)/dtheta_r at fixed b, and the direct parts of deta and of -w d2
        rhs = [np.zeros((G, q)) for G, q in zip(eng.G, eng.q)]
        deta = np.zeros(len(eta))
        dv = np.zeros(len(eta))
        dS_level = None
        if r < p:
            deta += eng.X[:, r]
            rhs = [group_sum(eng.S[l], (w * d2 * eng.X[:, r])[:, None] * eng.Z[l]) for l in range(L)]
        elif r < p + m:
            _, D1, D2 = anc_derivs[r - p]
            rhs = [group_sum(eng.S[l], (w * D1)[:, None] * eng.Z[l]) for l in range(L)]
            dv -= w * D2
        else:
            k = r - p - m
            for l in range(L):
                if k < len(dSinv[l]):
                    dS_level = (l, dSinv[l][k])
                    rhs[l] = -b[l] @ dSinv[l][k]
                    break
                k -= len(dSinv[l])
        db = eng.solve(De, Ce, rhs, Dinv)
        for l in range(L):
            deta += np.einsum("iq,iq->i", eng.Z[l], db[l][eng.g[l]])
        dv -= w * d3 * deta
        dD, dC = [], {}
        for l in range(L):
            vZ = dv[:, None] * eng.Z[l]
            dD.append(group_sum(eng.S[l], vZ[:, :, None] * eng.Z[l][:, None, :]))
            for a in range(l):
                dC[(l, a)] = group_sum(eng.S[l], vZ[:, :, None] * eng.Z[a][:, None, :])
        if dS_level is not None:
            dD[dS_level[0]] = dD[dS_level[0]] + dS_level[1]
        # a step that changes every block by at most 1e-6 of its own size (a variance near
        # zero makes its block's Sigma^-1 huge: a step sized on the largest block would be
        # far too large for the others)
        size = [max(float(np.max(np.abs(x))), 1e-300) for x in Draw]
        ratio = max([float(np.max(np.abs(x))) / sz for x, sz in zip(dD, size)]
                    + [float(np.max(np.abs(dC[(l, a)]))) / np.sqrt(size[l] * size[a]) for l, a in dC])
        if ratio == 0.0:
            derivs.append((db, [np.zeros_like(x) for x in R], {key: np.zeros_like(x) for key, x in T.items()}))
            continue
        eps = 1e-6 / ratio
        plus = _eliminated_placement(eng, [x + eps * y for x, y in zip(Draw, dD)],
                                     {key: Craw[key] + eps * dC[key] for key in Craw})
        minus = _eliminated_placement(eng, [x - eps * y for x, y in zip(Draw, dD)],
                                      {key: Craw[key] - eps * dC[key] for key in Craw})
        dR = [(x - y) / (2 * eps) for x, y in zip(plus[0], minus[0])]
        dT = {key: (plus[1][key] - minus[1][key]) / (2 * eps) for key in T}
        derivs.append((db, dR, dT))
    return (b, R, T), derivs


def _prior_placement(eng, model, theta):
    """``ghermite``'s placement (b^ = 0, R_l = chol(Sigma_l), no shifts) and its derivatives
    (central differences of the Cholesky factors)."""
    def place(th):
        Sig = model.sigmas(model.split(th)[2])
        return [np.broadcast_to(np.linalg.cholesky(S), (G, q, q)) for G, q, S in zip(eng.G, eng.q, Sig)]
    zeros = [np.zeros((G, q)) for G, q in zip(eng.G, eng.q)]
    derivs = []
    for r in range(len(theta)):
        if r < model.p + model.m:
            derivs.append((zeros, [np.zeros_like(x) for x in place(theta)], {}))
            continue
        h = PLACEMENT_STEP * max(1.0, abs(theta[r]))
        e = np.zeros(len(theta))
        e[r] = h
        derivs.append((zeros, [(x - y) / (2 * h) for x, y in zip(place(theta + e), place(theta - e))], {}))
    return (zeros, place(theta), {}), derivs


def _movement(eng, model, theta, B, J, Jctx, G, rules):
    """sum over nodes of J g'dB/dtheta + Jctx d ln det R/dtheta, per theta component."""
    L = eng.L
    saved = eng.last_modes
    placement = _prior_placement if model.method == "ghermite" else _mode_placement
    (base_b, base_R, base_T), derivs = placement(eng, model, theta)
    eng.last_modes = saved
    dev = [(B[l] - base_b[l][:, None, None, :]).reshape(eng.G[l], -1, eng.q[l]) for l in range(L)]
    out = np.zeros(len(theta))
    for r, (db, dR, dT) in enumerate(derivs):
        ddev = []
        total = 0.0
        for l in range(L):
            Cl = B[l].shape[1]
            shift = np.zeros((eng.G[l], Cl, eng.q[l]))
            for a in range(l) if base_T else ():  # ghermite: no shifts
                ia = eng.anc[l][a]
                reps = Cl // dev[a].shape[1]
                dv = np.repeat(dev[a][ia], reps, axis=1)
                ddv = np.repeat(ddev[a][ia], reps, axis=1)
                shift -= (np.einsum("gij,gcj->gci", dT[(l, a)], dv)
                          + np.einsum("gij,gcj->gci", base_T[(l, a)], ddv))
            step = shift[:, :, None, :] + np.einsum("gab,kb->gka", dR[l], rules[l].nodes)[:, None]
            ddev.append(step.reshape(eng.G[l], -1, eng.q[l]))
            dB = db[l][:, None, None, :] + step
            total += np.sum(J[l] * np.einsum("gcka,gcka->gck", G[l], dB))
            Rl = np.broadcast_to(base_R[l], dR[l].shape)
            dlogdet = np.sum(np.diagonal(dR[l], axis1=1, axis2=2) / np.diagonal(Rl, axis1=1, axis2=2), axis=1)
            total += np.sum(Jctx[l].sum(axis=1) * dlogdet)
        out[r] = total
    return out


def nested_quadrature_gradient(model, theta: np.ndarray) -> np.ndarray:
    """d ln L / d theta of the nested quadrature likelihood (module docstring)."""
    theta = np.asarray(theta, float)
    eng = model.engine
    method, Q = model.method, model.Q
    beta, anc, phi = model.split(theta)
    levels = model.structure.levels
    Sig = model.sigmas(phi)
    Sinv = [np.linalg.inv(S) for S in Sig]
    _, ps, B = eng.evaluate(beta, anc, Sig, method, Q)
    params = eng._mv_cache if method == "mvaghermite" else None
    if method == "mvaghermite" and params is None:  # nodes not finite there (``mv_fixed_point``)
        return np.full(len(theta), np.nan)
    L = eng.L
    rules = [product_rule(Q, q) for q in eng.q]
    Ks = [r.size for r in rules]
    total = int(np.prod(Ks))
    strides = [int(np.prod(Ks[l + 1:])) for l in range(L)]
    Wl = [model.top_weights()] + [lv.weight for lv in levels[1:]]
    P, G = [None] * L, [None] * L
    v, ga = np.empty(eng.X.shape[0]), 0.0  # v: each row's d ln L / d eta, X'v after the blocks (same bits)
    # the rows a block of top-level groups at a time (``nested_blocks``); a group's P and G
    # come from its own rows, so the same whatever the blocks
    for blk in row_blocks(eng, total):
        rows, n = blk.rows, blk.n
        eta = eng.block_eta(blk)
        d1 = blk.family.derivs(eta, anc, 1)[0]
        w = np.ones(n) if eng.w is None else eng.w[rows]
        # omega: the product of W_m P_m over the levels below the current one; None while it
        # is all ones (the deepest level: products by 1 are exact, so skipping them keeps the bits)
        omega = None
        for l in range(L - 1, -1, -1):
            Cl, Kl, q = B[l].shape[1], Ks[l], eng.q[l]
            grp = blk.groups[l]
            Y = (d1 if omega is None else omega * d1).reshape(n, Cl * Kl, strides[l]).sum(axis=2)
            if eng.w is not None:
                Y *= w[:, None]
            score = (group_sum(blk.S[l], Y)[..., None] if eng._unit_design[l]
                     else group_sum(blk.S[l], Y[:, :, None] * eng.Z[l][rows][:, None, :]))
            Gb = score.reshape(-1, Cl, Kl, q) - B[l][grp] @ Sinv[l]
            Pb = (_mean_variance_weights(ps[l][grp], B[l][grp], Gb, params[l][1][grp], rules[l].nodes)
                  if method == "mvaghermite" else ps[l][grp])
            if blk.whole:
                G[l], P[l] = Gb, Pb
            else:
                if G[l] is None:
                    G[l], P[l] = np.empty(B[l].shape), np.empty(ps[l].shape)
                G[l][grp], P[l][grp] = Gb, Pb
            factor = Pb.reshape(Pb.shape[0], -1)
            if Wl[l] is not None:
                factor = factor * Wl[l][grp][:, None]
            # combination c of a row takes its level-l group's node c // strides[l]
            local = eng.g[l][rows] if blk.whole else np.searchsorted(grp, eng.g[l][rows])
            if omega is None:
                omega = np.empty((n, total))
                omega.reshape(n, Cl * Kl, strides[l])[...] = factor[local][:, :, None]
            else:
                omega.reshape(n, Cl * Kl, strides[l])[...] *= factor[local][:, :, None]
        wO = omega if eng.w is None else w[:, None] * omega
        v[rows] = np.sum(wO * d1, axis=1)
        ga = ga + np.array([np.sum(wO * Lj) for (Lj,) in blk.family.anc_dense(eta, anc)])
        del eta, d1, omega, wO
    gb = eng.X.T @ v
    ga = np.asarray(ga, float).reshape(-1)
    # joint weights top-down: J_l (G_l, C_l, K_l), Jctx_l (G_l, C_l)
    J, Jctx = [], []
    ctx = np.ones((eng.G[0], 1)) if Wl[0] is None else Wl[0][:, None].astype(float)
    for l in range(L):
        Jctx.append(ctx)
        J.append(ctx[:, :, None] * P[l])
        if l + 1 < L:
            ctx = J[l].reshape(eng.G[l], -1)[levels[l + 1].parent]
            if Wl[l + 1] is not None:
                ctx = ctx * Wl[l + 1][:, None]
    gp = []
    for l, dS_l in enumerate(_dsigmas(levels, phi)):
        for dS in dS_l:
            M = Sinv[l] @ dS @ Sinv[l]
            per_node = 0.5 * np.einsum("gcka,ab,gckb->gck", B[l], M, B[l]) - 0.5 * np.trace(Sinv[l] @ dS)
            gp.append(float(np.sum(J[l] * per_node)))
    grad = np.concatenate([gb, ga, np.array(gp)])
    if method in ("mcaghermite", "ghermite"):
        grad = grad + _movement(eng, model, theta, B, J, Jctx, G, rules)
    return grad
