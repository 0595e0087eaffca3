"""Results of alpha, pca, factor and their rotations (pure data for the renderers)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AlphaItem:
    name: str
    label: str
    obs: float
    sign: int
    item_test: float
    item_rest: float
    average: float
    alpha: float


@dataclass(frozen=True)
class AlphaResult:
    """alpha's display: the compact summary or, with ``item``, the item table."""

    std: bool
    reversed_text: str        # alpha.ado's revlist as it builds it ("" when none)
    average: float
    k: int
    alpha: float
    items: tuple[AlphaItem, ...] = ()  # with item
    label: bool = False
    linesize: int = 80
    detail: bool = False
    names: tuple[str, ...] = ()
    C: np.ndarray | None = None
    obs: np.ndarray | None = None
    complete: bool = True
    n: int = 0


@dataclass(frozen=True)
class ComponentsResult:
    """pca's two tables (or a rotation's): header numbers, eigenvalues, loadings."""

    ctype: str                   # correlation | covariance
    n: float
    retained: int
    trace: float
    rho: float
    rotation_text: str           # "(unrotated = principal)" or the rotation's description
    variances: np.ndarray        # eigenvalues (all) or the rotated components' variances
    loadings: np.ndarray         # variables x retained
    unexplained: np.ndarray
    names: tuple[str, ...]
    title: str = "Principal components (eigenvectors)"
    orthogonal: bool = True
    rotated: bool = False
    rotation_matrix: np.ndarray | None = None
    blanks: float | None = None
