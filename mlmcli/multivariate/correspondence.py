"""Multiple correspondence analysis of the Burt matrix ([MV] mca, method(burt), the default).

The Q categorical variables give the indicator matrix Z (n x J, one column per category);
the Burt matrix B = Z'Z is analysed as a correspondence table: P = B / sum(B), column masses
c, S = D_c^-1/2 (P - c c') D_c^-1/2.  S is symmetric and positive semidefinite, so its
eigenvalues are its singular values: the principal inertias of Z, whose squares are the
Burt principal inertias.  The eigenvectors u give the column standard
coordinates a = D_c^-1/2 u (the same for B and Z).  Inertias are adjusted as Greenacre does
(the default of mca): for each Z inertia above 1/Q, (Q/(Q-1))^2 (lambda - 1/Q)^2, and the total
(Q/(Q-1)) (inertia(B) - (J-Q)/Q^2), so the dimensions' percentages need not add up to 100.

An observation's row score in standard normalization on dimension d is the mean of its
categories' standard coordinates divided by the square root of the Z inertia (the transition
formula of the indicator analysis); mca_p.ado computes it as that mean of e(rSCW)'s rows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.multivariate.eigen import symmetric_eigen


@dataclass(frozen=True)
class BurtAnalysis:
    levels: tuple[np.ndarray, ...]  # each variable's category values, ascending
    mass: np.ndarray  # J column masses
    z_inertia: np.ndarray  # principal inertias of the indicator matrix, decreasing
    adjusted: np.ndarray  # Greenacre's adjusted inertias of the dimensions kept (Z inertia > 1/Q)
    total: float  # the adjusted total inertia
    coords: np.ndarray  # J x K standard coordinates of the columns

    @property
    def row_weights(self) -> np.ndarray:
        """e(rSCW): the standard coordinates over the square roots of the Z inertias."""
        k = self.coords.shape[1]
        return self.coords / np.sqrt(self.z_inertia[:k])


def indicator(codes: list[np.ndarray]) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Z (n x J) and each variable's levels, for complete integer codes."""
    blocks, levels = [], []
    for x in codes:
        lv = np.unique(x)
        levels.append(lv)
        blocks.append((x[:, None] == lv[None, :]).astype(float))
    return np.hstack(blocks), tuple(levels)


def burt_mca(codes: list[np.ndarray]) -> BurtAnalysis:
    Z, levels = indicator(codes)
    q = len(codes)
    B = Z.T @ Z
    P = B / B.sum()
    c = P.sum(axis=0)
    root = np.sqrt(c)
    S = (P - np.outer(c, c)) / np.outer(root, root)
    values, vectors = symmetric_eigen(S)
    j = Z.shape[1]
    keep = max(j - q, 0)  # B has at most J - Q nontrivial dimensions
    z = np.clip(values[:keep], 0.0, None)
    burt = z ** 2
    above = z > 1.0 / q
    adjusted = (q / (q - 1.0)) ** 2 * (z[above] - 1.0 / q) ** 2
    total = q / (q - 1.0) * (burt.sum() - (j - q) / q ** 2)
    coords = vectors[:, :keep] / root[:, None]
    return BurtAnalysis(levels, c, z, adjusted, float(total), coords)


def row_scores(codes: list[np.ndarray], levels, weights: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Each row's score on one dimension: scale times the mean over the variables of the
    dimension's e(rSCW) column (``weights``, the categories of ``levels`` in order) at its
    categories; NaN where a value is not among the analysed categories."""
    total = np.zeros(len(codes[0]))
    start = 0
    for x, lv in zip(codes, levels):
        pos = np.searchsorted(lv, x)
        pos_c = np.clip(pos, 0, len(lv) - 1)
        known = (pos < len(lv)) & (lv[pos_c] == x)
        total += np.where(known, weights[start + pos_c], np.nan)
        start += len(lv)
    return scale * total / len(codes)
