"""tabulate's programmer's options ``matcell()``, ``matrow()`` and ``matcol()`` ([R] tabulate
oneway / twoway, Advanced): the frequencies as a matrix (r x c; one column one-way) and the
distinct values of the row and column variables as r x 1 and 1 x c matrices, in the order
the table lists them; unnamed rows and columns are r1, r2, ... and c1, c2, ...."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code
from mlmcli.results.matrix import Matrix


def _names(prefix: str, k: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i + 1}" for i in range(k))


def _matrix_name(opts: dict, key: str) -> str | None:
    text = opts.get(key)
    if text is None:
        return None
    name = str(text).strip()
    if not name or not (name[0].isalpha() or name[0] == "_") or not all(c.isalnum() or c == "_" for c in name) \
            or len(name) > 32:
        raise StataError(f"{name or key + '()'} invalid name", 198)
    return name


def _values(session, name: str, rows: np.ndarray, include_missing: bool) -> np.ndarray:
    """The distinct values tabulate lists for a numeric variable (missing ones last when
    ``missing`` is typed), as tabulated_categories orders them."""
    ds = session.data
    if ds.is_string(name):
        raise StataError(f"{name} is a string variable; matrow() and matcol() need numeric variables", 109)
    x = ds.numeric(name)[rows]
    miss = np.isnan(x)
    values = list(np.unique(x[~miss]))
    if include_missing and miss.any():
        values += [np.nan] * len(np.unique(missing_code(x[miss])))
    return np.array(values, dtype=float)


def save_tab_matrices(session, opts: dict, names: list[str], rows: np.ndarray, counts: np.ndarray) -> None:
    """Store what matcell()/matrow()/matcol() ask for; every name is checked before any is set."""
    cell, row, col = (_matrix_name(opts, k) for k in ("matcell", "matrow", "matcol"))
    if cell is None and row is None and col is None:
        return
    missing = opts.get("missing") is not None
    out = {}
    if row is not None:
        v = _values(session, names[0], rows, missing).reshape(-1, 1)
        out[row] = Matrix(v, _names("r", v.shape[0]), ("c1",))
    if col is not None:
        v = _values(session, names[1], rows, missing).reshape(1, -1)
        out[col] = Matrix(v, ("r1",), _names("c", v.shape[1]))
    if cell is not None:
        out[cell] = Matrix(counts.copy(), _names("r", counts.shape[0]), _names("c", counts.shape[1]))
    session.matrices.update(out)
