"""Gradient of the one-level marginal log likelihood under mode-curvature adaptive quadrature
(``mcaghermite``, xtmelogit/meqrlogit's default) and non-adaptive ``ghermite`` with q > 1
random effects, in the whitened coordinates of ``single_level`` (u = L^-1 b, prior N(0, I),
design Z = Z0 L, L L' = Sigma).

What is computed.  Group j's value is l_j = ln det R + logsumexp_k(c_k + h(u_k)) at the nodes
u_k = m + R t_k (rule nodes t_k, ln weights c_k), with m the mode of h and R R' = A^-1,
A = -h''(m) = Z' D Z + I, D = diag(-w d2).  The nodes move with theta (they are placed anew at
every evaluation, as Stata's and gllamm's adaptive quadrature does), and

    dl_j/dtheta = sum_k p_k dh(u_k)/dtheta |_(nodes fixed)          (the fixed-node gradient)
                + (dl_j/dm)' dm/dtheta + <dl_j/dR, dR/dtheta>       (the nodes' movement)

is returned in full, so it is the derivative of the very values the optimizer compares (the
second line is of the size of the quadrature error and vanishes for an exact rule).
``fixed_node_gradient`` returns the first line alone.  With p_k the posterior node weights,
gh_k = Z'w d1_k - u_k = dh/du at u_k:

- fixed nodes: dl/dbeta = X'[w sum_k p_k d1_k], dl/dalpha = sum_i w sum_k p_k dlogf_ik/dalpha,
  dl/dphi_r = sum_k p_k sum_i w d1_ik z0_i' (dL/dphi_r) u_k;
- dl/dm = sum_k p_k gh_k; dl/dR = diag(1/R_aa) + sum_k p_k gh_k t_k' (lower triangle);
- the mode: grad h(m, theta) = 0, so dm/dtheta = A^-1 d_theta(grad h);
- R = chol(A^-1): dR = R Phi(R^-1 dC R^-T), C = A^-1, dC = -C dA C, Phi the lower triangle
  with the diagonal halved; its adjoint gives <dl/dR, dR> = -<U, dA> with U = R S R',
  S = (N + N')/2 - diag(N)/2, N = tril(R'(dl/dR));
- dA = d_theta A + sum_c dA/dm_c dm_c/dtheta with dA/dm_c = Z' diag(-w d3 z_c) Z, so with
  s_i = z_i'U z_i the mode's total weight is kappa = A^-1 (dl/dm + Z'(w d3 s)), and at the
  mode's rows (d1, d2, d3 there), e_i = w (d2_i z_i'kappa + d3_i s_i):

    dl/dbeta  += X'e,   dl/dalpha += sum_i w (dd1/dalpha z_i'kappa + dd2/dalpha s_i),
    dl/dphi_r += <dL/dphi_r, a kappa' + (Z0'e) m' + 2 sum_i w d2_i z0_i (U z_i)'>,  a = Z0'(w d1).

``ghermite`` places its nodes at the prior (m = 0, R = I in u): the fixed-node gradient is the
whole gradient.  Group weights W_j multiply every group's terms.  dL/dphi comes from central
differences of the level's Cholesky factor (as ``mean_variance_gradient``); dd1/dalpha and
dd2/dalpha from the family's ``anc_dense``.
"""
from __future__ import annotations

import numpy as np

from .mean_variance_gradient import node_weighted_gradient
from .node_arithmetic import column_grams
from .quadrature import product_rule
from .adaptive_nodes import Adaptive, batched_cholesky


def _placement(eng, eta0, anc, method, Sinv, logdet_S):
    """(nodes' Adaptive, A = -h'' at the mode or None) as ``group_logliks`` places them."""
    G, q = eng.G, eng.q
    if method == "ghermite":
        return Adaptive(np.zeros((G, q)), np.broadcast_to(np.eye(q), (G, q, q)).copy()), None
    mode, negH, hmode = eng.modes(eta0, anc, Sinv, logdet_S, eng.last_modes)
    eng.remember_modes(mode, hmode)
    Linv = np.linalg.inv(batched_cholesky(negH))
    return Adaptive(mode, batched_cholesky(column_grams(Linv))), negH


