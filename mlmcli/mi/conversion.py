"""``mi convert``: mi data from one style to another ([MI] mi convert; mi_cmd_convert.ado 1.1.7),
the data and their settings as Stata leaves them.

- wide -> mlong: the m = 0 rows without the ``_m_x`` columns, then for m = 1..M the incomplete
  rows with ``x`` taken from ``_m_x`` (``_mi_miss`` missing there), ``_mi_m`` and ``_mi_id``
  added (``_mi_id`` = the row, compressed as ``compress`` would store it);
- mlong -> flong: the complete m = 0 rows copied into every m, sorted by ``_mi_m _mi_id``;
- flong -> mlong: the m > 0 rows of complete observations dropped;
- mlong -> wide: the m = 0 rows in ``_mi_id`` order with ``_m_x`` columns (m by m) from the
  m rows; an imputed ``x`` not missing in m = 0 and a passive one on a complete row keep
  their m = 0 value; ``_mi_m`` and ``_mi_id`` dropped;
- wide -> flong and flong -> wide pass through mlong, as the ado file does.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.mi import styles
from mlmcli.storage_types import INT_LIMITS

SORTED = ("_mi_m", "_mi_id")  # the order the ado file's sort leaves the long styles in


def convert(ds, to: str):
    """A copy of mi data ``ds`` in style ``to`` (wide, mlong or flong; not its own style)."""
    kind = styles.style(ds)
    if kind == "wide":
        mlong = wide_to_mlong(ds)
        return mlong if to == "mlong" else mlong_to_flong(mlong)
    if kind == "flong":
        mlong = flong_to_mlong(ds)
        return mlong if to == "mlong" else mlong_to_wide(mlong)
    return mlong_to_wide(ds) if to == "wide" else mlong_to_flong(ds)


def _compressed_integer(n: int) -> str:
    """The type ``compress`` gives the values 1..n."""
    return next(t for t in ("byte", "int", "long") if n <= INT_LIMITS[t][1])


def _imputed_and_passive(ds) -> list[str]:
    return styles.registered(ds, "ivars") + styles.registered(ds, "pvars")


def wide_to_mlong(ds):
    df, M = ds.df, styles.n_imputations(ds)
    wide = styles.imputation_columns(ds)
    base = [c for c in df.columns if c not in wide]
    n = len(df)
    ids = np.arange(1, n + 1, dtype=float)
    incomplete = df["_mi_miss"].to_numpy() == 1 if "_mi_miss" in df.columns else np.zeros(n, dtype=bool)
    if M == 0 or not incomplete.any():  # the ado file's simple case: _mi_id made before _mi_m
        frame = df[base].copy()
        frame["_mi_id"] = ids
        frame["_mi_m"] = 0.0
        parts, source = [frame], np.arange(n)
    else:
        first = df[base].copy()
        first["_mi_m"] = 0.0
        first["_mi_id"] = ids
        parts, rows = [first], np.flatnonzero(incomplete)
        for m in range(1, M + 1):
            part = first.iloc[rows].copy()
            for name in _imputed_and_passive(ds):
                column = styles.wide_name(m, name)
                if column in df.columns:
                    part[name] = df[column].to_numpy()[rows]
            part["_mi_miss"] = np.nan
            part["_mi_m"] = float(m)
            parts.append(part)
        source = np.concatenate([np.arange(n), np.full(M * len(rows), -1)])
    out = ds.copy()
    out.replace_rows(pd.concat(parts, ignore_index=True), source)
    out.drop_metadata(wide)
    out.types.update({"_mi_m": "int", "_mi_id": _compressed_integer(n)})
    out.chars["_mi_style"] = "mlong"
    out.sortedby = () if len(parts) == 1 else SORTED
    return out


def mlong_to_flong(ds):
    out = ds.copy()
    out.chars["_mi_style"] = "flong"
    M = styles.n_imputations(ds)
    df = ds.df
    mm = df["_mi_m"].to_numpy()
    complete0 = np.flatnonzero((mm == 0) & (df["_mi_miss"].to_numpy() == 0))
    if M == 0 or not len(complete0):
        return out
    parts, source = [df], [np.arange(len(df))]
    for m in range(1, M + 1):
        copy = df.iloc[complete0].copy()
        copy["_mi_m"] = float(m)
        copy["_mi_miss"] = np.nan
        parts.append(copy)
        source.append(complete0)
    frame = pd.concat(parts, ignore_index=True)
    order = np.lexsort((frame["_mi_id"].to_numpy(), frame["_mi_m"].to_numpy()))
    out.replace_rows(frame.iloc[order].reset_index(drop=True), np.concatenate(source)[order])
    out.sortedby = SORTED
    return out


def flong_to_mlong(ds):
    out = ds.copy()
    df = ds.df
    mm, ids = df["_mi_m"].to_numpy(), df["_mi_id"].to_numpy()
    order = np.lexsort((ids, mm))
    rows0 = mm == 0
    missing0 = dict(zip(ids[rows0], df["_mi_miss"].to_numpy()[rows0]))
    keep = rows0 | np.array([missing0.get(i, 0) != 0 for i in ids], dtype=bool)
    out.take_rows(order[keep[order]])
    out.chars["_mi_style"] = "mlong"
    out.sortedby = SORTED
    return out


def mlong_to_wide(ds):
    df, M = ds.df, styles.n_imputations(ds)
    mm, ids = df["_mi_m"].to_numpy(), df["_mi_id"].to_numpy()
    rows0 = np.flatnonzero(mm == 0)
    rows0 = rows0[np.argsort(ids[rows0], kind="stable")]
    out = ds.copy()
    out.take_rows(rows0)
    position = {v: k for k, v in enumerate(ids[rows0])}
    ivars, pvars = styles.registered(ds, "ivars"), styles.registered(ds, "pvars")
    complete = out.df["_mi_miss"].to_numpy() == 0
    imputed_any = bool((mm > 0).any())
    for m in range(1, M + 1):
        rows = np.flatnonzero(mm == m)
        at = np.array([position[v] for v in ids[rows]], dtype=np.int64)
        for name in ivars + pvars:
            original = out.df[name].to_numpy(dtype=float)
            values = np.full(len(rows0), np.nan)
            values[at] = df[name].to_numpy(dtype=float)[rows]
            kept = ~np.isnan(original) if name in ivars else complete
            values[kept] = original[kept]
            column = styles.wide_name(m, name)
            out.set_variable(column, values, ds.types.get(name))
            _copy_metadata(out, name, column, labels=imputed_any)
    out.drop_variables([c for c in ("_mi_m", "_mi_id") if c in out.df.columns])
    out.chars["_mi_style"] = "wide"
    out.sortedby = ()
    return out


def _copy_metadata(ds, name: str, column: str, *, labels: bool) -> None:
    """With imputed rows the ado file renames x to ``_m_x`` in each m's data, so ``_m_x`` keeps
    x's format and labels; without any it makes ``_m_x`` by ``generate`` (none of them)."""
    if not labels:
        return
    for meta in (ds.formats, ds.var_labels, ds.value_label_of):
        if name in meta:
            meta[column] = meta[name]
