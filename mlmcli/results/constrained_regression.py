"""What ``cnsreg`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow


@dataclass(frozen=True)
class ConstrainedRegressionResult:
    """_coef_table_header's lines (F missing when the model test is not sensible), the
    constraints as [R] test writes them, and the t table."""

    depvar: str
    nobs: float
    df_m: float
    df_r: float
    F: float
    p: float
    rmse: float
    constraints: tuple[str, ...]
    rows: tuple[CoefRow, ...]
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None
