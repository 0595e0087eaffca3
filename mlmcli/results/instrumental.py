"""What ``ivregress`` and its ``estat`` subcommands report: pure data, rendered by
``mlmcli.render.instrumental``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class IVRegressResult:
    """The header (title, N, model test, R2, root MSE; small: F on df_m, df_r and the ANOVA
    block when the VCE is unadjusted), the coefficient rows and the Instrumented:/Instruments:
    footnote."""

    title: str
    depvar: str
    nobs: float
    df_m: int
    model_stat: float  # Wald chi2, or F under small
    p: float
    r2: float
    rmse: float
    coefs: tuple[CoefRow, ...]
    instd: tuple[str, ...]
    insts: tuple[str, ...]
    level: float = 95.0
    small: bool = False
    df_r: float = float("nan")
    r2_a: float = float("nan")
    mss: float = float("nan")
    rss: float = float("nan")
    vcetype: str | None = None  # Robust
    cluster: tuple[int, str] | None = None
    gmm_weight: str | None = None  # "Robust", "Unadjusted", "Cluster (g)"


@dataclass(frozen=True)
class FirstStageRow:
    variable: str
    r2: float
    r2_a: float
    partial_r2: float
    F: float
    df_n: int
    df_d: float
    p: float


@dataclass(frozen=True)
class FirstStageResult:
    """estat firststage: the per-variable summary (one endogenous regressor, or ``all``), Shea's
    partial R2 (several), the minimum eigenvalue statistic and Stock-Yogo critical values
    (3 x 4, NaN where the tables have none; None when the statistic is not shown)."""

    single: tuple[FirstStageRow, ...]
    shea: tuple[tuple[str, float, float], ...]
    vcetype: str | None
    cluster: tuple[int, str] | None
    n_endog: int
    n_excluded: int
    mineig: float | None
    critical: tuple[tuple[float, ...], ...] | None


@dataclass(frozen=True)
class TestLine:
    """``label = value  (p = p)`` of estat endogenous/overid; ``note`` a line under it."""

    label: str
    value: float
    p: float


@dataclass(frozen=True)
class IVTestsResult:
    """The heading lines, the test lines and the notes of estat endogenous / overid; ``label_col``
    and ``value_col`` the (1-based) columns of the ``=`` and the number."""

    heading: tuple[str, ...]
    lines: tuple[TestLine, ...]
    notes: tuple[str, ...] = ()
    label_col: int = 26
    value_col: int = 28
