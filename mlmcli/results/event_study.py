"""``eventstudyinteract``'s report: _coef_table_header's lines over the interacted regression's
e() (reghdfe's N, F, R-squared, ...), then the IW estimates' coefficient table."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class EventStudyResult:
    title: str
    depvar: str
    nobs: int
    df_m: int
    df_r: int
    F: float          # NaN: F(df_m, df_r) = . (_coef_table_header's j_robust line)
    p: float
    r2: float
    r2_a: float
    rmse: float
    coefs: tuple[CoefRow, ...]
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None
