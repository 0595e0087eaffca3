"""``reghdfe``'s result: header statistics, coefficients and the absorbed degrees of freedom."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class AbsorbedEffect:
    name: str
    categories: int
    redundant: int
    nested: bool = False   # nested within the cluster variable: wholly redundant
    exact: bool = True     # False: "?", the number of redundant categories may be higher


@dataclass(frozen=True)
class HdfeResult:
    depvar: str
    nobs: int
    df_m: int
    df_r: int
    F: float
    p: float
    r2: float
    r2_a: float
    r2_within: float
    rmse: float
    coefs: tuple[CoefRow, ...]
    absorbed: tuple[AbsorbedEffect, ...]
    level: float = 95.0
    robust: bool = False
    cluster: tuple[int, str] | None = None
