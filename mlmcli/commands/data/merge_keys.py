"""merge's matching of master and using observations on key variables, by integer codes.

Each key variable is coded over both files at once (``pd.factorize(sort=True)``: numbers by
``order_key``, so ``.`` < ``.a`` < ... < ``.z``, each its own value; texts in code-point order,
missing as ""), the keys combined into one code per observation that sorts as the keys do
(``row_codes``).  The result is a list of (master row, using row) pairs, -1 for no partner,
in the order merge leaves the data: by the keys, then master order, then using order (m:m:
by the keys, then the pairs' sequence within the key).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.missing import order_key
from mlmcli.sorted_codes import row_codes, stable_order


def key_codes(frames: list[tuple[pd.DataFrame, object]], keys: list[str]) -> list[np.ndarray]:
    """Each frame's observations coded by their key values, coded over all the frames (equal
    keys, equal codes; codes ascending as the keys sort).  frames: (DataFrame, its Dataset)."""
    sizes = [len(df) for df, _ in frames]
    columns = []
    for k in keys:
        if frames[0][1].is_string(k):
            values = pd.concat([df[k].fillna("").astype(str) for df, _ in frames], ignore_index=True)
        else:
            values = np.concatenate([order_key(pd.to_numeric(df[k], errors="coerce").to_numpy(dtype=float, na_value=np.nan))
                                     for df, _ in frames])
        columns.append(pd.factorize(values, sort=True)[0].astype(np.int64))
    total = sum(sizes)
    codes = row_codes(columns) if columns and total else np.zeros(total, dtype=np.int64)
    return np.split(codes, np.cumsum(sizes)[:-1])


def keys_unique(df: pd.DataFrame, data, keys: list[str]) -> bool:
    """Whether no two observations share their key values."""
    codes = key_codes([(df, data)], keys)[0]
    return codes.size < 2 or int(np.bincount(codes).max()) < 2


def matched_rows(left_codes: np.ndarray, right_codes: np.ndarray, sequential: bool):
    """(master rows, using rows), -1 where the observation has no partner, in merge's order.
    Without ``sequential`` one side's keys are unique (1:1, m:1, 1:m were checked): each
    observation of the other side meets the one with its key.  ``sequential`` (m:m): within a
    key the i-th master observation meets the i-th using one, the shorter side's last
    observation repeated to meet the rest of the longer side."""
    nl, nr = len(left_codes), len(right_codes)
    size = int(max(left_codes.max(initial=-1), right_codes.max(initial=-1))) + 1
    left_count = np.bincount(left_codes, minlength=size)
    right_count = np.bincount(right_codes, minlength=size)
    if sequential:
        return _sequential_pairs(left_codes, right_codes, left_count, right_count)
    if nl and nr and int(left_count.max()) > 1 and int(right_count.max()) > 1:
        raise ValueError("matched_rows: neither file's keys are unique")  # checked before (r(459))
    if nr == 0 or int(right_count.max()) <= 1:  # using unique: the master rows find their one
        partner = np.full(size, -1, dtype=np.int64)
        partner[right_codes] = np.arange(nr)
        mrows = np.arange(nl, dtype=np.int64)
        urows = partner[left_codes]
        lone = np.flatnonzero(left_count[right_codes] == 0)  # using rows no master row met
        mrows, urows = np.concatenate([mrows, np.full(lone.size, -1)]), np.concatenate([urows, lone])
        codes = np.concatenate([left_codes, right_codes[lone]])
    else:  # master unique (1:m)
        partner = np.full(size, -1, dtype=np.int64)
        partner[left_codes] = np.arange(nl)
        urows = np.arange(nr, dtype=np.int64)
        mrows = partner[right_codes]
        lone = np.flatnonzero(right_count[left_codes] == 0)
        mrows, urows = np.concatenate([mrows, lone]), np.concatenate([urows, np.full(lone.size, -1)])
        codes = np.concatenate([right_codes, left_codes[lone]])
    # by key, then master order, then using order: the rows are listed in the unique side's
    # partner order on the other side (master rows ascending, or a master row's using rows
    # ascending) before the lone rows, whose keys no other row has -- a stable sort by key
    order = stable_order(codes)
    return mrows[order], urows[order]


def _sequential_pairs(left_codes, right_codes, left_count, right_count):
    """m:m's pairs (matched_rows), by the keys then the pair's position within its key."""
    def positions(codes, count):  # each row's position among its key's rows (data order)
        order = np.argsort(codes, kind="stable")
        first = np.cumsum(count) - count
        seq = np.empty(len(codes), dtype=np.int64)
        seq[order] = np.arange(len(codes)) - first[codes[order]]
        return order, first, seq

    lorder, lfirst, _ = positions(left_codes, left_count)
    rorder, rfirst, _ = positions(right_codes, right_count)
    pairs = np.maximum(left_count, right_count)  # rows each key makes
    key = np.repeat(np.arange(len(pairs)), pairs)
    seq = np.arange(len(key)) - np.repeat(np.cumsum(pairs) - pairs, pairs)
    # the seq-th row of the key on each side, its last one past the end, none without rows
    lc, rc = left_count[key], right_count[key]
    mrows = np.where(lc > 0, lorder[np.minimum(lfirst[key] + np.minimum(seq, lc - 1), len(lorder) - 1)], -1) \
        if len(lorder) else np.full(len(key), -1, dtype=np.int64)
    urows = np.where(rc > 0, rorder[np.minimum(rfirst[key] + np.minimum(seq, rc - 1), len(rorder) - 1)], -1) \
        if len(rorder) else np.full(len(key), -1, dtype=np.int64)
    return mrows.astype(np.int64), urows.astype(np.int64)


def take_rows(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """column's values at rows, missing (NaN, or the text type's NA) where rows is -1."""
    if isinstance(column.dtype, np.dtype):
        return pd.Series(pd.api.extensions.take(column.to_numpy(), rows, allow_fill=True), copy=False)
    return pd.Series(column.array.take(rows, allow_fill=True), copy=False)


def take_either(left: pd.Series, right: pd.Series, mrows: np.ndarray, urows: np.ndarray) -> pd.Series:
    """The master's value where the row has a master observation, else the using one's."""
    both = pd.concat([left.reset_index(drop=True), right.reset_index(drop=True)], ignore_index=True)
    source = np.where(mrows >= 0, mrows, len(left) + urows)
    return both.take(source).reset_index(drop=True)
