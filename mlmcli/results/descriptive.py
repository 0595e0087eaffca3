"""mean, total, ratio and proportion outside svy ([R] mean ...), and ci/cii's tables: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.survey import SurveyEstimates


@dataclass(frozen=True)
class DescriptiveEstimates:
    """The header ("Mean estimation", Number of obs), the legend and the table of
    ``table`` (its rows, equations, legend, vcetype), and vce(cluster)'s note."""

    title: str
    n_obs: int
    table: SurveyEstimates
    clusters: tuple[int, str] | None = None  # (number of clusters, variable)
    replications: int | None = None  # vce(bootstrap|jackknife): the header's Replications
    heading: str = ""  # bootstrap's "Observed   Bootstrap   Normal-based" over the table


@dataclass(frozen=True)
class IntervalRow:
    """One line of ci/cii: the variable (blank for cii), observations (exposure), the estimate,
    its standard error (None: no column, as ci variances), the interval and its mark
    (``*`` one-sided, ``**`` clipped); ``fmt`` the estimate columns' format."""

    name: str
    n: float
    estimate: float
    se: float | None
    lb: float
    ub: float
    mark: str = ""
    fmt: str = "%9.0g"


@dataclass(frozen=True)
class IntervalTable:
    """ci/cii's table: ``heading`` over the interval ("-- Binomial Exact --"; "" none),
    ``column`` the estimate's title (Mean, Proportion, Variance, Std. Dev.), ``count``
    Obs or Exposure, the rows and their separator, the notes below."""

    rows: tuple[IntervalRow, ...]
    level: float
    column: str = "Mean"
    count: str = "Obs"
    heading: str = ""
    separator: int = 5
    variances: bool = False
    notes: tuple[str, ...] = ()  # each after a blank line (a note may hold several lines)


@dataclass(frozen=True)
class CentileRow:
    """One variable of centile's table: its observations and, per centile, (centile as typed,
    estimate, lower, upper, mark) with ``fmt`` the estimate columns' format."""

    name: str
    n: int
    centiles: tuple[tuple[float, float, float, float, str], ...]
    fmt: str = "%9.0g"


@dataclass(frozen=True)
class CentileTable:
    """centile's table: the heading over the interval, the level, the rows and the note on
    limits held at the sample's extremes ("" none)."""

    heading: str
    level: float
    rows: tuple[CentileRow, ...]
    note: str = ""
