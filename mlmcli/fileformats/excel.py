"""Excel workbooks: ``import excel`` (``.xlsx``/``.xlsm`` through openpyxl, ``.xls`` through xlrd)
and ``export excel`` (``.xlsx``/``.xlsm``; writing ``.xls`` is refused with r(198)).

Reading (Stata 13's ``import excel``):

- ``sheet``: the worksheet (default: the first); a missing one is r(601)
  ``worksheet NAME not found``.
- ``cellrange``: ``A1:D10``, ``B2:`` (to the last used cell), ``:D10``, or ``B2``.
- ``firstrow``: the range's first row holds the names, made into Stata names
  (``case``: preserve (default), lower, upper); a header that gives no name
  keeps the column letter.  The header text becomes the variable label.
  Without ``firstrow`` the variables are named by their column letters.
- Types: a column whose non-empty cells are all numbers (or all dates) is
  numeric, stored in the smallest of byte/int/long holding its integers, else
  double, with format %10.0g; date cells give Stata dates (days since
  01jan1960, %td) or, when any has a time of day, datetimes (ms, %tc).  A
  column with any text is a string column; its numbers are written as text.
  ``allstring`` makes every column text.  Error cells (``#N/A``) are missing.
- Trailing empty rows and columns of the range are dropped.

Writing (``export excel``): ``sheet`` (default ``Sheet1``), ``cell`` (upper-left
corner), ``firstrow`` = ``"variables"`` or ``"varlabels"`` (or None), value labels
as text unless ``nolabel``, %td/%tc variables as Excel dates, ``missing`` text
for missing values.  With ``replace`` a new workbook replaces the file; without
it an existing file gets the sheet added, or ``sheetmodify`` writes into an
existing sheet, ``sheetreplace`` empties it first; else r(602).  The file is
written atomically.  (openpyxl keeps cells, styles and other sheets of a modified
workbook; it does not keep charts or images.)
"""
from __future__ import annotations

import datetime as _dt
import re
import zipfile
from dataclasses import dataclass

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats import messages
from mlmcli.fileformats.safe_write import atomic_write, check_writable
from mlmcli.missing import order_key
from mlmcli.fileformats.storage import (add_variable, excel_column_letters, finish, name_from_text,
                                        numeric_type, string_type, text_column, unique_names)

STATA_EPOCH = _dt.datetime(1960, 1, 1)
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


@dataclass(frozen=True)
class SheetRange:
    """One worksheet and its used range, as ``import excel, describe`` lists them."""
    sheet: str
    range: str  # "A1:L75", or "" for an empty sheet


def _load(path: str, read_only: bool = True):
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise messages.missing_library("import excel", "openpyxl", "excel") from None
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except FileNotFoundError:
        raise messages.not_found(path) from None
    except (IsADirectoryError, PermissionError):
        raise messages.cannot_open(path) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError) as exc:
        raise messages.cannot_load(path) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise messages.cannot_load(path) from exc


def open_workbook(path: str, read_only: bool = True):
    """An existing workbook, with ``import excel``'s messages for a missing or damaged file."""
    return _load(path, read_only=read_only)


XLSX_ROWS, XLSX_COLUMNS = 1048576, 16384


