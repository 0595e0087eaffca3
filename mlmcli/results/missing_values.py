"""What ``misstable summarize`` and ``misstable patterns`` report: pure data, filled by
``mlmcli.commands.data.misstable``, laid out by ``mlmcli.render.missing_values``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MissingSummaryRow:
    """One variable: counts of ``.``, of ``.a``-``.z`` and of nonmissing values, the number of
    distinct nonmissing values (None: more than 500 or none), min and max; strings only named."""

    name: str
    is_string: bool = False
    n_eq_dot: int = 0
    n_gt_dot: int = 0
    n_lt_dot: int = 0
    unique: int | None = None
    minimum: float = float("nan")
    maximum: float = float("nan")


@dataclass(frozen=True)
class MissingSummary:
    rows: tuple[MissingSummaryRow, ...]
    show_zeros: bool = False


@dataclass(frozen=True)
class MissingPatterns:
    """Patterns of missing values: the variables (in the order the table numbers them), and per
    pattern (most frequent last, as printed bottom-up) its flags (True: missing) and frequency."""

    names: tuple[str, ...]
    patterns: tuple[tuple[tuple[bool, ...], int], ...]
    n_complete: int
    n_incomplete: int
    frequency: bool = False
    totals: bool = False  # bypatterns: groups headed by the number of missing variables
