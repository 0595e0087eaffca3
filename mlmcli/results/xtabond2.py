"""What ``xtabond2`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow

__all__ = ["Xtabond2Result"]


@dataclass(frozen=True)
class Xtabond2Result:
    """The header, table, instrument lists and tests of xtabond2's display.  The instrument
    lists are (heading, lines) pairs per equation; ``subsets`` (label, df, chi2, p excluding
    the group; df, chi2, p of the difference); ``warnings`` printed above the title."""

    title: str
    depvar: str
    ivar: str
    tvar: str
    nobs: int
    n_groups: int
    g_min: int
    g_avg: float
    g_max: int
    n_instruments: int
    small: bool
    df_m: int
    df_r: int
    model_stat: float  # Wald chi2 or F
    model_p: float
    rows: tuple[CoefRow, ...]
    vcetype: str | None
    level: float
    diff_lists: tuple[tuple[str, tuple[str, ...]], ...]
    level_lists: tuple[tuple[str, tuple[str, ...]], ...]
    ar: tuple[tuple[int, float, float], ...]
    sargan: tuple[int, float, float]
    hansen: tuple[int, float, float] | None
    subsets: tuple[tuple[str, int, float, float, int, float, float], ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    orthogonal: bool = False  # "Instruments for orthogonal deviations equation"
