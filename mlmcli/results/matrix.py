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


class DeferredMatrix(Matrix):
    """A matrix whose values are computed when first read: r(table) after a fit, which most
    loops of quiet fits never read (its p-values and intervals cost ~10% of a small quiet
    regress, and the first one imports scipy.special).  ``compute()`` returns the Matrix; the
    names are known without it.  Anything that reads ``values`` (a comparison,
    ``dataclasses.replace``) computes them once."""

    def __init__(self, values=None, rownames=(), colnames=(), *, compute=None):
        object.__setattr__(self, "_compute", compute)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "rownames", tuple(rownames))
        object.__setattr__(self, "colnames", tuple(colnames))

    @property
    def values(self) -> np.ndarray:
        if self._values is None:
            object.__setattr__(self, "_values", self._compute().values)
            object.__setattr__(self, "_compute", None)
        return self._values
