"""What ``qreg`` and ``rreg`` report: pure data, rendered by ``mlmcli.render.robust_regression``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class QregResult:
    """qreg's (and bsqreg's) log (the WLS sums, the linear program's minimum), header and coefficient
    rows (t)."""

    depvar: str
    quantile: float
    nobs: float
    sum_rdev: float
    q_v: float
    sum_adev: float
    coefs: tuple[CoefRow, ...]
    level: float = 95.0
    wls_log: tuple[float, ...] = ()
    robust: bool = False
    reps: int | None = None  # bsqreg: the bootstrap replications


@dataclass(frozen=True)
class RregResult:
    """rreg's log [(Huber|Biweight, largest weight change)], header and coefficient rows (t)."""

    depvar: str
    nobs: int
    df_m: int
    df_r: int
    F: float
    p_F: float
    coefs: tuple[CoefRow, ...]
    level: float = 95.0
    log: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class BootstrapQuantilesResult:
    """sqreg (``equations``: one (q25, rows) block a quantile) or iqreg (one block named None:
    b(q1) - b(q0)); ``pseudo``: (label quantile, pseudo R2) lines of the header."""

    command: str
    depvar: str
    nobs: float
    reps: int
    quantiles: tuple[float, ...]
    pseudo: tuple[tuple[float, float], ...]
    equations: tuple[tuple[str | None, tuple[CoefRow, ...]], ...]
    level: float = 95.0
