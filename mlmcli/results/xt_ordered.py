"""What ``xtologit`` and ``xtoprobit`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .xt_random_intercept import ParameterRow

__all__ = ["OrderedRandomEffectsResult"]


@dataclass(frozen=True)
class OrderedRandomEffectsResult:
    """The header (the xt random-effects one: ``random_effects_header`` reads the fields of the
    same names), the slopes, the cutpoints ``/cut1`` ... (with z and P) and ``/sigma2_u`` (no z
    or P); ``lr_model`` the word of the LR test's line (``ologit``/``oprobit``), None when no
    LR test is shown (vce(robust), cluster, not converged)."""

    title: str
    depvar: str
    ivar: str
    nobs: int
    n_groups: int
    g_min: float
    g_avg: float
    g_max: float
    fixed: tuple[CoefRow, ...]
    cuts: tuple[CoefRow, ...]
    sigma2_u: ParameterRow
    wald_chi2: float
    wald_df: int
    wald_p: float
    loglik: float
    intmethod: str
    intpoints: int
    level: float = 95.0
    lr_model: str | None = None
    lr_chi2: float = float("nan")
    lr_p: float = float("nan")
    eform: str | None = None
    robust: bool = False
    cluster: tuple[int, str] | None = None
    df_r: float | None = None  # (the header reads it: no jackknife here)
    distribution: str = "Gaussian"
