"""What the statistics commands report: correlation matrices (``correlate``,
``pwcorr``), tests of means (``ttest``), one-way analyses of variance (``oneway``).
Pure data; renderers in ``mlmcli.render.correlation``, ``mlmcli.render.mean_tests``,
``mlmcli.render.oneway``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeansRow:
    name: str
    mean: float
    sd: float
    min: float
    max: float
    fmt: str = "%9.0g"


@dataclass(frozen=True)
class CorrelationMatrix:
    """``correlate``: the lower triangle of r (``covariance``: of the covariances)."""

    names: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    covariance: bool = False
    means: tuple[MeansRow, ...] = ()


@dataclass(frozen=True)
class PairwiseCorrelations:
    """``pwcorr``: r, p-values and observation counts of every pair; ``star``/``print``:
    significance levels (None when not asked)."""

    names: tuple[str, ...]
    rho: tuple[tuple[float, ...], ...]
    p: tuple[tuple[float, ...], ...]
    n: tuple[tuple[int, ...], ...]
    sig: bool = False
    obs: bool = False
    star: float | None = None
    print_level: float | None = None


@dataclass(frozen=True)
class TTestRow:
    """One row of the t-test table: n (None for the difference of means), mean, its
    standard error, the SD (None for the difference) and the confidence interval."""

    name: str
    n: int | None
    mean: float
    se: float
    sd: float | None
    ci_lo: float
    ci_hi: float


@dataclass(frozen=True)
class TTestResult:
    kind: str  # one | paired | two
    rows: tuple[TTestRow, ...]  # the samples (one or two)
    combined: TTestRow | None
    diff: TTestRow | None
    names: tuple[str, ...]  # the samples' names (for the mean(...) line)
    t: float
    df: float
    p: float
    p_l: float
    p_u: float
    mu0: float = 0.0
    variances: str = "equal"
    level: float = 95.0


@dataclass(frozen=True)
class IccRow:
    label: str  # Individual | Average
    icc: float
    lb: float
    ub: float


@dataclass(frozen=True)
class IccResult:
    """``icc``: the model's title lines, the targets/raters header, two ICC rows, the F test."""

    model: str  # One-way random-effects model | Two-way random-effects model | Two-way mixed-effects model
    agreement: str  # Absolute agreement | Consistency of agreement
    depvar: str
    target: str
    rater: str | None  # None in the one-way model
    raters_fixed: bool
    n_targets: int
    n_raters: int
    rows: tuple[IccRow, ...]
    F: float
    df1: float
    df2: float
    p: float
    level: float
    fmt: str = "%9.0g"


@dataclass(frozen=True)
class SpearmanPair:
    """``spearman`` of two variables: N, rho and the p-value of the test of independence."""

    first: str
    second: str
    nobs: int
    rho: float
    p: float