def cell_name(row: int, col: int) -> str:
    """``A1``-style name of a 1-based (row, column)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def parse_cell(text: str) -> tuple[int, int]:
    """``B12`` -> (row 12, column 2), 1-based."""
    m = _CELL.match(text.strip())
    if not m:
        raise StataError(f"{text}: invalid cell name", 198)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    if row < 1 or col > XLSX_COLUMNS or row > XLSX_ROWS:
        raise StataError(f"{text}: invalid cell name", 198)
    return row, col


def parse_cellrange(text: str | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """``cellrange()``: (upper-left, lower-right) with None for an open end."""
    if not text or not text.strip():
        return None, None
    start, sep, end = text.strip().partition(":")
    first = parse_cell(start) if start.strip() else None
    last = parse_cell(end) if sep and end.strip() else None
    if first and last and (last[0] < first[0] or last[1] < first[1]):
        raise StataError(f"cellrange({text}) invalid", 198)
    return first, last


def _used_range(grid: list[list]) -> tuple[int, int, int, int] | None:
    """(min_row, min_col, max_row, max_col) of the cells that hold a value."""
    rows = cols = None
    lo_r = lo_c = None
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            lo_r = r if lo_r is None else lo_r
            lo_c = c if lo_c is None else min(lo_c, c)
            rows = r
            cols = c if cols is None else max(cols, c)
    if rows is None:
        return None
    return lo_r, lo_c, rows, cols


def _is_xls(path: str) -> bool:
    return path.lower().endswith(".xls")


def _xls_book(path: str):
    try:
        import xlrd
    except ImportError:
        raise messages.missing_library("import excel of .xls", "xlrd", "excel") from None
    try:
        return xlrd.open_workbook(path, on_demand=True)
    except FileNotFoundError:
        raise messages.not_found(path) from None
    except (IsADirectoryError, PermissionError):
        raise messages.cannot_open(path) from None
    except Exception as exc:  # xlrd.XLRDError, struct errors ... on a damaged or foreign file
        raise messages.cannot_load(path) from exc


def _xls_value(cell, datemode: int):
    """An xlrd cell as openpyxl would give it (None, str, float, bool, datetime, error text)."""
    import xlrd
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return float(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return "#N/A"
    return cell.value


def _xls_rows(book, sheet) -> list[list]:
    return [[_xls_value(c, book.datemode) for c in sheet.row(r)] for r in range(sheet.nrows)]


def _sheet_rows(path: str) -> list[tuple[str, list[list]]]:
    """Every worksheet's name and its cell values, row by row (for describe)."""
    if _is_xls(path):
        book = _xls_book(path)
        try:
            return [(sh.name, _xls_rows(book, sh)) for sh in book.sheets()]
        finally:
            book.release_resources()
    wb = _load(path)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def describe_excel(path: str) -> list[SheetRange]:
    """``import excel using f, describe``: every worksheet with its used range."""
    out = []
    for title, rows in _sheet_rows(path):
        used = _used_range(rows)
        if used is None:
            out.append(SheetRange(title, ""))
        else:
            r0, c0, r1, c1 = used
            out.append(SheetRange(title, f"{excel_column_letters(c0 - 1)}{r0}:{excel_column_letters(c1 - 1)}{r1}"))
    return out


def describe_text(sheets: list[SheetRange]) -> str:
    """The ``describe`` table: sheet names right-aligned before their ranges."""
    width = max([len(s.sheet) for s in sheets] + [17])
    lines = [f"{'Sheet':>{width + 2}} | Range", f"  {'-' * width}-+-{'-' * max(13, max((len(s.range) for s in sheets), default=0))}"]
    lines += [f"{s.sheet:>{width + 2}} | {s.range}" for s in sheets]
    return "\n".join(lines)


def read_excel(path: str, *, sheet: str | None = None, cellrange: str | None = None,
               firstrow: bool = False, case: str = "preserve", allstring: bool = False) -> Dataset:
    """``import excel``: a new Dataset from one worksheet of an .xlsx/.xlsm workbook."""
    first, last = parse_cellrange(cellrange)
    r0, c0 = first or (1, 1)
    r1, c1 = last or (None, None)
    grid = _xls_grid(path, sheet, r0, c0, r1, c1) if _is_xls(path) else _xlsx_grid(path, sheet, r0, c0, r1, c1)
    grid = _trim(grid)
    ds = Dataset()
    if not grid:
        return finish(ds, {}, [], 0, None)
    ncol = max(len(r) for r in grid)
    grid = [r + [None] * (ncol - len(r)) for r in grid]
    letters = [excel_column_letters(c0 - 1 + j) for j in range(ncol)]
    header = grid[0] if firstrow else None
    body = grid[1:] if firstrow else grid
    if header:
        wanted = [name_from_text(_cell_text(h), case=case) if h is not None else "" for h in header]
    else:
        wanted = letters
    names = unique_names(wanted, letters)
    frame: dict = {}
    for j, name in enumerate(names):
        cells = [r[j] for r in body]
        values, vtype, fmt = _column(cells, allstring)
        label = _cell_text(header[j]).strip()[:80] if header and header[j] is not None else ""
        add_variable(ds, frame, name, values, vtype, fmt, label)
    ds = finish(ds, frame, names, len(body), None)
    ds.changed = bool(names)  # not a Stata dataset: `use` must not discard it silently
    return ds


def _xlsx_grid(path: str, sheet: str | None, r0: int, c0: int, r1: int | None, c1: int | None) -> list[list]:
    wb = _load(path)
    try:
        if sheet is None:
            if not wb.worksheets:
                raise messages.cannot_load(path)
            ws = wb.worksheets[0]
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            raise messages.worksheet_not_found(sheet)
        return [list(row) for row in ws.iter_rows(min_row=r0, min_col=c0, max_row=r1, max_col=c1,
                                                   values_only=True)]
    finally:
        wb.close()


