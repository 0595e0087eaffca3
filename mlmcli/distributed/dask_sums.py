"""A nested mixed model's per-group cross-products on a Dask cluster (``set dask ...``).

The reduction is the one DuckDB runs on one machine (``lazydata.nested_sums``): per
lowest-level group, the row count and the sums of the products of the model's columns.
Sums add up over any split of the rows, so Dask runs it as map-reduce: every partition
of the Parquet data (a pandas DataFrame on a worker) is reduced by the same SQL query,
run by DuckDB inside the worker on that partition, to one row per group it holds; the
partial rows are then summed by group (``groupby(levels).sum()``, Dask's tree
reduction) and the few group rows come back to the client, which sorts them by the
level variables and hands them to the same engine.

Data: the lazy dataset's Parquet files when they are unchanged since ``use``, else the
current data written once as Parquet into the lazy database's folder (a cluster's
workers must be able to read that path, e.g. a shared file system).  ``if`` conditions
are evaluated per row in the partitions; ``in`` ranges and ``_n``/``_N`` need the row
order of the whole data and are refused (``set dask off`` runs them in DuckDB).

Where: ``threads`` (Dask's threaded scheduler in this process), ``local [#]`` (a
``dask.distributed.LocalCluster`` of # worker processes, default 2, started once per
session), or the address of an existing cluster's scheduler (``tcp://host:8786``).
"""
from __future__ import annotations

import atexit
import os
import threading

import numpy as np

from mlmcli.errors import StataError
from mlmcli.lazydata.nested_sums import NestedReduction
from mlmcli.lazydata.store import quote

_clients: dict = {}
_lock = threading.Lock()


def dask_modules():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise StataError("set dask needs the dask package (pip install 'mlmcli[distributed]')", 198) from None
    return dask, dd


def _client(where: str, workers: int | None):
    """The distributed client for ``where`` (None for the threaded scheduler)."""
    if where == "threads":
        return None
    key = (where, workers)
    with _lock:
        if key not in _clients:
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise StataError("set dask local|address needs the distributed package "
                                 "(pip install 'mlmcli[distributed]')", 198) from None
            if where == "local":
                cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
                _clients[key] = (Client(cluster, set_as_default=False), cluster)
            else:
                try:
                    _clients[key] = (Client(where, set_as_default=False, timeout=30), None)
                except OSError as exc:
                    raise StataError(f"Dask scheduler {where} not reachable: {exc}", 198) from None
            if len(_clients) == 1:
                atexit.register(close_clients)
        return _clients[key][0]


def close_clients() -> None:
    with _lock:
        for client, cluster in _clients.values():
            client.close()
            if cluster is not None:
                cluster.close()
        _clients.clear()


def parquet_source(ds) -> tuple[tuple[str, ...], str]:
    """(Parquet files, select list naming the dataset's variables over the files' columns)."""
    from mlmcli.lazydata import store
    from mlmcli.lazydata.table import numeric_sql

    if ds.source is not None and ds.source[0] == "parquet":
        files, view_select = ds.source[1], ds.source[2]
        visible = ", ".join(f"{quote(phys)} AS {quote(name)}" for name, phys in ds.columns.items())
        return files, f"{visible} FROM (SELECT {view_select} FROM part)"
    import hashlib

    naming = hashlib.sha1(repr(sorted(ds.columns.items())).encode()).hexdigest()[:12]
    folder = os.path.join(store.folder(), f"dask_{ds.relation.name}_{naming}")  # one export per state
    if not os.path.isdir(folder):
        cols = ", ".join(quote(n) for n in ds.columns)
        store.query(f"COPY (SELECT {cols} FROM {ds.from_sql()}) TO {store.literal(folder)} "
                    "(FORMAT parquet, PER_THREAD_OUTPUT true)")
    files = tuple(sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".parquet")))
    parts = [(f"{numeric_sql(quote(n))}" if not ds.is_string(n) else f"coalesce(CAST({quote(n)} AS VARCHAR), '')")
             + f" AS {quote(n)}" for n in ds.columns]
    return files, f"{', '.join(parts)} FROM part"


def partial_sums(part, select: str, selection: str, query: str):
    """One partition's per-group sums (runs on a worker)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        con.register("part", part)
        source = f"(SELECT *, {selection} AS __s FROM (SELECT {select}))"
        return con.execute(query.replace("__SOURCE__", source)).df()
    finally:
        con.close()


def reduce_on_dask(reduction: NestedReduction, ds, selection, where: str, workers: int | None):
    """GroupSums of ``reduction`` over the lazy dataset ``ds`` computed by Dask."""
    import pandas as pd

    if selection.window:
        raise StataError("set dask: in ranges, _n and _N need the whole data's row order; "
                         "use set dask off", 198)
    dask, dd = dask_modules()
    files, select = parquet_source(ds)
    frame = dd.read_parquet(list(files))
    query = reduction.aggregate_sql("__SOURCE__")
    keys = list(reduction.keys)
    meta = pd.DataFrame({k: pd.Series(dtype=object if ds.is_string(k) else "float64") for k in keys}
                        | {c: pd.Series(dtype="float64") for c in ["__n"] + list(reduction.distinct_products().values())})
    partials = frame.map_partitions(partial_sums, select, selection.column(), query, meta=meta)
    combined = partials.groupby(keys).sum()
    client = _client(where, workers)
    if client is None:
        result = combined.compute(scheduler="threads")
    else:
        result = client.compute(combined).result()
    result = result.reset_index().sort_values(keys, kind="stable")
    table = {c: result[c].to_numpy() for c in result.columns}
    for k in keys:
        if ds.is_string(k):
            table[k] = np.asarray(table[k], dtype=object)
    return reduction.assemble(table)
