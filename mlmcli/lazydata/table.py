"""``LazyDataset``: a dataset whose rows stay in DuckDB (``use file.parquet, lazy``).

It is a ``Dataset`` (same metadata: labels, formats, storage types) whose observations
live in an immutable DuckDB relation (``store.Relation``).  Variables map to the
relation's columns (``columns``: variable name -> column), so ``drop``, ``rename`` and
``order`` change only this map.  Commands that have a lazy form (``lazydata.operations``,
``lazydata.statistics``, the nested ``mixed`` reduction) run as SQL.  Any other command
reads ``.df``; then the data are *materialised*: loaded into memory once, in observation
order, when they take at most ``max_mb`` megabytes (``set lazymax``), after which the
object is an ordinary in-memory dataset; larger data are refused with r(909), naming
the lazy mode, and stay as they were.
"""
from __future__ import annotations

import contextlib
import glob
import os

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.storage_types import INT_LIMITS, derive_storage_types
from mlmcli.errors import StataError
from mlmcli.lazydata import store
from mlmcli.lazydata.store import ROW, Relation, literal, quote
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES
from mlmcli.text_bytes import string_type_of_width

DEFAULT_MAX_MB = 512


class LazyDataset(Dataset):
    """Rows in DuckDB; metadata as ``Dataset``.  ``lazy`` is False once materialised."""

    def __init__(self, relation: Relation, columns: dict[str, str], nobs: int, *, types: dict,
                 formats=None, var_labels=None, value_label_of=None, value_labels=None,
                 sortedby=(), changed=False, filename=None, label="", chars=None,
                 max_mb: float = DEFAULT_MAX_MB, source: tuple | None = None):
        self.var_labels = dict(var_labels or {})
        self.value_label_of = dict(value_label_of or {})
        self.value_labels = {k: dict(v) for k, v in (value_labels or {}).items()}
        self.formats = dict(formats or {})
        self.types = dict(types)
        self.sortedby = tuple(sortedby)
        self.changed = changed
        self.filename = filename
        self.label = label
        self.chars = dict(chars or {})
        self.relation = relation
        self.columns = dict(columns)
        self._nobs = int(nobs)
        self._frame = None
        self.max_mb = max_mb
        # ("parquet", files, select list naming the variables): the relation is still the
        # unmodified view of these files (Dask reads them directly)
        self.source = source

    def __repr__(self) -> str:  # never loads the rows
        where = f"relation {self.relation.name}" if self._frame is None else "in memory"
        return f"LazyDataset({self.nobs} obs, {self.varnames}, {where})"

    # ----- the rows: lazy or in memory -----
    @property
    def lazy(self) -> bool:
        return self._frame is None

    @property
    def df(self):
        if self._frame is None:
            self.materialise()
        return self._frame

    @df.setter
    def df(self, frame) -> None:
        self._frame = frame
        self.relation = None
        self.source = None
        derive_storage_types(self, frame)

    def estimated_bytes(self) -> float:
        width = sum(8 if not self.is_string(v) else _str_width(self.types.get(v, "str8")) + 8
                    for v in self.columns)
        return float(width) * self._nobs

    def materialise(self, what: str = "this command") -> None:
        """Load the rows into memory (observation order), or refuse with r(909) naming ``what``
        (the contract of ``Dataset.materialise``)."""
        if self._frame is not None:
            return
        size_mb = self.estimated_bytes() / 2 ** 20
        if size_mb > self.max_mb:
            raise StataError(
                f"{what} needs the data in memory: {self._nobs:,} observations kept lazily in "
                f"DuckDB would take about {_megabytes(size_mb)} MB, more than set lazymax "
                f"({_megabytes(self.max_mb)} MB);\n"
                "make the data smaller with keep/drop, or set lazymax higher", 909)
        self._frame = fetch_frame(self, list(self.columns))
        self.relation = None
        self.source = None

    # ----- shape and variables (no rows needed) -----
    @property
    def nobs(self) -> int:
        return self._nobs if self._frame is None else len(self._frame)

    @property
    def varnames(self) -> list[str]:
        return list(self.columns) if self._frame is None else list(self._frame.columns)

    def is_empty(self) -> bool:
        return self.nobs == 0 and not self.varnames

    def is_string(self, name: str) -> bool:
        if self._frame is not None:
            return super().is_string(name)
        return self.types.get(name, "").startswith("str")

    def copy(self) -> Dataset:
        if self._frame is not None:
            return Dataset(df=self._frame.copy(), var_labels=dict(self.var_labels),
                           value_label_of=dict(self.value_label_of),
                           value_labels={k: dict(v) for k, v in self.value_labels.items()},
                           formats=dict(self.formats), types=dict(self.types), sortedby=self.sortedby,
                           changed=self.changed, filename=self.filename, label=self.label,
                           chars=dict(self.chars),
                           row_origin=None if self.row_origin is None else self.row_origin.copy(),
                           row_lineage=self.row_lineage)
        return self.derive(self.relation, self.columns, self._nobs, keep_source=True)

    def derive(self, relation: Relation, columns: dict[str, str], nobs: int, *,
               keep_source: bool = False) -> "LazyDataset":
        """A new lazy dataset over ``relation`` with this one's metadata."""
        return LazyDataset(relation, columns, nobs, types=self.types, formats=self.formats,
                           var_labels=self.var_labels, value_label_of=self.value_label_of,
                           value_labels=self.value_labels, sortedby=self.sortedby,
                           changed=self.changed, filename=self.filename, label=self.label,
                           chars=self.chars, max_mb=self.max_mb,
                           source=self.source if keep_source else None)

    def drop_variables(self, names) -> None:
        if self._frame is not None:
            return super().drop_variables(names)
        names = list(names)
        for n in names:
            self.columns.pop(n, None)
        self.drop_metadata(names)

    def rename_variable(self, old: str, new: str) -> None:
        if self._frame is not None:
            return super().rename_variable(old, new)
        self.columns = {(new if k == old else k): v for k, v in self.columns.items()}
        self.rename_metadata(old, new)

    def reorder(self, names: list[str]) -> None:
        """``order``: the variables in this order."""
        self.columns = {n: self.columns[n] for n in names}
        self.changed = True

    # ----- SQL -----
    def column_sql(self, name: str) -> str:
        return quote(self.columns[name])

    def select_list(self) -> str:
        """Every variable under its own name, after the row-order column."""
        return ", ".join([ROW] + [f"{quote(c)} AS {quote(n)}" for n, c in self.columns.items()])

    def from_sql(self) -> str:
        """The relation with every variable under its own name (a subquery)."""
        return f"(SELECT {self.select_list()} FROM {self.relation.sql})"


