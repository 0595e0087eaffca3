"""What ``nestreg`` and ``stepwise`` report: pure data, rendered by
``mlmcli.render.model_building``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NestregWaldTable:
    """One row per block: (F, block df, residual df, p[, R2, change in R2]) when the fits have
    residual degrees of freedom, else (Wald chi2, block df, p); None for a cell Stata leaves
    empty (.z)."""

    kind: str  # "F" or "chi2"
    rows: tuple[tuple, ...]
    r2: bool = False


@dataclass(frozen=True)
class NestregLRTable:
    """Per block: (log likelihood, LR chi2, df, p, AIC, BIC)."""

    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class StepwiseLog:
    """The selection log: (left column, right column) lines of ``{p2col}``."""

    lines: tuple[tuple[str, str], ...]
