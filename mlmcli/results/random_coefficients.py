"""What ``xtrc`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow
from .panel import PanelSample

__all__ = ["RandomCoefficientsResult"]


@dataclass(frozen=True)
class RandomCoefficientsResult(PanelSample):
    """The header (Wald test of the slopes), the table of the mean coefficients, the test of
    parameter constancy and, under ``betas``, each panel's rows (``groups``: one tuple of rows
    per panel, in panel order)."""

    rows: tuple[CoefRow, ...]
    wald_chi2: float
    wald_df: int
    wald_p: float
    chi2_c: float
    df_c: int
    p_c: float
    level: float = 95.0
    groups: tuple[tuple[CoefRow, ...], ...] = ()
    offset: str | None = None  # e(offset): _coef_table's ``<var> | 1  (offset)`` row
