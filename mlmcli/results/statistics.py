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
