"""What ``gnbreg`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class GeneralizedNBResult:
    """ml display's header (LR or Wald test, pseudo R2 when there is a constant-only model), the
    count equation and ``lnalpha``'s; ``offset``: (text, ``offset`` | ``exposure``) shown as the
    count equation's last row."""

    title: str
    nobs: float
    chi2_type: str
    chi2: float
    df_m: int
    p: float
    loglik: float
    equations: tuple[tuple[str, tuple[CoefRow, ...]], ...]
    pseudo_r2: float | None = None
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    offset: tuple[str, str] | None = None
    level: float = 95.0
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
