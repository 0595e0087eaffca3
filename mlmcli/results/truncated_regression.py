"""What ``truncreg`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class TruncatedRegressionResult:
    """truncreg's header (the limits as Replay shows them: a number %10.0g, a variable's name
    %10s, ``-inf``/``+inf``), the table with ``/sigma`` (z and P shown) and the log."""

    depvar: str
    lower: str
    upper: str
    nobs: float
    chi2: float
    df_m: int
    p: float
    loglik: float
    rows: tuple[CoefRow, ...]
    sigma: CoefRow
    offset: str = ""
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
