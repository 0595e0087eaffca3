"""Data commands on lazy data (``use file.parquet, lazy``): the SQL forms of ``generate``,
``replace``, ``egen`` (group statistics), ``keep``/``drop``, ``sort``/``order``, ``count``,
``summarize`` and ``tabulate``, and the ``set`` options of the lazy mode.

Each data command's handler starts with ``if lazy_handled(session, cmd, "<name>"):
return`` (``common.lazy_handled``).  Here the command runs in DuckDB
(``mlmcli.lazydata``) with the same syntax, messages and r() as in memory.  What has no
lazy form (a ``by`` prefix, weights, ``summarize, detail``, an expression function
with no SQL form, ...) raises ``NeedsRows``; the data are then materialised when small
enough (``set lazymax``) and the in-memory handler runs, else r(909) says why.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import (commas, gsort_keys, smallest_type, split_assignment, string_type_for,
                                         summarize_returns, value_text)
from mlmcli.commands.data.tabulate_report import report_tab1, report_tab2
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_typed_name

HELP = """Lazy data (out of core): the rows stay in an embedded DuckDB database.

    use file.parquet [, lazy clear]          (also a glob: use "parts/*.parquet", lazy)
    use varlist [if] [in] using file.parquet, lazy
    import delimited file.csv, lazy [clear delimiters() varnames() case() asdouble]

Run in DuckDB: generate, replace, egen mean|sd|count|total|sum|min|max(exp), by(), keep/drop
(varlist, if, in), rename, order, sort, gsort, count, summarize (no weights, no detail),
tabulate (one- and two-way), describe, and mixed on nested models without weights or
vce() (the per-group cross-products in one GROUP BY pass, fed to the same engine).  Any
other command loads the data into memory when they take at most set lazymax megabytes,
else it stops with r(909).

    set lazymax #        MB a command may load into memory (default 512)
    set lazymemory #     MB DuckDB may use before spilling to disk (default 1024)
    set dask off|threads|local [#]|tcp://host:port
                         where mixed's per-group reduction of lazy data runs: DuckDB (off,
                         the default), Dask's threaded scheduler, a local Dask cluster of #
                         worker processes, or an existing Dask cluster (its workers must
                         read the data files; changed data are written as Parquet first)"""


def lazy_handled(session, cmd, name: str) -> bool:
    """Run ``name``'s lazy form when the data are lazy (True: done)."""
    from mlmcli.lazydata.store import NeedsRows

    ds = session.data
    if getattr(session, "by_vars", ()) or getattr(session, "by_mask", None) is not None:
        ds.materialise(f"{name} with by")
        return False
    try:
        HANDLERS[name](session, cmd)
        return True
    except NeedsRows as why:
        ds.materialise(f"{name} with {why}")
        return False


def _selection(session, cmd):
    from mlmcli.lazydata.operations import selection

    return selection(session.data, session, cmd.if_exp, cmd.in_range)


def _no_weights(cmd) -> None:
    from mlmcli.lazydata.store import NeedsRows

    if cmd.weight is not None:
        raise NeedsRows("weights")


def _missing_message(session, n: int) -> None:
    if n > 0:
        session.print(f"({n:,} missing value{'s' if n != 1 else ''} generated)")


# ----------------------------------------------------------------------------- generate / replace
def lazy_generate(session, cmd) -> None:
    from mlmcli.lazydata import operations as ops

    from mlmcli.lazydata.store import NeedsRows

    if cmd.options:  # before()/after(): the in-memory generate places the variable
        raise NeedsRows("generate with options")

    left, exp = split_assignment(cmd.args)
    vtype, name = parse_typed_name(left, allow_str=True)
    if vtype == "str":  # a string as wide as the result: the in-memory generate sizes it
        raise NeedsRows("generate str")
    name, _, lblname = name.partition(":")
    ds = session.data
    check_new_name(ds, name)
    if not exp:
        raise invalid_syntax()
    new, missing, vtype = ops.generate(ds, session, name, exp, vtype, _selection(session, cmd))
    if vtype.startswith("str"):
        new.formats[name] = f"%{vtype[3:]}s" if vtype[3:].isdecimal() and int(vtype[3:]) > 9 else "%9s"
    if lblname:
        new.value_label_of[name] = lblname
    session.data = new
    _missing_message(session, missing)


