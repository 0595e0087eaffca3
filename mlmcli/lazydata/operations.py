"""Data changes on a lazy dataset, each one new DuckDB relation (no printing here).

Every function takes a ``LazyDataset`` and returns a new one (or numbers): the old
relation is untouched, so a failure leaves the data as they were.  Values are stored
as Stata stores them (``storage_sql``): ``float`` rounds to single precision, ``byte``/
``int``/``long`` truncate and turn out-of-range values into missing, as
``commands.data.common.fit_storage`` does in memory.

Selections (``if``/``in``) are SQL booleans over the relation, computed in an inner
SELECT (``__s``) so that window functions (``_n``, ``x[_n-1]``, ``in``) are allowed.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.errors import StataError
from mlmcli.lazydata import store
from mlmcli.lazydata.sql_expression import NUM, STR, Sql, SqlCompiler
from mlmcli.lazydata.store import ROW, NeedsRows, quote
from mlmcli.lazydata.table import LazyDataset
from mlmcli.sample import in_range_rows
from mlmcli.storage_types import INT_LIMITS
from mlmcli.text_bytes import string_type_of_width

FLOAT_MAX = "3.4028234663852886e38"
FLOAT_ROUNDS_TO_INF = "3.4028235677973366e38"  # FLT_MAX + half an ulp: float32 rounding gives inf


def storage_sql(value: str, vtype: str) -> str:
    """``value`` (a DOUBLE column name or expression, read once per branch) as ``vtype`` holds it."""
    if vtype == "float":
        return (f"CASE WHEN abs({value}) <= {FLOAT_MAX} THEN CAST(CAST({value} AS FLOAT) AS DOUBLE) "
                f"WHEN abs({value}) < {FLOAT_ROUNDS_TO_INF} THEN sign({value}) * {FLOAT_MAX} END")
    if vtype in INT_LIMITS:
        lo, hi = INT_LIMITS[vtype]
        return f"CASE WHEN trunc({value}) BETWEEN {lo} AND {hi} THEN trunc({value}) END"
    return value


# ---------------------------------------------------------------------- selections

@dataclass(frozen=True)
class Selection:
    """The rows a command uses: an SQL boolean (None: all rows) and whether it needs a window."""

    sql: str | None
    window: bool = False

    def column(self) -> str:
        return self.sql or "true"


def selection(ds: LazyDataset, session, if_exp: str | None, in_range) -> Selection:
    """``if``/``in`` as SQL (``mark_sample`` without a varlist)."""
    parts, window = [], False
    if in_range is not None:
        first, last = in_range_rows(in_range, ds.nobs)
        parts.append(f"(row_number() OVER (ORDER BY {ROW}) BETWEEN {first} AND {last})")
        window = True
    if if_exp:
        cond = SqlCompiler(ds, session).condition(if_exp)
        parts.append(f"({cond.text})")
        window = window or cond.window
    return Selection(" AND ".join(parts) if parts else None, window)


def _select_new(ds: LazyDataset, inner: str, outer: dict[str, str], order: bool) -> LazyDataset:
    """A relation ``SELECT _mlm_row, <outer exprs> FROM (<inner>)`` with the visible names."""
    cols = ", ".join([ROW] + [f"{expr} AS {quote(name)}" for name, expr in outer.items()])
    sql = f"SELECT {cols} FROM ({inner})" + (f" ORDER BY {ROW}" if order else "")
    relation = store.create(sql)
    nobs = int(store.fetchall(f"SELECT count(*) FROM {relation.sql}")[0][0])
    new = ds.derive(relation, {n: n for n in outer}, nobs)
    new.changed = True
    return new


def _carry(ds: LazyDataset) -> dict[str, str]:
    return {n: quote(n) for n in ds.columns}


# ---------------------------------------------------------------------- generate / replace

def generate(ds: LazyDataset, session, name: str, exp: str, vtype: str | None,
             sel: Selection) -> tuple[LazyDataset, int, str]:
    """``generate [type] name = exp [if] [in]``: (new data, missing values generated, type)."""
    value = SqlCompiler(ds, session).compile(exp)
    if value.kind == STR:
        if vtype is not None and not vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        new_sql = f"CASE WHEN __s THEN __v ELSE '' END"
        if vtype and vtype != "strL":
            new_sql = f"left({new_sql}, {int(vtype[3:])})"
    else:
        if vtype is not None and vtype.startswith("str"):
            raise StataError("type mismatch", 109)
        vtype = vtype or "float"
        new_sql = f"CASE WHEN __s THEN {storage_sql('__v', vtype)} END"
    inner = f"SELECT *, {value.text} AS __v, {sel.column()} AS __s FROM {ds.from_sql()}"
    outer = _carry(ds)
    outer[name] = new_sql
    new = _select_new(ds, inner, outer, order=value.window or sel.window)
    if value.kind == STR:
        width = int(store.fetchall(f"SELECT max(strlen({quote(name)})) FROM {new.relation.sql}")[0][0] or 1)
        if not vtype:
            vtype = string_type_of_width(width)
        missing = int(store.fetchall(f"SELECT count(*) FILTER (WHERE {quote(name)} = '') "
                                     f"FROM {new.relation.sql}")[0][0])
    else:
        missing = int(store.fetchall(f"SELECT count(*) - count({quote(name)}) FROM {new.relation.sql}")[0][0])
    new.types[name] = vtype
    return new, missing, vtype


@dataclass(frozen=True)
class ReplacePlan:
    """What ``replace`` will do: the new values (inner SQL with ``__new``) and, for a numeric
    variable, the range of the new values in the selection (for type promotion)."""

    inner: str
    window: bool
    kind: str
    all_integer: bool = True
    low: float | None = None
    high: float | None = None
    max_length: int = 0


def plan_replace(ds: LazyDataset, session, name: str, exp: str, sel: Selection) -> ReplacePlan:
    value = SqlCompiler(ds, session).compile(exp)
    string_var = ds.is_string(name)
    if (value.kind == STR) != string_var:
        raise StataError("type mismatch", 109)
    old = quote(name)
    inner = (f"SELECT *, CASE WHEN __s THEN __v ELSE {old} END AS __new FROM "
             f"(SELECT *, {value.text} AS __v, {sel.column()} AS __s FROM {ds.from_sql()})")
    window = value.window or sel.window
    if string_var:
        width = store.fetchall(f"SELECT max(strlen(__new)) FROM ({inner})")[0][0]
        return ReplacePlan(inner, window, STR, max_length=int(width or 0))
    row = store.fetchall(f"SELECT bool_and(__v = trunc(__v)), min(__v), max(__v) FROM ({inner}) "
                         f"WHERE __s AND __v IS NOT NULL")[0]
    return ReplacePlan(inner, window, NUM, all_integer=row[0] is None or bool(row[0]), low=row[1], high=row[2])


def replace(ds: LazyDataset, plan: ReplacePlan, name: str, vtype: str,
            truncate_to: int | None = None) -> tuple[LazyDataset, int, int]:
    """Carry out a ``ReplacePlan`` storing ``vtype``: (new data, real changes, changes to missing)."""
    if plan.kind == STR:
        new_sql = "__new" if truncate_to is None else f"left(__new, {truncate_to})"
        missing_test = "= ''"
    else:
        new_sql = storage_sql("__new", vtype)
        missing_test = "IS NULL"
    outer = _carry(ds)
    outer[name] = new_sql
    outer["__old"] = quote(name)
    new = _select_new(ds, plan.inner, outer, order=plan.window)
    col = quote(name)
    changed, to_missing = store.fetchall(
        f"SELECT count(*) FILTER (WHERE {col} IS DISTINCT FROM __old), "
        f"count(*) FILTER (WHERE {col} IS DISTINCT FROM __old AND {col} {missing_test}) "
        f"FROM {new.relation.sql}")[0]
    del new.columns["__old"]
    new.types[name] = vtype
    return new, int(changed), int(to_missing)


# ---------------------------------------------------------------------- keep / drop / sort

def keep_rows(ds: LazyDataset, sel: Selection, keep: bool) -> tuple[LazyDataset, int]:
    """``keep if`` / ``drop if`` (and ``in``): (new data, observations deleted)."""
    inner = f"SELECT *, {sel.column()} AS __s FROM {ds.from_sql()}"
    test = "__s" if keep else "NOT __s"
    cols = ", ".join([ROW] + [quote(n) for n in ds.columns])
    relation = store.create(f"SELECT {cols} FROM ({inner}) WHERE {test}" + (f" ORDER BY {ROW}" if sel.window else ""))
    nobs = int(store.fetchall(f"SELECT count(*) FROM {relation.sql}")[0][0])
    new = ds.derive(relation, {n: n for n in ds.columns}, nobs)
    new.changed = ds.changed or nobs != ds.nobs
    return new, ds.nobs - nobs


def sort(ds: LazyDataset, names: list[str], descending: list[bool] | None = None) -> LazyDataset:
    """Stable sort; missing values last (also when descending), ``""`` first among strings."""
    descending = descending or [False] * len(names)
    keys = ", ".join(f"{quote(n)} {'DESC' if d else 'ASC'} NULLS LAST" for n, d in zip(names, descending))
    cols = ", ".join(quote(n) for n in ds.columns)
    sql = (f"SELECT row_number() OVER (ORDER BY {keys}, {ROW}) AS {ROW}, {cols} FROM {ds.from_sql()} "
           f"ORDER BY {ROW}")
    relation = store.create(sql)
    new = ds.derive(relation, {n: n for n in ds.columns}, ds.nobs)
    new.changed = True
    return new


# ---------------------------------------------------------------------- egen by groups

# egen function -> SQL aggregate of the non-missing values __x of a group (sample rows)
EGEN_AGGREGATES = {
    "mean": "CASE WHEN min(__x) = max(__x) THEN min(__x) ELSE avg(__x) END",
    "sd": "CASE WHEN count(__x) < 2 THEN NULL WHEN min(__x) = max(__x) THEN 0 ELSE stddev_samp(__x) END",
    "count": "CAST(count(__x) AS DOUBLE)",
    "total": "coalesce(sum(__x), 0)",
    "sum": "coalesce(sum(__x), 0)",
    "min": "min(__x)",
    "max": "max(__x)",
}


def egen_group_statistic(ds: LazyDataset, session, name: str, function: str, exp: str,
                         by: list[str], vtype: str, sel: Selection,
                         missing_option: bool = False) -> tuple[LazyDataset, int]:
    """``egen name = function(exp) [if] [in], by(varlist)`` for the aggregate functions:
    (new data, missing values generated)."""
    if function not in EGEN_AGGREGATES:
        raise NeedsRows(f"egen {function}()")
    value = SqlCompiler(ds, session).compile(exp)
    if value.kind == STR:
        if function != "count":
            raise StataError("type mismatch", 109)
        value = Sql(f"CASE WHEN {value.text} <> '' THEN 1.0 END", NUM, value.constant, value.window)
    agg = EGEN_AGGREGATES[function]
    if function in ("total", "sum") and missing_option:
        agg = "sum(__x)"
    keys = [quote(v) for v in by]
    base = f"SELECT *, {value.text} AS __x, {sel.column()} AS __s FROM {ds.from_sql()}"
    group_cols = ", ".join(keys)
    if keys:
        aggregate = (f"SELECT {group_cols}, {agg} AS __v FROM base WHERE __s GROUP BY {group_cols}")
        on = " AND ".join(f"r.{k} IS NOT DISTINCT FROM a.{k}" for k in keys)
        inner = f"WITH base AS ({base}) SELECT r.*, a.__v FROM base r LEFT JOIN ({aggregate}) a ON {on}"
    else:
        inner = f"WITH base AS ({base}) SELECT r.*, a.__v FROM base r, (SELECT {agg} AS __v FROM base WHERE __s) a"
    outer = {n: f"{quote(n)}" for n in ds.columns}
    outer[name] = f"CASE WHEN __s THEN {storage_sql('__v', vtype)} END"
    new = _select_new(ds, inner, outer, order=True)
    missing = int(store.fetchall(f"SELECT count(*) - count({quote(name)}) FROM {new.relation.sql}")[0][0])
    new.types[name] = vtype
    return new, missing
