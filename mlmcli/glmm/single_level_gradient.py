"""Analytic gradient of the one-level marginal log likelihood.

Notation of ``single_level``: group j, A_j = -h_j''(b^_j) = sum_i w_i (-d2_i) z_i z_i' +
Sigma^-1 at the mode b^_j, d_k the k-th eta-derivative of logf, M_r = Sigma^-1
(dSigma/dphi_r) Sigma^-1, W_j the group weight.

Laplace (any q): l_j = h_j(b^_j) + (q/2) ln 2 pi - ln det A_j / 2, and with the mode's
dependence on theta (db^/dtheta = A^-1 d(grad h)/dtheta),

    s_i = z_i' A^-1 z_i,   t_j = sum_i w_i d3_i s_i z_i / 2,   v_j = A_j^-1 t_j,
    dl/dbeta  = X' [w (d1 + d3 s / 2 + d2 z'v)],
    dl/dphi_r = sum_j W_j (b_j'M_r b_j / 2 + tr(A_j^-1 M_r) / 2 + v_j'M_r b_j) - (sum_j W_j) tr(Sigma^-1 dSigma_r) / 2.

Quadrature, one random effect (q = 1, nodes b_k = mu + tau t_k, weights p_k):
the derivative at fixed nodes, sum_k p_k dh(b_k)/dtheta, plus dl/dmu dmu/dtheta +
dl/dtau dtau/dtheta with dl/dmu = E_p h', dl/dtau = 1/tau + E_p(h' t) and

- ``ghermite``: mu = 0, tau = sigma;
- ``mcaghermite``: mu = b^, tau = A^-1/2, dA = d_theta A + (dA/db) db^/dtheta;
- ``mvaghermite``: a = (mu, tau) the fixed point of F(a, theta) = (posterior mean, sd);
  da/dtheta = (I - dF/da)^-1 dF/dtheta (a 2 x 2 system per group), the moments'
  derivatives being covariances under p of b, (b - m)^2 with h' and dh/dtheta.

Several random effects under ``mvaghermite``: ``mean_variance_gradient``; under ``mcaghermite``
and ``ghermite``: ``mode_curvature_gradient`` (both in the whitened coordinates of ``single_level``).

Ancillary parameters (cutpoints, ln alpha, ...) enter like beta, through
d logf/d alpha (analytic) and, for the mode's dependence, d d1/d alpha and d d2/d alpha
(central differences of the family's derivatives); dSigma/dphi by central differences.
"""
from __future__ import annotations

import numpy as np

from .mean_variance_gradient import mean_variance_gradient
from .mode_curvature_gradient import mode_curvature_gradient
from .quadrature import product_rule
from .adaptive_nodes import Adaptive


def _central_differences(fn, phi, h=1e-6):
    """[d fn / d phi_r for each r] by central differences (fn: phi -> matrix)."""
    out = []
    for r in range(len(phi)):
        e = np.zeros(len(phi))
        e[r] = h
        out.append((fn(phi + e) - fn(phi - e)) / (2 * h))
    return out


def _dsigma(level, phi):
    return _central_differences(level.sigma, phi)


def _dfactor(level, phi):
    """Derivatives of Sigma's Cholesky factor by each phi_r."""
    return _central_differences(level.chol, phi)