def lazy_replace(session, cmd) -> None:
    from mlmcli.lazydata import operations as ops

    opts = resolve_options(cmd.options, [OptionSpec("nopromote")])
    left, exp = split_assignment(cmd.args)
    parts = left.split()
    if len(parts) != 1:
        raise invalid_syntax()
    ds = session.data
    name = ds.resolve(parts[0])
    plan = ops.plan_replace(ds, session, name, exp, _selection(session, cmd))
    vtype = ds.types.get(name, "float")
    truncate = None
    if plan.kind == "str":
        if vtype != "strL":
            width = int(vtype[3:] or 1)
            if plan.max_length > width:
                if opts.get("nopromote"):
                    truncate = width
                else:
                    newtype = string_type_for(["x" * plan.max_length])
                    session.print(f"variable {name} was {vtype} now {newtype}")
                    vtype = newtype
    elif vtype in ops.INT_LIMITS and not opts.get("nopromote") and plan.low is not None:
        probe = [plan.low, plan.high] + ([0.5] if not plan.all_integer else [])
        target = smallest_type(np.array(probe, dtype=float), vtype)
        if target != vtype:
            session.print(f"variable {name} was {vtype} now {target}")
            vtype = target
    new, changed, to_missing = ops.replace(ds, plan, name, vtype, truncate)
    if name in new.sortedby and changed:
        new.sortedby = ()
    session.data = new
    msg = f"({changed:,} real change{'s' if changed != 1 else ''} made"
    msg += f", {to_missing:,} to missing)" if to_missing and plan.kind != "str" else ")"
    session.print(msg)


_EGEN_OPTS = [OptionSpec("by", takes_arg=True), OptionSpec("missing", 1)]


def lazy_egen(session, cmd) -> None:
    import re

    from mlmcli.egen_functions import FUNCTIONS
    from mlmcli.lazydata import operations as ops
    from mlmcli.lazydata.store import NeedsRows

    try:
        opts = resolve_options(cmd.options, _EGEN_OPTS)
    except StataError:  # an option only the in-memory egen takes (or a wrong one: it says so)
        raise NeedsRows("these egen options") from None
    left, right = split_assignment(cmd.args)
    vtype, name = parse_typed_name(left)
    ds = session.data
    check_new_name(ds, name)
    m = re.match(r"^\s*([^\W\d]\w*)\s*\((.*)\)\s*$", right, re.S)
    if not m:
        raise invalid_syntax()
    fname, arg = m.group(1), m.group(2).strip()
    if fname not in FUNCTIONS:
        raise StataError(f"unknown egen function {fname}()", 133)
    if fname not in ops.EGEN_AGGREGATES:
        raise NeedsRows(f"egen {fname}()")
    if not arg:
        raise invalid_syntax()
    by = ds.expand_varlist(opts["by"]) if isinstance(opts.get("by"), str) else []
    vtype = vtype or "float"
    if vtype.startswith("str"):
        raise StataError("type mismatch", 109)
    new, missing = ops.egen_group_statistic(ds, session, name, fname, arg, by, vtype,
                                            _selection(session, cmd), bool(opts.get("missing")))
    session.data = new
    _missing_message(session, missing)


# ----------------------------------------------------------------------------- keep / drop / order
def _keep_or_drop(session, cmd, keep: bool) -> None:
    from mlmcli.lazydata import operations as ops

    resolve_options(cmd.options, [])
    ds = session.data
    args = cmd.args.strip()
    if args and (cmd.if_exp or cmd.in_range):
        raise invalid_syntax()
    if args:
        names = ds.expand_varlist(args)
        if keep:
            ds.drop_variables([v for v in ds.varnames if v not in set(names)])
        else:
            ds.drop_variables(names)
        return
    if not (cmd.if_exp or cmd.in_range):
        raise StataError("varlist required", 100)
    new, dropped = ops.keep_rows(ds, _selection(session, cmd), keep)
    session.data = new
    session.print(f"({dropped:,} observation{'s' if dropped != 1 else ''} deleted)")


