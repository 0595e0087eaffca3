"""The levels of one variable of a ``table`` (Stata 13's contents() syntax and Stata 17's):
display texts, values, and each observation's level."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, value_text, weights
from mlmcli.errors import StataError


class TableAxis:
    """The categories of one table variable: display texts, and each row's category."""

    def __init__(self, ds, name: str, rows: np.ndarray, missing: bool):
        self.name = name
        self.title = ds.var_labels.get(name) or name
        if ds.is_string(name):
            col = ds.df[name].to_numpy(dtype=object)
            keys = sorted({v for v, r in zip(col, rows) if r and (missing or v != "")})
            self.codes = np.array([keys.index(v) if (v in keys) else -1 for v in col])
            self.texts = [str(k) for k in keys]
            self.values = keys
        else:
            from mlmcli.missing import order_key
            x = ds.numeric(name)
            keyed = order_key(x)
            present = sorted({float(k) for k, r, v in zip(keyed, rows, x) if r and (missing or not np.isnan(v))})
            index = {k: i for i, k in enumerate(present)}
            self.codes = np.array([index.get(float(k), -1) for k in keyed])
            firsts = {}
            for v, k in zip(x, keyed):
                firsts.setdefault(float(k), v)
            self.values = [firsts[k] for k in present]
            self.texts = [value_text(ds, name, v) for v in self.values]

    def __len__(self):
        return len(self.texts)


def table_sample(session, cmd, groups: list[list[str]], missing: bool, allowed: tuple[str, ...]):
    """(rows, weights or None, [[TableAxis per name] per group]): the observations selected by
    if/in and the weight, with a level of every table variable (``missing``: missing values are
    levels too); no observation left is r(2000)."""
    names = [n for group in groups for n in group]
    rows = mark(session, cmd, [] if missing else names, strok=True)
    rows, w, _ = weights(session, cmd, rows, allowed, default="fweight")
    axes = [[TableAxis(session.data, n, rows, missing) for n in group] for group in groups]
    for axis in (a for group in axes for a in group):
        rows = rows & (axis.codes >= 0)
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows, w, axes
