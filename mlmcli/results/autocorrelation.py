"""What corrgram and wntestq print: pure data."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Correlogram:
    """corrgram's rows: lag, AC, PAC, Q, Prob>Q (NaN: missing); ``plot``: the two bar columns."""

    rows: tuple[tuple[int, float, float, float, float], ...]
    plot: bool = True


@dataclass(frozen=True)
class PortmanteauTest:
    stat: float
    df: int
    p: float
