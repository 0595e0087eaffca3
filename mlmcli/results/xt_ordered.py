"""What ``xtologit`` and ``xtoprobit`` print: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .xt_random_intercept import ParameterRow, RandomEffectsHeader

__all__ = ["OrderedRandomEffectsResult"]


@dataclass(frozen=True, kw_only=True)
class OrderedRandomEffectsResult(RandomEffectsHeader):
    """The xt random-effects header, the slopes, the cutpoints ``/cut1`` ... (with z and P) and
    ``/sigma2_u`` (no z or P); ``lr_model`` the word of the LR test's line (``ologit``/``oprobit``), None when no
    LR test is shown (vce(robust), cluster, not converged)."""

    title: str
    fixed: tuple[CoefRow, ...]
    cuts: tuple[CoefRow, ...]
    sigma2_u: ParameterRow
    lr_model: str | None = None
    eform: str | None = None
    cluster: tuple[int, str] | None = None
