"""What ``fracreg`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .glmm import GLMResult
from .mixed import CoefRow


@dataclass(frozen=True)
class FractionalResult:
    """The single-equation ML header and table (``main``: a ``GLMResult`` titled ``Fractional
    probit regression`` ...) and, after het(), the ``lnsigma`` equation's rows."""

    main: GLMResult
    het_rows: tuple[CoefRow, ...] | None = None


@dataclass(frozen=True)
class HetprobResult:
    """hetprob's header (N, zero and nonzero outcomes, the Wald test of the mean equation), its
    two equations' rows and the test of lnsigma2 = 0 (``LR`` or ``Wald``) below the table."""

    depvar: str
    nobs: float
    n_zero: float
    n_nonzero: float
    chi2: float
    df_m: int
    p: float
    loglik: float
    rows: tuple[CoefRow, ...]
    het_rows: tuple[CoefRow, ...]
    het_test: tuple[str, float, int, float]  # (LR|Wald, chi2, df, p)
    level: float = 95.0
    pseudo: bool = False
    vce_label: str | None = None  # Robust, OPG
    cluster: tuple[int, str] | None = None
    iteration_log: object = None
    converged: bool = True


@dataclass(frozen=True)
class BetaregResult:
    """betareg.ado's Head (N, the LR or Wald test, the links, ln L) and its two equations' rows."""

    depvar: str
    nobs: float
    chi2_type: str
    chi2: float
    df_m: int
    p: float
    loglik: float
    linkf: str
    linkt: str
    slinkf: str
    slinkt: str
    rows: tuple[CoefRow, ...]
    scale_rows: tuple[CoefRow, ...]
    level: float = 95.0
    pseudo: bool = False
    cluster: tuple[int, str] | None = None
    iteration_log: object = None
    converged: bool = True
