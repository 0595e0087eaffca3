"""Stata's storage types of variables (``byte int long float double strN strL``): the type a
new column's values get, the string type a text column entering a dataset is given, and
numbers as a type holds them.  ``Dataset`` keeps each variable's type in ``types``.
"""
from __future__ import annotations

import sys

import numpy as np

from mlmcli.lazy_module import lazy_module
from mlmcli.syntax.varlist import NUMERIC_TYPES

pd = lazy_module("pandas", globals(), "pd")  # imported when a DataFrame is first needed


def derive_storage_types(ds, frame) -> None:
    """Give every text column of ``frame`` (the rows entering ``ds``) a string storage type
    when ``ds.types`` has none or a numeric one: a DataFrame built outside the readers, or a
    command that rebuilt a column, would otherwise leave it typed ``float`` by default, and
    ``replace`` and ``describe`` would read a width that is not there.  Its missing values
    (None, NaN, pd.NA) become "" as Stata's are.  A column of numbers still typed ``str#``
    gets its numeric type back (not on 0 rows, where pandas may lose a text column's dtype).
    Numeric columns without a type keep the implicit ``float``."""
    types = ds.__dict__.get("types")
    if types is None or frame is None or "pandas" not in sys.modules or not isinstance(frame, pd.DataFrame):
        return
    rows = len(frame)
    for name, dtype in zip(frame.columns.tolist(), frame.dtypes.tolist()):
        stored = types.get(name, "")
        if _is_text_dtype(dtype) and (dtype != object or _holds_text(frame[name])):
            if not stored.startswith("str"):
                values = frame[name]
                if values.isna().any():
                    values = values.astype(object).where(values.notna(), "")
                    frame[name] = values
                types[name] = infer_storage_type(values)
        elif stored.startswith("str") and rows and (dtype.kind in "biuf"):
            types[name] = infer_storage_type(frame[name])


def _holds_text(values) -> bool:
    # an object column may hold numbers (with None for missing): only text makes it a string
    return pd.api.types.infer_dtype(values, skipna=True) == "string"


def _is_text_dtype(dtype) -> bool:
    # kind first: is_string_dtype costs ~1 us a call, and this runs on every new frame
    return dtype.kind == "O" and (dtype == object or pd.api.types.is_string_dtype(dtype))


def infer_storage_type(series: pd.Series) -> str:
    """The storage type a new column of these values gets: str# (strL) for text, the smallest
    integer type that holds integers, ``float`` otherwise."""
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        from mlmcli.text_bytes import string_storage_type

        return string_storage_type(series.astype(str).tolist())
    if pd.api.types.is_integer_dtype(series.dtype):
        lo, hi = (series.min(), series.max()) if len(series) else (0, 0)
        if -127 <= lo and hi <= 100:
            return "byte"
        if -32767 <= lo and hi <= 32740:
            return "int"
        return "long"
    return "float"


INT_LIMITS = {"byte": (-127, 100), "int": (-32767, 32740), "long": (-2147483647, 2147483620)}


def compressed_type(values: np.ndarray, vtype: str = "double") -> str:
    """compress's type for numbers now stored as ``vtype``: the narrowest integer type below
    ``vtype`` holding them when all are whole, float for a double whose values single
    precision holds exactly, else ``vtype`` (a type is only ever narrowed; missing values
    do not count)."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    rank = NUMERIC_TYPES.index(vtype) if vtype in NUMERIC_TYPES else len(NUMERIC_TYPES)
    if finite.size == 0 or np.all(finite == np.trunc(finite)):
        lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 0.0)
        for t in NUMERIC_TYPES[:min(rank, 3)]:
            if INT_LIMITS[t][0] <= lo and hi <= INT_LIMITS[t][1]:
                return t
    if vtype == "double":
        with np.errstate(over="ignore"):  # beyond float's range: inf, unequal, stays double
            if np.all(finite.astype(np.float32).astype(float) == finite):
                return "float"
    return vtype


def fit_storage(values: np.ndarray, vtype: str) -> np.ndarray:
    """Values as the storage type holds them: float rounds to single precision,
    integer types truncate toward zero and turn out-of-range values into missing."""
    values = np.asarray(values, dtype=float)
    if vtype == "float":
        with np.errstate(over="ignore", invalid="ignore"):
            out = values.astype(np.float32).astype(float)
        out[np.isinf(out)] = np.nan
    elif vtype in INT_LIMITS:
        lo, hi = INT_LIMITS[vtype]
        with np.errstate(invalid="ignore"):
            out = np.trunc(values)
            out[(out < lo) | (out > hi)] = np.nan
    else:
        return values
    missing = np.isnan(values)
    out[missing] = values[missing]  # keep .a … .z: float32 conversion drops the NaN payload
    return out
