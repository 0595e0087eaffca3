"""What sampsi shows: the test, its assumptions and the estimated sample sizes or power."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampsiReport:
    kind: str               # means | proportions
    one_sample: bool
    one_sided: bool
    solve: str              # n | power
    m1: float
    m2: float
    alpha: float
    power: float
    n1: float
    n2: float
    sd1: float
    sd2: float
    ratio: float            # n2/n1 (typed ratio(), or the groups' when computing power)
    warning: bool           # the normal approximation to the binomial is questionable


@dataclass(frozen=True)
class RepeatedMethod:
    name: str               # POST, CHANGE, ANCOVA
    factor: float           # the sd adjustment
    sd1: float
    sd2: float | None       # only when sd2() was typed
    n1: float
    n2: float
    power: float


@dataclass(frozen=True)
class SampsiRepeatedReport(SampsiReport):
    """The means' assumptions (kind "means") with the measurements and each method's result."""
    pre: int = 0
    post: int = 1
    r0: float = -1.0
    r1: float = -1.0
    r01: float = -1.0
    method: str = "all"
    methods: tuple[RepeatedMethod, ...] = ()
