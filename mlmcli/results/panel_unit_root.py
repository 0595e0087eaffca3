"""What ``xtunitroot`` prints (panel unit-root tests): pure data."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LLCTest", "HadriTest", "IPSTest", "HTTest", "BreitungTest", "FisherTest"]


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


@dataclass(frozen=True)
class HadriTest:
    n_panels: int
    n_periods: int
    z: float
    p: float
    mu: float
    var: float
    lm: float
    trend: bool
    robust: bool
    kernel: str | None
    lags: int
    demean: bool = False
    varname: str = ""


@dataclass(frozen=True)
class IPSTest:
    n_panels: int
    n_periods: float  # the average number of periods
    balanced: bool
    trend: bool
    lags: int | None  # None: no lags() (t-bar, t-tilde-bar, Z-t-tilde-bar)
    tbar: float
    ttildebar: float
    zt: float
    zttildebar: float
    p_zttildebar: float
    critical: tuple | None  # t-bar's 1%, 5% and 10% critical values (balanced panels)
    wtbar: float
    p_wtbar: float
    N: int
    demean: bool = False
    varname: str = ""


@dataclass(frozen=True)
class HTTest:
    n_panels: int
    n_periods: int
    rho: float
    mean_rho: float
    var_rho: float
    z: float
    p: float
    model: int  # 1 noconstant, 2 constant, 3 trend
    altt: bool
    demean: bool = False
    varname: str = ""


@dataclass(frozen=True)
class BreitungTest:
    n_panels: int
    n_periods: int
    lam: float
    p: float
    lags: int
    constant: bool
    demean: bool = False
    varname: str = ""


@dataclass(frozen=True)
class FisherTest:
    n_panels: int
    n_periods: float  # the average number of periods
    N: int
    balanced: bool
    urtest: str  # dfuller or pperron
    trend: bool
    drift: bool
    lags: int
    P: float
    df_P: int
    p_P: float
    Z: float
    p_Z: float
    L: float
    df_L: int
    p_L: float
    Pm: float
    p_Pm: float
    demean: bool = False
    varname: str = ""
