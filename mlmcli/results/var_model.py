"""What var shows: the header (sample, fit statistics), the equation summary and the
coefficient table's blocks (``render.var_model``)."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class VarEquationLine:
    name: str
    parms: float
    rmse: float
    r2: float
    stat: float
    p: float


@dataclass(frozen=True)
class VarResult:
    sample: str  # "5 - 71" (", but with gaps")
    nobs: float
    ll: float
    fpe: float
    detsig_ml: float
    aic: float
    hqic: float
    sbic: float
    lutstats: bool
    small: bool
    lines: tuple[VarEquationLine, ...]
    blocks: tuple[tuple[str | None, tuple[CoefRow, ...]], ...]
    level: float = 95.0