def _xls_grid(path: str, sheet: str | None, r0: int, c0: int, r1: int | None, c1: int | None) -> list[list]:
    book = _xls_book(path)
    try:
        names = book.sheet_names()
        if sheet is not None and sheet not in names:
            raise messages.worksheet_not_found(sheet)
        if not names:
            raise messages.cannot_load(path)
        rows = _xls_rows(book, book.sheet_by_name(sheet if sheet is not None else names[0]))
    finally:
        book.release_resources()
    rows = rows[r0 - 1:r1]
    return [row[c0 - 1:c1] for row in rows]


def _trim(grid: list[list]) -> list[list]:
    """Drop trailing rows and columns that are wholly empty."""
    def empty(v):
        return v is None or (isinstance(v, str) and v.strip() == "")
    while grid and all(empty(v) for v in grid[-1]):
        grid.pop()
    width = max((len(r) for r in grid), default=0)
    while width and all(len(r) < width or empty(r[width - 1]) for r in grid):
        width -= 1
    return [r[:width] for r in grid]


def _is_error(v) -> bool:
    return isinstance(v, str) and v.startswith("#") and v.rstrip("!?0/").upper() in (
        "#N/A", "#DIV", "#VALUE", "#REF", "#NAME", "#NUM", "#NULL", "#GETTING_DATA")


def _cell_text(v) -> str:
    if v is None or _is_error(v):
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, _dt.datetime):
        return v.isoformat(sep=" ") if (v.hour, v.minute, v.second, v.microsecond) != (0, 0, 0, 0) \
            else v.date().isoformat()
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return str(v)


def _column(cells: list, allstring: bool):
    """(values, storage type, display format) of one column's cells."""
    present = [v for v in cells if v is not None and not _is_error(v) and not (isinstance(v, str) and v == "")]
    if allstring or any(isinstance(v, str) for v in present):
        texts = [_cell_text(v) for v in cells]
        vtype = string_type(texts)
        return text_column(texts), vtype, None
    dates = [v for v in present if isinstance(v, (_dt.datetime, _dt.date, _dt.time))]
    timed = any(isinstance(v, _dt.time) or (isinstance(v, _dt.datetime) and v.time() != _dt.time(0))
                for v in dates)
    values = np.array([_number(v, timed) for v in cells], dtype=float)
    if dates and len(dates) == len(present):
        return values, "double", "%tc" if timed else "%td"
    return values, numeric_type(values), "%10.0g"


