"""Stata's matrix algebra on named matrices ([U] 14.7, [P] matrix define).

A value of a matrix expression is a ``float`` (a scalar) or a ``Mat``: a 2-D float64
array bordered by row and column names.  A name may be ``None``: a position that has no
name yet (the elements of ``(1,2\\3,4)``, the result of ``J()``); ``finish`` gives such
positions Stata's default names ``r1 r2 ...`` / ``c1 c2 ...`` by their place in the
final result, so ``(A, 2)`` names the new column ``c2`` while ``(A, A)`` keeps
``c1 c2 c1 c2``.

Names follow the algebra ([U] 14.2): ``A*B`` has the row names of A and the column names
of B; ``A'`` swaps them; ``A+B`` takes B's names (the manual's ``c = a + b`` example);
``A\\B`` keeps A's column names and stacks the row names; ``A,B`` the reverse;
``A#B`` names each row ``a:b`` (A's name as the equation, B's as the name).
Numeric missing is NaN; any arithmetic touching it is missing.
Errors are Stata's: ``conformability error`` r(503), ``matrix not positive definite``
r(506), ``matrix has missing values`` r(504), ``matrix singular`` r(506).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import free_parameter_alias


def conformability() -> StataError:
    return StataError("conformability error", 503)


@dataclass(frozen=True)
class Mat:
    """A matrix value: ``values`` (r x c float64) and ``rows``/``cols`` names (None = unnamed)."""

    values: np.ndarray
    rows: tuple
    cols: tuple

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape

    @classmethod
    def unnamed(cls, values) -> "Mat":
        v = np.atleast_2d(np.asarray(values, dtype=float))
        return cls(v, (None,) * v.shape[0], (None,) * v.shape[1])

    @classmethod
    def of(cls, matrix) -> "Mat":
        """From a stored ``results.matrix.Matrix`` (e(b), a user's matrix)."""
        v = np.atleast_2d(np.asarray(matrix.values, dtype=float)).copy()
        rows = tuple(matrix.rownames) if len(matrix.rownames) == v.shape[0] else (None,) * v.shape[0]
        cols = tuple(matrix.colnames) if len(matrix.colnames) == v.shape[1] else (None,) * v.shape[1]
        return cls(v, rows, cols)

    def is_1x1(self) -> bool:
        return self.values.shape == (1, 1)


EMPTY = Mat(np.zeros((0, 0)), (), ())  # nullmat() of a matrix that does not exist


def finish(m: "Mat | float"):
    """The stored form: a ``results.matrix.Matrix`` with every unnamed position named r#/c#."""
    from mlmcli.results.matrix import Matrix

    if not isinstance(m, Mat):
        m = Mat.unnamed([[float(m)]])
    if m.values.size == 0:
        raise conformability()
    rows = tuple(n if n is not None else f"r{i}" for i, n in enumerate(m.rows, 1))
    cols = tuple(n if n is not None else f"c{j}" for j, n in enumerate(m.cols, 1))
    return Matrix(np.array(m.values, dtype=float), rows, cols)


def as_mat(x) -> Mat:
    return x if isinstance(x, Mat) else Mat.unnamed([[float(x)]])


def as_scalar(x) -> float:
    """A scalar, or the element of a 1 x 1 matrix; a larger matrix where a number is needed
    is Stata's r(509)."""
    if isinstance(x, Mat):
        if x.is_1x1():
            return float(x.values[0, 0])
        raise StataError("matrix operators that return matrices not allowed in this context", 509)
    if isinstance(x, str):
        raise StataError("type mismatch", 109)
    return float(x)


def _clean(v):
    """inf/NaN -> missing (plain NaN), as Stata's arithmetic gives ``.`` (evaluate_matrix runs
    under np.errstate(all="ignore"), so an overflow on the way is this missing, not a warning)."""
    v = np.asarray(v, dtype=float)
    return np.where(np.isfinite(v), v, np.nan)


# ---------------------------------------------------------------- operators
def add(a, b, sign: float = 1.0):
    """``a + b`` / ``a - b`` (sign -1): same shape, or scalars (a 1 x 1 matrix counts as one)."""
    if not isinstance(a, Mat) and not isinstance(b, Mat):
        return float(_clean(a + sign * b))
    if isinstance(a, Mat) and isinstance(b, Mat) and a.shape == b.shape:
        return Mat(_clean(a.values + sign * b.values), b.rows, b.cols)
    ma, mb = as_mat(a), as_mat(b)
    if ma.is_1x1() and mb.is_1x1():
        names = mb if isinstance(b, Mat) else ma
        return Mat(_clean(ma.values + sign * mb.values), names.rows, names.cols)
    raise conformability()


def multiply(a, b):
    """``a * b``: matrix product (A's row names, B's column names) or a scalar multiple."""
    if not isinstance(a, Mat) and not isinstance(b, Mat):
        return float(_clean(a * b))
    if not isinstance(a, Mat) or (isinstance(b, Mat) and a.is_1x1() and b.shape[0] != 1):
        s, m = as_scalar(a), b
        return Mat(_clean(s * m.values), m.rows, m.cols)
    if not isinstance(b, Mat) or (b.is_1x1() and a.shape[1] != 1):
        s, m = as_scalar(b), a
        return Mat(_clean(m.values * s), m.rows, m.cols)
    if a.shape[1] != b.shape[0]:
        raise conformability()
    with np.errstate(all="ignore"):
        product = a.values @ b.values
    return Mat(_clean(product), a.rows, b.cols)


def divide(a, b):
    """``a / z``: division by a scalar only."""
    if isinstance(b, Mat) and not b.is_1x1():
        raise conformability()
    z = as_scalar(b)
    with np.errstate(all="ignore"):
        if not isinstance(a, Mat):
            return float(_clean(np.float64(a) / z))  # numpy: 1/0 is missing, not ZeroDivisionError
        return Mat(_clean(a.values / z), a.rows, a.cols)


def power(a, b):
    """``a ^ b`` on scalars (or 1 x 1 matrices)."""
    x, y = as_scalar(a), as_scalar(b)
    with np.errstate(all="ignore"):
        return float(_clean(np.power(x, y)))


def negate(a):
    if isinstance(a, Mat):
        return Mat(_clean(-a.values), a.rows, a.cols)
    return float(_clean(-a))


def transpose(a):
    if isinstance(a, Mat):
        return Mat(a.values.T.copy(), a.cols, a.rows)
    return a


def _simple(name) -> str | None:
    if name is None:
        return None
    return name.split(":", 1)[1] if ":" in name else name


def kronecker(a, b):
    """``A # B``: rows named ``a:b`` (A's simple name as the equation), columns likewise."""
    ma, mb = as_mat(a), as_mat(b)
    values = _clean(np.kron(ma.values, mb.values))

    def names(outer, inner, prefix):
        out = []
        for i, o in enumerate(outer, 1):
            for j, n in enumerate(inner, 1):
                out.append(f"{_simple(o) or f'{prefix}{i}'}:{_simple(n) or f'{prefix}{j}'}")
        return tuple(out)
    return Mat(values, names(ma.rows, mb.rows, "r"), names(ma.cols, mb.cols, "c"))


def row_join(a, b):
    """``A \\ B``: B's rows below A's (same number of columns; A's column names)."""
    return _join(a, b, axis=0)


def col_join(a, b):
    """``A , B``: B's columns right of A's (same number of rows; A's row names)."""
    return _join(a, b, axis=1)


def _join(a, b, axis: int) -> Mat:
    """Stack along ``axis``: the names along it concatenate; the other side keeps A's names
    (a position A leaves unnamed takes B's)."""
    ma, mb = as_mat(a), as_mat(b)
    if ma.values.size == 0:
        return mb
    if mb.values.size == 0:
        return ma
    if ma.shape[1 - axis] != mb.shape[1 - axis]:
        raise conformability()
    a_names, b_names = (ma.rows, ma.cols), (mb.rows, mb.cols)
    joined = a_names[axis] + b_names[axis]
    kept = tuple(x if x is not None else y for x, y in zip(a_names[1 - axis], b_names[1 - axis]))
    values = np.concatenate([ma.values, mb.values], axis=axis)
    return Mat(values, joined, kept) if axis == 0 else Mat(values, kept, joined)


# ---------------------------------------------------------------- functions returning matrices
def _dimension(x, what: str = "") -> int:
    v = as_scalar(x)
    if math.isnan(v) or v < 1:
        raise conformability() if not math.isnan(v) else StataError("matrix has missing values", 504)
    n = int(v)
    if n > 11000:  # Stata 13's largest matsize
        raise StataError("matsize too small", 908)
    return n


def J(r, c, z) -> Mat:
    """``J(r,c,z)``: an r x c matrix of z."""
    return Mat.unnamed(np.full((_dimension(r), _dimension(c)), as_scalar(z)))


def matuniform(r, c, rng) -> Mat:
    """``matuniform(r,c)``: an r x c matrix of uniform [0,1) draws from ``rng``, row by row."""
    nr, nc = _dimension(r), _dimension(c)
    return Mat.unnamed(rng.random(nr * nc).reshape(nr, nc))


def sweep(m, k) -> Mat:
    """``sweep(M,k)``: M swept on its kth row and column (Goodnight's operator: b_kk = 1/a_kk,
    b_ik = -a_ik/a_kk, b_kj = a_kj/a_kk, b_ij = a_ij - a_ik a_kj/a_kk); the kth row and column
    names trade places."""
    m = _square(m)
    v = as_scalar(k)
    if math.isnan(v) or not 1 <= int(v) <= m.shape[0]:
        raise conformability() if not math.isnan(v) else StataError("matrix has missing values", 504)
    i = int(v) - 1
    a = m.values
    with np.errstate(all="ignore"):
        pivot = a[i, i]
        out = a - np.outer(a[:, i], a[i, :]) / pivot
        out[i, :] = a[i, :] / pivot
        out[:, i] = -a[:, i] / pivot
        out[i, i] = 1 / pivot
    rows, cols = list(m.rows), list(m.cols)
    rows[i], cols[i] = m.cols[i], m.rows[i]
    return Mat(_clean(out), tuple(rows), tuple(cols))


def identity(n) -> Mat:
    """``I(n)``: the n x n identity."""
    return Mat.unnamed(np.eye(_dimension(n)))


def _square(m) -> Mat:
    m = as_mat(m)
    if m.shape[0] != m.shape[1]:
        raise conformability()
    return m


def _no_missing(m: Mat) -> None:
    if np.isnan(m.values).any():
        raise StataError("matrix has missing values", 504)


def diag(v) -> Mat:
    """``diag(v)``: the square matrix with the row or column vector v on its diagonal."""
    m = as_mat(v)
    r, c = m.shape
    if r != 1 and c != 1:
        raise conformability()
    names = m.cols if r == 1 else m.rows
    return Mat(np.diag(m.values.ravel()), names, names)


def vecdiag(m) -> Mat:
    """``vecdiag(M)``: the diagonal of a square matrix as a row vector (M's column names)."""
    m = _square(m)
    return Mat(np.diag(m.values).reshape(1, -1).copy(), (None,), m.cols)


def inv(m) -> Mat:
    """``inv(M)``: the inverse of a square nonsingular matrix (rows named as M's columns)."""
    m = _square(m)
    _no_missing(m)
    try:
        if np.linalg.matrix_rank(m.values) < m.shape[0]:
            raise np.linalg.LinAlgError
        out = np.linalg.inv(m.values)
    except np.linalg.LinAlgError:
        raise StataError("matrix singular", 506) from None
    return Mat(out, m.cols, m.rows)


def invsym(m) -> Mat:
    """``invsym(M)``: the inverse of a symmetric (semi)definite matrix by sweeping its pivots in
    order; a pivot that is (near) zero is skipped and its row and column are set to 0, as
    Stata's generalized inverse does for collinear columns."""
    m = _square(m)
    _no_missing(m)
    a = (m.values + m.values.T) / 2
    n = a.shape[0]
    scale = np.abs(np.diag(a)).copy()
    kept = np.zeros(n, dtype=bool)
    for k in range(n):
        # a pivot that the already-swept columns explain is dropped (tolerance relative to
        # the original diagonal, as a sweep operator with collinearity check does)
        if scale[k] == 0 or abs(_reduced_pivot(a, kept, k)) <= 1e-13 * scale[k]:
            continue
        kept[k] = True
    out = np.zeros_like(a)
    idx = np.flatnonzero(kept)
    if idx.size:
        out[np.ix_(idx, idx)] = np.linalg.inv(a[np.ix_(idx, idx)])
    return Mat(out, m.cols, m.rows)


def invsym_stack(A: np.ndarray) -> np.ndarray:
    """invsym of each matrix of a (G, p, p) stack (the panels' Z'Z of xtfeis): one batched
    inverse where every pivot passes invsym's test (the reduced pivots of a fully kept sweep
    are ratios of leading minors), invsym itself for the rest."""
    A = (A + np.swapaxes(A, 1, 2)) / 2
    G, p = A.shape[0], A.shape[1]
    out = np.zeros_like(A)
    if G == 0 or p == 0:
        return out
    scale = np.abs(np.diagonal(A, axis1=1, axis2=2))
    with np.errstate(divide="ignore", invalid="ignore"):
        minors = np.stack([np.ones(G)] + [np.linalg.det(A[:, :k, :k]) for k in range(1, p + 1)], axis=1)
        pivots = minors[:, 1:] / minors[:, :-1]
    full = np.all((scale > 0) & (np.abs(pivots) > 1e-12 * scale) & np.isfinite(pivots), axis=1)
    if full.any():
        out[full] = np.linalg.inv(A[full])
    names = tuple(f"c{k}" for k in range(p))
    for g in np.flatnonzero(~full):
        out[g] = invsym(Mat(A[g], names, names)).values
    return out


def _reduced_pivot(a: np.ndarray, kept: np.ndarray, k: int) -> float:
    """a[k,k] after sweeping the kept pivots: a_kk - a_kK a_KK^-1 a_Kk."""
    idx = np.flatnonzero(kept)
    if idx.size == 0:
        return float(a[k, k])
    aKk = a[idx, k]
    return float(a[k, k] - aKk @ np.linalg.solve(a[np.ix_(idx, idx)], aKk))


def cholesky(m) -> Mat:
    """``cholesky(M)``: lower-triangular L with L L' = M (symmetric positive definite M)."""
    m = _square(m)
    _no_missing(m)
    if not np.allclose(m.values, m.values.T, rtol=1e-12, atol=0):
        raise StataError("matrix not symmetric", 505)
    try:
        out = np.linalg.cholesky(m.values)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None
    return Mat(out, m.rows, m.cols)


def corr(m) -> Mat:
    """``corr(M)``: the correlation matrix of a covariance matrix."""
    m = _square(m)
    d = np.sqrt(np.diag(m.values))
    with np.errstate(all="ignore"):
        out = m.values / np.outer(d, d)
    return Mat(_clean(out), m.rows, m.cols)


def hadamard(a, b) -> Mat:
    """``hadamard(M,N)``: the element-by-element product (same shape)."""
    ma, mb = as_mat(a), as_mat(b)
    if ma.shape != mb.shape:
        raise conformability()
    return Mat(_clean(ma.values * mb.values), ma.rows, ma.cols)


def vec(m) -> Mat:
    """``vec(M)``: M's columns stacked into one column; rows named ``col:row``."""
    m = as_mat(m)
    rows = tuple(f"{_simple(c) or f'c{j}'}:{_simple(r) or f'r{i}'}"
                 for j, c in enumerate(m.cols, 1) for i, r in enumerate(m.rows, 1))
    return Mat(m.values.T.reshape(-1, 1).copy(), rows, (None,))


# ---------------------------------------------------------------- functions returning scalars
def rowsof(m) -> float:
    return float(as_mat(m).shape[0])


def colsof(m) -> float:
    return float(as_mat(m).shape[1])


def element(m, i, j) -> float:
    """``el(M,i,j)``: M[i,j] (truncated subscripts); missing when out of range."""
    m = as_mat(m)
    i, j = as_scalar(i), as_scalar(j)
    if math.isnan(i) or math.isnan(j):
        return math.nan
    r, c = int(i), int(j)
    if not (1 <= r <= m.shape[0] and 1 <= c <= m.shape[1]):
        return math.nan
    return float(m.values[r - 1, c - 1])


def trace(m) -> float:
    m = _square(m)
    return float(_clean(np.trace(m.values)))


def diag0cnt(m) -> float:
    """``diag0cnt(M)``: how many diagonal elements of the square M are zero."""
    m = _square(m)
    return float(np.count_nonzero(np.diag(m.values) == 0))


def det(m) -> float:
    m = _square(m)
    if np.isnan(m.values).any():
        return math.nan
    return float(np.linalg.det(m.values))


def issymmetric(m) -> float:
    m = as_mat(m)
    if m.shape[0] != m.shape[1]:
        return 0.0
    from mlmcli.missing import code as missing_code

    v = m.values
    codes = missing_code(v)  # the same missing value mirrored: .a with .a, not .a with .z
    same = (v == v.T) | (np.isnan(v) & np.isnan(v.T) & (codes == codes.T))
    return float(bool(same.all()))


def matmissing(m) -> float:
    return float(bool(np.isnan(as_mat(m).values).any()))


def mreldif(a, b) -> float:
    """``mreldif(X,Y)``: max |x - y| / (|y| + 1)."""
    ma, mb = as_mat(a), as_mat(b)
    if ma.shape != mb.shape:
        raise conformability()
    return float(np.max(np.abs(ma.values - mb.values) / (np.abs(mb.values) + 1)))


def name_number(names: tuple, want: str) -> float:
    """``rownumb(M,"name")``/``colnumb``: position of a name (``eq:`` alone finds the equation's
    first), missing when absent."""
    want = want.strip()
    for k, n in enumerate(names, 1):
        if n is None:
            continue
        if n == want or (want.endswith(":") and n.startswith(want)):
            return float(k)
    alias = free_parameter_alias(want)  # Stata 15's /:var(_cons[id]) is Stata 13's var(_cons[id]):_cons
    if alias is not None and alias in names:
        return float(names.index(alias) + 1)
    return math.nan


# ---------------------------------------------------------------- subscripts
def positions(names: tuple, spec, size: int) -> list[int]:
    """0-based positions a subscript selects.  ``spec`` is ("index", v), ("range", a, b) or
    ("to_end", a); an index is a 1-based number or a row/column name (``"eq:"`` selects the
    equation's rows)."""
    kind, *vals = spec

    def one(v, allow_eq=False) -> list[int]:
        if isinstance(v, str):
            hits = [k for k, n in enumerate(names) if n is not None and _name_matches(n, v, k, allow_eq)]
            alias = free_parameter_alias(v) if not hits else None
            if alias is not None:  # r(table)["b", "/:var(_cons[id])"] on Stata 13's names, and back
                hits = [k for k, n in enumerate(names) if n == alias]
            if not hits:
                raise StataError("subscript invalid", 503)  # a name that is not there
            return hits if allow_eq else hits[:1]
        x = as_scalar(v)
        if math.isnan(x) or not 1 <= int(x) <= size:
            raise StataError("subscript invalid", 503)
        return [int(x) - 1]
    if kind == "index":
        return one(vals[0], allow_eq=True)
    first = one(vals[0])[0]
    last = size - 1 if kind == "to_end" else one(vals[1])[-1]
    if last < first:
        raise StataError("subscript invalid", 503)
    return list(range(first, last + 1))


def _name_matches(n: str, want: str, k: int, allow_eq: bool) -> bool:
    want = want.strip()
    if want.endswith(":"):
        return allow_eq and (n.split(":", 1)[0] + ":" == want if ":" in n else False)
    if n == want:
        return True
    return ":" not in want and ":" in n and n.split(":", 1)[1] == want


def submatrix(m, rows: list[int], cols: list[int]) -> Mat:
    m = as_mat(m)
    return Mat(m.values[np.ix_(rows, cols)].copy(), tuple(m.rows[i] for i in rows), tuple(m.cols[j] for j in cols))


def substitute(target: Mat, row: int, col: int, value) -> Mat:
    """``matrix A[i,j] = exp``: exp (a scalar or a matrix) placed with its top-left at (i,j)."""
    v = as_mat(value).values
    r, c = v.shape
    if row + r > target.shape[0] or col + c > target.shape[1]:
        raise conformability()
    out = target.values.copy()
    out[row:row + r, col:col + c] = v
    return Mat(out, target.rows, target.cols)
