"""Independent check of ``estat mfx`` after asclogit (tests/test_asclogit_estat_mfx.py): the
marginal effects as numerical derivatives of the choice probabilities at e(b), written
without mlmcli's engine.

The probabilities come from e(b)'s column names (``mode:cost`` shared, ``train:income`` and
``train:_cons`` per alternative) and the point (per-alternative means of the
alternative-specific variables from a pandas groupby, overall means of the case-specific
ones).  A continuous variable's effect is the complex-step derivative Im p(x + ih) / h
(exact to rounding); an indicator's is p(1) - p(0).  Standard errors: the delta method with
the effects' derivatives in e(b) by central differences (step 1e-6).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def probabilities(names, b, alts, xa, z):
    """names: e(b)'s colnames; xa: {var: array over alts}; z: {var: value}.  Complex-safe."""
    u = np.zeros(len(alts), dtype=complex)
    for name, coef in zip(names, b):
        eq, var = name.split(":")
        if eq in alts:
            u[alts.index(eq)] += coef * (1.0 if var == "_cons" else z[var])
        else:
            u += coef * np.asarray(xa[var], dtype=complex)
    e = np.exp(u)
    return e / e.sum()


def effects(names, b, alts, xa, z, wanted):
    """wanted: (kind, var, alternative index or None, discrete) -> (K, len(wanted)) effects."""
    h = 1e-20
    out = np.zeros((len(alts), len(wanted)))
    for c, (kind, var, k, discrete) in enumerate(wanted):
        if kind == "as":
            def at(value):
                x = np.array(xa[var], dtype=complex)
                x[k] = value
                return probabilities(names, b, alts, {**xa, var: x}, z)
            base = xa[var][k]
        else:
            def at(value):
                return probabilities(names, b, alts, xa, {**z, var: value})
            base = z[var]
        if discrete:
            out[:, c] = (at(1.0) - at(0.0)).real
        else:
            out[:, c] = at(base + 1j * h).imag / h
    return out


def point(df: pd.DataFrame, altvar: str, alts_values, as_vars, cv_vars, stat="mean"):
    grouped = df.groupby(altvar)
    xa = {v: np.array([getattr(grouped[v], stat)().loc[a] for a in alts_values]) for v in as_vars}
    z = {w: float(getattr(df[w], stat)()) for w in cv_vars}
    return xa, z


def mfx(names, b, V, alts, xa, z, wanted):
    """(probabilities, effects, standard errors)."""
    b = np.asarray(b, float)
    fx = effects(names, b, alts, xa, z, wanted)
    G = np.zeros(fx.shape + (len(b),))
    for i in range(len(b)):
        up, down = b.copy(), b.copy()
        up[i] += 1e-6
        down[i] -= 1e-6
        G[..., i] = (effects(names, up, alts, xa, z, wanted) - effects(names, down, alts, xa, z, wanted)) / 2e-6
    se = np.sqrt(np.einsum("jci,ik,jck->jc", G, V, G))
    return probabilities(names, b, alts, xa, z).real, fx, se