def _number(v, timed: bool) -> float:
    if v is None or _is_error(v) or (isinstance(v, str)):
        return np.nan
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, _dt.datetime):
        if timed:
            return float(round((v - STATA_EPOCH).total_seconds() * 1000))
        return float((v.date() - STATA_EPOCH.date()).days)
    if isinstance(v, _dt.date):
        days = (v - STATA_EPOCH.date()).days
        return float(days * 86_400_000) if timed else float(days)
    if isinstance(v, _dt.time):
        return float((v.hour * 3600 + v.minute * 60 + v.second) * 1000 + v.microsecond // 1000)
    return float(v)


# ----------------------------------------------------------------------------- export
def write_excel(ds: Dataset, path: str, *, names: list[str] | None = None, rows=None,
                sheet: str | None = None, cell: str = "A1", firstrow: str | None = None,
                labels: bool = True, missing: str | None = None, replace: bool = False,
                sheetmodify: bool = False, sheetreplace: bool = False, datestring: str | None = None) -> None:
    """``export excel``: write ``names`` (default all) of the ``rows`` mask to a worksheet;
    ``datestring``: a datetime display format in which every date/time variable is written as text."""
    try:
        import openpyxl  # noqa: F401  (the library must be installed)
    except ImportError:
        raise messages.missing_library("export excel", "openpyxl", "excel") from None
    if _is_xls(path):
        raise StataError(f"file {path}: export excel writes .xlsx workbooks; use a .xlsx name", 198)
    if firstrow not in (None, "variables", "varlabels"):
        raise StataError(f"firstrow({firstrow}) invalid; use variables or varlabels", 198)
    if sheetmodify and sheetreplace:
        raise StataError("options sheetmodify and sheetreplace may not be combined", 198)
    if replace and (sheetmodify or sheetreplace):
        raise StataError("option replace may not be combined with sheetmodify or sheetreplace", 198)
    names = list(ds.varnames if names is None else names)
    mask = np.ones(ds.nobs, dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    row0, col0 = parse_cell(cell)
    last_row, last_col = row0 + bool(firstrow) + int(mask.sum()) - 1, col0 + len(names) - 1
    if last_row > XLSX_ROWS or last_col > XLSX_COLUMNS:  # from a cell near the edge the data run past the sheet
        raise StataError(f"cell {cell_name(max(last_row, row0), max(last_col, col0))} is outside an Excel "
                         f"worksheet ({XLSX_COLUMNS} columns, {XLSX_ROWS} rows)", 198)
    sheet_name = sheet or "Sheet1"
    if len(sheet_name) > 31 or any(ch in sheet_name for ch in "[]:*?/\\"):
        raise StataError(f"sheet({sheet_name}) invalid: an Excel sheet name has at most 31 characters "
                         "and none of [ ] : * ? / \\", 198)
    import os
    exists = os.path.exists(path)
    modify_existing = exists and not replace
    check_writable(path, replace=True if modify_existing else replace)
    if modify_existing:
        wb = _load(path, read_only=False)
        if sheet_name in wb.sheetnames:
            if not (sheetmodify or sheetreplace):
                raise StataError(f"worksheet {sheet_name} already exists, must specify sheetmodify or "
                                 "sheetreplace", 602)
            ws = wb[sheet_name]
            if sheetreplace:
                ws = emptied_sheet(wb, sheet_name)
        elif sheet is None and not (sheetmodify or sheetreplace):
            raise messages.already_exists(path)
        else:
            ws = wb.create_sheet(sheet_name)
    else:
        wb, ws = new_workbook(sheet_name)
    r = row0
    if firstrow:
        for j, name in enumerate(names):
            text = ds.var_labels.get(name, "") or name if firstrow == "varlabels" else name
            ws.cell(row=r, column=col0 + j, value=text)
        r += 1
    if missing is not None:  # "repval can be either string or numeric": -99 is written as a number
        try:
            missing = float(missing) if float(missing) != int(float(missing)) else int(float(missing))
        except (ValueError, OverflowError):
            pass
    for j, name in enumerate(names):
        _write_column(ws, ds, name, mask, r, col0 + j, labels, missing, datestring)

    def save(tmp: str) -> None:
        wb.save(tmp)

    try:
        atomic_write(path, save, replace=True if modify_existing else replace)
    finally:
        wb.close()


def new_workbook(sheet_name: str):
    """A new workbook and its one worksheet, named ``sheet_name``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = sheet_name
    return wb, wb.active


def emptied_sheet(wb, name: str):
    """The worksheet ``name`` replaced by an empty one at the same position."""
    at = wb.sheetnames.index(name)
    wb.remove(wb[name])
    return wb.create_sheet(name, at)


def _moment(value: float, is_date: bool):
    """A %td day or %tc millisecond as a date/datetime; None outside years 1-9999."""
    try:
        if is_date:
            return (STATA_EPOCH + _dt.timedelta(days=value)).date()
        return STATA_EPOCH + _dt.timedelta(milliseconds=value)
    except OverflowError:
        return None


def _write_column(ws, ds: Dataset, name: str, mask: np.ndarray, row: int, col: int, labels: bool,
                  missing, datestring: str | None = None) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    if ds.is_string(name):
        for i, v in enumerate(ds.df[name].to_numpy(dtype=object)[mask]):
            text = ILLEGAL_CHARACTERS_RE.sub("", str(v))
            ws.cell(row=row + i, column=col, value=text or None)
        return
    values = ds.df[name].to_numpy(dtype=float, na_value=np.nan)[mask]
    fmt = ds.formats.get(name, "")
    labmap = ds.value_labels.get(ds.value_label_of.get(name, ""), {}) if labels else {}
    is_date = fmt.startswith("%td") or fmt.startswith("%d")
    is_time = fmt.startswith("%tc") or fmt.startswith("%tC")
    as_text = None
    if datestring:
        from mlmcli.fileformats.delimited import is_datetime_format
        from mlmcli.render.numfmt import format_number
        if is_datetime_format(fmt):
            as_text = lambda v: format_number(v, datestring).strip()  # noqa: E731
    for i, v in enumerate(values.tolist()):
        target = ws.cell(row=row + i, column=col)
        if v != v:
            key = order_key(values[i])  # a label on .a-.z is written as its text
            target.value = labmap.get(key, missing)
        elif v in labmap:
            target.value = labmap[v]
        elif as_text is not None:
            target.value = as_text(v)
        elif (is_date or is_time) and (moment := _moment(v, is_date)) is not None:
            target.value = moment
            target.number_format = "yyyy-mm-dd" if is_date else "yyyy-mm-dd hh:mm:ss"
        else:  # (a date past year 9999 or before year 1 is written as its number)
            target.value = int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
