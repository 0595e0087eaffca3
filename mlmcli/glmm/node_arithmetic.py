"""The small contractions of adaptive quadrature, written out for one or two random effects.

At the shapes of a quadrature step (G groups x K nodes x q <= 2 coordinates) ``np.einsum``'s
generic loop dominates the arithmetic: for 60 groups x 49 nodes, ``"gab,kb->gka"`` took about
1 ms where the products below take 60 us.  For q <= 2 each output is a sum of at most two
products (a quadratic form: of the q^2 terms in row-major order), added left to right as
einsum adds them, so the values are bit-identical to einsum's (checked on random inputs in
tests/test_glmm_node_arithmetic.py); for q > 2 einsum's own summation order is not
left-to-right, so these defer to einsum itself.

    nodes_at:         b_gk = mu_g + R_g t_k                      (G, K, q)
    quadratic_forms:  b' S b over the trailing axis                (...)
    design_dot:       z_i' b_{g(i)} for one b or K nodes per group (n,) or (n, K)
"""
from __future__ import annotations

import numpy as np

EXPLICIT_Q = 2  # up to this many random effects the contractions are written out


def _explicit(q: int) -> bool:
    return 1 <= q <= EXPLICIT_Q


def nodes_at(mu: np.ndarray, R: np.ndarray, T: np.ndarray) -> np.ndarray:
    """(G, K, q) nodes mu_g + R_g t_k from mu (G, q), R (G, q, q) and the rule's T (K, q)."""
    q = T.shape[1]
    if not _explicit(q):
        return mu[:, None, :] + np.einsum("gab,kb->gka", R, T)
    s = R[:, None, :, 0] * T[None, :, None, 0]
    for b in range(1, q):
        s = s + R[:, None, :, b] * T[None, :, None, b]
    return mu[:, None, :] + s


def quadratic_forms(B: np.ndarray, S: np.ndarray) -> np.ndarray:
    """sum_ab B[..., a] S[a, b] B[..., b]."""
    q = S.shape[0]
    if not _explicit(q):
        return np.einsum("...a,ab,...b->...", B, S, B)
    out = None
    for a in range(q):
        for b in range(q):
            t = (B[..., a] * S[a, b]) * B[..., b]
            out = t if out is None else out + t
    return out


def design_dot(Z: np.ndarray, b: np.ndarray, g: np.ndarray) -> np.ndarray:
    """z_i' b[g_i]: (n,) for b (G, q), (n, K) for nodes b (G, K, q)."""
    q = Z.shape[1]
    if not _explicit(q):
        return np.einsum("iq,iq->i", Z, b[g]) if b.ndim == 2 else np.einsum("iq,ikq->ik", Z, b[g])
    if b.ndim == 2:
        out = Z[:, 0] * b[g, 0]
        for a in range(1, q):
            out = out + Z[:, a] * b[g, a]
        return out
    out = Z[:, 0:1] * b[:, :, 0][g]
    for a in range(1, q):
        out = out + Z[:, a:a + 1] * b[:, :, a][g]
    return out