def _megabytes(mb: float) -> str:
    return f"{mb:,.0f}" if mb >= 10 else f"{mb:.2g}"


def _str_width(vtype: str) -> int:
    rest = vtype[3:]
    return int(rest) if rest.isdecimal() else 2045


def fetch_frame(ds: LazyDataset, names: list[str], where: str | None = None, limit: int | None = None):
    """Variables of a lazy dataset as a pandas DataFrame in observation order (missing: NaN
    and ``""``, strings as object arrays, as the in-memory dataset holds them)."""
    import pandas as pd

    cols = ", ".join(quote(n) for n in names) if names else "1 AS __none"
    sql = f"SELECT {cols} FROM {ds.from_sql()}"
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {ROW}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    frame = store.query(sql).df()
    if not names:
        return pd.DataFrame(index=pd.RangeIndex(len(frame)))
    out = {}
    for n in names:
        col = frame[n]
        if ds.is_string(n):
            values = np.empty(len(col), dtype=object)
            values[:] = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in col.tolist()]
            out[n] = values
        else:
            out[n] = col.to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(out, columns=names)


# ---------------------------------------------------------------------- opening files

_DUCK_TO_STATA = {"DOUBLE": "double", "FLOAT": "float", "REAL": "float", "INTEGER": "long",
                  "SMALLINT": "int", "TINYINT": "byte", "BOOLEAN": "byte", "BIGINT": "double",
                  "UBIGINT": "double", "HUGEINT": "double", "UINTEGER": "double",
                  "USMALLINT": "long", "UTINYINT": "int"}


def stata_name(raw: str, taken: set[str], position: int) -> str:
    """A variable name for a column name: invalid characters as ``_``, at most 32
    characters, ``v#`` when nothing valid is left or the name is taken."""
    name = "".join(ch if ch.isalpha() or ch in "0123456789_" else "_" for ch in raw.strip())[:32]  # Unicode letters stay
    if name and name[0].isdigit():
        name = ("_" + name)[:32]
    if not name or not NAME_RE.match(name) or name in taken or name in RESERVED_NAMES or name == ROW:
        name = f"v{position + 1}"
    return name


