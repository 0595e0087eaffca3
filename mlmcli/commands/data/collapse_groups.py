"""The by-groups of ``collapse`` (and of commands grouping the same way) from sorted codes.

``DataFrame.groupby(by, sort=True, dropna=False).indices`` builds one index array per group:
on 1,000,000 rows in as many groups that dict, and the loops over it, were most of a
collapse.  Here each row gets its group's number (0, 1, ... in the sort order of the by
values: ``sorted_codes.row_codes``, strings through ``pd.factorize(sort=True)``, the order
groupby gives) and each group its by values, read from its first row.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlmcli.missing import order_key
from mlmcli.sorted_codes import first_rows, row_codes


@dataclass
class SortedGroups:
    codes: np.ndarray        # each row's group, 0, 1, ... in the by values' sort order
    n_groups: int
    keys: list[np.ndarray]   # per by variable, its value in each group


def sorted_groups(frame: pd.DataFrame, by: list[str], is_string: list[bool]) -> SortedGroups | None:
    """The groups of ``frame`` by ``by`` in Stata's order (numbers, then ``.``, ``.a`` ... ``.z``,
    each missing value its own group); None for a column of another dtype."""
    if not len(frame):
        return None
    columns, keys = [], []
    for name, string in zip(by, is_string):
        values = frame[name].to_numpy()
        if string:
            if values.dtype != object or any(not isinstance(v, str) for v in values[:1]):
                return None
            codes, _ = pd.factorize(values, sort=True)
            if (codes < 0).any():
                return None
            columns.append(codes)
        else:
            if values.dtype.kind not in "iuf":
                return None
            # . < .a < ... < .z, each its own group (groupby would pool every NaN)
            columns.append(order_key(values) if values.dtype.kind == "f" else values)
        keys.append(values)
    codes = row_codes(columns)
    n_groups = int(codes.max()) + 1
    first = first_rows(codes, n_groups)
    return SortedGroups(codes, n_groups, [k[first] for k in keys])
