"""What an expression can see while it is evaluated: variables, by-groups, stored results.

Two modes.  Column mode (``scalar=False``) evaluates over every observation of
the dataset.  Scalar mode (``display``, ``local x =``, ``scalar``) evaluates
once, and a variable name means its value in observation 1, as in Stata.

By-groups: when ``session.by_vars`` is set (the runner sorted the data by
them), ``_n``, ``_N``, ``x[_n-1]`` and ``sum()`` work within the groups.
"""
from __future__ import annotations

import math

from mlmcli.lazy_module import is_ndarray, lazy_module

from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import all_python_strings
from mlmcli.expr.values import MISSING
from mlmcli.missing import order_key

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed


class EvalContext:
    def __init__(self, session, scalar: bool = False, rows=None):
        self.session = session
        self.scalar = scalar
        self.rows = rows  # rows being evaluated (None: all); running sums skip the others
        self._nobs: int | None = None
        self._groups: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def nobs(self) -> int:
        """Observations in the dataset (read lazily: constant expressions never load pandas)."""
        if self._nobs is None:
            data = self.session.data
            self._nobs = data.nobs if data is not None else 0
        return self._nobs

    # ----- observations and by-groups -----
    @property
    def by_vars(self) -> tuple[str, ...]:
        return tuple(getattr(self.session, "by_vars", ()) or ())

    def groups(self) -> tuple[np.ndarray, np.ndarray]:
        """(first row of each row's group, size of each row's group), 0-based rows."""
        if self._groups is None:
            n = self.nobs
            starts = np.zeros(n, dtype=bool)
            if n:
                starts[0] = True
                data = self.session.data
                from mlmcli.by_groups import text_changes
                from mlmcli.sorted_codes import neighbours_differ

                for var in self.by_vars:
                    if data.is_string(var):  # texts as by sees them (missing is ""), compared in bulk
                        starts[1:] |= text_changes(data, var)
                        continue
                    col = data.df[var].to_numpy()
                    if col.dtype == object:
                        diff = neighbours_differ(col)
                    else:
                        prev_f, cur_f = col[:-1].astype(float), col[1:].astype(float)
                        diff = order_key(prev_f) != order_key(cur_f)  # . and .a are different groups
                    starts[1:] |= diff
            idx = np.arange(n)
            first = np.maximum.accumulate(np.where(starts, idx, 0)) if n else idx
            gid = np.cumsum(starts) - 1
            sizes = np.bincount(gid, minlength=int(gid.max()) + 1 if n else 0)
            self._groups = (first, sizes[gid] if n else idx)
        return self._groups

    def obs_n(self):
        """``_n``: observation number (within the by-group)."""
        if self.scalar:
            return 1.0
        idx = np.arange(self.nobs, dtype=float)
        if self.by_vars:
            first, _ = self.groups()
            return idx - first + 1
        return idx + 1

    def obs_N(self):
        """``_N``: number of observations (in the by-group)."""
        if self.scalar or not self.by_vars:
            return float(self.nobs)
        _, size = self.groups()
        return size.astype(float)

    # ----- variables -----
    def variable(self, name: str):
        """Column of a variable (abbreviations allowed), or its obs-1 value in scalar mode."""
        values = self.column(name)
        if self.scalar:
            row = self.scalar_row()
            if row >= len(values):
                return "" if values.dtype == object else MISSING
            return values[row]
        return values

    def scalar_row(self) -> int:
        """The observation a variable name means in scalar mode: the first of the current
        by-group when a by loop is running, else observation 1."""
        mask = getattr(self.session, "by_mask", None)
        if mask is not None and len(mask) and np.any(mask):
            return int(np.argmax(mask))
        return 0

    def column(self, name: str) -> np.ndarray:
        data = self.session.data
        full = data.resolve(name)
        if data.is_string(full):
            col = data.df[full].to_numpy(dtype=object)
            if all_python_strings(col):
                return col.copy()  # nothing to blank or convert (the copy: callers may write)
            return np.array(["" if (v is None or (isinstance(v, float) and math.isnan(v))) else str(v)
                             for v in col], dtype=object)
        return data.numeric(full)

    def has_variable(self, name: str) -> bool:
        data = self.session.data
        return data is not None and data.has_variable(name)

    def subscript(self, name: str, index):
        """``x[exp]``: the value of x in observation exp (within the by-group)."""
        col = self.column(name)
        missing = "" if col.dtype == object else MISSING
        if isinstance(index, str) or (is_ndarray(index) and index.dtype == object):
            raise StataError("type mismatch", 109)
        if not is_ndarray(index):
            if math.isnan(index):
                return missing if self.scalar else np.full(self.nobs, missing, dtype=col.dtype)
            k = int(index)  # Stata truncates a fractional subscript
            if self.scalar or not self.by_vars:
                value = col[k - 1] if 1 <= k <= len(col) else missing
                return value
            index = np.full(self.nobs, float(k))
        rows, ok = self.subscript_rows(index)
        out = np.full(len(rows), missing, dtype=col.dtype)
        out[ok] = col[rows[ok]]
        return out

    def subscript_rows(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The 0-based rows ``x[index]`` reads in each observation (within the by-group; a
        fractional subscript truncated) and which of them exist."""
        idx = np.where(np.isnan(index), 0, np.trunc(np.nan_to_num(index))).astype(np.int64)
        if self.by_vars:
            first, size = self.groups()
            ok = (idx >= 1) & (idx <= size)
            rows = first + idx - 1
        else:
            ok = (idx >= 1) & (idx <= self.nobs)
            rows = idx - 1
        return rows, ok
