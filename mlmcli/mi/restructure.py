"""mi data rebuilt from its completed datasets: what Stata's u_mi_xeq_on_tmp_flongsep does
for ``mi reshape`` and for ``mi xeq`` commands that change the data -- each m = 0, 1, ..., M
as a dataset of its own (flongsep), the command run on each, the results put back in the
data's style (``mi convert``).

``from_completed(template, parts, registration)``: ``parts[m]`` is the m-th completed dataset
after the command (``styles.completed`` before it), all with the same rows in the same order.
Row m of every part is one observation; an observation is incomplete when an imputed
variable is missing in m = 0.  mlong keeps the m > 0 rows of the incomplete observations
(as ``mi convert mlong`` does, so a variable that varies over m on a complete observation
keeps its m = 0 value there), flong all of them, wide the ``_m_x`` columns of the imputed and
passive variables.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.mi import styles


def from_completed(template, parts: list, registration: dict[str, list[str]]):
    """The mi data of ``template``'s style and settings holding ``parts`` (m = 0 ... M)."""
    base = parts[0]
    names = base.varnames
    for m, part in enumerate(parts[1:], 1):
        if part.nobs != base.nobs or part.varnames != names:
            raise StataError(f"mi: the command left imputation m={m} with other observations or "
                             "variables than m=0", 459)
    kind = styles.style(template)
    out = base.copy()
    out.chars.update({k: v for k, v in template.chars.items() if k.startswith("_mi_")})
    for key, listed in registration.items():
        out.chars[f"_mi_{key}"] = " ".join(n for n in listed if n in names)
    ivars = styles.registered(out, "ivars")
    incomplete = (base.df[ivars].isna().any(axis=1).to_numpy() if ivars
                  else np.zeros(base.nobs, dtype=bool))
    M = len(parts) - 1
    if kind == "wide":
        for name in ivars + styles.registered(out, "pvars"):
            for m in range(1, M + 1):
                out.set_variable(styles.wide_name(m, name), parts[m].df[name].to_numpy(), base.types.get(name))
        out.set_variable("_mi_miss", incomplete.astype(np.int8), "byte")
        return out
    n = base.nobs
    frames = [_with_system(base.df, 0, np.arange(1, n + 1), incomplete.astype(float))]
    for m in range(1, M + 1):
        rows = np.arange(n) if kind == "flong" else np.flatnonzero(incomplete)
        frames.append(_with_system(parts[m].df.iloc[rows], m, rows + 1, np.full(len(rows), np.nan)))
    order = names + [s for s in ("_mi_m", "_mi_id", "_mi_miss") if s in template.df.columns or s == "_mi_miss"]
    frame = pd.concat(frames, ignore_index=True)[order]
    out.replace_rows(frame, np.concatenate([np.arange(n), np.full(len(frame) - n, -1)]))
    out.types.update({"_mi_m": "int", "_mi_id": "long", "_mi_miss": "byte"})
    out.sortedby = ()
    return out


def _with_system(frame: pd.DataFrame, m: int, ids: np.ndarray, miss: np.ndarray) -> pd.DataFrame:
    frame = frame.reset_index(drop=True).copy()
    frame["_mi_m"] = float(m)
    frame["_mi_id"] = ids.astype(float)
    frame["_mi_miss"] = miss
    return frame


def registration_of(ds) -> dict[str, list[str]]:
    return {kind: styles.registered(ds, kind) for kind in ("ivars", "pvars", "rvars")}
