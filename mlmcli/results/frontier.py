"""What ``frontier`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class FrontierResult:
    """The header (title, N, Wald test, ln L), the frontier equation's rows, ``/lnsig2v`` and
    ``/lnsig2u`` (z and P shown), ``sigma_v``, ``sigma_u``, ``sigma2``, ``lambda`` (estimate, SE,
    CI) and the LR test of sigma_u = 0 (chibar2, p) when it is reported."""

    title: str
    depvar: str
    nobs: float
    chi2: float
    df_m: int
    p: float
    loglik: float
    rows: tuple[CoefRow, ...]
    ancillary: tuple[CoefRow, ...]
    natural: tuple[CoefRow, ...]
    lr_test: tuple[float, float] | None = None
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
    panel: tuple[str, str, int, int, float, int] | None = None  # xtfrontier: ivar, tvar, groups, min/avg/max
    skewness_test: tuple[float, float, str] | None = None  # tnormal: z, p, "<" (production) or ">" (cost)
    equations: tuple = ()  # uhet()/vhet(): (name, rows) of lnsig2v and lnsig2u, shown as equations
