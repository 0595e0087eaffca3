"""The Mata functions mlm has ([M-4] and [M-5]): Stata interface, matrix construction and
algebra, element-by-element mathematics, sums and extremes, Gauss-Hermite nodes.

Element-by-element functions apply to every element (missing in, missing out).  ``sum()``
treats missing as 0 and ``mean()`` leaves it out, as Mata's do; ``min()``/``max()`` are over
all elements.  ``_gauss_hermite_nodes(n)`` is the 2 x n matrix of abscissas (row 1) and
weights (row 2) of n-point Gauss-Hermite quadrature for the weight exp(-x^2).
Functions that return nothing (``st_matrix(name, X)``, ``stata()``, ``printf()``) give None.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.mata import operators as op
from mlmcli.mata.errors import MataError, conformability, type_mismatch


def call(interp, name: str, args: list[np.ndarray]):
    entry = _FUNCTIONS.get(name)
    if entry is None:
        raise MataError(3499, f"{name}() not found")
    low, high, fn = entry
    if not low <= len(args) <= high:
        raise MataError(3001, f"{name}() expected {low}{'' if low == high else f'-{high}'} "
                              f"argument{'s' if high != 1 else ''} but received {len(args)}")
    return fn(interp, *args)


# ----------------------------------------------------------------------------- helpers
def _number(value: np.ndarray) -> float:
    if op.is_string(value) or not op.is_scalar(value):
        raise type_mismatch()
    return float(value[0, 0])


def _text(value: np.ndarray) -> str:
    if not op.is_string(value) or not op.is_scalar(value):
        raise type_mismatch()
    return str(value[0, 0])


def _reals(value: np.ndarray) -> np.ndarray:
    if op.is_string(value):
        raise type_mismatch()
    return value


def _count(value: np.ndarray) -> int:
    n = _number(value)
    if math.isnan(n) or n < 0:
        raise MataError(3300, "argument out of range")
    return int(n)


def _elementwise(fn):
    def apply(_interp, x):
        with np.errstate(all="ignore"):
            result = np.asarray(fn(_reals(x)), dtype=float)
        result[np.isinf(result)] = np.nan
        return result
    return apply


def _string(text: str) -> np.ndarray:
    return np.array([[text]], dtype=object)


# ----------------------------------------------------------------------------- Stata interface
def _st_matrix(interp, name, value=None):
    from mlmcli.expr.matrices import named_matrix, result_parts, stored_matrix
    from mlmcli.results.matrix import Matrix

    key = _text(name)
    session = interp.session
    if value is None:
        kind, inner = result_parts(key) if key[:2] in ("e(", "r(") and key.endswith(")") else ("", key)
        found = stored_matrix(session, kind, inner) if kind else named_matrix(session, key)
        return np.empty((0, 0)) if found is None else np.array(found.values, dtype=float)
    values = _reals(value)
    session.matrices[key] = Matrix(values.copy(), tuple(f"r{i + 1}" for i in range(values.shape[0])),
                                   tuple(f"c{j + 1}" for j in range(values.shape[1])))
    return None


def _st_numscalar(interp, name, value=None):
    key = _text(name)
    session = interp.session
    if value is not None:
        session.scalars[key] = _number(value)
        return None
    if key[:2] in ("e(", "r(") and key.endswith(")"):
        inner = key[2:-1]
        source = session.r if key[0] == "r" else (session.e.scalars if session.e is not None else {})
        found = source.get(inner)
    else:
        found = session.scalars.get(key)
    if isinstance(found, (int, float, np.floating)) and not isinstance(found, bool):
        return op.real(found)
    return np.empty((0, 0))


def _macro(store_of):
    def macro(interp, name, value=None):
        store = store_of(interp.session)
        if value is None:
            return _string(store.get(_text(name), ""))
        store[_text(name)] = _text(value)
        return None
    return macro


def _stata(interp, command, *_nooutput):
    rc = interp.run_stata(_text(command))
    if rc:
        raise MataError(rc, f"stata(): command returned error {rc}")
    return None


def _st_nobs(interp):
    return op.real(interp.session.data.nobs)


def _st_nvar(interp):
    return op.real(len(interp.session.data.varnames))


def _observations(rows, nobs: int) -> np.ndarray:
    """Mata's observation argument i: ``.`` (all), a column vector of observation numbers, or
    a row ``(i1, i2)`` / k x 2 matrix of ranges ([M-5] st_data()); 0-based positions."""
    index = _reals(rows)
    if index.size == 1 and np.isnan(index[0, 0]):
        return np.arange(nobs)
    if index.ndim == 2 and index.shape[1] == 2:
        spans = [np.arange(int(a), int(b) + 1) for a, b in index]
        positions = np.concatenate(spans) if spans else np.empty(0, int)
    else:
        positions = index.ravel().astype(int)
    if np.any(positions < 1) or np.any(positions > nobs):
        raise MataError(3301, "subscript invalid")
    return positions - 1


def _numeric_columns(ds, names) -> list[str]:
    columns = ds.expand_varlist(_text(names)) if op.is_string(names) else None
    if columns is None:
        picked = _reals(names).ravel().astype(int)
        columns = [ds.varnames[i - 1] for i in picked]
    for c in columns:
        if ds.is_string(c):
            raise type_mismatch()
    return columns


def _st_data(interp, rows, names):
    ds = interp.session.data
    columns = _numeric_columns(ds, names)
    data = np.column_stack([ds.numeric(c) for c in columns]) if columns else np.empty((ds.nobs, 0))
    return data[_observations(rows, ds.nobs)].astype(float)


def _st_store(interp, rows, names, values):
    """st_store(i, j, X): X into the numeric variables j at observations i, each value as the
    variable's storage type holds it (float rounds, integer types truncate; no promotion)."""
    from mlmcli.storage_types import fit_storage

    ds = interp.session.data
    columns = _numeric_columns(ds, names)
    positions = _observations(rows, ds.nobs)
    x = _reals(values)
    if x.shape != (len(positions), len(columns)):
        raise conformability()
    for k, name in enumerate(columns):
        column = ds.numeric(name).astype(float).copy()
        column[positions] = fit_storage(x[:, k], ds.types.get(name, "double"))
        ds.set_variable(name, column)
    return None


