"""``inspect``'s counts and small histogram ([D] inspect) for one variable's values.

The histogram has one bar per distinct value when there are at most 5, else 5 bars of equal
width between the minimum and maximum; a bar's height is 6 rows times its count over the
largest count, rounded down, with a bar of count > 0 but no full row shown as '.' (these rules
reproduce the published Stata 13 logs the tests hold; the exact binning of Stata's internal
command is not documented)."""
from __future__ import annotations

import numpy as np

from mlmcli.results.inspection import Inspection, SignCounts

_ROWS = 6
_BARS = 5
_UNIQUE_LIMIT = 99
_LOWEST_DOUBLE = -8.988465674311579e307  # the maximum of no values, as Stata shows it


def _sign_counts(values: np.ndarray) -> SignCounts:
    whole = int(np.count_nonzero(values == np.floor(values)))
    return SignCounts(int(values.size), whole, int(values.size) - whole)


def bar_heights(values: np.ndarray) -> tuple[int, ...]:
    if values.size == 0:
        return ()
    distinct, counts = np.unique(values, return_counts=True)
    if distinct.size > _BARS:
        lo, hi = distinct[0], distinct[-1]
        bins = np.minimum(np.floor((values - lo) / (hi - lo) * _BARS), _BARS - 1).astype(int)
        counts = np.bincount(bins, minlength=_BARS)
    heights = np.floor(_ROWS * counts / counts.max()).astype(int)
    return tuple(int(h) if h > 0 or c == 0 else -1 for h, c in zip(heights, counts))


def inspect_values(name: str, var_label: str, values: np.ndarray, value_labels: dict | None,
                   number_text) -> Inspection:
    """``values``: the variable over the sample (NaN missing; a string variable: all NaN);
    ``value_labels``: its value label's {value: text} or None; ``number_text``: %9.0g."""
    present = values[~np.isnan(values)]
    distinct = np.unique(present)
    undocumented = None
    if value_labels is not None:
        undocumented = sum(1 for v in distinct if float(v) not in value_labels)
    return Inspection(
        name=name, var_label=var_label,
        negative=_sign_counts(present[present < 0]), zero=_sign_counts(present[present == 0]),
        positive=_sign_counts(present[present > 0]), missing=int(values.size - present.size),
        bars=bar_heights(present),
        min_text=number_text(float(present.min())) if present.size else ".",
        max_text=number_text(float(present.max()) if present.size else _LOWEST_DOUBLE),
        unique=int(distinct.size) if distinct.size <= _UNIQUE_LIMIT else None,
        undocumented=undocumented)
