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


@dataclass(frozen=True)
class FactorResult:
    """factor.ado's Display: header, eigenvalue (variance) table with the LR test of
    independence, loadings with the uniquenesses, and the rotation matrix when rotated."""

    n: float
    method_title: str
    rotation_text: str           # "(unrotated)" or "orthogonal varimax (Kaiser off)"
    f: int
    df_m: float
    variances: np.ndarray        # eigenvalues (all) or the rotated factors' variances
    evsum: float
    chi2_i: float
    df_i: float
    p_i: float
    loadings: np.ndarray
    uniqueness: np.ndarray
    names: tuple[str, ...]
    loading_title: str = "Factor"
    rotated: bool = False
    orthogonal: bool = True
    heywood: bool = False
    rotation_matrix: np.ndarray | None = None
    blanks: float | None = None
    ll: float | None = None      # ml: log likelihood, AIC, BIC, the LR test against the saturated model
    aic: float | None = None
    bic: float | None = None
    chi2_1: float | None = None
    df_1: float | None = None
    p_1: float | None = None
