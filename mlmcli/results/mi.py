"""Result types of the ``mi`` commands: ``mi describe`` and ``mi estimate`` (pure data)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MIDescription:
    """``mi describe``: the style, the m = 0 rows by completeness, the registered variables
    with each imputed variable's count of missing m = 0 values."""

    style: str
    updated: str  # "02dec2026 04:10:00"
    complete: int
    incomplete: int
    M: int
    imputed: tuple[tuple[str, int], ...]
    passive: tuple[tuple[str, int], ...]
    regular: tuple[str, ...]
    system: tuple[str, ...]
    unregistered: tuple[str, ...]
    detail: bool = False


@dataclass(frozen=True)
class VarianceRow:
    """A row of ``vartable``: the within, between and total variance of a coefficient, its
    relative increase in variance, fraction of missing information and relative efficiency."""

    name: str
    within: float
    between: float
    total: float
    rvi: float
    fmi: float
    efficiency: float


@dataclass(frozen=True)
class MIEstimateResult:
    """``mi estimate``'s header numbers and its tables (every number already computed)."""

    title: str
    depvar: str
    M: int
    N: int
    rvi_avg: float
    fmi_max: float
    complete_df: float | None  # None: large-sample rules
    df_min: float
    df_avg: float
    df_max: float
    vcetype: str
    test: tuple[float, int, float, float] | None  # F, df1, df2, p
    equations: tuple  # ((equation name or None, (CoefRow, ...)), ...)
    variance_rows: tuple[tuple[str | None, tuple[VarianceRow, ...]], ...]
    level: float = 95.0
    vartable: bool = False
    citable: bool = True
    dftable: bool = False  # the degrees-of-freedom table (df_mi, % increase in Std. Err.)
    coef_label: str = "Coef."  # an eform_option's heading (Odds Ratio, IRR ...): rows already exp(b)


@dataclass(frozen=True)
class ImputedCounts:
    """A row of ``mi impute``'s Observations-per-m table."""

    name: str
    complete: int
    incomplete: int
    imputed: int  # the fewest filled-in observations over the imputations made


@dataclass(frozen=True)
class MIImputation:
    """``mi impute``'s header and table: univariate (one method) or chained equations."""

    chained: bool
    method_title: str  # "Predictive mean matching" (univariate) or "Chained equations"
    M: int
    added: int
    updated: int
    first: int  # imputations first..last were filled in
    last: int
    rows: tuple[ImputedCounts, ...]
    methods: tuple[tuple[str, str], ...] = ()  # chained: (variable, "linear regression")
    conditional: tuple[tuple[str, str], ...] = ()  # chained: (variable, its model)
    monotone: bool = False
    iterations: int = 0
    burnin: int = 0
    legend: bool = True