def lazy_keep(session, cmd) -> None:
    _keep_or_drop(session, cmd, keep=True)


def lazy_drop(session, cmd) -> None:
    _keep_or_drop(session, cmd, keep=False)


def lazy_sort(session, cmd) -> None:
    from mlmcli.lazydata import operations as ops

    resolve_options(cmd.options, [OptionSpec("stable")])
    if cmd.in_range is not None or cmd.if_exp:
        raise invalid_syntax() if cmd.if_exp else StataError("in range not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    new = ops.sort(ds, names)
    new.sortedby = tuple(names)
    session.data = new


def lazy_gsort(session, cmd) -> None:
    from mlmcli.lazydata import operations as ops
    from mlmcli.lazydata.store import NeedsRows

    if cmd.options:
        raise NeedsRows("gsort options")
    ds = session.data
    names, desc = gsort_keys(ds, cmd.args)
    new = ops.sort(ds, names, desc)
    new.sortedby = tuple(names) if not any(desc) else ()
    session.data = new


def lazy_order(session, cmd) -> None:
    from mlmcli.lazydata.store import NeedsRows

    if cmd.options:
        raise NeedsRows("order options")
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    ds.reorder(names + [v for v in ds.varnames if v not in set(names)])


# ----------------------------------------------------------------------------- count / summarize / tabulate
def lazy_count(session, cmd) -> None:
    from mlmcli.lazydata.statistics import count

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    resolve_options(cmd.options, [])
    n = count(session.data, _selection(session, cmd))
    session.set_r({"N": n})
    session.print(f"  {commas(n)}")


def lazy_summarize(session, cmd) -> None:
    from mlmcli.lazydata.statistics import moments
    from mlmcli.lazydata.store import NeedsRows
    from mlmcli.render.data_tables import render_summarize
    from mlmcli.results.data import SummarizeTable, SummaryRow

    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("meanonly"), OptionSpec("format", 3),
                                         OptionSpec("separator", 3, takes_arg=True)])
    _no_weights(cmd)
    if opts.get("detail"):
        raise NeedsRows("detail")
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else ds.varnames
    sep = integer_option(opts, "separator", 5)
    numeric = [n for n in names if not ds.is_string(n)]
    stats = dict(zip(numeric, moments(ds, _selection(session, cmd), numeric)))
    rows, fmts = [], []
    r = summarize_returns(None)
    for name in names:
        if name not in stats:
            rows.append(SummaryRow(name, 0))
            fmts.append("%9.0g")
            r = summarize_returns(None)
            continue
        m = stats[name]
        r = summarize_returns(m, float(m["N"]), bool(opts.get("meanonly")))
        if opts.get("meanonly"):
            continue
        rows.append(SummaryRow(name, m["N"], m["mean"], m["sd"], m["min"], m["max"], r["sum_w"]))
        fmts.append(ds.format_of(name) if opts.get("format") else "%9.0g")
    session.set_r(r)
    if rows and not opts.get("meanonly"):
        session.print(render_summarize(SummarizeTable(tuple(rows), sep, tuple(fmts) if fmts else None)))


