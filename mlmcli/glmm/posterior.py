"""Empirical Bayes predictions of the random effects, and ``predict`` statistics.

Random effects ([ME] meglm postestimation, Methods and formulas):

- ``ebmeans`` (Stata's default): posterior means E(b | y) and posterior SDs
  (``reses``), the integrals by mean-variance adaptive quadrature with the
  estimation's points per level (nested levels: the nested quadrature of
  ``nested``; a lower level's mean is the average of its conditional means over
  the posterior of its ancestors' nodes).  After ``intmethod(laplace)`` the single
  node is the mode, so the means are the modes and the SDs come from the curvature.
- ``ebmodes``: posterior modes (jointly over all levels of a top group) and
  the square roots of the diagonal of the inverse negative Hessian there.

Predictions with the random effects at their EB values b~ (``fixedonly``: b = 0):
eta = x beta + offset + z'b~, mu = g^-1(eta) (times the trials for binomial),
``pr`` for ordinal outcomes; ``xb`` and ``stdp`` (sqrt(x V(beta) x')) of the
fixed part; residuals as in [R] glm: response y - mu, Pearson (y - mu)/sqrt(V(mu)),
deviance sign(y - mu) sqrt(d), Anscombe (McCullagh & Nelder 1989, sec. 2.4.2).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special as sps

from .quadrature import product_rule
from .adaptive_nodes import Adaptive, batched_cholesky


@dataclass(frozen=True)
class TermEffects:
    """EB predictions of one random-effects equation, in the order of ``spec.terms``.

    ``values``/``se``: (G, q) indexed by the term's group codes (for ``_all: R.x`` the
    codes of x, one column); groups outside the estimation sample hold NaN."""

    levelvar: str
    names: tuple[str, ...]
    values: np.ndarray
    se: np.ndarray


def _level_effects(fit, kind: str, points: int | None = None):
    """Per level (means (G_l, q_l), SDs (G_l, q_l)) on the model's (possibly subset) groups;
    the means with ``points`` nodes per effect (predict's intpoints(); default the estimation's)."""
    model = fit.model
    Q = int(points or model.Q)
    eng = model.engine
    beta, anc, phi = model.split(fit.theta)
    Sig = model.sigmas(phi)
    method = model.method
    if len(model.structure.levels) == 1:
        # block by block when the groups' nodes are many (``SingleLevelModel.group_blocks``)
        L = model.structure.levels[0].chol(phi) if eng.whitens(method) else None
        parts = [_one_level_effects(b, beta, anc, Sig[0], L, method, kind, Q) for b in eng.group_blocks(method, Q)]
        return [tuple(np.concatenate([p[k] for p in parts]) for k in range(2))]
    Sinv = [np.linalg.inv(S) for S in Sig]
    ld = [float(np.linalg.slogdet(S)[1]) for S in Sig]
    eta0 = eng.X @ beta + eng.offset
    b, _, D, Cb = eng.joint_modes(eta0, anc, Sinv, ld)
    if kind == "ebmodes" or method == "laplace":
        from .nested_gradient import selected_inverse
        Dinv = [np.linalg.inv(Dl) for Dl in D]
        Inv = selected_inverse(eng, D, Cb, Dinv)
        return [(b[l], np.sqrt(np.diagonal(Inv[(l, l)], axis1=1, axis2=2))) for l in range(eng.L)]
    params = eng.mode_curvature_params(b, D, Cb, Q)
    eng.clear_adaptive_cache()
    _, ps, B = eng.mv_fixed_point(eta0, anc, Sinv, ld, params, Q, 1e-12)
    out = []
    # posterior weight of each context: product of the ancestors' conditional weights
    ctx_w = [np.ones((eng.G[0], 1))]
    for l in range(eng.L):
        joint = ctx_w[l][:, :, None] * ps[l]                       # (G_l, C_l, K_l)
        m = np.einsum("gck,gcka->ga", joint, B[l])
        second = np.einsum("gck,gcka,gckb->gab", joint, B[l], B[l])
        var = np.diagonal(second, axis1=1, axis2=2) - m * m
        out.append((m, np.sqrt(np.maximum(var, 0))))
        if l + 1 < eng.L:
            child = joint.reshape(eng.G[l], -1)                     # contexts of the next level
            ctx_w.append(child[eng.levels[l + 1].parent])
    return out


def _one_level_effects(eng, beta, anc, S, chol, method: str, kind: str, Q: int):
    """(means, SDs) of the groups of a one-level engine (or of one of its blocks of groups)."""
    eta0 = eng.eta0(beta)
    Sinv, ld = eng.prior(S, method, chol)
    # the engine's coordinates: b itself, or u = L^-1 b (b = L u, Cov b = L Cov(u) L')
    L = eng.factor if eng.whitens(method) else np.eye(eng.q)
    mode, A, _ = eng.modes(eta0, anc, Sinv, ld, eng.last_modes)
    Ainv = np.linalg.inv(A)
    if kind == "ebmodes" or method == "laplace":
        Cb = np.einsum("ab,gbc,dc->gad", L, Ainv, L)
        return mode @ L.T, np.sqrt(np.diagonal(Cb, axis1=1, axis2=2))
    rule = product_rule(Q, eng.q)
    start = Adaptive(mode, batched_cholesky(Ainv))
    eng.clear_adaptive_cache()
    _, ad = eng.mv_fixed_point(eta0, anc, Sinv, ld, start, rule, 1e-12)
    C = np.einsum("ab,gbe,gce,dc->gad", L, ad.R, ad.R, L)
    return ad.mu @ L.T, np.sqrt(np.diagonal(C, axis1=1, axis2=2))


def posterior_effects(fit, kind: str = "ebmeans", points: int | None = None) -> list[TermEffects]:
    """One ``TermEffects`` per term of ``fit.spec`` (see the module docstring)."""
    if kind not in ("ebmeans", "ebmodes"):
        raise ValueError(kind)
    if not fit.model.structure.levels:  # no random-effects equation: no effects
        return []
    per_level = _level_effects(fit, kind, points)
    model = fit.model
    spec = fit.spec
    rows = model.rows
    out = []
    t_index = 0
    for lv, (vals, sds) in zip(model.structure.levels, per_level):
        col = 0
        for blk in lv.blocks:
            term = spec.terms[t_index]
            t_index += 1
            width = blk.width
            G_orig = int(term.n_groups)
            full_v = np.full((G_orig, 1 if blk.factor else width), np.nan)
            full_s = np.full_like(full_v, np.nan)
            if term.level_factor and not blk.cells:  # cell (g, x) of ``level: R.x``: effect x of group g
                cell = np.asarray(term.group)[rows]
                x = col + np.unique(np.asarray(term.factor_codes)[rows], return_inverse=True)[1].ravel()
                full_v[cell, 0] = vals[lv.group, x]   # (x renumbered on the rows, as the level's Z)
                full_s[cell, 0] = sds[lv.group, x]
            elif blk.factor and not blk.cells:
                codes = np.unique(np.asarray(term.group)[rows])
                full_v[codes, 0] = vals[0, col:col + width][:len(codes)]
                full_s[codes, 0] = sds[0, col:col + width][:len(codes)]
            else:
                codes = np.unique(np.asarray(term.group)[rows]) if lv.name != "_all" else np.array([0])
                full_v[codes] = vals[:, col:col + width]
                full_s[codes] = sds[:, col:col + width]
            out.append(TermEffects(term.levelvar, tuple(term.names), full_v, full_s))
            col += width
    return out


def random_part(fit, kind: str = "ebmeans") -> np.ndarray:
    """z_i'b~ per estimation observation (model row order)."""
    model = fit.model
    out = np.zeros(len(model.rows))
    if not model.structure.levels:  # no random-effects equation: nothing to add
        return out
    per_level = _level_effects(fit, kind)
    for lv, (vals, _) in zip(model.structure.levels, per_level):
        out += np.einsum("iq,iq->i", lv.Z, vals[lv.group])
    return out


