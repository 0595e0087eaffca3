"""Delimited text (CSV, tab-separated): ``import delimited``/``insheet`` and ``export delimited``.

Reading: the file is decoded with ``encoding`` (any name Python knows: ``latin1``,
``windows-1252``, ``utf-8`` ...); without one, UTF-8 (a byte-order mark is
dropped) and, when the bytes are not valid UTF-8, Latin-1 -- no byte is ever
replaced.  Lines may end in LF, CRLF or CR alone; a field may be any length
(long text becomes ``strL``).  A column is numeric when every non-empty cell is
a number (``.``, empty and ``NA`` are missing) and gets the smallest type that
holds it (``float`` for non-integers unless ``asdouble``); otherwise it is text.
Names come from the ``varnames`` row made into Stata names (lower case unless
``case(preserve|upper)``); a cell that gives no usable name becomes ``v#`` and
the cell's text becomes the variable label.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import sys

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats import messages
from mlmcli.fileformats.safe_write import write_bytes_atomic
from mlmcli.fileformats.storage import (MAX_DOUBLE, add_variable, finish, name_from_text, numeric_type,
                                        string_type, text_column, unique_names)

# the csv module refuses fields over 131,072 characters by default; a CSV cell has no such limit
csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2 ** 31 - 1)))

_NUMBER_TEXT = re.compile(r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$")
_MISSING_TEXT = ("", ".", "NA")


def decode_bytes(raw: bytes, encoding: str | None, path: str) -> str:
    """Text of a file: in ``encoding``, or UTF-8 falling back to Latin-1."""
    if encoding:
        try:
            codec = codecs.lookup(encoding.strip().strip('"'))
        except LookupError:
            raise StataError(f"encoding({encoding}) invalid: unknown encoding", 198) from None
        try:
            text = raw.decode(codec.name)
        except UnicodeDecodeError as exc:
            raise StataError(f"file {path} is not valid {encoding} text (byte {exc.start + 1})", 610) from None
        return text[1:] if text.startswith("\ufeff") else text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_rows(path: str, *, delimiter: str | None = None, encoding: str | None = None) -> list[list[str]]:
    """The file's non-blank rows as lists of cell text (delimiter guessed: tab or comma)."""
    return [row for _, row in numbered_rows(path, delimiter=delimiter, encoding=encoding)]


