"""Restricted cubic spline bases (Royston and Parmar's form, as ``rcsgen`` and ``stpm2``
build them) and their Gram-Schmidt orthogonalisation.

For knots k_1 < ... < k_m (k_1 = k_min and k_m = k_max the boundary knots) the basis is

    z_1 = x,
    z_j = (x - k_j)^3_+ - lambda_j (x - k_min)^3_+ - (1 - lambda_j)(x - k_max)^3_+,
          lambda_j = (k_max - k_j) / (k_max - k_min),      j = 2, ..., m - 1,

linear beyond the boundary knots.  ``orthogonalise`` turns the columns Z (n x p) into Q
with mean 0, mean square 1 and Q'Q/n = I, and returns the (p+1) x (p+1) matrix R with
[Z 1] = [Q 1] R (last row: the column means and 1), so new values are mapped by R^-1.
"""
from __future__ import annotations

import numpy as np

from mlmcli.summary_statistics import stata_percentile
from mlmcli.missing import stata_ratio


def positive_cube(u: np.ndarray) -> np.ndarray:
    return np.where(u > 0, u, 0.0) ** 3


def restricted_cubic_basis(x: np.ndarray, knots: list[float]) -> np.ndarray:
    """The n x (m-1) basis above for m knots (just x when there are no knots)."""
    columns = [x.astype(float)]
    if knots:
        kmin, kmax = knots[0], knots[-1]
        for k in knots[1:-1]:
            lam = stata_ratio(kmax - k, kmax - kmin)  # equal boundary knots: missing, as the ado's local
            columns.append(positive_cube(x - k) - lam * positive_cube(x - kmin) - (1 - lam) * positive_cube(x - kmax))
    return np.column_stack(columns)


def centile_knots(x: np.ndarray, df: int, boundary: tuple[float, float] | None = None) -> list[float]:
    """Boundary knots (the extremes of x unless given) and df-1 interior knots at the
    centiles 100 j/df (Stata's ``_pctile`` definition)."""
    sx = np.sort(x)
    low, high = boundary if boundary is not None else (float(sx[0]), float(sx[-1]))
    return [low] + [stata_percentile(sx, 100.0 / df * j) for j in range(1, df)] + [high]


def orthogonalise(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gram-Schmidt on the centred columns, each scaled to root mean square 1: (Q, R)."""
    n, p = z.shape
    means = z.mean(axis=0)
    v = z - means
    q = np.empty_like(v)
    r = np.zeros((p + 1, p + 1))
    r[p, :p], r[p, p] = means, 1.0
    for i in range(p):
        scale = np.linalg.norm(v[:, i]) / np.sqrt(n)
        with np.errstate(invalid="ignore", divide="ignore"):  # a constant column (one obs): missing
            q[:, i] = v[:, i] / scale
        r[i, i] = scale
        for j in range(i + 1, p):
            proj = q[:, i] @ v[:, j] / n
            v[:, j] = v[:, j] - proj * q[:, i]
            r[i, j] = proj
    return q, r