# ----------------------------------------------------------------------------- construction
def _J(_interp, r, c, value):
    shape = (_count(r), _count(c))
    if op.is_string(value):
        return np.full(shape, _text(value), dtype=object)
    return np.full(shape, _number(value))


def _I(_interp, n, m=None):
    return np.eye(_count(n), _count(m) if m is not None else None)


def _diag(_interp, x):
    x = _reals(x)
    if 1 in x.shape:
        return np.diag(x.ravel())
    if x.shape[0] != x.shape[1]:
        raise conformability()
    return np.diag(np.diag(x))


def _diagonal(_interp, x):
    return np.diag(_reals(x)).reshape(-1, 1).copy()


def _gauss_hermite_nodes(_interp, n):
    nodes, weights = np.polynomial.hermite.hermgauss(_count(n))
    return np.vstack([nodes, weights])


def _range(_interp, a, b, step):
    a, b, d = _number(a), _number(b), _number(step)
    if d == 0 or math.isnan(d):
        raise MataError(3300, "argument out of range")
    count = int(math.floor((b - a) / d + 1e-12)) + 1
    return (a + d * np.arange(max(count, 0))).reshape(-1, 1)


# ----------------------------------------------------------------------------- algebra
def _square(x):
    x = _reals(x)
    if x.shape[0] != x.shape[1]:
        raise conformability()
    return x


def _or_missing(decompose):
    """A square-matrix function that gives a matrix of missing values where it fails (a
    singular or not positive definite matrix), as Mata's luinv() and cholesky() do."""
    def apply(_interp, x):
        x = _square(x)
        if np.isnan(x).any():
            return np.full(x.shape, np.nan)
        try:
            return decompose(x)
        except (np.linalg.LinAlgError, StataError):
            return np.full(x.shape, np.nan)
    return apply


def _generalized_inverse(x: np.ndarray) -> np.ndarray:
    """invsym(): Stata's sweep (a pivot the earlier columns explain is dropped, its row and
    column set to 0), the same as matrix invsym()."""
    from mlmcli.expr import matrix_algebra as M

    names = tuple(f"c{i + 1}" for i in range(x.shape[0]))
    return M.invsym(M.Mat(x, names, names)).values if x.size else x


def _qrinv(_interp, x):
    """qrinv(A): the inverse of a nonsingular square A (through QR, as [M-5] qrinv() documents).
    Its generalized inverse of a singular or non-square A is not built: refused, never a
    different generalized inverse."""
    x = _reals(x)
    if np.isnan(x).any():
        return np.full(x.T.shape, np.nan)
    if x.shape[0] != x.shape[1] or (x.size and np.linalg.matrix_rank(x) < x.shape[0]):
        raise MataError(3499, "qrinv() of a singular or non-square matrix is not available in mlm")
    if not x.size:
        return x
    q, r = np.linalg.qr(x)
    return np.linalg.solve(r, q.T)