def analytic_gradient(model):
    """A function theta -> gradient for ``model`` (one level), or None when not available."""
    eng = model.engine
    method = model.method
    if method not in ("laplace", "mvaghermite", "mcaghermite", "ghermite") and not eng.exact_gaussian(method):
        return None
    if method == "mvaghermite" and model.Q == 2 and not eng.exact_gaussian(method):
        # two points: the update's fixed points are a curve (equal posterior weights at the
        # two nodes is both the mean's and the variance's condition), I - J is singular and the
        # implicit derivative undefined: differences of ln L (from the modes, docs/mv_order_independent.md)
        return None
    level = model.structure.levels[0]

    def grad(theta):
        beta, anc, phi = model.split(np.asarray(theta, float))
        # groups integrated block by block (``group_blocks``): the gradient is the blocks' sum
        parts = [block_gradient(b, beta, anc, phi) for b in eng.group_blocks(method, model.Q)]
        return np.sum(parts, axis=0) if len(parts) > 1 else parts[0]

    def block_gradient(eng, beta, anc, phi):
        Sigma = level.sigma(phi)
        with np.errstate(all="ignore"):
            if eng.exact_gaussian(method):
                gb, ga, gp = _gaussian(eng, beta, anc, Sigma, _dsigma(level, phi))
            elif method == "laplace":
                gb, ga, gp = _laplace(eng, beta, anc, Sigma, _dsigma(level, phi))
            elif eng.q > 1 and method == "mvaghermite":
                gb, ga, gp = mean_variance_gradient(eng, beta, anc, level.chol(phi), _dfactor(level, phi),
                                                    model.Q)
            elif eng.q > 1:  # mcaghermite, ghermite
                gb, ga, gp = mode_curvature_gradient(eng, beta, anc, level.chol(phi), _dfactor(level, phi),
                                                     model.Q, method)
            else:
                dS = _dsigma(level, phi)
                gb, ga, gp = _quadrature_q1(eng, beta, anc, Sigma, dS, method, model.Q)
        return np.concatenate([gb, ga, gp])
    return grad


def _gaussian(eng, beta, anc, Sigma, dS):
    """The gradient of ``gaussian_closed_form.gaussian_logliks`` (group weights W_j): with
    V_j = Z Sigma Z' + s2 I, u_j = V_j^-1 r_j, a_j = Z'u_j and B_j = Z'V_j^-1 Z,
    dl/dbeta = X'u, dl/dphi_r = sum_j W_j (a_j'dSigma_r a_j - tr(B_j dSigma_r)) / 2 and
    dl/dln s = sum_j W_j (s2 u_j'u_j - s2 tr V_j^-1), tr V_j^-1 = (n_j - tr(M_j^-1 Z'Z)) / s2."""
    s2 = float(np.exp(2.0 * anc[0]))
    W = np.ones(eng.G) if eng.W is None else eng.W
    ZZ = eng.group_ztz()
    r = eng.family.y - eng.eta0(beta)
    Zr = eng.gsum(eng.Z0 * r[:, None])
    M = s2 * np.linalg.inv(Sigma)[None, :, :] + ZZ
    Minv = np.linalg.inv(M)
    c = np.einsum("gab,gb->ga", Minv, Zr)  # M^-1 Z'r
    u = (r - np.einsum("na,na->n", eng.Z0, c[eng.g])) / s2
    a = eng.gsum(eng.Z0 * u[:, None])
    B = (ZZ - ZZ @ Minv @ ZZ) / s2
    Wrow = W[eng.g]
    gb = eng.X.T @ (Wrow * u)
    tr_vinv = (eng.counts - np.einsum("gab,gba->g", Minv, ZZ)) / s2
    uu = eng.gsum(u * u)
    ga = np.array([float(np.sum(W * (s2 * uu - s2 * tr_vinv)))])
    gp = np.array([0.5 * float(np.sum(W * (np.einsum("ga,ab,gb->g", a, d, a) - np.einsum("gab,ba->g", B, d))))
                   for d in dS])
    return gb, ga, gp


def _mode_state(eng, beta, anc, Sigma):
    eta0 = eng.eta0(beta)
    Sinv, logdet_S = eng.prior(Sigma, "laplace")  # b itself (the formulas above are in b)
    b, A, hmode = eng.modes(eta0, anc, Sinv, logdet_S, eng.last_modes)
    eng.remember_modes(b, hmode)
    return eta0, Sinv, logdet_S, b, A


