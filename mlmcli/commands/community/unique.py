"""``unique`` (Michael Hills and Tony Brady, ``ssc install unique``): how many distinct values
(combinations) a varlist takes and how many records there are.  A compatible implementation
written from the package's help and ado-file (version 1.2.1):

    unique varlist [if] [in] [, by(varname) generate(newvar) detail]

A record with a missing value (``""`` for strings) in any of the variables is left out.
``detail`` summarizes the number of records per combination (by the ``by()`` groups);
``by()`` puts the number of distinct combinations in each group on the group's first record
(sorted on the ``by()`` variable and the varlist) of ``generate()`` (default ``_Unique``,
replaced) and lists them.  The data's order is kept (the ado-file is ``sortpreserve``).
Stored: ``r(unique)``, ``r(N)``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

HELP = {"unique": "unique varlist [if] [in] [, by(varname) generate(newvar) detail]"}

OPTIONS = [OptionSpec("generate", 3, takes_arg=True), OptionSpec("detail", 1), OptionSpec("by", 2, takes_arg=True)]


def _keys(ds, names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({k: (ds.df[n].astype(str) if ds.is_string(n) else pd.Series(ds.numeric(n)))
                         for k, n in enumerate(names)})


def _sorted_order(ds, names: list[str], extra: np.ndarray) -> np.ndarray:
    """Row positions sorted on ``names`` then ``extra`` (stable: ties keep the data's order)."""
    frame = _keys(ds, names)
    frame["_extra"] = extra
    return frame.sort_values(list(frame.columns), kind="mergesort").index.to_numpy()


def _run_on_sorted(session, order: np.ndarray, columns: dict, text: str) -> None:
    """Run ``text`` on a copy of the data sorted by ``order`` with ``columns`` added (the
    ado-file's listing and summaries run on the sorted data; the user's data is not touched)."""
    from mlmcli.runner import Runner, current_runner

    original = session.data
    work = original.copy()
    for name, (values, label) in columns.items():
        work.set_variable(name, values, "double")
        work.var_labels[name] = label
    work.take_rows(order)
    session.data = work
    try:
        (current_runner(session) or Runner(session)).execute(text)
    finally:
        session.data = original


def cmd_unique(session, cmd) -> None:
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    opts = resolve_options(cmd.options, OPTIONS)
    by = ds.expand_varlist(opts["by"]) if opts.get("by") else []
    if len(by) > 1:
        raise StataError("too many variables specified", 103)
    generate = str(opts.get("generate") or "").strip()
    if generate and not is_name(generate):
        raise StataError(f"{generate} invalid name", 198)
    touse = mark_sample(session, cmd, names, strok=True)
    keys = _keys(ds, names)[touse]
    n_unique, n_records = int(len(keys.drop_duplicates())), int(touse.sum())
    shown = " ".join(names)
    session.print(f"Number of unique values of {shown} is  {format_number(float(n_unique), '%9.0g').strip()}")
    session.print(f"Number of records is  {n_records}")
    result = {"unique": float(n_unique), "N": float(n_records)}
    flag = touse.astype(float)
    if opts.get("detail"):
        order = _sorted_order(ds, by + names, flag)
        group = _keys(ds, by + names).assign(_t=flag).iloc[order]
        first = ~group.duplicated().to_numpy()
        codes = group.groupby(list(group.columns), sort=False, dropna=False).ngroup().to_numpy()
        sizes = np.bincount(codes)[codes]
        count = np.full(ds.nobs, np.nan)
        count[order[first]] = sizes[first]
        prefix = f"by {by[0]}: " if by else ""
        _run_on_sorted(session, order, {"__unique_count": (count, f"Records per {shown}"),
                                        "__unique_touse": (flag, "")},
                       f"{prefix}summarize __unique_count if __unique_touse, detail")
    if by:
        target = generate or "_Unique"
        if target in ds.varnames:
            if generate:  # confirm new var, after the counts are shown
                raise StataError(f"variable {target} already defined", 110)
            ds.drop_variables([target])
        order = _sorted_order(ds, by + names, flag)
        by_keys = _keys(ds, by).iloc[order].reset_index(drop=True)
        combos = _keys(ds, by + names).iloc[order].reset_index(drop=True)
        in_sample = touse[order]
        values = np.full(ds.nobs, np.nan)
        for _, rows in by_keys.groupby(0, sort=False, dropna=False).groups.items():
            rows = np.asarray(rows)
            distinct = combos.iloc[rows][in_sample[rows]].drop_duplicates()
            values[order[rows[0]]] = float(len(distinct))
        ds.set_variable(target, values, "float")
        ds.changed = True
        session.print(f"variable {target} contains number of unique values of {shown} by {by[0]}")
        _run_on_sorted(session, order, {}, f"list {by[0]} {target} if {target}!=., noobs nodisplay")
    session.set_r(result)
