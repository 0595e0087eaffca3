"""What ``xttobit`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .panel import AncillaryRow as ParameterRow  # label, estimate, se, ci_lo, ci_hi (no z, P)

__all__ = ["ParameterRow", "RandomEffectsTobitResult"]


@dataclass(frozen=True)
class RandomEffectsTobitResult:
    """The random-effects tobit header and table: ``fixed`` the coefficients, ``sigmas`` the
    ``/sigma_u`` and ``/sigma_e`` rows (estimated parameters: z and P shown), ``rho`` the
    fraction of variance due to u_i (no z, P); ``counts`` = (left-censored, uncensored,
    right-censored) observations; ``lr_chi2``/``lr_p`` the LR test of sigma_u = 0 against
    the pooled tobit (option ``tobit``; NaN when not asked for)."""

    depvar: str
    ivar: str
    nobs: int
    n_groups: int
    g_min: float
    g_avg: float
    g_max: float
    fixed: tuple[CoefRow, ...]
    sigmas: tuple[CoefRow, ...]
    rho: ParameterRow
    wald_chi2: float
    wald_df: int
    wald_p: float
    loglik: float
    counts: tuple[int, int, int]
    intmethod: str = "mvaghermite"
    intpoints: int = 12
    level: float = 95.0
    lr_chi2: float = float("nan")
    lr_p: float = float("nan")
