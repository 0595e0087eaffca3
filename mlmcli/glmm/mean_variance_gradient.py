"""Gradient of the one-level marginal log likelihood under mean-variance adaptive quadrature
(``mvaghermite``) with any number q of random effects.

Notation of ``single_level``: group j, nodes b_k = mu + R t_k (R R' = C), node weights
p_k proportional to exp(c_k + h_j(b_k)), ln L_j(theta, a) = ln|det R| + logsumexp_k(c_k + h_j(b_k)),
and the adaptation a = (mu, vech C) the fixed point a = F(a, theta) of the posterior moments

    F(a, theta) = (m, vech S),  m = sum_k p_k b_k,  S = sum_k p_k (b_k - m)(b_k - m)'.

The total derivative of l_j(theta) = ln L_j(theta, a(theta)) is, with da/dtheta = (I - F_a)^-1 F_theta,

    dl_j/dtheta = sum_k p_k dh_j(b_k)/dtheta + lambda_j' F_theta,   lambda_j = (I - F_a)^-T dl_j/da,

and F_theta = covariances under p with dh/dtheta: dm/dtheta = cov_p(b, dh), dS_ab/dtheta =
cov_p(D_a D_b, dh) with D = b - m.  So every parameter's derivative is sum_k P_jk dh_jk/dtheta
with node weights P_jk = p_jk (1 + lambda_m'D_k + sum_ab lambda_S,ab (D_ka D_kb - S_ab)):

    dl/dbeta  = X' [w sum_k P_k d1_k],   dl/dalpha = sum_i w sum_k P_k dlogf_k/dalpha,
    dl/dphi_r = sum_j W_j sum_k P_jk sum_i w_i d1_ik z_i'(dL/dphi_r) u_k,

the integral being over the whitened u = L^-1 b (``single_level``: prior N(0, I), design
Z L), where phi enters only through L, the Cholesky factor of Sigma.  The small per-group pieces dl_j/da and F_a (q + q(q+1)/2
coordinates) come from central differences of the quadrature in a, all groups at once (steps
1e-4 posterior SDs); since dl/da vanishes for an exact integral they only correct the
quadrature error, so their truncation error is negligible in the gradient.
"""
from __future__ import annotations

import numpy as np

from .node_arithmetic import posterior_moments
from .quadrature import product_rule
from . import single_level
from .adaptive_nodes import Adaptive, batched_cholesky

A_STEP = 1e-4  # central-difference step in a, in posterior standard deviations


