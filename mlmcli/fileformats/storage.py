"""Stata's rules for a column that comes from another program: its name, storage type
and display format.  Shared by the spreadsheet, text, SPSS/SAS and Parquet readers.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.storage_types import INT_LIMITS
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES
from mlmcli.lazy_module import lazy_module

pd = lazy_module("pandas", globals(), "pd")  # imported on first use: reading a .dta needs none

INT_RANGES = INT_LIMITS  # the readers' name for them
MAX_DOUBLE = 8.988465674311579e307  # Stata's largest double
MAX_FLOAT = 1.7014117331926443e38  # Stata's largest float (below 2^127)

_INVALID_NAME_CHAR = re.compile(r"\W")  # Unicode letters stay, as in Stata 14's names


def default_format(vtype: str) -> str:
    """Stata's display format for a new variable of storage type ``vtype``."""
    if vtype.startswith("str"):
        width = vtype[3:]
        return f"%{width}s" if width.isdecimal() and int(width) > 9 else "%9s"
    return {"byte": "%8.0g", "int": "%8.0g", "long": "%12.0g", "float": "%9.0g"}.get(vtype, "%10.0g")


def string_type(values) -> str:
    """``str#`` wide enough in UTF-8 bytes for every value (at least str1), ``strL`` beyond str2045."""
    from mlmcli.text_bytes import string_storage_type

    return string_storage_type(values)


def numeric_type(values: np.ndarray, *, allow_float: bool = False) -> str:
    """Smallest storage type that holds ``values`` exactly (NaN = missing).

    Integers go to byte/int/long; anything else to double (float only when
    ``allow_float`` and every value is exact in single precision)."""
    finite = values[~np.isnan(values)]
    if finite.size == 0:
        return "byte"
    if np.all(finite == np.trunc(finite)):
        lo, hi = finite.min(), finite.max()
        for vtype, (tlo, thi) in INT_RANGES.items():
            if lo >= tlo and hi <= thi:
                return vtype
        return "double"
    if allow_float and np.all(np.abs(finite) <= MAX_FLOAT):
        with np.errstate(over="ignore"):
            if np.array_equal(finite.astype(np.float32).astype(float), finite):
                return "float"
    return "double"


def name_from_text(text: str, *, case: str = "preserve") -> str:
    """Stata's ``ustrtoname()``-style name (Unicode letters kept): invalid characters become ``_``, a leading
    digit gets a ``_`` in front, at most 32 characters; ``""`` when nothing is left."""
    text = text.strip()
    if case == "lower":
        text = text.lower()
    elif case == "upper":
        text = text.upper()
    name = _INVALID_NAME_CHAR.sub("_", text)
    if name and name[0].isdigit():
        name = "_" + name
    name = name[:32]
    if name.strip("_") == "" or name in RESERVED_NAMES:
        return ""
    return name


def unique_names(wanted: list[str], fallback: list[str]) -> list[str]:
    """Names in order: ``wanted[j]`` when it is a new valid name, else ``fallback[j]``
    (made unique with a numeric suffix if that is taken too)."""
    out: list[str] = []
    taken: set[str] = set()
    for j, name in enumerate(wanted):
        if not name or not NAME_RE.match(name) or name in taken:
            name = fallback[j]
            k = 1
            while name in taken or name in wanted[j + 1:]:
                name = f"{fallback[j]}_{k}"[:32]
                k += 1
        taken.add(name)
        out.append(name)
    return out


def excel_column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (spreadsheet column names; also default variable names)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def text_column(values) -> pd.Series:
    """An object column of Python str with ``""`` for missing."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]
    return pd.Series(arr)


def add_variable(ds: Dataset, frame: dict, name: str, values, vtype: str, fmt: str | None = None,
                 label: str = "") -> None:
    """Put one column and its metadata into a Dataset under construction."""
    frame[name] = values
    ds.types[name] = vtype
    ds.formats[name] = fmt or default_format(vtype)
    if label:
        ds.var_labels[name] = label


def finish(ds: Dataset, frame: dict, names: list[str], nobs: int, path: str | None = None) -> Dataset:
    """Build the frame from the collected columns; the Dataset is unchanged since it was read."""
    ds.df = pd.DataFrame(frame, columns=names) if names else pd.DataFrame(index=pd.RangeIndex(nobs))
    ds.df.index = pd.RangeIndex(len(ds.df))
    ds.filename = path
    ds.changed = False
    return ds
