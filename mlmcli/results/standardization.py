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
