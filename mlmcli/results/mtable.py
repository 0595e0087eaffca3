"""What ``mtable`` (SPost13) shows: its table of margins and the table of the covariates'
values, each laid out as mtable's ``matlist ..., cspec() rspec()`` call lays it out."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MtableGrid:
    """One matlist table: rows (equation, name), columns (equation, name), values, each
    column's format (``%8.3f``); ``label_width`` 0 when the row names are not shown
    (names(columns)/names(none)); ``header`` when the column names are (names(all)/columns)."""

    title: str
    rows: tuple[tuple[str, str], ...]
    cols: tuple[tuple[str, str], ...]
    values: tuple[tuple[float, ...], ...]
    formats: tuple[str, ...]
    label_width: int
    header: bool
    underscore: bool = False  # matlist's underscore: names' underscores shown as blanks (dy/dx tables)


@dataclass(frozen=True)
class MtableResult:
    title: str  # title(): shown above the expression
    expression: str
    table: MtableGrid
    at_table: MtableGrid | None  # None with brief
