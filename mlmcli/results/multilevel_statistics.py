"""What mlmcli's own multilevel statistics report (``estat reliability``, ``estat pve``,
``estat hlmchi2``): pure data, computed in ``mlmcli.postest`` and rendered by
``mlmcli.render.multilevel_statistics``."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ReliabilityResult:
    """``estat reliability``: lambda per group (rows) and coefficient (columns)."""

    levelvar: str
    coef_names: tuple[str, ...]
    group_labels: tuple[str, ...]
    n_obs: np.ndarray  # n_j per group
    lam: np.ndarray  # groups x coefficients, NaN where Z_j is rank-deficient
    average: np.ndarray  # per coefficient, mean over groups with a value
    tau: np.ndarray  # the random-effects covariance matrix used
    sigma2: float


@dataclass(frozen=True)
class PVERow:
    """One variance component: where it lives, its estimate in A and B, the reduction."""

    level: str  # level variable, or "Residual"
    label: str  # var(_cons), var(Residual) ...
    var_a: float
    var_b: float
    pve: float


@dataclass(frozen=True)
class PVEResult:
    """``estat pve A B``."""

    name_a: str
    name_b: str
    rows: tuple[PVERow, ...]


@dataclass(frozen=True)
class HLMChi2Row:
    coef: str
    variance: float
    df: int
    chi2: float
    p: float
    n_level2: int  # S_q


@dataclass(frozen=True)
class HLMChi2Result:
    """``estat hlmchi2``: one row per random coefficient of the level."""

    levelvar: str
    n_groups: int
    n_used: int
    rows: tuple[HLMChi2Row, ...]
