"""Row-by-row functions computed once per distinct value.

A string function written for one value (``string()``, ``substr()``, ``real()`` ...) runs in
Python for every observation; most columns repeat few values, so each distinct combination of
arguments is computed once and the answers mapped back to the rows.  The function receives the
very values the row-by-row loop would have (the first row holding each combination), so the
answers are the same.  Numbers are told apart by their bits: ``-0`` and ``0``, ``.`` and
``.a`` ... ``.z`` (NaN payloads) stay distinct.
"""
from __future__ import annotations

from itertools import repeat

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
        if (codes < 0).any() or set(map(type, uniques)) != {str}:
            return None  # None/NaN/numbers in a text column: equality is not identity there
        return codes, len(uniques)
    return None


SAMPLE = 5000  # rows looked at to tell a column of (nearly) all different values


def _nearly_all_distinct(columns, n) -> bool:
    """Whether an evenly spread sample of the rows repeats no combination of values: then
    coding the rows costs more than it saves."""
    if n < 4 * SAMPLE:
        return False
    rows = np.linspace(0, n - 1, SAMPLE).astype(np.int64)
    sample = _row_codes([c[rows] for c in columns], SAMPLE, sampled=True)
    return sample is not None and int(sample.max()) + 1 == SAMPLE


def _row_codes(columns, n, sampled=False):
    """One code a row for the combination of its values across ``columns``, or None (then
    the caller goes row by row)."""
    if not sampled and _nearly_all_distinct(columns, n):
        return None
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
        return _as_array(_row_by_row(f, values, n), dtype)
    from mlmcli.sorted_codes import first_rows

    distinct = int(key.max()) + 1 if n else 0
    first = first_rows(key, distinct)  # the first row holding each combination
    picked = [v[first] if isinstance(v, np.ndarray) else repeat(v, distinct) for v in values]
    answers = [f(v) for v in picked[0]] if len(picked) == 1 else [f(*row) for row in zip(*picked)]
    return _as_array(answers, dtype)[key]


def _row_by_row(f, values, n):
    """``f(*row)`` for each of the ``n`` rows, as the plain loop gives them: ``map`` over the
    columns (a scalar repeated), no tuple built a row; one column is the common case."""
    if len(values) == 1 and isinstance(values[0], np.ndarray):
        return list(map(f, values[0]))
    return list(map(f, *(v if isinstance(v, np.ndarray) else repeat(v, n) for v in values)))


def _as_array(answers, dtype):
    if dtype is float:
        return np.array(answers, dtype=float)
    return np.fromiter(answers, dtype=object, count=len(answers))  # tuples stay whole


def all_python_strings(values) -> bool:
    """Whether an object array holds Python ``str`` only (no None, NaN or numbers)."""
    if not isinstance(values, np.ndarray) or values.dtype != object:
        return False
    return set(map(type, values)) == {str}


def as_objects(values):
    """A sequence as a 1-D object array of the same elements (no conversion)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    return np.fromiter(values, dtype=object, count=len(values))
