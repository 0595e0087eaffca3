"""What ``xtabond`` and ``xtdpdsys`` print, and ``estat abond``/``estat sargan`` after them:
pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow

__all__ = ["DynamicPanelResult", "ArTestsResult", "SarganResult"]


@dataclass(frozen=True)
class DynamicPanelResult:
    """The header, table and instrument lists of xtdpd's HDisplay.  ``vcetype`` the label over
    the standard errors (``Robust``, ``WC-Robust``) or None; the instrument texts are the
    ado's (``L(2/.).n``, ``D.w LD.w``, ``LD.n``, ``_cons``), empty when there are none."""

    title: str
    depvar: str
    ivar: str
    tvar: str
    nobs: int
    n_groups: int
    g_min: int
    g_avg: float
    g_max: int
    zrank: int
    df_m: int
    chi2: float
    p: float
    twostep: bool
    rows: tuple[CoefRow, ...]
    vcetype: str | None
    level: float
    gmm_diff: str
    std_diff: str
    gmm_level: str
    std_level: str
    system: bool
    twostep_gmm_warning: bool  # two-step with vce(gmm): Stata's warning under the table
    display: tuple[tuple[str, object], ...] = ()  # vsquish, nolstretch, legend mode


@dataclass(frozen=True)
class ArTestsResult:
    """estat abond: (order, z, p) rows; ``dropped`` the note of e(V)'s dropped variables."""

    rows: tuple[tuple[int, float, float], ...]
    dropped: bool = False


@dataclass(frozen=True)
class SarganResult:
    df: int
    chi2: float
    p: float
    robust: bool
    dropped: bool
