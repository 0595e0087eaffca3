"""What ``xtunitroot`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LLCTest"]


@dataclass(frozen=True)
class LLCTest:
    n_panels: int
    n_periods: int
    td: float
    tds: float
    p_td: float  # only without a constant (else NaN)
    p_tds: float
    delta: float
    se_delta: float
    ttilde: float
    sbar: float
    var_ep: float
    mu_adj: float
    sig_adj: float
    hac_lags: float  # average
    adf_lags: int
    N: int
    model: int = 2  # 1 noconstant, 2 constant, 3 trend
    demean: bool = False
    varname: str = ""
