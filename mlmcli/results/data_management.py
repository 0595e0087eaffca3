"""What the data-management commands report (``duplicates report``, ``codebook``, Stata 13's
``table``): pure data, filled by the commands, laid out by ``mlmcli.render.data_management``."""
from __future__ import annotations

from dataclasses import dataclass


# ----------------------------------------------------------------------------- duplicates
@dataclass(frozen=True)
class DuplicatesReport:
    """``duplicates report``: per number of copies, the observations and the surplus."""

    rows: tuple[tuple[int, int, int], ...]  # (copies, observations, surplus)


# ----------------------------------------------------------------------------- codebook
@dataclass(frozen=True)
class CodebookEntry:
    """One variable of ``codebook``; every text as the table shows it."""

    name: str
    label: str
    type_text: str                      # "numeric (int)", "string (str18), but longest is str17"
    value_label: str                    # its value-label name, or ""
    range_text: str | None              # "[1,5]" (numeric) or None (string)
    units_text: str | None              # "1", ".01"
    unique: int
    missing_label: str                  # "." or '""'
    missing: int
    nobs: int
    mean_text: str | None = None        # continuous variables: mean, sd, percentiles
    sd_text: str | None = None
    percentiles: tuple[str, ...] = ()
    tabulation: tuple[tuple[int, str, str], ...] = ()   # (freq, value, label)
    labelled_tabulation: bool = False   # Numeric and Label columns
    examples: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()  # (note number, text)


@dataclass(frozen=True)
class CodebookCompactRow:
    name: str
    nobs: int
    unique: int
    mean: str
    min: str
    max: str
    label: str


@dataclass(frozen=True)
class Codebook:
    entries: tuple[CodebookEntry, ...] = ()
    compact: tuple[CodebookCompactRow, ...] = ()
    header: tuple[tuple[str, str], ...] = ()  # (caption, text) of the dataset
    linesize: int = 80


# ----------------------------------------------------------------------------- table (Stata 13)
@dataclass(frozen=True)
class TableRow:
    """One row of ``table``: the stub text and, per column, the cell's lines (one per
    statistic of contents()); a by() group's heading has no cells."""

    stub: str
    cells: tuple[tuple[str, ...], ...] = ()
    heading: bool = False


@dataclass(frozen=True)
class StatTable:
    """Stata 13's ``table``: stub title lines, the columns' title (colvar's label), the
    supercolumns (label, number of columns), the column headings, the rows."""

    stub_title: tuple[str, ...]
    column_title: str
    supercolumn_title: str
    supercolumns: tuple[tuple[str, int], ...]
    column_heads: tuple[str, ...]
    rows: tuple[TableRow, ...]
    align: str = "right"          # right | center | left (the cells)
    cellwidth: int | None = None
    stubwidth: int | None = None
    csepwidth: int = 2
    scsepwidth: int = 1
