"""What ``arima`` prints after its iteration log: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow


@dataclass(frozen=True)
class ArimaResult:
    """_tsheadr's header and ml display's table: the model equation (named after the depvar's
    variable), ARMA (ar and ma groups), /sigma, and the note on sigma's test."""

    depvar: str
    xb_equation: str
    tmins: str
    tmaxs: str
    n_gaps: int
    nobs: int
    chi2: float
    df_m: float  # NaN: no test (printed chi2(.))
    p: float
    ll: float
    crit: str  # "Log likelihood" | "Log pseudolikelihood"
    xb_rows: tuple[CoefRow, ...]
    arma_rows: tuple[CoefRow, ...]
    sigma_row: CoefRow
    vce_label: str  # OPG | OIM | Semirobust
    level: float = 95.0
