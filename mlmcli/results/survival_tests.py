"""What ``estat phtest`` and ``estat concordance`` print after stcox: pure data for
``mlmcli.render.survival_tests``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhTestRow:
    name: str
    rho: float
    chi2: float
    df: int
    p: float


@dataclass(frozen=True)
class PhTestResult:
    title: str                      # the time function: Time, Log(t), Rank(t), Kaplan-Meier, the expression
    rows: tuple[PhTestRow, ...]     # with detail; empty without
    chi2: float
    df: int
    p: float
    robust: bool                    # e(vcetype) Robust: the note under the table


@dataclass(frozen=True)
class HarrellResult:
    n: int
    pairs: float | None             # P, E, T: None with strata
    expected: float | None
    tied: float | None
    c: float
    with_gheller: bool              # Somers' D labelled "= 2C - 1"


@dataclass(frozen=True)
class GonenHellerResult:
    n: int
    k: float
    smoothed: float | None          # with se
    se: float | None
    wide_labels: bool               # after Harrell's lines (option harrell): their column


@dataclass(frozen=True)
class ConcordanceResult:
    harrell: HarrellResult | None
    gheller: GonenHellerResult | None
    sample_note: bool               # the sample differs from e(sample) (option all, if/in)
