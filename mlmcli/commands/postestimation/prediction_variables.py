"""What every ``predict`` handler shares: the rows its if/in selects and storing a new
prediction variable (float unless a type is given, labelled, missing values counted)."""
from __future__ import annotations

import numpy as np


def rows_selected(session, cmd) -> np.ndarray:
    """if/in of the predict command (all rows when neither is given)."""
    n = session.data.nobs
    if not cmd.if_exp and not cmd.in_range:
        return np.ones(n, bool)
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, []), bool)


def store_prediction(session, name: str, values: np.ndarray, vtype: str | None, label: str) -> None:
    vt = vtype or "float"
    if vt == "float":
        values = values.astype(np.float32).astype(float)
    session.data.set_variable(name, values, vtype=vt)
    session.data.var_labels[name] = label
    nmiss = int(np.isnan(values).sum())
    if nmiss:
        session.print(f"({nmiss:,} missing value{'s' if nmiss != 1 else ''} generated)")
