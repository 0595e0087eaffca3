"""Apache Parquet files through pyarrow: ``import parquet``/``use file.parquet`` and ``export parquet``.

Columns are written in the Arrow type of their storage type (byte int8, int int16,
long int32, float float32, double float64, str#/strL string); %td variables as
``date32`` and %tc as ``timestamp[ms]`` so other programs see dates.  Every
missing value, ``.a``-``.z`` included, is a Parquet null.

What Parquet has no place for is kept in the file's key-value metadata under the
key ``mlmcli.stata``: a JSON object (this is its schema, version 1)::

    {"format": "mlmcli-stata", "version": 1,
     "data_label": "text", "sortedby": ["id"],
     "chars": {"note1": "...", "x[note1]": "..."},       # Dataset.chars
     "value_labels": {"yn": [[0, "no"], [1, "yes"], [".a", "refused"]]},
     "variables": {"x": {"type": "byte", "format": "%8.0g", "label": "text",
                         "value_label": "yn",
                         "missing": {"a": [3, 17], "b": [4]}}}}   # rows (0-based) of .a, .b

Reading a file with that key restores all of it exactly.  A file from another
program gets Stata's rules: names made valid (the original name becomes the
label), integers and floats in the smallest type that holds them, booleans as
byte, dates as %td, timestamps as %tc (ms since 01jan1960, UTC), times of day as
%tcHH:MM:SS, dictionary-encoded (categorical) text as numbers 1..k with a value
label named after the variable (as ``encode`` makes), decimals as double, and
nested values as their text.
"""
from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats import messages
from mlmcli.fileformats.safe_write import atomic_write
from mlmcli.fileformats.storage import (add_variable, default_format, finish, name_from_text, numeric_type,
                                        string_type, text_column, unique_names)
from mlmcli.missing import LETTERS, code as missing_code, extended, from_order_key, order_key

META_KEY = b"mlmcli.stata"
DAYS_1960_TO_1970 = 3653
MS_1960_TO_1970 = DAYS_1960_TO_1970 * 86_400_000
_ARROW_OF = {"byte": "int8", "int": "int16", "long": "int32", "float": "float32", "double": "float64"}


def _pyarrow(what: str):
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise messages.missing_library(what, "pyarrow", "parquet") from None
    return pa, pq


