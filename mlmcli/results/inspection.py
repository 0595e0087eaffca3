"""``inspect``'s summary of one variable ([D] inspect): pure data, filled by
``mlmcli.value_inspection``, laid out by ``mlmcli.render.inspection``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignCounts:
    total: int
    integers: int
    nonintegers: int


@dataclass(frozen=True)
class Inspection:
    name: str
    var_label: str
    negative: SignCounts
    zero: SignCounts
    positive: SignCounts
    missing: int
    bars: tuple[int, ...]  # the histogram's bar heights 0..6, -1 for a bar too low for one row ('.')
    min_text: str  # "." when there are no values
    max_text: str
    unique: int | None  # None: more than 99
    undocumented: int | None  # values without a value label; None when the variable has none

    @property
    def nonmissing(self) -> int:
        return self.negative.total + self.zero.total + self.positive.total
