"""The DuckDB database that holds lazy datasets, and the immutable relations in it.

One embedded DuckDB database per process, in a file under a private temporary folder
(deleted at exit), so that tables larger than memory spill to disk instead of failing.
DuckDB's own memory use is capped (``memory_limit``, default 1 GB; ``set lazymemory``).

A lazy dataset is an immutable *relation*: a view over the source files or a table
created by one command (``CREATE TABLE t2 AS SELECT ... FROM t1``).  A command never
changes a relation in place, so a command that fails leaves the data exactly as they
were, and ``preserve`` costs nothing (the preserved copy shares the relation).  A
relation is dropped when the last dataset holding it is garbage-collected.

Every relation carries the hidden column ``_mlm_row`` (BIGINT): the observation order.
Projections and filters keep the rows in that order; an operation that may reorder
(a join) ends with ``ORDER BY _mlm_row``; reading rows back always orders by it.
"""
from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
import threading
import weakref

from mlmcli.errors import StataError

ROW = "_mlm_row"
INSTALL_HINT = "pip install 'mlmcli[bigdata]'"

_lock = threading.RLock()
_state: dict = {"con": None, "dir": None, "memory_mb": 1024}
_names = itertools.count(1)


class NeedsRows(Exception):
    """An operation the lazy engine does not run (a function with no SQL form, a by-group
    loop, ...): the command runs on the data in memory instead (``LazyDataset.materialise``
    loads them when they are small enough, else refuses with r(909))."""


def duckdb_module():
    """The duckdb module, or Stata's r(198)-style refusal naming the optional extra."""
    try:
        import duckdb
    except ImportError:
        raise StataError(f"Parquet files and lazy data need the duckdb package ({INSTALL_HINT})", 198) from None
    return duckdb


def connection():
    """The process's DuckDB connection (opened on first use)."""
    with _lock:
        if _state["con"] is None:
            duckdb = duckdb_module()
            folder = tempfile.mkdtemp(prefix="mlm-lazy-")
            con = duckdb.connect(os.path.join(folder, "lazy.duckdb"))
            con.execute(f"SET temp_directory = '{folder}/spill'")
            con.execute("SET preserve_insertion_order = true")
            con.execute(f"SET memory_limit = '{_state['memory_mb']}MB'")
            _state["con"], _state["dir"] = con, folder
            atexit.register(_close)
        return _state["con"]


def folder() -> str:
    """The private folder of the database (Parquet exports for Dask go here)."""
    connection()
    return _state["dir"]


def set_memory_limit(mb: int) -> None:
    """DuckDB's memory cap in MB (``set lazymemory``)."""
    with _lock:
        _state["memory_mb"] = int(mb)
        if _state["con"] is not None:
            _state["con"].execute(f"SET memory_limit = '{int(mb)}MB'")


def memory_limit() -> int:
    return _state["memory_mb"]


def _close() -> None:
    con, path = _state["con"], _state["dir"]
    _state["con"] = None
    try:
        if con is not None:
            con.close()
    finally:
        if path:
            shutil.rmtree(path, ignore_errors=True)


def quote(name: str) -> str:
    """An SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def query(sql: str, params=None):
    """Run SQL on the shared connection; DuckDB's errors become Stata-style ones."""
    con = connection()
    duckdb = duckdb_module()
    with _lock:
        try:
            return con.execute(sql, params) if params is not None else con.execute(sql)
        except duckdb.OutOfMemoryException as exc:
            raise StataError(f"op. sys. refuses to provide memory (DuckDB: {str(exc).splitlines()[0]})",
                             909) from None
        except duckdb.IOException as exc:
            raise StataError(f"file could not be read or written (DuckDB: {str(exc).splitlines()[0]})",
                             603) from None


def fetchall(sql: str, params=None) -> list[tuple]:
    with _lock:
        return query(sql, params).fetchall()


class Relation:
    """A view or table of the database; dropped when no dataset holds it any more."""

    def __init__(self, name: str, kind: str):
        self.name = name
        self.kind = kind  # "VIEW" | "TABLE"
        self._finalizer = weakref.finalize(self, _drop, name, kind)

    @property
    def sql(self) -> str:
        return quote(self.name)


def _drop(name: str, kind: str) -> None:
    with _lock:
        con = _state["con"]
        if con is not None:
            try:
                con.execute(f"DROP {kind} IF EXISTS {quote(name)}")
            except Exception:  # the database is closing: nothing left to free
                pass


def create(select_sql: str, kind: str = "TABLE") -> Relation:
    """A new relation holding the rows of ``select_sql``."""
    name = f"mlm_{next(_names)}"
    query(f"CREATE {kind} {quote(name)} AS {select_sql}")
    return Relation(name, kind)
