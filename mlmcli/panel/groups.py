"""Panel membership of the estimation rows and per-panel sums and means.

``Panels(codes)``: codes 0..n-1, one per estimation row (rows need not be sorted).
T_i = rows of panel i; ``sums``/``means`` of a vector or of each column of a matrix;
``expand`` spreads one value per panel back over its rows; ``within`` is
z_it - zbar_i.  The harmonic mean of the panel sizes, n / sum(1/T_i), is Stata's
T-bar of the random-effects estimator.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.sorted_codes import distinct_values, row_codes


@dataclass(frozen=True)
class Panels:
    codes: np.ndarray  # panel code (0..n-1) of each estimation row
    sizes: np.ndarray = field(init=False)

    def __post_init__(self):
        codes = np.asarray(self.codes, dtype=np.int64)
        object.__setattr__(self, "codes", codes)
        n = int(codes.max()) + 1 if codes.size else 0
        object.__setattr__(self, "sizes", np.bincount(codes, minlength=n).astype(float))

    @property
    def n(self) -> int:
        return len(self.sizes)

    @property
    def N(self) -> int:
        return len(self.codes)

    @property
    def balanced(self) -> bool:
        return bool(self.n and self.sizes.min() == self.sizes.max())

    def harmonic_mean_size(self) -> float:
        return float(self.n / np.sum(1.0 / self.sizes))

    def sums(self, values: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """Per-panel sums of a vector (n,) or of each column of a matrix (n x k)."""
        values = np.asarray(values, float)
        if weights is not None:
            values = values * (weights if values.ndim == 1 else weights[:, None])
        if values.ndim == 1:
            return np.bincount(self.codes, weights=values, minlength=self.n)
        out = np.zeros((self.n, values.shape[1]))
        for j in range(values.shape[1]):
            out[:, j] = np.bincount(self.codes, weights=values[:, j], minlength=self.n)
        return out

    def means(self, values: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """Per-panel (weighted) means."""
        total = self.sizes if weights is None else np.bincount(self.codes, weights=weights, minlength=self.n)
        s = self.sums(values, weights)
        return s / (total if s.ndim == 1 else total[:, None])

    def expand(self, per_panel: np.ndarray) -> np.ndarray:
        return np.asarray(per_panel)[self.codes]

    def within(self, values: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """z_it - zbar_i."""
        return np.asarray(values, float) - self.expand(self.means(values, weights))


def sample_panel_sums(code: np.ndarray, sample: np.ndarray, values: np.ndarray,
                      n: int) -> tuple[np.ndarray, np.ndarray]:
    """(T_i, sum_t values_it) of the n panels of a fit over the rows in memory that are in
    e(sample) and in a panel (code >= 0): what predict's u_i and d_i are built from."""
    ok = sample & (code >= 0)
    return (np.bincount(code[ok], minlength=n).astype(float),
            np.bincount(code[ok], weights=values[ok], minlength=n))


def panel_codes(values: np.ndarray) -> np.ndarray:
    """0..n-1 codes of the panel variable's values, in sorted order."""
    _, codes = np.unique(np.asarray(values), return_inverse=True)
    return codes.astype(np.int64)


def nested_in(inner: np.ndarray, outer: np.ndarray) -> bool:
    """Every value of ``inner`` (panels) lies within one value of ``outer`` (clusters)."""
    if len(inner) == 0:
        return True
    n_pairs = int(row_codes([inner, outer]).max()) + 1
    as_stacked = np.asarray(inner).astype(np.result_type(inner, outer), copy=False)
    return len(distinct_values(as_stacked)) == n_pairs


def group_codes(dataset, var: str, rows: np.ndarray) -> np.ndarray:
    """0..G-1 codes of ``var`` on ``rows`` in sorted order of its values (strings allowed)."""
    if dataset.is_string(var):
        vals = dataset.column(var).to_numpy()[rows].astype(str)
    else:
        vals, rows = dataset.numeric(var), np.asarray(rows)
        if not (rows.dtype == bool and len(rows) == len(vals) and rows.all()):  # every row: no copy
            vals = vals[rows]
    _, codes = np.unique(vals, return_inverse=True)
    return codes.astype(np.int64)
