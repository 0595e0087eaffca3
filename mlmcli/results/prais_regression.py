"""What ``prais`` prints after its iteration log: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .regress import RegressResult


@dataclass(frozen=True)
class PraisResult:
    """prais.ado's title, the transformed regression as ``regress, plus`` shows it, the rho row
    and the two Durbin-Watson lines (``dw_0``/``dw`` None: not shown, as with nodw)."""

    corc: bool
    method: str  # iterated | twostep | SSE search
    regression: RegressResult
    rho: float
    dw_0: float | None
    dw: float | None
