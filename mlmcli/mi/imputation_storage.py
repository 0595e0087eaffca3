"""Adding imputations to mi data and writing imputed values into them, in each style
([MI] Styles; ``mlmcli.mi.styles``):

- wide: ``_m_x`` columns for every imputed and passive ``x``, a copy of ``x`` when added;
- flong: the m = 0 rows copied once per new imputation with ``_mi_m`` = m;
- mlong: the incomplete m = 0 rows copied once per new imputation.

Values travel as arrays over the m = 0 rows in their order in memory (``m0_values``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.storage_types import fit_storage
from mlmcli.mi import styles


def m0_values(ds, name: str) -> np.ndarray:
    return ds.numeric(name)[styles.original_rows(ds)].astype(float)


def with_imputations(ds, M_new: int):
    """A copy of ``ds`` with imputations 1..M_new: new ones copy m = 0, surplus ones dropped."""
    new = ds.copy()
    M = styles.n_imputations(ds)
    kind = styles.style(ds)
    if kind == "wide":
        names = styles.registered(ds, "ivars") + styles.registered(ds, "pvars")
        for m in range(M + 1, M_new + 1):
            for n in names:
                new.set_variable(styles.wide_name(m, n), ds.df[n].to_numpy(), ds.types.get(n))
                if n in ds.formats:
                    new.formats[styles.wide_name(m, n)] = ds.formats[n]
        drop = [styles.wide_name(m, n) for m in range(M_new + 1, M + 1) for n in names
                if styles.wide_name(m, n) in new.df.columns]
        if drop:
            new.drop_variables(drop)
    else:
        mm = new.df["_mi_m"].to_numpy()
        if M_new < M:
            new.take_rows(np.flatnonzero(mm <= M_new))
        elif M_new > M:
            rows0 = np.flatnonzero(mm == 0)
            if kind == "mlong":
                rows0 = rows0[styles.incomplete_rows(ds)]
            block = new.df.iloc[rows0]
            parts = [new.df]
            for m in range(M + 1, M_new + 1):
                copy = block.copy()
                copy["_mi_m"] = m
                parts.append(copy)
            frame = pd.concat(parts, ignore_index=True)
            new.append_rows(frame)
    new.chars["_mi_M"] = str(M_new)
    return new


def _rows_of(ds, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(row positions of imputation m, their index among the m = 0 rows)."""
    if styles.style(ds) == "wide":
        idx = np.arange(ds.nobs)
        return idx, idx
    mm = ds.df["_mi_m"].to_numpy()
    ids = ds.df["_mi_id"].to_numpy()
    rows0 = np.flatnonzero(mm == 0)
    position = {int(i): k for k, i in enumerate(ids[rows0])}
    rows = np.flatnonzero(mm == m)
    return rows, np.array([position[int(i)] for i in ids[rows]], dtype=np.int64)


def put_imputation(ds, m: int, name: str, values: np.ndarray, vtype: str) -> None:
    """Imputation m of ``name`` := ``values`` (over the m = 0 rows), stored as ``vtype``."""
    stored = fit_storage(values, vtype)
    if styles.style(ds) == "wide":
        column = styles.wide_name(m, name)
        ds.set_variable(column, stored, vtype)
        if name in ds.formats:
            ds.formats[column] = ds.formats[name]
        return
    rows, index = _rows_of(ds, m)
    column = ds.numeric(name).astype(float).copy()
    column[rows] = stored[index]
    ds.set_variable(name, column, vtype)


def imputation_values(ds, m: int, name: str) -> np.ndarray:
    """Imputation m of ``name`` over the m = 0 rows (mlong: m = 0 values on complete rows)."""
    out = m0_values(ds, name)
    if styles.style(ds) == "wide":
        column = styles.wide_name(m, name)
        return ds.numeric(column).astype(float) if column in ds.df.columns else out
    rows, index = _rows_of(ds, m)
    out[index] = ds.numeric(name)[rows]
    return out
