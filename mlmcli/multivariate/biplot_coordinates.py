"""The biplot's coordinates as _biplotmat.ado 1.3.0's Mata (_biplot_coord) computes them.

The data X (n x p) are centred (``std``: also divided by their standard deviations) and
decomposed X = A diag(s) B' (singular value decomposition).  For the dimensions (i, j):

    rows (observations)  U = A[:, (i, j)] * flip * s[(i, j)]^alpha
    columns (variables)  V = B[:, (i, j)] * flip * s[(i, j)]^(1 - alpha)

alpha = 0 leaves the factor out (s^0 = 1 for U, s^1 for V), ``flip`` makes the first element of
each column of A above 1e-10 in absolute value positive (the ado's rule against platforms'
sign differences); xnegate/ynegate turn an axis; ``multanddiv`` (mahalanobis: sqrt(n - 1))
multiplies U and divides V; ``stretch`` multiplies V.  The explained variances are s_i^2 / sum s^2.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BiplotCoordinates:
    rows: np.ndarray          # n x 2
    columns: np.ndarray       # p x 2 (stretched when stretch is given)
    unstretched: np.ndarray   # p x 2
    rho1: float
    rho2: float
    singular_values_unique: bool


def biplot_coordinates(X: np.ndarray, dims: tuple[int, int], alpha: float, standardize: bool,
                       xnegate: bool = False, ynegate: bool = False, multanddiv: float | None = None,
                       stretch: float | None = None) -> BiplotCoordinates:
    centred = X - X.mean(axis=0)
    if standardize:
        centred = centred / X.std(axis=0, ddof=1)
    A, s, Bt = np.linalg.svd(centred, full_matrices=False)
    B = Bt.T
    i, j = dims[0] - 1, dims[1] - 1
    flip = np.ones(2)
    for k, column in enumerate((i, j)):
        nonzero = np.flatnonzero(np.abs(A[:, column]) > 1e-10)
        if nonzero.size and A[nonzero[0], column] < 0:
            flip[k] = -1.0
    pair = s[[i, j]]
    rows = A[:, [i, j]] * flip * (pair ** alpha if alpha != 0 else 1.0)
    columns = B[:, [i, j]] * flip * (pair ** (1 - alpha) if 1 - alpha != 0 else 1.0)
    turn = np.array([-1.0 if xnegate else 1.0, -1.0 if ynegate else 1.0])
    rows, columns = rows * turn, columns * turn
    if multanddiv is not None:
        rows = rows * multanddiv
        columns = columns / multanddiv
    unstretched = columns
    if stretch is not None:
        columns = columns * stretch
    variance = s ** 2
    return BiplotCoordinates(rows, columns, unstretched, float(variance[i] / variance.sum()),
                             float(variance[j] / variance.sum()), bool(np.all(np.diff(s) != 0)))
