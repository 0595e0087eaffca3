"""What ``gllamm`` prints (pure data; ``render.gllamm_display`` lays it out)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class CovarianceEntry:
    """``var(i): v (se)`` (j == i) or ``cov(i,j): v (se) cor(i,j): r`` (j < i);
    ``fixed_zero``: ``cov(i,j): fixed at 0`` (nocorrel)."""

    i: int
    j: int
    value: float
    se: float
    correlation: float | None = None
    fixed_zero: bool = False


@dataclass(frozen=True)
class RandomLevelBlock:
    """``***level k (clustervar)`` and its entries in gllamm's order."""

    level: int
    cluster: str
    entries: tuple[CovarianceEntry, ...]


@dataclass(frozen=True)
class IterationLine:
    kind: str  # "adaptive" (gllamm's adaptive-quadrature loop) or "ml" (ml's Newton-Raphson log)
    iteration: int
    loglik: float


@dataclass(frozen=True)
class GllammResult:
    depvar: str
    units: tuple[float, ...]  # number of level 1, 2, ... units (weighted)
    condition_number: float | None  # None: could not be computed
    loglik: float
    fixed: tuple[CoefRow, ...]
    fixed_eform: tuple[CoefRow, ...]
    equations: tuple[tuple[str, tuple[CoefRow, ...]], ...]  # further fixed equations (_cut11 ...)
    level1_variance: tuple[float, float] | None  # Gaussian: (sigma^2, se)
    random: tuple[RandomLevelBlock, ...]
    level: float
    adapt: bool
    converged: bool
    iterations: tuple[IterationLine, ...] = ()
    title: str = "gllamm model"
    vce_note: str = ""  # "Robust standard errors" (a replay with robust or cluster())
