"""The mean function at (theta, u) and its first-order Taylor expansion.

theta = (beta_1, .., beta_K, a_1, .., a_M) are the fixed parameters (coefficients of the
linear combinations, then the free parameters), u the n_groups x q random effects.  Around
(theta0, u0) (Lindstrom & Bates 1990, eq. 3.1):

    f(theta, u_i) ~ f(theta0, u0_i) + X_i (theta - theta0) + Z_i (u_i - u0_i)

with X = df/dtheta, Z = df/du (rows: observations).  By the chain rule through the inputs,
the column of beta_k is (df/dxb_k) * X_k, that of a_m is df/da_m, that of u_r is
df/du_r + sum over the combinations k containing u_r of df/dxb_k.  The derivatives df/dphi of
each input phi are central differences (one pair of evaluations per input, step
1e-6 max(1, |phi|) per observation: error of order 1e-12 relative).

The working response of the LME step is w = y - f(theta0, u0) + X theta0 + Z u0 (row-wise
Z_i u0_i), so that w = X theta + Z u + e is the linearized model.
"""
from __future__ import annotations

import numpy as np

from mlmcli.nlme.spec import NLMESpec


def split_theta(spec: NLMESpec, theta: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """theta -> ([beta_k], a)."""
    betas, k = [], 0
    for c in spec.combinations:
        p = c.X.shape[1]
        betas.append(theta[k:k + p])
        k += p
    return betas, theta[k:]


def inputs(spec: NLMESpec, theta: np.ndarray, u: np.ndarray) -> dict[str, np.ndarray]:
    """The named inputs of the mean function over the sample."""
    n = len(spec.y)
    betas, a = split_theta(spec, theta)
    ur = u[spec.group] if spec.q else np.zeros((n, 0))  # n x q
    out: dict[str, np.ndarray] = {}
    for c, beta in zip(spec.combinations, betas):
        xb = c.X @ beta if c.X.shape[1] else np.zeros(n)
        for r in c.random:
            xb = xb + ur[:, r]
        out[c.name] = xb
    for name, value in zip(spec.free, a):
        out[name] = np.full(n, float(value))
    for r, name in enumerate(spec.random):
        if spec.direct[r]:
            out[name] = ur[:, r].copy()
    return out


def mean_value(spec: NLMESpec, theta: np.ndarray, u: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(spec.mean(inputs(spec, theta, u)), float)


def input_derivatives(spec: NLMESpec, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """df/dphi for every input phi, by central differences over the observations."""
    out = {}
    with np.errstate(all="ignore"):
        for name, v in values.items():
            h = 1e-6 * np.maximum(1.0, np.abs(v))
            up, down = dict(values), dict(values)
            up[name] = v + h
            down[name] = v - h
            out[name] = (np.asarray(spec.mean(up), float) - np.asarray(spec.mean(down), float)) / (2 * h)
    return out


def linearize(spec: NLMESpec, theta: np.ndarray, u: np.ndarray):
    """(f, X, Z) at (theta, u): the mean and its derivatives in theta and in u (n x q)."""
    values = inputs(spec, theta, u)
    with np.errstate(all="ignore"):
        f = np.asarray(spec.mean(values), float)
    d = input_derivatives(spec, values)
    n = len(spec.y)
    cols = []
    for c in spec.combinations:
        cols.append(d[c.name][:, None] * c.X)
    for name in spec.free:
        cols.append(d[name][:, None])
    X = np.column_stack(cols) if cols else np.zeros((n, 0))
    Z = np.zeros((n, spec.q))
    for r, name in enumerate(spec.random):
        if spec.direct[r]:
            Z[:, r] += d[name]
        for c in spec.combinations:
            if r in c.random:
                Z[:, r] += d[c.name]
    return f, X, Z


def working_response(spec: NLMESpec, f, X, Z, theta, u) -> np.ndarray:
    """w = y - f + X theta + Z u (row-wise)."""
    zu = np.einsum("nq,nq->n", Z, u[spec.group]) if spec.q else 0.0
    return spec.y - f + X @ theta + zu
