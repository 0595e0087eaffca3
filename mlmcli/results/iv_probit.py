"""What ``ivprobit`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationLog
from .mixed import CoefRow


@dataclass(frozen=True)
class IVProbitResult:
    """ML: _coef_table_header's header, the structural equation, ``/athrho``, ``/lnsigma`` and
    ``rho``, ``sigma`` (ivtobit: ``/alpha``, ``/lns``, ``/lnv``, ``s``, ``v``) as ``ancillary``,
    ``natural``; two-step: its own header and the one equation.  ``exogeneity``: (chi2, df, p)
    of the footnote's Wald test, ``exogeneity_label`` its parameter; ``censoring``: ivtobit's
    (depvar, N_lc, N_unc, N_rc, ll text, ul text) for the observation summary."""

    method: str
    title: str
    nobs: float
    chi2: float
    df_m: int
    p: float
    rows: tuple[CoefRow, ...]
    instd: tuple[str, ...]
    insts: tuple[str, ...]
    exogeneity: tuple[float, int, float]
    loglik: float | None = None
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    ancillary: tuple[CoefRow, ...] = ()
    natural: tuple[CoefRow, ...] = ()
    level: float = 95.0
    iteration_log: IterationLog = field(default_factory=IterationLog)
    converged: bool = True
    exogeneity_label: str = "/athrho"
    censoring: tuple | None = None
