"""What ``power`` shows: a study's parameters and the estimate, or a table of many ([PSS] power)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PowerLine:
    label: str
    value: float
    kind: str = "real"      # real: %10.4f; count: %10.0fc; integer: %10.0f
    note: str = ""          # "(difference)" after twoproportions' delta


@dataclass(frozen=True)
class PowerReport:
    """One computation: header, study parameters (one or two columns), the estimate."""
    iterated: bool                      # "Performing iteration ..." came first
    title: str
    test: str
    hypothesis: str
    parameters: tuple[PowerLine, ...]
    parameters_right: tuple[PowerLine, ...]
    estimate_title: str                 # Estimated sample size(s): / Estimated power:
    estimates: tuple[PowerLine, ...]


@dataclass(frozen=True)
class PowerTable:
    """Several computations: one row each (NaN where a computation failed)."""
    iterated: bool
    title: str
    test: str
    hypothesis: str
    columns: tuple[str, ...]
    rows: tuple[tuple[float, ...], ...]
    failed: bool
