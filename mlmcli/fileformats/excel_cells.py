"""Single cells written into an ``.xlsx`` workbook (``putexcel``), through openpyxl as
``export excel`` writes (``fileformats.excel``), or into an Excel 97-2003 ``.xls`` workbook
(``fileformats.xls_table``; an existing one read with xlrd and written again whole, its cell
values kept, formats not).

:func:`write_cells` puts values at (row, column) positions of one worksheet:

- ``fresh``: a new workbook replaces the file (``replace``);
- otherwise an existing file is opened and modified (its other cells, sheets and
  styles kept) unless ``must_not_exist`` (neither replace nor modify: r(602));
- ``clear_sheet``: the worksheet is emptied first (``sheet(name, replace)``).

The file is written atomically (``safe_write``): a failure leaves it as it was.
"""
from __future__ import annotations

import math
import os

from mlmcli.errors import StataError
from mlmcli.fileformats import messages
from mlmcli.fileformats.excel import XLSX_COLUMNS, XLSX_ROWS, cell_name, emptied_sheet, new_workbook, open_workbook
from mlmcli.fileformats.safe_write import atomic_write, check_writable

SHEET_NAME_LIMIT = 31


def check_sheet_name(name: str) -> None:
    if not name or len(name) > SHEET_NAME_LIMIT or any(ch in name for ch in "[]:*?/\\"):
        raise StataError(f"sheet({name}) invalid: an Excel sheet name has 1 to 31 characters "
                         "and none of [ ] : * ? / \\", 198)


def cell_value(value):
    """A Python value as a cell holds it: missing (NaN) is an empty cell, an integral
    number an integer, text without the characters XML cannot hold."""
    if value is None:
        return None
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        return None
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v


def write_cells(path: str, sheet: str | None, cells: list[tuple[int, int, object]], *, fresh: bool,
                must_not_exist: bool = False, clear_sheet: bool = False) -> None:
    """Write ``cells`` ((row, column, value), 1-based) into ``sheet`` (default ``Sheet1``)."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise messages.missing_library("putexcel", "openpyxl", "excel") from None
    sheet_name = sheet or "Sheet1"
    check_sheet_name(sheet_name)
    exists = os.path.exists(path)
    if exists and must_not_exist and not fresh:
        raise messages.already_exists(path)
    modify = exists and not fresh
    check_writable(path, replace=True)
    if path.lower().endswith(".xls"):
        return _write_xls(path, sheet_name, cells, modify, clear_sheet)
    for row, col, _ in cells:  # a matrix from a cell near the edge runs past the worksheet
        if row > XLSX_ROWS or col > XLSX_COLUMNS:
            raise StataError(f"cell {cell_name(row, col)} is outside an Excel worksheet "
                             f"({XLSX_COLUMNS} columns, {XLSX_ROWS} rows)", 198)
    if modify:
        wb = open_workbook(path, read_only=False)
        if sheet_name in wb.sheetnames:
            ws = emptied_sheet(wb, sheet_name) if clear_sheet else wb[sheet_name]
        else:
            ws = wb.create_sheet(sheet_name)
    else:
        wb, ws = new_workbook(sheet_name)
    for row, col, value in cells:
        ws.cell(row=row, column=col, value=cell_value(value))

    def save(tmp: str) -> None:
        wb.save(tmp)

    try:
        atomic_write(path, save, replace=True)
    finally:
        wb.close()


XLS_ROWS, XLS_COLUMNS, XLS_TEXT = 65536, 256, 255


def _write_xls(path: str, sheet_name: str, cells: list[tuple[int, int, object]], modify: bool,
               clear_sheet: bool) -> None:
    """The ``.xls`` side of :func:`write_cells`."""
    from mlmcli.fileformats.xls_table import xls_workbook_bytes

    for row, col, value in cells:  # the BIFF8 worksheet's bounds and a LABEL's length ([MS-XLS])
        if row > XLS_ROWS or col > XLS_COLUMNS:
            raise StataError(f"cell {cell_name(row, col)} is outside an Excel 97-2003 worksheet "
                             f"({XLS_COLUMNS} columns, {XLS_ROWS} rows); use a .xlsx file", 198)
        if isinstance(value, str) and len(value) > XLS_TEXT:
            raise StataError(f"cell {cell_name(row, col)}: text of {len(value)} characters; an Excel 97-2003 "
                             f"cell mlm writes holds at most {XLS_TEXT}; use a .xlsx file", 198)
    sheets = _read_xls_cells(path) if modify else {}
    if clear_sheet or sheet_name not in sheets:
        sheets[sheet_name] = {}
    target = sheets[sheet_name]
    for row, col, value in cells:
        value = cell_value(value)
        if value is None:
            target.pop((row - 1, col - 1), None)
        else:
            target[(row - 1, col - 1)] = value
    data = xls_workbook_bytes(list(sheets.items()))

    def save(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)

    atomic_write(path, save, replace=True)


def _read_xls_cells(path: str) -> dict[str, dict[tuple[int, int], object]]:
    """Each sheet's text and number cells of an existing .xls, in sheet order."""
    try:
        import xlrd
    except ImportError:
        raise messages.missing_library("putexcel", "xlrd", "excel") from None
    try:
        book = xlrd.open_workbook(path, ragged_rows=True)  # rows only as long as their cells
    except Exception:
        raise StataError(f"file {path} could not be read as an Excel 97-2003 workbook", 603) from None
    out = {}
    for sh in book.sheets():
        cells = {}
        for r in range(sh.nrows):
            for c in range(sh.row_len(r)):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_TEXT,):
                    cells[(r, c)] = cell.value
                elif cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE, xlrd.XL_CELL_BOOLEAN):
                    cells[(r, c)] = float(cell.value)
        out[sh.name] = cells
    return out
