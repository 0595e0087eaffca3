"""What ``tpoisson``, ``tnbreg``, ``ztp`` and ``ztnb`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class TruncatedCountResult:
    """ml display's header (``title2``: tpoisson/tnbreg's ``Truncation point: #``), the table
    (``offset``: its row), the negative binomial's ``/lnalpha`` and ``alpha`` rows and its LR test
    of alpha = 0 (chi2, p) against the truncated Poisson model."""

    title: str
    title2: str
    depvar: str
    nobs: float
    chi2_type: str
    chi2: float
    df_m: int
    p: float
    loglik: float
    rows: tuple[CoefRow, ...]
    eform_rows: tuple[CoefRow, ...] = ()
    ancillary: tuple[CoefRow, ...] = ()
    offset: str = ""
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    alpha_test: tuple[float, float] | None = None
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