def lazy_tabulate(session, cmd) -> None:
    from mlmcli.lazydata.statistics import frequencies
    from mlmcli.lazydata.store import NeedsRows

    opts = resolve_options(cmd.options, [OptionSpec("missing", 1), OptionSpec("nolabel", 3),
                                         OptionSpec("sort"), OptionSpec("generate", 3, takes_arg=True),
                                         OptionSpec("nofreq", 3), OptionSpec("row", 1), OptionSpec("column", 2),
                                         OptionSpec("cell", 2), OptionSpec("chi2", 2), OptionSpec("nokey"),
                                         OptionSpec("lrchi2", 2), OptionSpec("V")])
    _no_weights(cmd)
    if opts.get("generate") is not None:
        raise NeedsRows("tabulate, generate()")
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) > 2:
        raise StataError("too many variables specified", 103)
    labels = not opts.get("nolabel")
    freq = frequencies(ds, _selection(session, cmd), names, bool(opts.get("missing")))
    if not freq:
        raise StataError("no observations", 2000)

    def text(name, v) -> str:
        return value_text(ds, name, float("nan") if v is None else v, labels=labels)

    title = lambda n: ds.var_labels.get(n) or n  # noqa: E731
    if len(names) == 1:
        for twoway_only in ("row", "column", "cell", "chi2", "lrchi2", "V"):
            if opts.get(twoway_only):
                raise StataError(f"option {twoway_only} not allowed", 198)
        report_tab1(session, opts, title(names[0]), [text(names[0], row[0]) for row in freq],
                    [int(row[1]) for row in freq])
        return
    rvals = list(dict.fromkeys(row[0] for row in freq))
    cvals = sorted(set(row[1] for row in freq), key=lambda v: (v is None, v))
    counts = np.zeros((len(rvals), len(cvals)), dtype=int)
    for a, b, c in freq:
        counts[rvals.index(a), cvals.index(b)] += int(c)
    report_tab2(session, opts, title(names[0]), title(names[1]), [text(names[0], v) for v in rvals],
                [text(names[1], v) for v in cvals], counts)


def lazy_list_rows(session, cmd, option_specs):
    """``list`` on lazy data: the selected rows only, read from DuckDB with their
    observation numbers -> (data of those rows, variables, row indices, observation
    numbers, N, options) for ``describe.list_rows``; None once the data are in memory
    (a ``by`` prefix or an expression with no SQL form)."""
    from mlmcli.dataset import Dataset
    from mlmcli.lazydata.store import ROW, NeedsRows, quote

    ds = session.data
    if getattr(session, "by_vars", ()) or getattr(session, "by_mask", None) is not None:
        ds.materialise("list with by")
        return None
    opts = resolve_options(cmd.options, option_specs)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else ds.varnames
    try:
        sel = _selection(session, cmd)
    except NeedsRows as why:
        ds.materialise(f"list with {why}")
        return None
    from mlmcli.lazydata import store

    numbered = (f"(SELECT *, row_number() OVER (ORDER BY {ROW}) AS __obs, {sel.column()} AS __s "
                f"FROM {ds.from_sql()})")
    k = int(store.fetchall(f"SELECT count(*) FROM {numbered} WHERE __s")[0][0])
    if k * ds.estimated_bytes() / max(ds.nobs, 1) > ds.max_mb * 2 ** 20:
        ds.materialise(f"list of {k:,} observations")  # r(909) unless all the data are small
        return None
    fetch = list(dict.fromkeys(names + (ds.expand_varlist(opts["sepby"]) if isinstance(opts.get("sepby"), str)
                                        else [])))
    cols = ", ".join(quote(n) for n in fetch)
    rows = store.query(f"SELECT __obs, {cols} FROM {numbered} WHERE __s ORDER BY {ROW}").df() if names else None
    if rows is None or not len(rows):
        return Dataset(), names, np.zeros(0, dtype=int), [], ds.nobs, opts  # nothing to list
    small = Dataset(var_labels=dict(ds.var_labels), value_label_of=dict(ds.value_label_of),
                    value_labels={a: dict(b) for a, b in ds.value_labels.items()}, formats=dict(ds.formats),
                    types={n: ds.types[n] for n in fetch if n in ds.types})
    import pandas as pd

    data = {}
    for n in fetch:
        if ds.is_string(n):
            data[n] = np.array(["" if v is None else str(v) for v in rows[n].tolist()], dtype=object)
        else:
            data[n] = rows[n].to_numpy(dtype=float, na_value=np.nan)
    small.df = pd.DataFrame(data, columns=fetch)
    positions = [int(v) for v in rows["__obs"].tolist()]
    return small, names, np.arange(len(positions)), positions, ds.nobs, opts