def _laplace(eng, beta, anc, Sigma, dS):
    eta0, Sinv, logdet_S, b, A = _mode_state(eng, beta, anc, Sigma)
    G, q = b.shape
    Wg = np.ones(G) if eng.W is None else eng.W
    eta = eng.eta_at(eta0, b)
    d1, d2, d3 = eng.family.derivs(eta, anc, 3)
    w = np.ones(len(eta)) if eng.w is None else eng.w
    Ainv = np.linalg.inv(A)
    Z = eng.Z
    s = np.einsum("ia,iab,ib->i", Z, Ainv[eng.g], Z)
    t = 0.5 * eng.gsum(Z * (w * d3 * s)[:, None])
    v = np.einsum("gab,gb->ga", Ainv, t)
    zv = np.einsum("ia,ia->i", Z, v[eng.g])
    r = w * (d1 + 0.5 * d3 * s + d2 * zv) * Wg[eng.g]
    gb = eng.X.T @ r
    ga = np.array([np.sum(w * Wg[eng.g] * (L + 0.5 * s * D2 + zv * D1))
                   for L, D1, D2 in eng.family.anc_dense(eta, anc, with_derivs=True)])
    gp = np.zeros(len(dS))
    for k, D in enumerate(dS):
        M = Sinv @ D @ Sinv
        per = (0.5 * np.einsum("ga,ab,gb->g", b, M, b) + 0.5 * np.einsum("gab,ba->g", Ainv, M)
               + np.einsum("ga,ab,gb->g", v, M, b))
        gp[k] = np.sum(Wg * per) - 0.5 * Wg.sum() * np.trace(Sinv @ D)
    return gb, ga, gp


def one_effect_gradient(eng, beta, anc, Sigma, dS, method: str, Q: int):
    """(d/dbeta, d/dalpha, d/dphi) of ln L of a ``single_level.SingleLevelModel`` with one random
    effect under ``method`` with Q points; ``dS``: [dSigma/dphi] (empty: no variance parameter)."""
    return _quadrature_q1(eng, beta, anc, Sigma, dS, method, Q)


