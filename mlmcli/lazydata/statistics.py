"""Summaries computed inside DuckDB: ``count``, ``summarize`` moments, ``tabulate`` counts.

Definitions as ``mlmcli.summary_statistics.moments`` (over the non-missing values of the
selected rows): N, sum, mean (a constant variable's mean is the constant itself, so no
rounding shows), Var = sum (x - mean)^2 / (N - 1) (DuckDB's ``var_samp``, a one-pass
updating algorithm: equal to the two-pass value within rounding), sd, min, max.
"""
from __future__ import annotations

from mlmcli.lazydata import store
from mlmcli.lazydata.operations import Selection
from mlmcli.lazydata.store import quote
from mlmcli.lazydata.table import LazyDataset


def _rows(ds: LazyDataset, sel: Selection, columns: str = "*") -> str:
    """The selected rows as a subquery (the selection computed in a SELECT: windows allowed)."""
    return (f"(SELECT {columns} FROM (SELECT *, {sel.column()} AS __s FROM {ds.from_sql()}) "
            f"WHERE __s)")


def count(ds: LazyDataset, sel: Selection) -> int:
    if sel.sql is None:
        return ds.nobs
    return int(store.fetchall(f"SELECT count(*) FROM {_rows(ds, sel)}")[0][0])


def moments(ds: LazyDataset, sel: Selection, names: list[str]) -> list[dict]:
    """Per numeric variable: N, sum, mean, Var, sd, min, max (one scan for all of them)."""
    if not names:
        return []
    parts = []
    for n in names:
        c = quote(n)
        parts += [f"count({c})", f"sum({c})",
                  f"CASE WHEN min({c}) = max({c}) THEN min({c}) ELSE avg({c}) END",
                  f"CASE WHEN min({c}) = max({c}) AND count({c}) > 1 THEN 0 ELSE var_samp({c}) END",
                  f"min({c})", f"max({c})"]
    row = store.fetchall(f"SELECT {', '.join(parts)} FROM {_rows(ds, sel)}")[0]
    nan = float("nan")
    out = []
    for k in range(len(names)):
        N, total, mean, var, lo, hi = row[6 * k:6 * k + 6]
        N = int(N)
        def f(v):
            return nan if v is None else float(v)
        var = f(var)
        out.append({"N": N, "sum": f(total) if N else 0.0, "mean": f(mean), "Var": var,
                    "sd": var ** 0.5 if var == var else nan, "min": f(lo), "max": f(hi)})
    return out


def frequencies(ds: LazyDataset, sel: Selection, names: list[str], include_missing: bool) -> list[tuple]:
    """(value, ..., count) for each distinct combination of ``names`` over the selected rows,
    sorted (missing last); rows with a missing value are left out unless ``include_missing``."""
    cols = ", ".join(quote(n) for n in names)
    where = ""
    if not include_missing:
        tests = [f"{quote(n)} <> ''" if ds.is_string(n) else f"{quote(n)} IS NOT NULL" for n in names]
        where = " WHERE " + " AND ".join(tests)
    order = ", ".join(f"{quote(n)} ASC NULLS LAST" for n in names)
    return store.fetchall(f"SELECT {cols}, count(*) FROM {_rows(ds, sel)}{where} GROUP BY {cols} ORDER BY {order}")
