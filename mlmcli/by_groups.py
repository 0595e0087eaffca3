"""The ``by varlist:`` prefix's view of the data: Stata's sort order (numbers ascending, then
missing; strings ascending), whether the rows are already in it, and the by-groups with their
``a = 1, b = x`` headings (``Runner._by``)."""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax


def _sort_codes(data, name: str) -> "np.ndarray":
    """Integer codes that sort like Stata: numbers ascending, then ``.``, ``.a`` ... ``.z``;
    strings ascending."""
    import numpy as np
    import pandas as pd

    if data.is_string(name):
        values = _texts(data, name)  # coded in pandas' own (Arrow) array: code-point order
    else:
        from mlmcli.missing import order_key
        # . < .a < ... < .z: pandas would code every NaN alike
        values = order_key(data.df[name].to_numpy(dtype=float, na_value=np.nan))
    # no NaN reaches factorize (order keys; texts with "" for missing), so no code is -1
    return pd.factorize(values, sort=True)[0].astype(np.int64)


def _texts(data, name: str):
    """A string variable's values as texts (missing as ""), in pandas' own array: Arrow's
    when pandas keeps its strings there, so comparisons run in Arrow without a Python str
    a row."""
    return data.df[name].fillna("").astype(str).array


def text_changes(data, name: str) -> "np.ndarray":
    """For rows 2..N, whether the string variable ``name`` differs from the row before."""
    import numpy as np

    values = _texts(data, name)
    return np.asarray(values[1:] != values[:-1], dtype=bool)


def _steps(data, name: str) -> "np.ndarray":
    """-1, 0 or 1 for each row against the one before in Stata's order of ``name``: texts
    compared pairwise (code-point order: Arrow compares UTF-8 bytes, Python code points, the
    order the sort's codes give) instead of coding every text first."""
    import numpy as np

    if data.is_string(name):
        values = _texts(data, name)
        prev, cur = values[:-1], values[1:]
        return np.asarray(cur > prev, dtype=np.int8) - np.asarray(cur < prev, dtype=np.int8)
    codes = _sort_codes(data, name)
    return np.sign(codes[1:] - codes[:-1])


def sort_dataset(data, keys: list[str]) -> None:
    """Stable sort of the dataset by ``keys`` (missing values last); records ``sortedby``."""
    if not keys:
        return
    if data.nobs > 1:
        import numpy as np

        from mlmcli.sorted_codes import stable_lexsort
        order = stable_lexsort([_sort_codes(data, k) for k in reversed(keys)])
        if not np.array_equal(order, np.arange(len(order))):
            data.take_rows(order)
            data.changed = True
    data.sortedby = tuple(keys)


def is_sorted(data, keys: list[str]) -> bool:
    """Whether the rows are in order of ``keys`` (checked on the data, not on a flag,
    so data read from files or changed by ``replace`` are judged correctly)."""
    if data.nobs < 2:
        return True
    import numpy as np

    # in order when every row is at or after the one before it, comparing key by key (the
    # answer of np.lexsort's permutation being the identity, without a sort)
    decided = np.zeros(data.nobs - 1, dtype=bool)
    for key in keys:
        step = _steps(data, key)
        if (step[~decided] < 0).any():
            return False
        decided |= step != 0
    return True


def by_groups(data, byvars: list[str]):
    """Yield (``a = 1, b = x`` label, row mask) for each by-group in data order."""
    n = data.nobs
    if n == 0:
        return
    import numpy as np

    starts = np.zeros(n, dtype=bool)
    starts[0] = True
    for v in byvars:
        starts[1:] |= text_changes(data, v) if data.is_string(v) else _steps(data, v) != 0
    bounds = list(np.flatnonzero(starts)) + [n]
    for a, b in zip(bounds[:-1], bounds[1:]):
        mask = np.zeros(n, dtype=bool)
        mask[a:b] = True
        label = ", ".join(f"{v} = {_value_text(data, v, a)}" for v in byvars)
        yield label, mask


def _value_text(data, var: str, row: int) -> str:
    value = data.df[var].iloc[row]
    if data.is_string(var):
        return "" if value is None or value != value else str(value)
    try:
        fvalue = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = data.value_label_text(var, fvalue)
    if fvalue != fvalue:  # ., .a ... .z, or its label
        from mlmcli.missing import text as missing_text
        return text if text is not None else missing_text(fvalue)
    if text is None and fvalue.is_integer():
        text = data.value_label_text(var, int(fvalue))
    if text is not None:
        return text
    from mlmcli.render.numfmt import format_number

    return format_number(fvalue, data.format_of(var)).strip()


def missing_colon_error(data, words: str) -> StataError:
    """The error of a by prefix typed without its colon (``bysort femme egen u = mean(x)``):
    by reads its varlist first, so the first word that is no variable is Stata's
    ``variable egen not found`` r(111); no words is ``varlist required`` r(100) (``bysort``
    alone); a line of variables only (``by a b``) is invalid syntax."""
    import re

    names = []
    for word in words.split():
        m = re.match(r"[A-Za-z_][\w*?~-]*", word)
        if m is None:
            break
        names.append(m.group(0))
        if m.end() < len(word):
            break
    if not names:
        return StataError("varlist required", 100) if not words.strip() else invalid_syntax()
    for name in names:
        try:
            data.expand_varlist([name])
        except StataError as err:
            return err
    return invalid_syntax()
