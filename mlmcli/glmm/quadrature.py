"""Gauss-Hermite rules for integrals against the standard normal density.

One dimension: nodes t_k and weights w_k with sum_k w_k g(t_k) ~ int g(t) phi(t) dt
(probabilists' Hermite polynomials; exact for polynomials of degree 2Q-1).
q dimensions: the product rule on the Q^q grid.

An integral of a positive function h over R^q is evaluated with the nodes
moved to location mu and scaled by a lower-triangular R (adaptive quadrature,
Naylor & Smith 1982; Liu & Pierce 1994; Rabe-Hesketh, Skrondal & Pickles 2005):

    int h(b) db = |det R| int h(mu + R t) / phi_q(t) phi_q(t) dt
                ~ |det R| sum_k w_k exp(|t_k|^2 / 2 + (q/2) ln 2 pi) h(mu + R t_k),

so ln int h = ln|det R| + logsumexp_k (c_k + ln h(mu + R t_k)) with
c_k = ln w_k + |t_k|^2/2 + (q/2) ln 2 pi.  With one point (t = 0, w = 1) and
(mu, R R') the mode and inverse curvature of ln h this is Laplace's approximation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

LOG_2PI = float(np.log(2 * np.pi))


@lru_cache(maxsize=None)
def gauss_hermite(Q: int) -> tuple[np.ndarray, np.ndarray]:
    """(nodes, weights) of the Q-point rule for int g(t) phi(t) dt; weights sum to 1."""
    if Q == 1:
        return np.zeros(1), np.ones(1)
    t, w = np.polynomial.hermite_e.hermegauss(Q)
    w = w / np.sqrt(2 * np.pi)
    return t, w / w.sum()


@dataclass(frozen=True)
class ProductRule:
    """The Q^q product rule: ``nodes`` (K x q), ``logc`` (K,) the constants c_k."""

    nodes: np.ndarray
    logc: np.ndarray

    @property
    def size(self) -> int:
        return len(self.logc)


@lru_cache(maxsize=None)
def product_rule(Q: int, q: int) -> ProductRule:
    t, w = gauss_hermite(Q)
    if q == 0:
        return ProductRule(np.zeros((1, 0)), np.zeros(1))
    grids = np.meshgrid(*([t] * q), indexing="ij")
    T = np.column_stack([g.ravel() for g in grids])
    W = np.ones(len(T))
    for g in np.meshgrid(*([w] * q), indexing="ij"):
        W = W * g.ravel()
    logc = np.log(W) + 0.5 * np.sum(T * T, axis=1) + 0.5 * q * LOG_2PI
    return ProductRule(T, logc)


def logsumexp_rows(A: np.ndarray) -> np.ndarray:
    """ln sum_k exp(A[..., k]) along the last axis, without overflow."""
    # ndarray methods: the same reductions without numpy's function wrappers (the adaptive
    # quadrature calls this ~16 times per group sum of every likelihood evaluation)
    A = np.asarray(A)
    m = A.max(axis=-1, keepdims=True)
    if not np.isfinite(m).all():
        m = np.where(np.isfinite(m), m, 0.0)
    return np.log(np.exp(A - m).sum(axis=-1)) + m[..., 0]
