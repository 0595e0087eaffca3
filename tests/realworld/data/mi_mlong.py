"""mi set mlong look-alikes: the m = 0 rows with mi's system variables, then each imputation's
incomplete rows, as Stata stores mlong data (used by make_eregqual_birth_imputed and
make_charter_identity_mi)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def mlong_stack(frame: pd.DataFrame, imputed: list[str], M: int, fill) -> pd.DataFrame:
    """``frame`` (the original data, changed in place) with ``_mi_m`` 0, ``_mi_id`` 1..N and
    ``_mi_miss``, followed for m = 1..M by a copy of its incomplete rows on which
    ``fill(rows, m)`` puts the imputed values (``_mi_miss`` missing there, as Stata has it)."""
    frame["_mi_m"] = 0.0
    frame["_mi_id"] = np.arange(1, len(frame) + 1, dtype=float)
    incomplete = frame[imputed].isna().any(axis=1).to_numpy()
    frame["_mi_miss"] = incomplete.astype(float)
    parts = [frame]
    for m in range(1, M + 1):
        rows = frame.loc[incomplete].copy()
        fill(rows, m)
        rows["_mi_m"] = float(m)
        rows["_mi_miss"] = np.nan
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def mlong_dataset(d, full: pd.DataFrame, types: dict, M: int, imputed: list[str], updated: str):
    """The Dataset of ``full`` (from ``mlong_stack``) put into the LookAlike ``d`` with its storage
    ``types``, carrying the characteristics ``mi set mlong`` writes (``updated``: _mi_update)."""
    d.rows(len(full))
    for name in full.columns:
        d.put(name, full[name].to_numpy(), types[name])
    ds = d.dataset()
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M),
                     "_mi_ivars": " ".join(imputed), "_mi_pvars": "", "_mi_rvars": "", "_mi_update": updated})
    return ds


def knocked_out_stack(frame: pd.DataFrame, shares: dict[str, float], M: int, rng, draw) -> pd.DataFrame:
    """``mlong_stack`` of ``frame`` after a share of each variable's values is set missing
    (``shares``: name -> share, the imputed variables in order); imputation m fills them with
    ``draw(name, true_values)``, the values before they were knocked out plus noise."""
    names = list(shares)
    complete = frame[names].copy()
    for name, share in shares.items():
        frame.loc[rng.random(len(frame)) < share, name] = np.nan

    def fill(rows, m):
        idx = rows["_mi_id"].to_numpy(int) - 1
        for name in names:
            miss = rows[name].isna().to_numpy()
            rows.loc[miss, name] = draw(name, complete[name].to_numpy()[idx][miss])

    return mlong_stack(frame, names, M, fill)