def variance_function(fit, mu):
    fx = fit.spec.fixed
    fam = fit.model.family
    if fx.family == "bernoulli":
        return mu * (1 - mu)
    if fx.family == "binomial":
        return mu * (1 - mu / fam.trials)
    if fx.family == "poisson":
        return mu
    if fx.family == "nbinomial":
        a = np.exp(fit.anc[0])
        return mu * (1 + a * mu) if fx.dispersion == "mean" else mu * (1 + a)
    if fx.family == "gamma":
        return mu * mu
    return np.ones_like(mu)


def deviance_contribution(fit, y, mu):
    fx = fit.spec.fixed
    fam = fit.model.family

    def xlogy(a, b):
        return np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / b), 0.0)
    if fx.family in ("bernoulli", "binomial"):
        n = fam.trials
        return 2 * (xlogy(y, mu) + xlogy(n - y, n - mu))
    if fx.family == "poisson":
        return 2 * (xlogy(y, mu) - (y - mu))
    if fx.family == "nbinomial":
        a = np.exp(fit.anc[0]) if fx.dispersion == "mean" else np.exp(fit.anc[0]) / np.maximum(mu, 1e-300)
        return 2 * (xlogy(y, mu) - (y + 1 / a) * np.log((1 + a * y) / (1 + a * mu)))
    if fx.family == "gamma":
        return 2 * ((y - mu) / mu - np.log(y / mu))
    return (y - mu) ** 2


