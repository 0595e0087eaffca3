"""Tables of Stata 17's collection system as ``etable``, ``dtable`` and ``table`` lay them out:
pure data filled by ``mlmcli.estimation.etable`` / ``mlmcli.commands.statistics.dtable`` /
``mlmcli.commands.data.table_collect`` and
written by ``mlmcli.render.collected_table`` (Stata text, markdown, html, LaTeX)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellPart:
    """One number of a cell, shown in ``fmt`` (``%9.3f``) between ``left`` and ``right``
    (``(`` ``)`` around a standard error, ``(`` ``%)`` around a percentage); ``None`` is
    an empty part."""

    value: float | None
    fmt: str
    left: str = ""
    right: str = ""
    text: str = ""  # a label shown as it is (collect stars' labels as a result)


@dataclass(frozen=True)
class TableCell:
    """A cell: its parts joined by one space (``104.452 (14.772)``) and the significance
    stars shown in the stars column next to it."""

    parts: tuple[CellPart, ...]
    stars: str = ""
    halign: str = ""  # collect style cell, halign(): left, center or right ("" right)
    sep: str = " "  # between the parts (table's cidelimiter() for a confidence interval)


@dataclass(frozen=True)
class TableRow:
    """A row header (``label`` indented by ``indent`` spaces) and, per statistic line, one
    cell (or None: empty) per column.  A factor variable's heading row has no lines."""

    label: str
    lines: tuple[tuple[TableCell | None, ...], ...] = ()
    indent: int = 0


@dataclass(frozen=True)
class CollectedTable:
    columns: tuple[str, ...]  # column headers
    rows: tuple[TableRow, ...]
    stars_column: int = 0  # width of the stars column after every value column (0: none)
    notes: tuple[str, ...] = ()
    title: str = ""
    # Stata 17 ``table``'s layout: the row headers closed by ``|`` (``+`` in the rule under
    # the headers), headers right-aligned over columns at least ``column_widths`` wide, and
    # header rows above ``columns`` of (text, number of columns it spans) pairs.
    bar: bool = False
    column_widths: tuple[int, ...] = ()
    header_rows: tuple[tuple[tuple[str, int], ...], ...] = ()