def numeric_sql(column_sql: str) -> str:
    """A source column as a Stata numeric variable: DOUBLE, NaN and +-inf as missing."""
    return (f"nullif(nullif(nullif(CAST({column_sql} AS DOUBLE), 'inf'::DOUBLE), '-inf'::DOUBLE), "
            f"'nan'::DOUBLE)")


def parquet_files(path: str) -> list[str]:
    files = sorted(glob.glob(path)) if any(ch in path for ch in "*?[") else [path]
    if not files or not all(os.path.isfile(f) for f in files):
        raise StataError(f"file {path} not found", 601)
    return files


@contextlib.contextmanager
def _not_parquet(path: str):
    """DuckDB refusing a file (empty, damaged, not Parquet): import parquet's r(610)."""
    try:
        yield
    except Exception as exc:
        if "duckdb" not in type(exc).__module__:
            raise
        raise StataError(f"file {path} not Parquet format", 610) from None


def open_parquet(path: str, max_mb: float = DEFAULT_MAX_MB) -> LazyDataset:
    """A lazy dataset over one Parquet file (or a glob of them, in name order)."""
    files = parquet_files(path)
    with _not_parquet(path):
        schema = store.fetchall(f"DESCRIBE SELECT * FROM read_parquet({literal(files[0])})")
    names, types, exprs = [], {}, []
    taken: set[str] = set()
    for i, (raw, duck_type, *_rest) in enumerate(schema):
        name = stata_name(raw, taken, i)
        taken.add(name)
        names.append(name)
        base = duck_type.split("(")[0].upper()
        if base in _DUCK_TO_STATA or base.startswith("DECIMAL"):
            types[name] = _DUCK_TO_STATA.get(base, "double")
            exprs.append(f"{numeric_sql(quote(raw))} AS {quote(name)}")
        else:
            types[name] = "str"
            exprs.append(f"coalesce(CAST({quote(raw)} AS VARCHAR), '') AS {quote(name)}")
    parts = []
    for k, f in enumerate(files):
        parts.append(f"SELECT (CAST({k} AS BIGINT) << 40) + file_row_number AS {ROW}, {', '.join(exprs)} "
                     f"FROM read_parquet({literal(f)}, file_row_number = true)")
    with _not_parquet(path):  # a later file of a glob may be the damaged one
        relation = store.create(" UNION ALL ".join(parts), kind="VIEW")
        nobs = int(store.fetchall(f"SELECT count(*) FROM {relation.sql}")[0][0])
    _string_widths(relation, names, types)
    return LazyDataset(relation, {n: n for n in names}, nobs, types=types,
                       filename=os.path.abspath(path), max_mb=max_mb,
                       source=("parquet", tuple(files), ", ".join(exprs)))


def _string_widths(relation: Relation, names: list[str], types: dict) -> None:
    """str# storage types from the longest value of each string variable (one scan)."""
    strs = [n for n in names if types[n] == "str"]
    if not strs:
        return
    row = store.fetchall("SELECT " + ", ".join(f"max(strlen({quote(n)}))" for n in strs)
                         + f" FROM {relation.sql}")[0]
    for n, w in zip(strs, row):
        w = int(w or 1)
        types[n] = string_type_of_width(w)


_NUMBER_RE = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
_MAX_DOUBLE = "8.988465674311579e307"  # Stata's largest double; beyond it is missing