def _det(_interp, x):
    return op.real(np.linalg.det(_square(x)) if x.size else 1.0)


def _trace(_interp, x):
    return op.real(np.trace(_square(x)))


def _variance(_interp, x):
    x = _reals(x)
    return np.atleast_2d(np.cov(x, rowvar=False))


def _correlation(_interp, x):
    x = _reals(x)
    return np.atleast_2d(np.corrcoef(x, rowvar=False))


# ----------------------------------------------------------------------------- reductions
def _sum(_interp, x):
    return op.real(np.nansum(_reals(x)))


def _axis(fn, axis: int):
    def reduce(_interp, x):
        x = _reals(x)
        with np.errstate(all="ignore"):
            result = fn(x, axis=axis)
        return result.reshape(1, -1) if axis == 0 else result.reshape(-1, 1)
    return reduce


def _extreme(fn):
    def reduce(_interp, x):
        x = _reals(x)
        values = x[~np.isnan(x)]
        return op.real(fn(values) if values.size else np.nan)
    return reduce


def _mean(_interp, x):
    x = _reals(x)
    with np.errstate(all="ignore"):
        return np.nanmean(x, axis=0).reshape(1, -1)


def _dimension(kind: str):
    def size(_interp, x):
        r, c = x.shape
        return op.real({"rows": r, "cols": c, "length": r * c}[kind])
    return size


def _round(_interp, x, unit=None):
    x = _reals(x)
    u = 1.0 if unit is None else _number(unit)
    with np.errstate(all="ignore"):
        return np.floor(x / u + 0.5) * u


def _special(name):
    def apply(x):
        import scipy.special as sp

        return {"normal": sp.ndtr, "invnormal": sp.ndtri, "lngamma": sp.gammaln}[name](x)
    return apply


def _normalden(_interp, x, mean=None, sd=None):
    m = 0.0 if mean is None else _number(mean)
    s = 1.0 if sd is None else _number(sd)
    x = _reals(x)
    return np.exp(-0.5 * ((x - m) / s) ** 2) / (s * math.sqrt(2 * math.pi))


def _mod(_interp, x, y):
    x, y = op.stretch(_reals(x), _reals(y))
    with np.errstate(all="ignore"):
        result = np.mod(x, y)
    return np.where(y == 0, np.nan, result)


def _reldif(_interp, x, y):
    """reldif(X, Y): |X - Y| / (|Y| + 1) element by element (c-conformable); 0 where both hold
    the same missing value, missing where only one does (as Stata's reldif())."""
    from mlmcli.missing import code

    x, y = op.stretch(_reals(x), _reals(y))
    with np.errstate(all="ignore"):
        result = np.abs(x - y) / (np.abs(y) + 1)
    kx, ky = np.asarray(code(x)), np.asarray(code(y))
    return np.where((kx >= 0) & (kx == ky), 0.0, result)


def _mreldif(interp, x, y):
    """mreldif(X, Y): max(reldif(X, Y)) of two matrices of one shape; as Mata's max(), the
    missing elements are skipped (all missing: missing)."""
    x, y = _reals(x), _reals(y)
    if x.shape != y.shape:
        raise conformability()
    diff = _reldif(interp, x, y)
    kept = diff[~np.isnan(diff)]
    return np.array([[float(kept.max()) if kept.size else (0.0 if diff.size == 0 else np.nan)]])


def _select(_interp, x, keep):
    x, keep = _reals(x), _reals(keep)
    if keep.shape[0] == 1 and keep.shape[1] == x.shape[1]:
        return x[:, keep.ravel() != 0]
    if keep.shape[1] == 1 and keep.shape[0] == x.shape[0]:
        return x[keep.ravel() != 0, :]
    raise conformability()


def _editmissing(_interp, x, value):
    x = _reals(x).copy()
    x[np.isnan(x)] = _number(value)
    return x


def _sort(_interp, x, column):
    x = _reals(x)
    keys = [int(abs(c)) - 1 for c in _reals(column).ravel()]
    if any(k < 0 or k >= x.shape[1] for k in keys):
        raise MataError(3301, "subscript invalid")
    order = np.lexsort([op.order_key(x[:, k]) for k in reversed(keys)])
    return x[order]