def numbered_rows(path: str, *, delimiter: str | None = None,
                  encoding: str | None = None) -> list[tuple[int, list[str]]]:
    """(the file line the row starts on, its cells) of each non-blank row: rowrange() counts
    the file's lines, blank ones and the names row included."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise messages.not_found(path) from None
    except OSError:
        raise messages.cannot_open(path) from None
    if b"\0" in raw[:4096] and not (encoding and "16" in encoding or encoding and "32" in encoding):
        raise StataError(f"file {path} is not a text file", 610)
    text = decode_bytes(raw, encoding, path)
    if delimiter is None:
        first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    if len(delimiter) != 1:
        raise StataError(f"delimiters(\"{delimiter}\") invalid: one character expected", 198)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for r in reader:
            if any(cell.strip() for cell in r):
                rows.append((line, r))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise StataError(f"file {path} could not be read as delimited text: {exc}", 610) from None
    return rows


def read_delimited(path: str, *, delimiter: str | None = None, varnames: int | None = 1,
                   case: str = "lower", asdouble: bool = False, encoding: str | None = None,
                   numeric_cols=None, string_cols=None, row_range=(1, None),
                   col_range=(1, None)) -> Dataset:
    """``import delimited``: a new Dataset from a delimited text file.

    ``varnames``: the 1-based row holding the names (data start below it), or None
    for ``varnames(nonames)``.  ``case``: ``lower``, ``preserve`` or ``upper``.
    ``numeric_cols``/``string_cols`` (numericcols()/stringcols()): the 1-based column numbers,
    or ``"all"``, forced numeric (a cell that is no number becomes missing) or string.
    ``row_range``/``col_range`` (rowrange()/colrange()): 1-based (first, last or None)
    file lines and columns to load; the names row is read wherever it is, and data start
    below it."""
    numbered = numbered_rows(path, delimiter=delimiter, encoding=encoding)
    ds = Dataset()
    if not numbered:
        return finish(ds, {}, [], 0, path)
    ncol = max(len(r) for _, r in numbered)
    first_col, last_col = col_range[0] - 1, ncol if col_range[1] is None else min(col_range[1], ncol)
    rows = [(line, (r + [""] * (ncol - len(r)))[first_col:last_col]) for line, r in numbered]
    ncol = max(last_col - first_col, 0)
    header = rows[varnames - 1][1] if varnames and varnames <= len(rows) and ncol else []
    first, last = row_range
    body = [r for line, r in rows[varnames or 0:] if first <= line and (last is None or line <= last)]
    names = column_names(header, ncol, case)
    frame: dict = {}
    for j, name in enumerate(names):
        cells = [r[j].strip() for r in body]
        if _chosen(string_cols, j):
            values, vtype = text_column(cells), string_type(cells)
        elif _chosen(numeric_cols, j):
            values, vtype = forced_numeric(cells, asdouble)
        else:
            values, vtype = column_values(cells, asdouble)
        label = header[j].strip() if header and header[j].strip() != name else ""
        add_variable(ds, frame, name, values, vtype, label=label)
    ds = finish(ds, frame, names, len(body), path)
    ds.filename = None  # not a dataset file: `save` needs a name
    ds.changed = bool(names)  # never saved as a dataset: `use` must not discard it silently
    return ds


def column_names(header: list[str], ncol: int, case: str = "lower") -> list[str]:
    """Variable names from the header cells (``v1``, ``v2`` ... where a cell gives none)."""
    wanted = [name_from_text(header[j], case=case) if header else "" for j in range(ncol)]
    return unique_names(wanted, [f"v{j + 1}" for j in range(ncol)])


def _chosen(columns, j: int) -> bool:
    return columns == "all" or (columns is not None and j + 1 in columns)


def forced_numeric(cells: list[str], asdouble: bool):
    """numericcols(): each cell's number, missing where the text is none."""
    numeric = np.array([float(c) if _NUMBER_TEXT.match(c) and abs(float(c)) <= MAX_DOUBLE else np.nan
                        for c in cells], dtype=float)
    return _numeric_storage(numeric, asdouble)


def _numeric_storage(numeric: np.ndarray, asdouble: bool):
    vtype = numeric_type(numeric)
    if vtype == "double" and not np.all(np.isnan(numeric) | (numeric == np.trunc(numeric))) and not asdouble:
        return numeric.astype(np.float32).astype(float), "float"
    return numeric, vtype


def column_values(cells: list[str], asdouble: bool):
    """(values, storage type): numeric when every non-missing cell parses as a number."""
    numeric = np.empty(len(cells), dtype=float)
    for i, c in enumerate(cells):
        if c in _MISSING_TEXT:
            numeric[i] = np.nan
        elif _NUMBER_TEXT.match(c):  # Python's float() also takes inf, nan, 1_000
            v = float(c)
            numeric[i] = v if abs(v) <= MAX_DOUBLE else np.nan  # 1e400: missing, as in Stata
        else:
            return text_column(cells), string_type(cells)
    return _numeric_storage(numeric, asdouble)


# ----------------------------------------------------------------------------- export
# What Stata writes (docs/data_file_formats.md has the evidence): a number as its raw value
# without a leading zero (".8", "-.25"), floats to 8 significant digits (small magnitudes fixed:
# -.000013331775), doubles as %18.0g shows them; a missing value (. and .a-.z) as an empty field;
# a value-labelled value as its label text (numbers unless nolabel); with datafmt (and always in
# outsheet) every numeric variable -- dates too (%td, %tc, %tm ...) -- in its display format.
def number_text(v: float, vtype: str = "double") -> str:
    """A non-missing number as ``export delimited`` writes its raw value: whole numbers whole;
    a double as Stata's %18.0g shows it (16 digits, ``1.00000000000e-10``); a float to 8
    significant digits, fixed notation down to 1e-10 (``-.000013331775``)."""
    if v != v or v in (float("inf"), float("-inf")):  # not a Stata number: an empty field
        return ""
    if v == int(v) and abs(v) < 2 ** 53:
        return str(int(v))
    if vtype != "float":
        from mlmcli.render.numfmt import format_number
        return format_number(v, "%18.0g").strip()
    text = f"{v:.8g}"
    if "e" in text:
        exponent = int(text.split("e")[1])
        if -10 <= exponent < 0:  # ceo-value's CSVs: .000064906832, not 6.4906832e-05
            text = f"{v:.{7 - exponent}f}".rstrip("0").rstrip(".")
    from mlmcli.render.numfmt import drop_leading_zero
    return drop_leading_zero(text)


