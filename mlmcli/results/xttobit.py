"""What ``xttobit`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .xt_random_intercept import ParameterRow, RandomEffectsHeader

__all__ = ["ParameterRow", "RandomEffectsTobitResult"]


@dataclass(frozen=True, kw_only=True)
class RandomEffectsTobitResult(RandomEffectsHeader):
    """The xt random-effects header and the tobit table: ``fixed`` the coefficients, ``sigmas``
    the ``/sigma_u`` and ``/sigma_e`` rows (estimated parameters: z and P shown), ``rho`` the
    fraction of variance due to u_i (no z, P); ``counts`` = (left-censored, uncensored,
    right-censored) observations; ``lr_chi2``/``lr_p`` the LR test of sigma_u = 0 against
    the pooled tobit (option ``tobit``; NaN when not asked for)."""

    fixed: tuple[CoefRow, ...]
    sigmas: tuple[CoefRow, ...]
    rho: ParameterRow
    counts: tuple[int, ...]  # xtintreg adds its interval observations
    intmethod: str = "mvaghermite"
    intpoints: int = 12
    title: str = "Random-effects tobit regression"  # xtintreg: "Random-effects interval regression"
