"""``ppmlhdfe``'s result: its IRLS log, header statistics, coefficients and absorbed degrees of
freedom."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.hdfe import AbsorbedEffect
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class PpmlIteration:
    """One line of the IRLS log (inner_irls' progress report)."""
    iteration: int
    deviance: float
    eps: float | None          # None: missing (the first iteration)
    inner_iterations: int
    inner_tol: float
    min_eta: float
    exact_partial: bool        # P
    exact_solver: bool         # S
    below: bool                # O: eps below the tolerance


@dataclass(frozen=True)
class PpmlHdfeResult:
    depvar: str
    title: str                 # e(title) as displayed
    title2: str
    title3: str
    nobs: float
    df: float                  # e(df): residual degrees of freedom
    df_m: int
    chi2: float
    p: float
    deviance: float
    ll: float
    r2_p: float
    coefs: tuple[CoefRow, ...]
    absorbed: tuple[AbsorbedEffect, ...]   # empty: no absorb() (absvars _cons, no footnote)
    level: float = 95.0
    clusters: tuple[tuple[str, int], ...] = ()
    eform: bool = False