# ----------------------------------------------------------------------------- writing
def write_parquet(ds: Dataset, path: str, *, replace: bool, names: list[str] | None = None,
                  rows=None) -> None:
    """``export parquet``: ``names`` (default all) of the ``rows`` mask (default all) to ``path``."""
    pa, pq = _pyarrow("export parquet")
    names = list(ds.varnames if names is None else names)
    mask = np.ones(ds.nobs, dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    arrays, variables = [], {}
    for name in names:
        info = {"type": ds.types.get(name, "str1" if ds.is_string(name) else "double"),
                "format": ds.formats.get(name) or ds.format_of(name)}
        if ds.var_labels.get(name):
            info["label"] = ds.var_labels[name]
        if ds.value_label_of.get(name):
            info["value_label"] = ds.value_label_of[name]
        if ds.is_string(name):
            arrays.append(pa.array(["" if v is None else str(v) for v in ds.df[name].to_numpy(dtype=object)[mask]],
                                   type=pa.string()))
        else:
            values = ds.df[name].to_numpy(dtype=float, na_value=np.nan)[mask]
            codes = missing_code(values)
            extended_rows = {LETTERS[k - 1]: np.flatnonzero(codes == k).tolist() for k in np.unique(codes) if k > 0}
            if extended_rows:
                info["missing"] = extended_rows
            arrays.append(_arrow_numeric(pa, values, info))
        variables[name] = info
    meta = {"format": "mlmcli-stata", "version": 1, "data_label": ds.label or "",
            "sortedby": [v for v in ds.sortedby if v in names],
            "chars": {k: v for k, v in ds.chars.items() if "[" not in k or k.split("[", 1)[0] in names},
            "value_labels": {lab: [[_json_key(k), t] for k, t in sorted(m.items())]
                             for lab, m in ds.value_labels.items()},
            "variables": variables}
    table = pa.Table.from_arrays(arrays, names=names) if names else pa.table({})
    table = table.replace_schema_metadata({META_KEY: json.dumps(meta).encode("utf-8")})
    atomic_write(path, lambda tmp: pq.write_table(table, tmp), replace=replace)


def _arrow_numeric(pa, values: np.ndarray, info: dict):
    missing = np.isnan(values)
    fmt, vtype = info["format"], info["type"]
    finite = values[~missing]
    integral = bool(np.all(finite == np.trunc(finite)))
    # dates and times as Arrow's types only when they fit them (int32 days; ms that float64
    # gives back exactly): a %tc of 1e300 wrapped around in int64, a %td in int32
    largest = float(np.max(np.abs(finite), initial=0.0))
    if fmt.startswith(("%td", "%d")) and integral and largest < 2.0 ** 31 - DAYS_1960_TO_1970:
        return pa.array(np.where(missing, 0, values - DAYS_1960_TO_1970).astype(np.int32), type=pa.date32(),
                        mask=missing)
    if fmt.startswith(("%tc", "%tC")) and integral and largest < 2.0 ** 53 - abs(MS_1960_TO_1970):
        return pa.array(np.where(missing, 0, values - MS_1960_TO_1970).astype(np.int64), type=pa.timestamp("ms"),
                        mask=missing)
    arrow_type = _ARROW_OF.get(vtype, "float64")
    if arrow_type.startswith("int") and not (integral and _fits(finite, vtype)):
        arrow_type = "float64"
    data = np.where(missing, 0, values).astype(arrow_type)
    return pa.array(data, type=getattr(pa, arrow_type)(), mask=missing)


def _fits(finite: np.ndarray, vtype: str) -> bool:
    from mlmcli.fileformats.storage import INT_RANGES
    lo, hi = INT_RANGES[vtype]
    return finite.size == 0 or (finite.min() >= lo and finite.max() <= hi)


def _json_key(key: float):
    return "." + LETTERS[missing_code(from_order_key(key)) - 1] if key >= 1e308 and \
        missing_code(from_order_key(key)) > 0 else ("." if key >= 1e308 else (int(key) if key == int(key) else key))


def _key_from_json(value) -> float:
    if isinstance(value, str):
        return order_key(extended(value[1:]))
    return float(value)


# ----------------------------------------------------------------------------- reading
def read_parquet(path: str, *, columns: list[str] | None = None) -> Dataset:
    """``import parquet``/``use file.parquet``: a new Dataset."""
    pa, pq = _pyarrow("import parquet")
    if not os.path.exists(path):
        raise messages.not_found(path)
    if os.path.isdir(path):
        raise messages.cannot_open(path)
    try:
        table = pq.read_table(path)
    except PermissionError:
        raise messages.cannot_open(path) from None
    except Exception as exc:  # pyarrow's ArrowInvalid, OSError ... on a foreign or damaged file
        raise StataError(f"file {path} not Parquet format", 610) from exc
    meta = _metadata(table)
    if columns is not None:
        absent = [c for c in columns if c not in table.column_names]
        if absent:
            raise StataError(f"variable {absent[0]} not found in {path}", 111)
        table = table.select([c for c in table.column_names if c in set(columns)])
    if meta is not None:
        return _read_ours(path, table, meta)
    return _read_foreign(path, table, pa)


def has_stata_metadata(path: str) -> bool:
    """Whether ``path`` is a Parquet file mlm wrote (its schema carries types, formats and
    labels); read from the footer only.  False for anything unreadable."""
    try:
        _, pq = _pyarrow("use")
        schema = pq.read_schema(path)
    except Exception:
        return False
    raw = (schema.metadata or {}).get(META_KEY)
    try:
        meta = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(meta, dict) and meta.get("format") == "mlmcli-stata"


def _metadata(table) -> dict | None:
    raw = (table.schema.metadata or {}).get(META_KEY)
    if raw is None:
        return None
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return meta if isinstance(meta, dict) and meta.get("format") == "mlmcli-stata" else None


def _read_ours(path: str, table, meta: dict) -> Dataset:
    variables = meta.get("variables", {})
    ds = Dataset()
    frame: dict = {}
    names = table.column_names
    for name in names:
        info = variables.get(name, {})
        column = table.column(name)
        vtype = info.get("type") or "double"
        if vtype.startswith("str"):
            texts = ["" if v is None else str(v) for v in column.to_pylist()]
            values = text_column(texts)
        else:
            values = _numbers(column)
            for letter, rows in (info.get("missing") or {}).items():
                values[np.asarray(rows, dtype=np.int64)] = extended(letter)
        add_variable(ds, frame, name, values, vtype, info.get("format"), info.get("label", ""))
        if info.get("value_label"):
            ds.value_label_of[name] = info["value_label"]
    ds = finish(ds, frame, names, table.num_rows, path)
    ds.label = meta.get("data_label", "")
    ds.chars = {k: v for k, v in (meta.get("chars") or {}).items()
                if "[" not in k or k.split("[", 1)[0] in names}
    ds.value_labels = {lab: {_key_from_json(k): t for k, t in pairs}
                       for lab, pairs in (meta.get("value_labels") or {}).items()}
    ds.sortedby = tuple(meta.get("sortedby") or ()) if all(v in names for v in meta.get("sortedby") or ()) else ()
    ds.changed = bool(names)  # import semantics, as for every format but .dta
    ds.filename = None
    return ds


def _numbers(column) -> np.ndarray:
    """A numeric, date or time Arrow column as float64 in Stata's units (nulls are NaN)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    t = column.type
    if pa.types.is_date(t):
        return _with_nulls(column.cast(pa.date32()).cast(pa.int32())) + DAYS_1960_TO_1970
    if pa.types.is_timestamp(t):
        ms = column.cast(pa.timestamp("ms", tz=t.tz)).cast(pa.int64())
        return _with_nulls(ms) + MS_1960_TO_1970
    if pa.types.is_time(t):
        ms = column.cast(pa.time32("ms")).cast(pa.int32())
        return _with_nulls(ms)
    if pa.types.is_boolean(t) or pa.types.is_decimal(t):
        return _with_nulls(column.cast(pa.float64()))
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        out = _with_nulls(pc.cast(column, pa.float64(), safe=False))
        out[np.isinf(out)] = np.nan
        return out
    raise TypeError(t)


def _with_nulls(column) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc
    # safe=False: an int64 past 2^53 (a foreign file's timestamp) rounds, as Stata's double would
    arr = pc.cast(column, pa.float64(), safe=False).to_numpy(zero_copy_only=False)
    return np.asarray(arr, dtype=float).copy()


def _read_foreign(path: str, table, pa) -> Dataset:
    original = table.column_names
    names = unique_names([name_from_text(str(c)) for c in original], [f"v{j + 1}" for j in range(len(original))])
    ds = Dataset()
    frame: dict = {}
    for src, name in zip(original, names):
        column = table.column(src)
        t = column.type
        label = "" if src == name else str(src)[:80]
        if pa.types.is_dictionary(t):
            column = column.combine_chunks() if hasattr(column, "combine_chunks") else column
            categories = [str(v) for v in column.dictionary.to_pylist()]
            codes = column.indices.cast(pa.float64()).to_numpy(zero_copy_only=False)
            values = np.asarray(codes, dtype=float) + 1
            add_variable(ds, frame, name, values, numeric_type(values), label=label)
            ds.value_labels[name] = {float(i + 1): c for i, c in enumerate(categories)}
            ds.value_label_of[name] = name
            continue
        if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t) or \
                pa.types.is_large_binary(t) or pa.types.is_nested(t) or pa.types.is_null(t):
            texts = [_text(v) for v in column.to_pylist()]
            add_variable(ds, frame, name, text_column(texts), string_type(texts), label=label)
            continue
        try:
            values = _numbers(column)
        except (TypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            texts = [_text(v) for v in column.to_pylist()]
            add_variable(ds, frame, name, text_column(texts), string_type(texts), label=label)
            continue
        if pa.types.is_date(t):
            vtype, fmt = numeric_type(values), "%td"
        elif pa.types.is_timestamp(t):
            vtype, fmt = "double", "%tc"
        elif pa.types.is_time(t):
            vtype, fmt = "double", "%tcHH:MM:SS"
        else:
            vtype = numeric_type(values, allow_float=pa.types.is_floating(t) and t.bit_width == 32)
            fmt = default_format(vtype)
        add_variable(ds, frame, name, values, vtype, fmt, label)
    ds = finish(ds, frame, names, table.num_rows, path)
    ds.changed = bool(names)  # not a Stata dataset: `use` must not discard it silently
    ds.filename = None
    return ds


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)
