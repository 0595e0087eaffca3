"""What ``teffects ra|ipw`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow


@dataclass(frozen=True)
class EffectRow:
    """A row of the effects' equations: its level texts (``(1 vs 0)``, a value label, or the
    pieces of a contrast too wide for the column) and its numbers."""

    texts: tuple[str, ...]
    row: CoefRow


@dataclass(frozen=True)
class TreatmentEffectsResult:
    depvar: str
    nobs: float
    estimator: str                 # "regression adjustment", "inverse-probability weights"
    outcome_model: str
    treatment_model: str
    tvar: str
    effects: tuple[tuple[str, tuple[EffectRow, ...]], ...]          # (ATE|ATET|POmean|POmeans, rows)
    auxiliary: tuple[tuple[str, tuple[CoefRow, ...]], ...] = ()      # (OME0 ..., TME1 ..., rows)
    level: float = 95.0
    cluster: tuple[int, str] | None = None
    criteria: tuple[float, ...] = ()


@dataclass(frozen=True)
class BalanceRow:
    """A line of tebalance's table: a covariate (numbers) or a factor's heading / empty line."""

    label: str
    values: tuple[float, ...] | None = None
    kind: str = "row"   # row | heading | level | blank


@dataclass(frozen=True)
class BalanceSummary:
    sizes: tuple[tuple[float, float], ...]   # Number of obs, Treated obs, Control obs: (raw, weighted)
    rows: tuple[BalanceRow, ...]
    baseline: bool = False


@dataclass(frozen=True)
class MatchingResult:
    """teffects nnmatch's header (_teffects_replaym.ado) and its one effect row."""

    depvar: str
    nobs: float
    estimator: str
    requested: int
    n_min: int
    n_max: int
    last_label: str      # "Distance metric: Mahalanobis" or "Treatment model: logit"
    tvar: str
    effect: tuple[str, EffectRow]
    level: float = 95.0
    vcetype: str = "AI Robust"
    notes: tuple[str, ...] = ()
