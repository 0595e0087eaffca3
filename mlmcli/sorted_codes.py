"""Sort-based stand-ins for ``np.unique`` on the paths that group large data.

numpy 2.4's ``np.unique`` is slow in two cases mlmcli meets with every ``by``/``egen``/panel
variable on large data:

- ``np.unique(rows, axis=0, return_inverse=True)`` views each row as one structured value and
  sorts those (~4.8 s for 1,000,000 rows of one column, against ~0.35 s for an argsort);
- ``np.unique(ints)`` without ``return_*`` takes a hashed path (~1.9 s for 1,000,000 integers
  with many distinct values, against ~0.13 s for a sort).

The functions here give the same answers (same order, same dtype, same inverse) by sorting.
Keys holding NaN keep ``np.unique`` itself: its structured comparison treats NaN in ways a
sort of floats does not repeat.
"""
from __future__ import annotations

import numpy as np


def distinct_values(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` for a 1-D array: the sorted distinct values, same dtype."""
    a = np.asarray(values)
    if a.ndim != 1 or a.dtype.kind not in "iub":
        return np.unique(a)
    ordered = np.sort(a)
    if ordered.size < 2:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def all_distinct(values: np.ndarray) -> bool:
    """Whether no value of a 1-D array repeats (``len(np.unique(values)) == len(values)``):
    increasing at a glance (the usual row origin, an ``arange``), else ``distinct_values``'
    sort.  Every estimation command asks it of its rows' origins."""
    a = np.asarray(values)
    if a.size < 2 or bool((a[1:] > a[:-1]).all()):
        return True
    return len(distinct_values(a)) == a.size


def row_codes(keys: list[np.ndarray] | tuple[np.ndarray, ...]) -> np.ndarray:
    """The inverse of ``np.unique(np.column_stack(keys), axis=0, return_inverse=True)`` as a
    1-D int64 array: each row's position among the distinct rows in lexicographic order.
    Each column becomes dense codes (0, 1, ... in value order) and the columns are combined
    as digits of one integer, densified again whenever the digits would grow past the rows."""
    columns = [np.asarray(k) for k in keys]
    dtype = np.result_type(*columns) if columns else None
    n = columns[0].shape[0] if columns else 0
    if (
        not columns
        or any(c.ndim != 1 or c.shape[0] != n for c in columns)
        or dtype.kind not in "iubf"
        or (dtype.kind == "f" and any(np.isnan(c).any() for c in columns if c.dtype.kind == "f"))
    ):
        inverse = np.unique(np.column_stack(columns), axis=0, return_inverse=True)[1]
        return inverse.reshape(-1).astype(np.int64)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    return _lexicographic_ranks([c.astype(dtype, copy=False) for c in columns])


def unique_rows(matrix, return_inverse: bool = False, return_counts: bool = False):
    """``np.unique(matrix, axis=0, ...)`` for a 2-D numeric array by ``row_codes``: the same
    distinct rows (order, values, dtype), inverse (1-D int64) and counts.  ``np.unique`` itself
    when there are no columns, the type is not numeric, or a float column holds NaN or -0.0
    (which of the equal 0.0 / -0.0 rows np.unique keeps is its sort's choice)."""
    m = np.asarray(matrix)
    if (m.ndim != 2 or m.shape[1] == 0 or m.dtype.kind not in "iubf"
            or (m.dtype.kind == "f" and (np.isnan(m).any() or (np.signbit(m) & (m == 0)).any()))):
        return np.unique(m, axis=0, return_inverse=return_inverse, return_counts=return_counts)
    codes = row_codes([m[:, j] for j in range(m.shape[1])])
    k = int(codes.max()) + 1 if codes.size else 0
    out = [m[first_rows(codes, k)]]
    if return_inverse:
        out.append(codes)
    if return_counts:
        out.append(np.bincount(codes, minlength=k).astype(np.int64))
    return out[0] if len(out) == 1 else tuple(out)


def matrix_row_codes(matrix) -> np.ndarray:
    """The inverse of ``np.unique(matrix, axis=0, return_inverse=True)`` (1-D int64) for a 2-D
    array: ``row_codes`` of its columns (np.unique when it has none)."""
    m = np.asarray(matrix)
    if m.ndim != 2 or m.shape[1] == 0:
        return np.unique(m, axis=0, return_inverse=True)[1].reshape(-1).astype(np.int64)
    return row_codes([m[:, j] for j in range(m.shape[1])])


def _lexicographic_ranks(columns: list[np.ndarray]) -> np.ndarray:
    """Each row's rank (0, 1, ...) among the distinct rows of 1-D numeric columns without NaN,
    lexicographic, each column compared in its own dtype."""
    n = columns[0].shape[0]
    codes, count = _dense_codes(columns[0])
    for column in columns[1:]:
        digit, base = _dense_codes(column)
        if count * base > 2 * n + 1024:  # keep the combined digits small: codes < rows^2
            codes, count = _dense_codes(codes)
        codes, count = codes * base + digit, count * base
    return codes if len(columns) == 1 else _dense_codes(codes)[0]


def _dense_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value's position among the distinct values (int64) and how many there are:
    whole numbers in a short range by ``bincount`` (no sort), others by a stable sort."""
    a = values.astype(np.int8) if values.dtype.kind == "b" else values
    low, high = a.min(), a.max()
    whole = a.dtype.kind in "iu" or bool(np.array_equal(a, np.floor(a)))
    if whole and a.dtype != np.uint64 and float(high) - float(low) <= 2 * a.size + 1024:
        shifted = (a - low).astype(np.int64)  # exact: whole numbers in a short range
        present = np.bincount(shifted) > 0
        rank = np.cumsum(present) - 1
        return rank[shifted], int(rank[-1]) + 1
    order = stable_order(a)
    ordered = a[order]
    new = np.zeros(a.size, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    codes = np.empty(a.size, dtype=np.int64)
    codes[order] = np.cumsum(new)
    return codes, int(codes[order[-1]]) + 1


def stable_lexsort(keys: list[np.ndarray]) -> np.ndarray:
    """``np.lexsort(keys)`` (the last key first): the rows' lexicographic ranks (each key in
    its own dtype), then one stable sort of those integers; one integer key by ``stable_order``;
    ``np.lexsort`` itself for another single key, no rows, or a key that holds NaN, is not
    numeric or not 1-D of the same length."""
    columns = [np.asarray(k) for k in keys]
    if len(columns) == 1 and columns[0].ndim == 1 and columns[0].dtype.kind in "iu":
        return stable_order(columns[0])  # one integer key (codes): stable_order's radix passes
    if (len(columns) < 2 or any(c.ndim != 1 or c.dtype.kind not in "iubf" for c in columns)
            or any(c.shape != columns[0].shape for c in columns) or columns[0].size == 0
            or any(c.dtype.kind == "f" and np.isnan(c).any() for c in columns)):
        return np.lexsort(columns)
    varying = [c for c in columns if c.min() != c.max()]  # a constant key orders nothing
    if len(varying) < 2:  # one key: numpy's own stable sort of it
        return np.arange(columns[0].size) if not varying else np.lexsort(varying)
    return stable_order(_lexicographic_ranks(varying[::-1]))


def stable_order(values: np.ndarray) -> np.ndarray:
    """``np.argsort(values, kind="stable")``; non-negative integers below 2^32 by two 16-bit
    radix passes (numpy's stable sort is a radix sort only for 16-bit types)."""
    a = np.asarray(values)
    if a.dtype.kind not in "iu" or a.dtype.itemsize <= 2 or a.size < 2:  # 16 bits: radix already
        return np.argsort(a, kind="stable")
    low, high = a.min(), a.max()
    if low < 0 or high >= 2 ** 32:
        return np.argsort(a, kind="stable")
    order = np.argsort((a & 0xFFFF).astype(np.uint16), kind="stable")
    if high >= 2 ** 16:
        order = order[np.argsort((a[order] >> 16).astype(np.uint16), kind="stable")]
    return order


def first_of_each(codes: np.ndarray) -> np.ndarray:
    """Positions (ascending) of the first occurrence of each distinct value of ``codes``."""
    codes = np.asarray(codes)
    if codes.size == 0:
        return np.zeros(0, dtype=np.int64)
    order = stable_order(codes) if codes.dtype.kind in "iu" and codes.min() >= 0 else np.argsort(codes, kind="stable")
    ordered = codes[order]
    first = np.empty(codes.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return np.sort(order[first])


def text_codes(values) -> np.ndarray:
    """``np.unique(np.asarray(values, dtype=str), return_inverse=True)[1]`` (1-D): each text's
    rank among the distinct texts in code-point order, by ``pd.factorize(sort=True)``'s hashing
    (np.unique sorts fixed-width unicode: several times slower); np.unique itself when a value
    is not text or ends in NUL, which numpy's str type drops.  A pandas Series or array of
    pandas' text type is coded in its own (Arrow) array, no Python str a row: Arrow orders
    UTF-8 bytes, which is code-point order."""
    import pandas as pd

    array = values.array if isinstance(values, pd.Series) else values
    if isinstance(array, pd.api.extensions.ExtensionArray) and pd.api.types.is_string_dtype(array.dtype):
        codes, distinct = pd.factorize(array, sort=True)
        if not (codes < 0).any() and not pd.Series(distinct).str.endswith("\x00").any():
            return codes.astype(np.int64)
        values = array.to_numpy(dtype=object)
    objects = np.asarray(values, dtype=object)
    codes, distinct = pd.factorize(objects.reshape(-1), sort=True)
    if (codes < 0).any() or any(not isinstance(v, str) or v.endswith("\x00") for v in distinct):
        return np.unique(np.asarray(values, dtype=str), return_inverse=True)[1].reshape(-1)
    return codes.astype(np.int64)


def neighbours_differ(values) -> np.ndarray:
    """``values[i+1] != values[i]`` for each neighbouring pair of a 1-D array (length n-1,
    bool): texts too, by numpy's own loop over the objects (each pair's ``!=`` as Python
    answers it, ~5x faster than a Python loop and faster than coding them first)."""
    a = np.asarray(values)
    if a.size < 2:
        return np.zeros(max(a.size - 1, 0), dtype=bool)
    return np.asarray(np.not_equal(a[1:], a[:-1]), dtype=bool)


def first_rows(codes: np.ndarray, n_groups: int) -> np.ndarray:
    """For codes 0 .. n_groups-1, the position of each code's first row, in code order
    (``np.unique(codes, return_index=True)[1]`` when every code occurs)."""
    first = np.full(n_groups, np.asarray(codes).size, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(first.dtype.type(np.asarray(codes).size)))
    return first


def group_sizes(codes: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """For each row with a code >= 0, how many ``counted`` rows share its code (float);
    NaN where the code is negative."""
    codes = np.asarray(codes)
    out = np.full(codes.size, np.nan)
    coded = codes >= 0
    if coded.any():
        tally = np.bincount(codes[coded & counted], minlength=int(codes[coded].max()) + 1)
        out[coded] = tally[codes[coded]].astype(float)
    return out
