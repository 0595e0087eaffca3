"""What ``asclogit`` prints: its header (cases, alternatives per case, the Wald test), one
block of coefficient rows per equation (the alternative-specific variables', then each
alternative's; the base alternative's block empty) and the iteration log; and ``estat
alternatives``' summary."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.glmm import IterationLog
from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class ChoiceEquation:
    name: str
    rows: tuple[CoefRow, ...]
    base: bool = False  # the base alternative: ``(base alternative)``


@dataclass(frozen=True)
class ChoiceModelResult:
    title: str
    depvar: str
    case_var: str
    alt_var: str
    nobs: int
    n_cases: int
    alt_min: float
    alt_avg: float
    alt_max: float
    chi2: float
    df_m: int
    p: float
    loglik: float
    level: float
    equations: tuple[ChoiceEquation, ...]
    converged: bool
    iteration_log: IterationLog


@dataclass(frozen=True)
class AlternativeSummaryRow:
    index: int
    value: float     # the alternative's value (its index for a string alternatives variable)
    label: str
    cases: float     # cases the alternative is present in
    selected: float  # cases choosing it
    fraction: float  # selected / all cases


@dataclass(frozen=True)
class AlternativesSummary:
    alt_var: str
    rows: tuple[AlternativeSummaryRow, ...]


@dataclass(frozen=True)
class RankOrderedResult:
    """rologit's header and table (rologit.ado's Display)."""

    title: str
    depvar: str
    group_var: str
    nobs: int
    n_groups: int
    g_min: float
    g_avg: float
    g_max: float
    ties: str            # e(ties): "" (no ties in data), breslow, efron, exactm, none
    chi2: float
    df_m: int
    p: float
    loglik: float
    level: float
    rows: tuple[CoefRow, ...]
    steps: tuple          # cox's Iteration lines
    refining_loglik: float
    chi2_type: str = "LR"  # Wald under a robust VCE
    robust: bool = False
    cluster: tuple | None = None  # (clusters, variable): vce(cluster v)


@dataclass(frozen=True)
class StereotypeResult:
    """slogit's header, constraint, table (coefficients, /phi1_#, /theta#) and footnote."""

    title: str
    depvar: str
    nobs: int
    chi2: float
    df_m: int
    p: float
    loglik: float
    level: float
    rows: tuple[CoefRow, ...]
    phi_rows: tuple[CoefRow, ...]
    theta_rows: tuple[CoefRow, ...]
    constraint: str
    base_label: str
    iteration_log: IterationLog
    base_rows: tuple[str, ...] = ()  # the base outcome's /phi1_# and /theta#: ``0  (base outcome)``
    robust: bool = False
    cluster: tuple | None = None  # (clusters, variable): vce(cluster v)


@dataclass(frozen=True)
class ChoiceMfxRow:
    """One effect of ``estat mfx``: dp/dx, its standard error, z, P>|z|, the interval and the
    value X it is evaluated at; ``discrete``: a 0 -> 1 change of an indicator."""
    name: str
    dpdx: float
    se: float
    z: float
    p: float
    lower: float
    upper: float
    x: float
    discrete: bool = False


@dataclass(frozen=True)
class ChoiceMfxBlock:
    title: str            # the alternative-specific variable, or ``casevars``
    rows: tuple[ChoiceMfxRow, ...]


@dataclass(frozen=True)
class ChoiceMfxTable:
    alternative: str
    pr: float
    blocks: tuple[ChoiceMfxBlock, ...]


@dataclass(frozen=True)
class ChoiceMfxResult:
    """``estat mfx`` after asclogit: one table per alternative."""
    tables: tuple[ChoiceMfxTable, ...]
    level: float
    selected: int = 1