def _fixed_part(eng, beta, anc, L, dL, Q, method):
    """The fixed-node gradient and what the movement terms need from the quadrature."""
    q, G = eng.q, eng.G
    Wg = np.ones(G) if eng.W is None else eng.W
    w = np.ones(eng.X.shape[0]) if eng.w is None else eng.w
    rule = product_rule(Q, q)
    eta0 = eng.eta0(beta)
    Sinv, logdet_S = eng.prior(L @ L.T, method, L)
    ad, negH = _placement(eng, eta0, anc, method, Sinv, logdet_S)
    _, p, B = eng.quadrature(eta0, anc, Sinv, logdet_S, ad, rule)
    gb, ga, gp, zsum = node_weighted_gradient(eng, eta0, anc, B, p * Wg[:, None], dL)
    state = dict(eta0=eta0, ad=ad, negH=negH, p=p, B=B, zsum=zsum, rule=rule, Wg=Wg, w=w)
    return gb, ga, gp, state


def fixed_node_gradient(eng, beta, anc, L, dL, Q, method):
    """(dl/dbeta, dl/dalpha, dl/dphi) with the nodes held where this theta places them."""
    return _fixed_part(eng, beta, anc, L, dL, Q, method)[:3]


def mode_curvature_gradient(eng, beta, anc, L, dL, Q, method="mcaghermite"):
    """(dl/dbeta, dl/dalpha, dl/dphi) of the ``mcaghermite`` (or ``ghermite``) likelihood
    (module docstring); ``L``: Sigma's Cholesky factor, ``dL``: its derivatives by each phi_r."""
    gb, ga, gp, st = _fixed_part(eng, beta, anc, L, dL, Q, method)
    if method == "ghermite":
        return gb, ga, gp
    q = eng.q
    Wg, w, p, B = st["Wg"], st["w"], st["p"], st["B"]
    m, R, A = st["ad"].mu, st["ad"].R, st["negH"]
    T = st["rule"].nodes                                  # (K, q)
    gh = st["zsum"] @ L - B                               # dh/du at the nodes (G, K, q)
    g_m = np.einsum("gk,gka->ga", p, gh)
    g_R = np.einsum("gk,gka,kb->gab", p, gh, T)
    diag = np.diagonal(R, axis1=1, axis2=2)
    g_R[:, np.arange(q), np.arange(q)] += 1.0 / diag
    g_R = np.tril(g_R)
    N = np.tril(np.swapaxes(R, 1, 2) @ g_R)
    S = 0.5 * (N + np.swapaxes(N, 1, 2))
    S[:, np.arange(q), np.arange(q)] *= 0.5
    U = R @ S @ np.swapaxes(R, 1, 2)
    # the mode's rows
    eta0 = st["eta0"]
    Z, Z0, gi = eng.Z, eng.Z0, eng.g
    etam = eng.eta_at(eta0, m)
    d1, d2, d3 = eng.family.derivs(etam, anc, 3)
    Uz = np.einsum("iab,ib->ia", U[gi], Z)                # U_g z_i
    s = np.einsum("ia,ia->i", Z, Uz)
    rho = g_m + eng.gsum(Z * (w * d3 * s)[:, None])
    kappa = np.linalg.solve(A, rho[..., None])[..., 0]
    zk = np.einsum("ia,ia->i", Z, kappa[gi])
    e = w * (d2 * zk + d3 * s)
    Wi = Wg[gi]
    gb = gb + eng.X.T @ (Wi * e)
    if eng.family.n_anc:
        ga = ga.copy()
        for j, (_, D1, D2) in enumerate(eng.family.anc_dense(etam, anc, with_derivs=True)):
            ga[j] += np.sum(Wi * w * (D1 * zk + D2 * s))
    a = eng.gsum(Z0 * (w * d1)[:, None])
    Ze = eng.gsum(Z0 * e[:, None])
    cross = eng.gsum(np.einsum("ia,ib->iab", Z0 * (w * d2)[:, None], Uz))
    Gam = (np.einsum("ga,gb->gab", a, kappa) + np.einsum("ga,gb->gab", Ze, m) + 2.0 * cross)
    Gsum = np.einsum("g,gab->ab", Wg, Gam)
    gp = gp + np.array([np.sum(dLr * Gsum) for dLr in dL])
    return gb, ga, gp
