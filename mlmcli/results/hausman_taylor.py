"""What ``xthtaylor`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .panel import PanelSample

__all__ = ["HausmanTaylorResult"]


@dataclass(frozen=True)
class HausmanTaylorResult(PanelSample):
    """The header and table of ``xthtaylor``: ``groups`` the four variable kinds in Stata's
    order (``TVexogenous``, ``TVendogenous``, ``TIexogenous``, ``TIendogenous``), each with
    its rows (kinds without variables left out); ``constant`` the ``_cons`` row or None.
    ``df_r`` is set (t statistics) under ``small``; ``chi2`` is NaN without a constant."""

    title: str  # "Hausman-Taylor" or "Amemiya-MaCurdy"
    tvar: str | None
    groups: tuple[tuple[str, tuple[CoefRow, ...]], ...]
    constant: CoefRow | None
    chi2: float
    df_m: int
    p: float
    sigma_u: float
    sigma_e: float
    rho: float
    level: float = 95.0
    df_r: float = float("nan")
