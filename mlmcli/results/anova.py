"""What ``anova`` and ``oneway`` report (pure data; ``mlmcli.render.anova``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnovaRow:
    label: str
    ss: float
    df: float
    ms: float
    F: float = float("nan")
    p: float = float("nan")


@dataclass(frozen=True)
class AnovaResult:
    nobs: int
    rmse: float
    r2: float
    r2_a: float
    ss_label: str  # "Partial SS" | "Seq. SS"
    model: AnovaRow
    terms: tuple[AnovaRow, ...]
    residual: AnovaRow
    total: AnovaRow


@dataclass(frozen=True)
class OnewaySummaryRow:
    label: str
    mean: float
    sd: float
    freq: int


@dataclass(frozen=True)
class OnewayComparison:
    method: str  # Bonferroni | Scheffe | Sidak
    labels: tuple[str, ...]
    diffs: tuple[tuple[float, ...], ...]  # row i: mean_i - mean_j, j < i
    p: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class OnewayTable:
    """The one-way ANOVA table and Bartlett's test (``mlmcli.anova.one_way``)."""

    ss_between: float
    ss_within: float
    df_between: int
    df_within: int
    F: float
    p: float
    bartlett: float
    bartlett_df: int
    bartlett_p: float
    single_cells: int  # cells with one observation (left out of Bartlett's test)
    zero_variance_cells: int  # cells with several observations and no variance


@dataclass(frozen=True)
class OnewayResult:
    response_label: str
    factor_label: str
    summary: tuple[OnewaySummaryRow, ...]  # empty unless tabulate
    total: OnewaySummaryRow | None
    show_means: bool
    show_sd: bool
    show_freq: bool
    table: OnewayTable
    comparisons: tuple[OnewayComparison, ...] = ()
    show_anova: bool = True


@dataclass(frozen=True)
class LonewayResult:
    title: str
    group_name: str  # abbreviated to 12
    nobs: int
    r2: float
    ssa: float
    dfa: int
    ssw: float
    dfw: int
    F: float
    p: float
    rho: float
    se: float
    lb: float
    ub: float
    sd_b: float
    sd_w: float
    rho_t: float
    gr: float
    truncated: bool
    level: float = 95.0
    exact: bool = False