HANDLERS = {
    "generate": lazy_generate, "replace": lazy_replace, "egen": lazy_egen,
    "keep": lazy_keep, "drop": lazy_drop, "sort": lazy_sort, "gsort": lazy_gsort, "order": lazy_order,
    "count": lazy_count, "summarize": lazy_summarize, "tabulate": lazy_tabulate,
}


# ----------------------------------------------------------------------------- set
SETTINGS = ("lazymax", "lazymemory", "dask")


def set_lazy_option(session, setting: str, values: list[str]) -> None:
    """``set lazymax #``, ``set lazymemory #``, ``set dask off|threads|local [#]|address``."""
    settings = session.settings
    if setting == "dask":
        if not values or len(values) > 2:
            raise invalid_syntax()
        where = values[0]
        if where not in ("off", "threads", "local") and "://" not in where:
            raise StataError(f"set dask {where} invalid: off, threads, local [#], or a scheduler "
                             "address such as tcp://host:8786", 198)
        workers = None
        if len(values) == 2:
            if where != "local" or not values[1].isdecimal() or int(values[1]) < 1:
                raise invalid_syntax()
            workers = int(values[1])
        settings["dask"] = (where, workers)
        return
    if len(values) != 1:
        raise invalid_syntax()
    try:
        mb = float(values[0].replace(",", ""))
    except ValueError:
        raise invalid_syntax() from None
    if not mb > 0:
        raise StataError(f"{setting} must be positive", 198)
    settings[setting] = mb
    if setting == "lazymax" and getattr(session.data, "lazy", False):
        session.data.max_mb = mb
    if setting == "lazymemory":
        from mlmcli.lazydata.store import set_memory_limit

        set_memory_limit(int(mb))


# ----------------------------------------------------------------------------- use / import
def _max_mb(session) -> float:
    from mlmcli.lazydata.table import DEFAULT_MAX_MB

    return float(session.settings.get("lazymax", DEFAULT_MAX_MB))


def use_parquet(session, cmd, path: str, varlist_text: str, lazy: bool) -> None:
    """``use [varlist] [if] [in] [using] file.parquet [, lazy clear]``: lazily (the rows stay
    in DuckDB) with ``lazy``, else read into memory."""
    import os

    from mlmcli.lazydata import operations as ops
    from mlmcli.lazydata.table import open_parquet

    path = os.path.expanduser(path)
    if not path.lower().endswith((".parquet", ".pq")) and not any(ch in path for ch in "*?["):
        raise StataError(f"option lazy requires a Parquet file (.parquet) or import delimited, lazy; "
                         f"{path} is not one", 198)
    ds = open_parquet(path, _max_mb(session))
    names = ds.expand_varlist(varlist_text) if varlist_text.strip() else None
    if cmd.if_exp or cmd.in_range:
        ds, _ = ops.keep_rows(ds, ops.selection(ds, session, cmd.if_exp, cmd.in_range), keep=True)
    if names is not None:
        ds.drop_variables([v for v in ds.varnames if v not in set(names)])
    ds.changed = False
    ds.filename = path
    if not lazy:
        ds.max_mb = float("inf")
        ds.materialise("use")
        ds = ds.copy()
    session.data = ds


def import_csv_lazily(session, path: str, delimiter, header: bool, asdouble: bool, names_for) -> None:
    """``import delimited file.csv, lazy``: the file read once into a DuckDB table."""
    from mlmcli.lazydata.table import open_csv

    ds, labels = open_csv(path, names_for, delimiter, header, asdouble, _max_mb(session))
    ds.var_labels.update(labels)
    session.data = ds
    k = len(ds.varnames)
    session.print(f"({k} var{'s' if k != 1 else ''}, {commas(ds.nobs)} ob{'s' if ds.nobs != 1 else ''})")
