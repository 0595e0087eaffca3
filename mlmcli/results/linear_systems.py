"""What sureg, reg3 and mvreg show: the equation summary over the coefficient table, and the
residual correlations with the Breusch-Pagan test of independence (``corr``)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class EquationLine:
    """One row of the summary: name, Obs, Parms, RMSE, "R-sq", chi2/F, P."""

    name: str
    nobs: float
    parms: float
    rmse: float
    r2: float
    stat: float
    p: float


@dataclass(frozen=True)
class SystemResult:
    """``title``: ``Seemingly unrelated regression`` (reg3.ado's method line), None for mvreg's
    header (no title); ``stat_label``: ``  chi2``, ``F-Stat`` or mvreg's ``F``; ``blocks``:
    (equation, rows) in e(b)'s order; ``stat``: ``z`` or ``t`` in the table."""

    title: str | None
    lines: tuple[EquationLine, ...]
    blocks: tuple[tuple[str | None, tuple[CoefRow, ...]], ...]
    stat_label: str
    table_stat: str = "z"
    level: float = 95.0
    mvreg: bool = False
    constraints: tuple[str, ...] = ()
    footer: tuple[tuple[str, str], ...] = ()  # reg3's Endogenous/Exogenous variables lines


@dataclass(frozen=True)
class ResidualCorrelation:
    """``corr``: the correlation matrix of the residuals and the Breusch-Pagan test."""

    names: tuple[str, ...]
    values: object  # m x m
    chi2: float
    df: float
    p: float
