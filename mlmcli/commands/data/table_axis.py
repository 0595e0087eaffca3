"""The levels of one variable of a ``table`` (Stata 13's contents() syntax and Stata 17's):
display texts, values, and each observation's level."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import value_text


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