def is_datetime_format(fmt: str) -> bool:
    """A %t (or old %d) display format (``export excel, datestring()`` formats such variables)."""
    f = fmt.lstrip("%").lstrip("-")
    return f.startswith("t") or (f.startswith("d") and not f[:2].isdigit())


def export_cells(ds: Dataset, name: str, labels: bool, datafmt: bool = False, rows=None) -> list:
    """A variable's cells (of the ``rows`` mask) as ``export delimited`` writes them: (text,
    is_text) pairs, is_text marking strings, value labels and formatted values, which the quoting
    rule looks at."""
    if ds.is_string(name):
        texts = ds.df[name].to_numpy(dtype=object)
        return [(str(v), True) for v in (texts if rows is None else texts[rows]).tolist()]
    from mlmcli.missing import order_key
    from mlmcli.render.numfmt import format_number
    labmap = ds.value_labels.get(ds.value_label_of.get(name, ""), {}) if labels else {}
    fmt = ds.format_of(name)
    formatted = datafmt  # "The default is to use the raw, unformatted value": dates as day numbers
    vtype = ds.types.get(name, "double")
    values = ds.df[name].to_numpy(dtype=float, na_value=np.nan)
    if rows is not None:
        values = values[rows]

    def cell(v: float) -> tuple[str, bool]:
        if v != v:  # missing: a label on .a-.z is its text (the float keeps the NaN payload)
            key = order_key(v) if labmap else None
            return (labmap[key], True) if key in labmap else ("", False)
        if v in labmap:
            return labmap[v], True
        if formatted:
            return format_number(np.float32(v) if vtype == "float" else v, fmt).strip(), True
        return number_text(v, vtype), False

    if not (formatted or labmap):
        return [cell(v) for v in values.tolist()]
    cache: dict[int, tuple[str, bool]] = {}  # dates and labels repeat: format each value once
    out = []
    for bits, v in zip(values.view(np.int64).tolist(), values.tolist()):
        got = cache.get(bits)
        if got is None:
            got = cache[bits] = cell(v)
        out.append(got)
    return out


def quote_cell(text: str, is_text: bool, delimiter: str, always: bool) -> str:
    """Double-quote text holding the delimiter, a quote, a line break or (not in tab-separated
    files) a space; always with ``quote``.  A quote inside is doubled so that the file reads back.
    The help says "strings that contain spaces or the delimiter"; a tab-separated file Stata wrote
    (mdroste/stata-ctools validation/temp/stata_tab.tsv) has ``AMC Concord`` unquoted."""
    specials = ('"', "\n", "\r", delimiter) if delimiter == "\t" else (" ", '"', "\n", "\r", delimiter)
    if is_text and (always or any(ch in text for ch in specials)):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_delimited(ds: Dataset, path: str, *, names: list[str] | None = None, rows=None,
                    delimiter: str = ",", varnames: bool = True, labels: bool = True,
                    replace: bool, encoding: str = "utf-8", datafmt: bool = False,
                    quote: str = "auto") -> None:
    """``export delimited`` (and ``outsheet``, which passes ``datafmt=True``): ``names`` (default
    all) of the ``rows`` mask (default all) to ``path``.  ``quote``: ``auto`` (text as
    :func:`quote_cell` says), ``strings`` (string variables always, other text as auto:
    ``export delimited, quote`` and outsheet's default) or ``never`` (outsheet's ``noquote``)."""
    names = list(ds.varnames if names is None else names)
    mask = np.ones(ds.nobs, dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    lines = []
    if varnames:
        lines.append(delimiter.join(names))
    columns = []
    for n in names:
        always = quote == "strings" and ds.is_string(n)
        columns.append([text if quote == "never" else quote_cell(text, is_text, delimiter, always)
                        for text, is_text in export_cells(ds, n, labels, datafmt, mask)])
    lines.extend(delimiter.join(cells) for cells in zip(*columns))
    try:
        data = "".join(line + "\n" for line in lines).encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise StataError(f"cannot write the data in encoding {encoding}: {exc}", 198) from None
    write_bytes_atomic(path, data, replace=replace)
