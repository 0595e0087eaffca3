"""How mi data are laid out, as Stata lays them out ([MI] Styles), and the m-th completed
dataset of each layout.

The mi settings are the dataset's characteristics, so they travel with a saved .dta file:
``_dta[_mi_marker]`` = ``_mi_ds_1``, ``_dta[_mi_style]`` (wide, mlong, flong),
``_dta[_mi_M]`` (the number of imputations), ``_dta[_mi_ivars]``, ``_dta[_mi_pvars]``,
``_dta[_mi_rvars]`` (imputed, passive and regular variables) and ``_dta[_mi_update]``.

- wide: one row per observation; imputed or passive ``x`` holds the m = 0 values and
  ``_1_x`` ... ``_M_x`` the imputations; ``_mi_miss`` = 1 on incomplete rows.
- flong: the M + 1 copies of every row one after another, ``_mi_m`` (0..M), ``_mi_id``
  (the observation), ``_mi_miss`` (on m = 0 rows).
- mlong: the m = 0 rows, then for m = 1..M only the incomplete rows.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

MARKER = "_mi_marker"
SYSTEM = ("_mi_miss", "_mi_m", "_mi_id")
STYLES = ("wide", "mlong", "flong")
MAX_IMPUTATIONS = 1000  # mi's limit on M ([MI] mi set: mi set M = #, 0 to 1000)


def is_set(ds) -> bool:
    return ds.chars.get(MARKER) == "_mi_ds_1"


def require_set(ds) -> None:
    """mi's refusal of data that are not mi set: "no; data not mi set", r(119)."""
    if not is_set(ds):
        raise StataError("no; data not mi set", 119)


def style(ds) -> str:
    return ds.chars.get("_mi_style", "")


def n_imputations(ds) -> int:
    try:
        return int(ds.chars.get("_mi_M", "0"))
    except ValueError:
        return 0


def registered(ds, kind: str) -> list[str]:
    """``kind`` = ivars, pvars or rvars: the registered names still in the data."""
    return [n for n in ds.chars.get(f"_mi_{kind}", "").split() if n in ds.df.columns]


def wide_name(m: int, name: str) -> str:
    return f"_{m}_{name}"


def system_variables(ds) -> list[str]:
    return [n for n in SYSTEM if n in ds.df.columns]


def imputation_columns(ds) -> list[str]:
    """Wide style's ``_m_x`` columns of every imputed and passive variable."""
    if style(ds) != "wide":
        return []
    names = registered(ds, "ivars") + registered(ds, "pvars")
    return [wide_name(m, n) for n in names for m in range(1, n_imputations(ds) + 1)
            if wide_name(m, n) in ds.df.columns]


def incomplete_rows(ds) -> np.ndarray:
    """m = 0 rows where some imputed variable is missing (wide: every row is an m = 0 row)."""
    names = registered(ds, "ivars")
    rows = original_rows(ds)
    if not names:
        return np.zeros(int(rows.sum()), dtype=bool)
    values = ds.df.loc[rows, names]
    return values.isna().any(axis=1).to_numpy()


def original_rows(ds) -> np.ndarray:
    """The m = 0 rows (every row in wide style)."""
    if style(ds) == "wide" or "_mi_m" not in ds.df.columns:
        return np.ones(ds.nobs, dtype=bool)
    return (ds.df["_mi_m"].to_numpy() == 0)


def completed(ds, m: int, lineage: object = None):
    """The m-th completed dataset (m = 0: the original data) without mi's system and
    imputation variables: wide replaces each imputed/passive ``x`` by ``_m_x``; flong keeps
    the rows of m; mlong the complete m = 0 rows and the rows of m, in observation order.
    ``lineage``: the rows' identity (``Dataset.row_identity``) is set to that token and each
    row's observation number, so rows can be matched across m after drop, keep or sort."""
    out = ds.copy()
    kind = style(ds)
    if kind == "wide":
        for name in registered(ds, "ivars") + registered(ds, "pvars"):
            source = wide_name(m, name)
            if m > 0 and source in ds.df.columns:
                out.df[name] = ds.df[source].to_numpy()
    elif "_mi_m" in ds.df.columns:
        mm = ds.df["_mi_m"].to_numpy()
        if kind == "flong" or m == 0:
            keep = np.flatnonzero(mm == m)
        else:
            complete0 = (mm == 0) & (ds.df["_mi_miss"].to_numpy() == 0)
            keep = np.flatnonzero(complete0 | (mm == m))
            order = np.argsort(ds.df["_mi_id"].to_numpy()[keep], kind="stable")
            keep = keep[order]
        out.take_rows(keep)
    if lineage is not None:  # each row's identity its observation (_mi_id - 1, or its row in wide)
        ids = out.df["_mi_id"].to_numpy() - 1 if "_mi_id" in out.df.columns else np.arange(out.nobs)
        object.__setattr__(out, "row_lineage", lineage)
        object.__setattr__(out, "row_origin", np.asarray(ids, np.int64))
    drop = [c for c in imputation_columns(ds) + system_variables(ds) if c in out.df.columns]
    if drop:
        out.drop_variables(drop)
    for key in [k for k in out.chars if k.startswith("_mi_")]:
        out.chars.pop(key)
    out.changed = False
    return out