def anscombe_residual(fit, y, mu):
    fx = fit.spec.fixed
    fam = fit.model.family
    if fx.family in ("bernoulli", "binomial"):
        n = fam.trials

        def A(x):
            x = np.clip(x, 0, 1)
            return sps.betainc(2 / 3, 2 / 3, x) * sps.beta(2 / 3, 2 / 3)
        return np.sqrt(n) * (A(y / n) - A(mu / n)) / ((mu / n * (1 - mu / n)) ** (1 / 6))
    if fx.family == "poisson":
        return 1.5 * (y ** (2 / 3) - mu ** (2 / 3)) / mu ** (1 / 6)
    if fx.family == "nbinomial":
        a = np.exp(fit.anc[0])
        return ((3 / a) * ((1 + a * y) ** (2 / 3) - (1 + a * mu) ** (2 / 3))
                + 3 * (y ** (2 / 3) - mu ** (2 / 3))) / (2 * (mu + a * mu * mu) ** (1 / 6))
    if fx.family == "gamma":
        return 3 * (np.cbrt(y) - np.cbrt(mu)) / np.cbrt(mu)
    return y - mu


def predict(fit, what: str = "mu", kind: str = "ebmeans", fixedonly: bool = False,
            outcome: int | None = None, nooffset: bool = False) -> np.ndarray:
    """A statistic per estimation observation (model row order; ``fit.model.rows`` maps
    them to the spec's rows).  ``what``: ``xb``, ``stdp``, ``eta``, ``mu``, ``pr``
    (ordinal; ``outcome`` = category number 1..K, else all categories as n x K),
    ``response``, ``pearson``, ``deviance``, ``anscombe``."""
    model = fit.model
    X = model.X
    off = np.zeros(len(model.rows)) if nooffset else model.offset
    xb = X @ fit.beta + off
    if what == "xb":
        return xb
    if what == "stdp":
        return fit.fixed_prediction_se(X)
    eta = xb if fixedonly else xb + random_part(fit, kind)
    if what == "eta":
        return eta
    fam = model.family
    if fit.spec.fixed.family == "ordinal":
        P = fam.category_probs(eta, fit.anc)
        if what not in ("pr", "mu"):
            raise ValueError(f"{what} not available for ordinal outcomes")
        return P if outcome is None else P[:, outcome - 1]
    mu = fam.mean(eta, fit.anc)
    if what in ("mu", "pr"):
        return mu
    return residual(fit, what, fam.y, mu)


def residual(fit, kind: str, y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """response y - mu; pearson (y - mu) / sqrt(V(mu)); deviance sign(y - mu) sqrt(d_i)
    (d_i the unit deviance); anscombe (A(y) - A(mu)) / (A'(mu) sqrt(V(mu))) ([ME] meglm postestimation)."""
    if kind == "response":
        return y - mu
    if kind == "pearson":
        return (y - mu) / np.sqrt(variance_function(fit, mu))
    if kind == "deviance":
        return np.sign(y - mu) * np.sqrt(np.maximum(deviance_contribution(fit, y, mu), 0))
    if kind == "anscombe":
        return anscombe_residual(fit, y, mu)
    raise ValueError(kind)
