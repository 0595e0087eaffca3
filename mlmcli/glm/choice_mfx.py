"""Marginal effects of asclogit's probabilities at one point (Stata 13's ``estat mfx`` after
asclogit, [R] asclogit postestimation).

With the point's alternative-specific values x_k (one row per alternative k) and case-specific
values z, u_k = x_k beta + z gamma_k + alpha_k (gamma, alpha zero for the base alternative) and
p_k = exp(u_k) / sum_m exp(u_m).  The effect on p_j of an alternative-specific variable v at
alternative k is p_j (1[j = k] - p_k) beta_v; of a case-specific variable w it is
p_j (gamma_jw - sum_k p_k gamma_kw).  An indicator variable (only 0 and 1 in the sample) gets
the discrete change p_j(at 1) - p_j(at 0) instead, unless ``nodiscrete``.  Standard errors:
the delta method, sqrt(G V G') with G the derivative of the effects in e(b) by central
differences.  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ChoiceMfxSpec:
    """Where each variable's coefficients sit in e(b)."""
    n_alt: int
    as_pos: dict          # alternative-specific variable -> its position in e(b)
    cv_pos: dict          # (case-specific variable, alternative) -> position (no base entries)
    const_pos: dict       # alternative -> position of its constant


@dataclass(frozen=True)
class ChoiceMfxEffects:
    pr: np.ndarray        # p_j at the point
    effects: np.ndarray   # (alternative j, effect) dp_j/dx
    se: np.ndarray


def probabilities(spec: ChoiceMfxSpec, b, xa: dict, z: dict) -> np.ndarray:
    u = np.zeros(spec.n_alt)
    for v, pos in spec.as_pos.items():
        u += b[pos] * np.asarray(xa[v], float)
    for (w, k), pos in spec.cv_pos.items():
        u[k] += b[pos] * z[w]
    for k, pos in spec.const_pos.items():
        u[k] += b[pos]
    e = np.exp(u - u.max())
    return e / e.sum()


def _effects(spec, b, xa, z, wanted) -> np.ndarray:
    """wanted: ("as", v, k, discrete) or ("cv", w, None, discrete); columns of the result."""
    p = probabilities(spec, b, xa, z)
    out = np.zeros((spec.n_alt, len(wanted)))
    for c, (kind, var, k, discrete) in enumerate(wanted):
        if discrete:
            if kind == "as":
                lo, hi = np.array(xa[var], float), np.array(xa[var], float)
                lo[k], hi[k] = 0.0, 1.0
                out[:, c] = probabilities(spec, b, {**xa, var: hi}, z) - probabilities(spec, b, {**xa, var: lo}, z)
            else:
                out[:, c] = probabilities(spec, b, xa, {**z, var: 1.0}) - probabilities(spec, b, xa, {**z, var: 0.0})
        elif kind == "as":
            out[:, c] = p * ((np.arange(spec.n_alt) == k) - p[k]) * b[spec.as_pos[var]]
        else:
            g = np.array([b[spec.cv_pos[(var, j)]] if (var, j) in spec.cv_pos else 0.0 for j in range(spec.n_alt)])
            out[:, c] = p * (g - p @ g)
    return out


def marginal_effects(spec: ChoiceMfxSpec, b, V, xa: dict, z: dict, wanted) -> ChoiceMfxEffects:
    b = np.asarray(b, float)
    base = _effects(spec, b, xa, z, wanted)
    G = np.zeros(base.shape + (len(b),))
    for i in range(len(b)):
        if V[i, i] == 0:
            continue
        h = 1e-6 * max(1.0, abs(b[i]))
        up, down = b.copy(), b.copy()
        up[i] += h
        down[i] -= h
        G[..., i] = (_effects(spec, up, xa, z, wanted) - _effects(spec, down, xa, z, wanted)) / (2 * h)
    var = np.einsum("jci,ik,jck->jc", G, V, G)
    return ChoiceMfxEffects(probabilities(spec, b, xa, z), base, np.sqrt(np.maximum(var, 0.0)))
