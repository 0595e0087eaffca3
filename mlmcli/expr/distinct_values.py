"""Row-by-row functions computed once per distinct value.

A string function written for one value (``string()``, ``substr()``, ``real()`` ...) runs in
Python for every observation; most columns repeat few values, so each distinct combination of
arguments is computed once and the answers mapped back to the rows.  The function receives the
very values the row-by-row loop would have (the first row holding each combination), so the
answers are the same.  Numbers are told apart by their bits: ``-0`` and ``0``, ``.`` and
``.a`` ... ``.z`` (NaN payloads) stay distinct.
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

np = lazy_module("numpy", globals(), "np")
pd = lazy_module("pandas", globals(), "pd")


def _codes(column):
    """Integer codes of the column's distinct values, or None when it holds something other
    than floats or Python strings (then the caller goes row by row)."""
    if column.dtype.kind == "f":
        bits = np.ascontiguousarray(column, dtype=np.float64).view(np.int64)
        codes, uniques = pd.factorize(bits)
        return codes, len(uniques)
    if column.dtype == object:
        codes, uniques = pd.factorize(column)
        if (codes < 0).any() or not all(type(u) is str for u in uniques):
            return None  # None/NaN/numbers in a text column: equality is not identity there
        return codes, len(uniques)
    return None


def _row_codes(columns, n):
    """One code a row for the combination of its values across ``columns``, or None."""
    key = None
    for column in columns:
        found = _codes(column)
        if found is None:
            return None
        codes, count = found
        key = codes if key is None else pd.factorize(key * count + codes)[0]
    return key if key is not None else np.zeros(n, dtype=np.int64)


def apply_distinct(f, values, n: int, numeric_out: bool = False):
    """``f(*row)`` for each observation, as an array of ``n`` (float when ``numeric_out``,
    else object); ``values`` are scalars or length-``n`` arrays."""
    # a scalar as ``broadcast`` would make its column's elements: str, or numpy float64
    values = [v if isinstance(v, (np.ndarray, str)) else np.float64(float(v)) for v in values]
    arrays = [v for v in values if isinstance(v, np.ndarray)]
    same_length = all(len(a) == n for a in arrays)
    key = _row_codes(arrays, n) if n and same_length else None
    dtype = float if numeric_out else object
    if key is None:
        cols = [v if isinstance(v, np.ndarray) else [v] * n for v in values]
        return _as_array([f(*row) for row in zip(*cols)], dtype)
    distinct = int(key.max()) + 1 if n else 0
    first = np.empty(distinct, dtype=np.int64)
    first[key[::-1]] = np.arange(n - 1, -1, -1)  # the first row holding each combination
    answers = [f(*(v[i] if isinstance(v, np.ndarray) else v for v in values)) for i in first]
    return _as_array(answers, dtype)[key]


def _as_array(answers, dtype):
    if dtype is float:
        return np.array(answers, dtype=float)
    return np.fromiter(answers, dtype=object, count=len(answers))  # tuples stay whole


def all_python_strings(values) -> bool:
    """Whether an object array holds Python ``str`` only (no None, NaN or numbers), judged on
    its distinct values."""
    if not isinstance(values, np.ndarray) or values.dtype != object:
        return False
    return _codes(values) is not None


def as_objects(values):
    """A sequence as a 1-D object array of the same elements (no conversion)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    return np.fromiter(values, dtype=object, count=len(values))
