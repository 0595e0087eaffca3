"""Where the matrices of an expression come from: the user's (``session.matrices``) and the
stored ones (``e(b)``, ``r(table)``), and the matrix functions that return scalars
(``el() rowsof() colsof() trace() det() ...``), which scalar and matrix expressions share."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.expr import matrix_algebra as M


def named_matrix(session, name: str):
    """A user's matrix by name (``results.matrix.Matrix``), or None."""
    return getattr(session, "matrices", {}).get(name)


def stored_matrix(session, kind: str, key: str):
    """``e(name)`` / ``r(name)`` as a ``Matrix`` when it is one, else None."""
    from mlmcli.results.matrix import Matrix

    if kind == "e":
        e = session.e
        if e is None:
            value = None
        else:  # Stata 15's free parameters after a fit under version 15 (EstimationResults.stata_matrix)
            value = e.stata_matrix(key) if hasattr(e, "stata_matrix") else e.matrices.get(key)
    elif kind == "r":
        value = session.r.get(key)
    else:
        return None
    return value if isinstance(value, Matrix) else None


def require_matrix(session, name: str):
    m = named_matrix(session, name)
    if m is None:
        raise StataError(f"matrix {name} not found", 111)
    return m


def result_parts(token: str) -> tuple[str, str]:
    kind, _, inner = token.partition("(")
    return kind, inner[:-1].strip()


# matrix-valued functions of matrix define's expressions: name -> (number of arguments, function)
MATRIX_FUNCTIONS = {
    "J": (3, M.J), "I": (1, M.identity), "diag": (1, M.diag), "inv": (1, M.inv), "invsym": (1, M.invsym),
    "cholesky": (1, M.cholesky), "vecdiag": (1, M.vecdiag), "corr": (1, M.corr), "hadamard": (2, M.hadamard),
    "vec": (1, M.vec), "sweep": (2, M.sweep),
}
# every function that returns a matrix (help functions lists them)
MATRIX_VALUED = (*MATRIX_FUNCTIONS, "nullmat", "get", "matuniform")


# scalar-valued matrix functions: name -> (number of arguments, which are matrices, function)
SCALAR_FUNCTIONS = {
    "el": (3, (0,), M.element), "rowsof": (1, (0,), M.rowsof), "colsof": (1, (0,), M.colsof),
    "trace": (1, (0,), M.trace), "det": (1, (0,), M.det), "diag0cnt": (1, (0,), M.diag0cnt), "issymmetric": (1, (0,), M.issymmetric),
    "matmissing": (1, (0,), M.matmissing), "mreldif": (2, (0, 1), M.mreldif),
    "rownumb": (2, (0,), lambda m, s: M.name_number(M.as_mat(m).rows, _text(s))),
    "colnumb": (2, (0,), lambda m, s: M.name_number(M.as_mat(m).cols, _text(s))),
    "lnmvnormalden": (3, (0, 1, 2), lambda m, v, x: _densities().lnmvnormalden(m, v, x)),
    "lnwishartden": (3, (1, 2), lambda df, v, x: _densities().lnwishartden(df, v, x)),
    "lniwishartden": (3, (1, 2), lambda df, v, x: _densities().lniwishartden(df, v, x)),
}


def _densities():
    from mlmcli.expr import matrix_densities

    return matrix_densities



def _text(s) -> str:
    if not isinstance(s, str):
        raise StataError("type mismatch", 109)
    return s
