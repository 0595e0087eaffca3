"""What dfuller, pperron and dfgls print: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .regress import RegressResult


@dataclass(frozen=True)
class DispRegRow:
    """One row of the ados' own DispReg table (a trend regression): its label text right of
    column 1 up to the bar, b, se, t, p and the interval."""

    label: str
    b: float
    se: float
    t: float
    p: float
    lo: float
    hi: float


@dataclass(frozen=True)
class UnitRootTest:
    """The header (title, observations, pperron's Newey-West lags), the statistic rows
    (label, statistic, 1%, 5%, 10% critical values), the p-value line and the optional
    regression table (``regression``: ``regress, nohead``; ``disp_rows``: DispReg's table)."""

    title: str
    nobs: int
    rows: tuple[tuple[str, float, float, float, float], ...]
    band: str = "Interpolated Dickey-Fuller"  # the heading over the critical values
    newey_lags: int | None = None
    p_label: str | None = None  # "MacKinnon approximate p-value for Z(t)" or "p-value for Z(t)"
    p: float | None = None
    regression: RegressResult | None = None
    disp_depvar: str = ""
    disp_group: str = ""
    disp_rows: tuple[DispRegRow, ...] = ()


@dataclass(frozen=True)
class DfglsTable:
    """dfgls's header, its rows (lag, DF-GLS statistic, 1%, 5%, 10%) and the lag-choice lines
    (shown when maxlag > 1; ``opt_lag`` None: no lag passed the sequential t test)."""

    varname: str
    nobs: int
    trend: bool
    rows: tuple[tuple[int, float, float, float, float], ...]
    schwert_maxlag: int | None = None
    show_choice: bool = False
    opt_lag: int | None = None
    opt_rmse: float = float("nan")
    sc: tuple[float, int, float] = (float("nan"), 0, float("nan"))  # (value, lag, RMSE)
    maic: tuple[float, int, float] = (float("nan"), 0, float("nan"))
