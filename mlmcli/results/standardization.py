"""What dstdize shows: the standard population, each group's strata and the summary."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DstdizeReport:
    strata_names: tuple[str, ...]
    by_names: tuple[str, ...]
    standard: tuple            # ((stratum values, pop, share), ...) when print
    standard_total: float
    groups: tuple              # standardization.GroupResult, strata values already decoded
    level: float
    fmt: str                   # format() of the summary's rates
    excluded: int              # observations dropped for missing strata


@dataclass(frozen=True)
class IstdizeReport:
    strata_names: tuple[str, ...]
    by_names: tuple[str, ...]
    headers: tuple[str, ...]   # each group's "-> ..." line
    blank_after_header: bool   # istdize.ado's blank line after "-> Total Sample" and "-> if"
    standard: tuple            # ((stratum values, rate), ...) when print
    crude_rate: float
    groups: tuple              # standardization.IndirectResult, strata values decoded
    level: float
    fmt: str
    fmt1: str