def _strofreal(_interp, x, fmt=None):
    from mlmcli.render.numfmt import format_number

    spec = "%9.0g" if fmt is None else _text(fmt)
    return np.array([[format_number(v, spec).strip() if not np.isnan(v) else "."
                      for v in row] for row in _reals(x)], dtype=object)


def _printf(interp, fmt, *values):
    """printf(): its text is SMCL, as display's ([M-5] printf: printf("{txt}{hline 13}\\n"))."""
    from mlmcli.help.smcl_text import render_smcl
    from mlmcli.render.mata import printf_text

    out = interp.session.out
    text = printf_text(_text(fmt), [_scalar_value(v) for v in values])
    out.write(render_smcl(text, interp.session.linesize, getattr(out, "column", 0))[0])
    return None


def _scalar_value(value: np.ndarray):
    if not op.is_scalar(value):
        raise type_mismatch()
    return value[0, 0]


def _runiform(interp, r, c):
    from mlmcli.expr.random_numbers import generator

    return generator(interp.session).random((_count(r), _count(c)))


def _rnormal(interp, r, c, mean, sd):
    from mlmcli.expr.random_numbers import generator

    return generator(interp.session).normal(_number(mean), _number(sd), (_count(r), _count(c)))


_math = {
    "exp": np.exp, "ln": np.log, "log": np.log, "log10": np.log10, "sqrt": np.sqrt, "abs": np.abs,
    "sign": np.sign, "floor": np.floor, "ceil": np.ceil, "trunc": np.trunc,
    "invlogit": lambda x: 1.0 / (1.0 + np.exp(-x)), "logit": lambda x: np.log(x / (1.0 - x)),
    "normal": _special("normal"), "invnormal": _special("invnormal"), "lngamma": _special("lngamma"),
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "atan": np.arctan, "tanh": np.tanh, "atanh": np.arctanh,
}

_FUNCTIONS: dict[str, tuple[int, int, object]] = {
    **{name: (1, 1, _elementwise(fn)) for name, fn in _math.items()},
    "st_matrix": (1, 2, _st_matrix), "st_numscalar": (1, 2, _st_numscalar),
    "st_local": (1, 2, _macro(lambda s: s.locals)), "st_global": (1, 2, _macro(lambda s: s.globals)),
    "stata": (1, 2, _stata), "st_nobs": (0, 0, _st_nobs), "st_nvar": (0, 0, _st_nvar),
    "st_data": (2, 2, _st_data), "st_store": (3, 3, _st_store),
    "J": (3, 3, _J), "I": (1, 2, _I), "diag": (1, 1, _diag), "diagonal": (1, 1, _diagonal),
    "_gauss_hermite_nodes": (1, 1, _gauss_hermite_nodes), "range": (3, 3, _range),
    "invsym": (1, 1, _or_missing(_generalized_inverse)), "luinv": (1, 1, _or_missing(np.linalg.inv)),
    "cholinv": (1, 1, _or_missing(np.linalg.inv)), "qrinv": (1, 1, _qrinv), "cholesky": (1, 1, _or_missing(np.linalg.cholesky)), "det": (1, 1, _det), "trace": (1, 1, _trace),
    "variance": (1, 1, _variance), "correlation": (1, 1, _correlation),
    "sum": (1, 1, _sum), "colsum": (1, 1, _axis(np.nansum, 0)), "rowsum": (1, 1, _axis(np.nansum, 1)),
    "colmin": (1, 1, _axis(np.nanmin, 0)), "colmax": (1, 1, _axis(np.nanmax, 0)),
    "rowmin": (1, 1, _axis(np.nanmin, 1)), "rowmax": (1, 1, _axis(np.nanmax, 1)),
    "min": (1, 1, _extreme(np.min)), "max": (1, 1, _extreme(np.max)), "mean": (1, 1, _mean),
    "rows": (1, 1, _dimension("rows")), "cols": (1, 1, _dimension("cols")),
    "length": (1, 1, _dimension("length")), "round": (1, 2, _round), "normalden": (1, 3, _normalden),
    "mod": (2, 2, _mod), "reldif": (2, 2, _reldif), "mreldif": (2, 2, _mreldif), "select": (2, 2, _select), "editmissing": (2, 2, _editmissing),
    "sort": (2, 2, _sort), "strofreal": (1, 2, _strofreal), "printf": (1, 9, _printf),
    "pi": (0, 0, lambda _i: op.real(math.pi)),
    "runiform": (2, 2, _runiform), "rnormal": (4, 4, _rnormal),
}


def function_names() -> list[str]:
    return sorted(_FUNCTIONS)