def _quadrature_q1(eng, beta, anc, Sigma, dS, method, Q):
    sig2 = float(Sigma[0, 0])
    G = eng.G
    Wg = np.ones(G) if eng.W is None else eng.W
    w = np.ones(eng.X.shape[0]) if eng.w is None else eng.w
    z = eng.Z[:, 0]
    rule = product_rule(Q, 1)
    t = rule.nodes[:, 0]
    eta0 = eng.eta0(beta)
    Sinv = np.array([[1 / sig2]])
    logdet_S = float(np.log(sig2))
    if method == "mvaghermite":
        (_, p, B3), ad = eng.finite_fixed_point(eta0, anc, Sinv, logdet_S, rule, 1e-10)
        mu, tau = ad.mu[:, 0], ad.R[:, 0, 0]
    else:
        if method == "ghermite":
            mu = np.zeros(G)
            tau = np.full(G, np.sqrt(sig2))
        else:
            _, _, _, bm, A = _mode_state(eng, beta, anc, Sigma)
            mu, tau = bm[:, 0], 1 / np.sqrt(A[:, 0, 0])
        _, p, B3 = eng.quadrature(eta0, anc, Sinv, logdet_S, Adaptive(mu[:, None], tau[:, None, None]), rule)
    B = B3[:, :, 0]                                       # (G, K)
    weights = [p]
    if method == "mvaghermite":
        m = np.sum(p * B, axis=1)
        Dv = B - m[:, None]
        s2 = np.sum(p * Dv * Dv, axis=1)
        weights += [p * Dv, p * (Dv * Dv - s2[:, None])]
    per_obs, zsum = eng.node_score_sums(eta0, anc, B3, weights)
    h1 = zsum[:, :, 0] - B / sig2                         # h'(b_k), (G, K)
    # derivative at fixed nodes
    Wi = Wg[eng.g]
    gb = eng.X.T @ (per_obs[:, 0] * Wi)
    if eng.family.n_anc:
        pg = p[eng.g]
        Lk = [a[0] * w[:, None]                           # w dlogf/dalpha at the nodes
              for a in eng.family.anc_dense(eta0[:, None] + z[:, None] * B[eng.g], anc)]
    else:
        Lk = []
    ga = np.array([np.sum(Wi * np.sum(pg * L, axis=1)) for L in Lk])
    dsig = (B * B / sig2 - 1)                             # d h_k / d ln sigma at fixed nodes
    dS_dphi = float(dS[0][0, 0]) if dS else 0.0          # dSigma/dphi (= 2 sigma^2 for ln sd)
    g_lnsig = np.sum(Wg * np.sum(p * dsig, axis=1))
    E1 = np.sum(p * h1, axis=1)                           # dl/dmu
    Et = np.sum(p * h1 * t[None, :], axis=1) + 1 / tau    # dl/dtau
    if method == "ghermite":
        g_lnsig += np.sum(Wg * Et * tau)                  # tau = sigma
    elif method in ("mcaghermite", "laplace"):
        etam = eta0 + z * mu[eng.g]
        _, d2m, d3m = eng.family.derivs(etam, anc, 3)
        Am = 1 / tau ** 2
        # d mode: A^-1 d(h')/dtheta ; d(h')/dbeta = sum w d2 z x ; d(h')/dln sigma = 2 b / sigma^2
        # dA: d_beta A = -sum w d3 z^2 x, dA/db = -sum w d3 z^3, d_lnsig A = -2/sigma^2
        dAdb = -eng.gsum(w * d3m * z ** 3)
        c_tau = -0.5 * Am ** -1.5                          # dtau/dA
        coef_mode = E1 + Et * c_tau * dAdb                # total weight on d mode
        wm = Wg * coef_mode / Am
        gb += eng.X.T @ (w * d2m * z * wm[eng.g])
        gb += eng.X.T @ (w * (-d3m) * z * z * (Wg * Et * c_tau)[eng.g])
        g_lnsig += np.sum(wm * 2 * mu / sig2) + np.sum(Wg * Et * c_tau * (-2 / sig2))
        for j, (_, D1, D2) in enumerate(eng.family.anc_dense(etam, anc, with_derivs=True)):
            ga[j] += np.sum(w * z * D1 * wm[eng.g]) + np.sum(w * (-D2) * z * z * (Wg * Et * c_tau)[eng.g])
    else:  # mvaghermite: implicit derivative of the fixed point
        s = np.sqrt(s2)
        e_h1 = np.sum(p * h1, axis=1)
        e_h1t = np.sum(p * h1 * t[None, :], axis=1)

        def cov(u, v, ev=None):
            ev = np.sum(p * v, axis=1) if ev is None else ev
            return np.sum(p * u * (v - ev[:, None]), axis=1)
        Dv2 = Dv * Dv
        dm_dmu = 1 + cov(B, h1, e_h1)
        dm_dtau = np.sum(p * t[None, :], axis=1) + cov(B, h1 * t[None, :], e_h1t)
        ds2_dmu = cov(Dv2, h1, e_h1)
        ds2_dtau = cov(Dv2, h1 * t[None, :], e_h1t) + 2 * np.sum(p * Dv * t[None, :], axis=1)
        J11, J12 = dm_dmu, dm_dtau
        J21, J22 = ds2_dmu / (2 * s), ds2_dtau / (2 * s)
        # lambda' = (dl/da)' (I - J)^-1
        a11, a12, a21, a22 = 1 - J11, -J12, -J21, 1 - J22
        det = a11 * a22 - a12 * a21
        lam1 = (E1 * a22 - Et * a21) / det
        lam2 = (-E1 * a12 + Et * a11) / det
        # dF/dbeta: cov_p(b, dh/dbeta), cov_p((b-m)^2, dh/dbeta)/(2s)
        r2, r3 = per_obs[:, 1], per_obs[:, 2]
        gb += eng.X.T @ ((Wg * lam1)[eng.g] * r2 + (Wg * lam2 / (2 * s))[eng.g] * r3)
        Dg = Dv[eng.g] if Lk else None
        for j, L in enumerate(Lk):
            r2a = np.sum(pg * Dg * L, axis=1)
            r3a = np.sum(pg * (Dg * Dg - s2[eng.g][:, None]) * L, axis=1)
            ga[j] += np.sum((Wg * lam1)[eng.g] * r2a + (Wg * lam2 / (2 * s))[eng.g] * r3a)
        dm_ls = cov(B, dsig)
        ds_ls = cov(Dv2, dsig) / (2 * s)
        g_lnsig += np.sum(Wg * (lam1 * dm_ls + lam2 * ds_ls))
    # chain to the estimation metric of the variance (dSigma/dphi = 2 sigma^2 for ln sd)
    gp = np.array([g_lnsig * dS_dphi / (2 * sig2)]) if dS else np.zeros(0)
    return gb, ga, gp
