"""``ira``'s result: within-group interrater agreement across groups (pure data)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementRow:
    """One index: its label, (mean, median, range) across groups, and the notes under it."""

    label: str
    mean: float
    median: float
    range: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WithinGroupAgreement:
    n_obs: int
    n_items: int
    n_groups: int
    options: int
    blocks: tuple[tuple[AgreementRow, ...], ...]   # separated by rules in the table
    warnings: tuple[str, ...] = ()                  # printed before the table
