"""What ``xtmlogit`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .multinomial import OutcomeEquation
from .xt_random_intercept import ParameterRow, RandomEffectsHeader

__all__ = ["PanelMultinomialResult"]


@dataclass(frozen=True, kw_only=True)
class PanelMultinomialResult(RandomEffectsHeader):
    """The header (``model`` re: the xt random-effects header with the quadrature; fe: the
    conditional model's with its LR or Wald test in ``wald_*``, ``chi2_type``), one block an
    outcome (the base one marked), the covariance parameters (re) and the LR test against
    mlogit (``lr``: chi2, df, p -- chibar2(01) when df is 1 -- or None when not shown)."""

    title: str
    model: str
    equations: tuple[OutcomeEquation, ...]
    variances: tuple[ParameterRow, ...] = ()
    chi2_type: str = "Wald"
    lr: tuple[float, int, float] | None = None
    cluster: tuple[int, str] | None = None