def _adaptation_derivatives(eng, eta0, anc, Sinv, logdet_S, mu, C, rule, pairs):
    """dl_j/da (G, n_a) and F_a (G, n_a, n_a) by central differences in a = (mu, vech C)
    (the 2 n_a quadratures evaluated together: ``quadratures``)."""
    G, q = mu.shape
    n_a = q + len(pairs)
    sd = np.sqrt(np.diagonal(C, axis1=1, axis2=2))
    dl = np.empty((G, n_a))
    J = np.empty((G, n_a, n_a))
    steps, placements = [], []
    for c in range(n_a):
        if c < q:
            h = A_STEP * sd[:, c]
        else:
            a, b = pairs[c - q]
            h = A_STEP * sd[:, a] * sd[:, b]
        steps.append(h)
        for sign in (1.0, -1.0):
            mu_, C_ = mu.copy(), C.copy()
            if c < q:
                mu_[:, c] += sign * h
            else:
                C_[:, a, b] += sign * h
                if a != b:
                    C_[:, b, a] += sign * h
            placements.append(Adaptive(mu_, batched_cholesky(C_)))
    # placements evaluated together, as many at a time as keep their node arrays within the
    # groups' block budget (``group_blocks``); each placement's values are the same either way
    per = max(1, int(single_level.GROUP_BLOCK_ELEMENTS // (G * rule.size * q)))
    lnL, moments = [], []
    for j0 in range(0, len(placements), per):
        results = eng.quadratures(eta0, anc, Sinv, logdet_S, placements[j0:j0 + per], rule)
        lnL += [r[0] for r in results]
        if G > 1:  # the moments of these placements at once (posterior_moments: one group sums otherwise)
            stacked = posterior_moments(np.concatenate([r[1] for r in results]),
                                        np.concatenate([r[2] for r in results]))
            moments += [(stacked[0][j * G:(j + 1) * G], stacked[2][j * G:(j + 1) * G]) for j in range(len(results))]
        else:
            moments += [posterior_moments(p, B)[::2] for _, p, B in results]
        del results
    vals = [np.concatenate([m] + [S[:, a, b][:, None] for a, b in pairs], axis=1) for m, S in moments]
    for c, h in enumerate(steps):
        dl[:, c] = (lnL[2 * c] - lnL[2 * c + 1]) / (2 * h)
        J[:, :, c] = (vals[2 * c] - vals[2 * c + 1]) / (2 * h)[:, None]
    return dl, J


def mean_variance_gradient(eng, beta, anc, L, dL, Q):
    """(dl/dbeta, dl/dalpha, dl/dphi) of the ``mvaghermite`` likelihood (module docstring);
    ``L``: Sigma's Cholesky factor, ``dL``: its derivatives by each phi_r."""
    q = eng.q
    G = eng.G
    Wg = np.ones(G) if eng.W is None else eng.W
    rule = product_rule(Q, q)
    eta0 = eng.eta0(beta)
    Sinv, logdet_S = eng.prior(L @ L.T, "mvaghermite", L)
    (_, p, B), ad = eng.finite_fixed_point(eta0, anc, Sinv, logdet_S, rule, 1e-10)
    pairs = [(a, b) for a in range(q) for b in range(a + 1)]
    C = np.einsum("gab,gcb->gac", ad.R, ad.R)
    dl, J = _adaptation_derivatives(eng, eta0, anc, Sinv, logdet_S, ad.mu, C, rule, pairs)
    lam = np.linalg.solve(np.swapaxes(np.eye(len(dl[0]))[None] - J, 1, 2), dl[..., None])[..., 0]
    m, D, S = posterior_moments(p, B)
    bracket = 1.0 + np.einsum("ga,gka->gk", lam[:, :q], D)
    for c, (a, b) in enumerate(pairs):
        bracket += lam[:, q + c, None] * (D[:, :, a] * D[:, :, b] - S[:, a, b, None])
    P = p * bracket * Wg[:, None]                          # total node weights, group weights in
    return node_weighted_gradient(eng, eta0, anc, B, P, dL)[:3]


def node_weighted_gradient(eng, eta0, anc, B, P, dL):
    """(dl/dbeta, dl/dalpha, dl/dphi, zsum) of sum_jk P_jk h_j(u_jk) with the nodes u (in the
    whitened coordinates) held: X'[w sum_k P_k d1_k], sum_i w sum_k P_k dlogf_ik/dalpha and
    sum_jk P_jk sum_i w d1_ik z0_i'(dL/dphi_r) u_jk; zsum (G, K, q): sum_i w d1_ik z0_i."""
    w = np.ones(eng.X.shape[0]) if eng.w is None else eng.w
    per_obs, zsum = eng.node_score_sums(eta0, anc, B, [P], raw_design=True)
    gb = eng.X.T @ per_obs[:, 0]
    ga = np.zeros(eng.family.n_anc)
    if eng.family.n_anc:
        eta = eng.eta_at(eta0, B)
        Pi = P[eng.g]
        for j, (L,) in enumerate(eng.family.anc_dense(eta, anc)):
            ga[j] = np.sum(w[:, None] * Pi * L)
    gp = np.zeros(len(dL))
    for r, dLr in enumerate(dL):
        gp[r] = np.sum(P * np.einsum("gka,gka->gk", zsum, B @ dLr.T))
    return gb, ga, gp, zsum