def open_csv(path: str, names_for, delimiter: str | None = None, header: bool = True,
             asdouble: bool = False, max_mb: float = DEFAULT_MAX_MB) -> tuple[LazyDataset, dict]:
    """A CSV file read into a DuckDB table with ``import delimited``'s rules: a column is
    numeric when every non-empty cell is a number (``.``, ``NA`` and empty are missing),
    integers take the smallest of byte/int/long that holds them (else double), other
    numbers are float (rounded to single precision) unless ``asdouble``; cells are
    trimmed.  ``names_for(header cells, ncol)`` gives the variable names.  Returns the
    dataset and the variable labels (header text that differs from the name)."""
    if os.path.isdir(path):  # a folder named like a CSV file: import delimited's r(603)
        from mlmcli.fileformats.messages import cannot_open
        raise cannot_open(path)
    if delimiter is None:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        raw = store.create(f"SELECT * FROM read_csv({literal(path)}, all_varchar = true, header = false, "
                           f"delim = {literal(delimiter)}, null_padding = true)")
    except Exception as exc:  # DuckDB's sniffer on a file that is no text table (a .dta, random bytes)
        if "duckdb" not in type(exc).__module__:
            raise
        from mlmcli.fileformats.messages import cannot_load
        raise cannot_load(path) from None
    cols = [r[0] for r in store.fetchall(f"DESCRIBE {raw.sql}")]
    cell = {c: f"trim(coalesce({quote(c)}, ''), ' \t\r\n')" for c in cols}
    nonblank = " OR ".join(f"{cell[c]} <> ''" for c in cols) or "false"
    body = store.create(f"SELECT rowid AS __r, * FROM {raw.sql} WHERE {nonblank}")
    head: list[str] = []
    if header:
        first_row = store.fetchall(f"SELECT {', '.join(cell[c] for c in cols)} FROM {body.sql} ORDER BY __r LIMIT 1")
        head = list(first_row[0]) if first_row else []
    names = names_for(head, len(cols))
    skip = f"WHERE __r > (SELECT min(__r) FROM {body.sql})" if header else ""
    rows = f"(SELECT * FROM {body.sql} {skip})"
    missing = "('', '.', 'NA')"
    probes = []
    for c in cols:
        t = cell[c]
        v = f"(CASE WHEN {t} IN {missing} THEN NULL ELSE TRY_CAST({t} AS DOUBLE) END)"
        probes += [f"bool_and({t} IN {missing} OR regexp_full_match({t}, {literal(_NUMBER_RE)}))",
                   f"min(CASE WHEN abs({v}) <= {_MAX_DOUBLE} THEN {v} END)",
                   f"max(CASE WHEN abs({v}) <= {_MAX_DOUBLE} THEN {v} END)",
                   f"bool_and(abs({v}) > {_MAX_DOUBLE} OR {v} = trunc({v}))",
                   f"max(strlen({t}))"]
    found = store.fetchall(f"SELECT {', '.join(probes)} FROM {rows}")[0] if cols else ()
    types, exprs, labels = {}, [], {}
    for k, (c, name) in enumerate(zip(cols, names)):
        numeric, lo, hi, integral, width = found[5 * k:5 * k + 5]
        t = cell[c]
        if header and k < len(head) and head[k] and head[k] != name:
            labels[name] = head[k]
        if numeric is False:
            width = int(width or 1)
            types[name] = string_type_of_width(width)
            exprs.append(f"{t} AS {quote(name)}")
            continue
        v = (f"(CASE WHEN {t} IN {missing} THEN NULL ELSE nullif(CASE WHEN abs(TRY_CAST({t} AS DOUBLE)) "
             f"<= {_MAX_DOUBLE} THEN TRY_CAST({t} AS DOUBLE) END, 'nan'::DOUBLE) END)")
        if lo is None:
            vtype = "byte"
        elif integral is not False:
            vtype = next((name_ for name_, (a, b) in INT_LIMITS.items() if lo >= a and hi <= b), "double")
        else:
            vtype = "double" if asdouble else "float"
        types[name] = vtype
        if vtype == "float":  # single precision, as import delimited stores it
            v = f"(CASE WHEN abs({v}) <= 3.4028234663852886e38 THEN CAST(CAST({v} AS FLOAT) AS DOUBLE) END)"
        exprs.append(f"{v} AS {quote(name)}")
    table = store.create(f"SELECT row_number() OVER (ORDER BY __r) AS {ROW}, {', '.join(exprs)} FROM {rows} "
                         f"ORDER BY {ROW}")
    nobs = int(store.fetchall(f"SELECT count(*) FROM {table.sql}")[0][0])
    ds = LazyDataset(table, {n: n for n in names}, nobs, types=types, changed=True, max_mb=max_mb)
    for n, vtype in types.items():
        if vtype.startswith("str"):
            ds.formats[n] = f"%{vtype[3:]}s" if vtype[3:].isdecimal() and int(vtype[3:]) > 9 else "%9s"
    return ds, labels
