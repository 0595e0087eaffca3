"""What tetrachoric shows with several variables: tetrachoric.ado's lower triangle."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TetrachoricMatrix:
    names: tuple[str, ...]
    stats: tuple[str, ...]                  # of rho se p obs, in the order typed
    nobs: list
    rho: list
    se: list
    p: list
    blank: tuple[tuple[bool, ...], ...]     # print() hides the cell
    starred: tuple[tuple[bool, ...], ...]
    adjusted: bool                          # posdef changed the matrix: "adj-corr" heading
    nneg: int | None                        # negative eigenvalues (None: matrix has missing)
    mdiff: float
    columns_per_block: int
