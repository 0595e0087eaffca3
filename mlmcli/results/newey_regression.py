"""What ``newey`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow


@dataclass(frozen=True)
class NeweyResult:
    """newey.ado's three header lines and the t table under the "Newey-West" heading."""

    depvar: str
    nobs: float
    lag: int
    df_m: float
    df_r: float
    F: float
    p: float
    rows: tuple[CoefRow, ...]
    level: float = 95.0
