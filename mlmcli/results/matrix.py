"""A Stata matrix: values with row and column names (``e(b)``, ``e(V)``)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Matrix:
    values: np.ndarray
    rownames: tuple[str, ...]
    colnames: tuple[str, ...]

    def col(self, name: str) -> int:
        return self.colnames.index(name)
