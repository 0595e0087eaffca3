"""Matrix expressions (``grammar/matrix.lark``) evaluated against the session.

``evaluate_matrix(session, text)`` returns a ``matrix_algebra.Mat`` or a float (a scalar
expression is a matrix expression too: ``matrix A[1,2] = _se[_cons]``).  A bare name is a
matrix (``session.matrices``) or else a scalar, as Stata looks them up in a matrix
expression; ``e(b)``, ``r(table)`` are stored matrices, ``e(N)`` a scalar.  Functions are
the matrix functions of [P] matrix define (``J() I() diag() inv() invsym() cholesky()
vecdiag() corr() hadamard() vec() nullmat() get()``), the matrix functions returning
scalars (``el() rowsof() colsof() trace() det() issymmetric() matmissing() mreldif()
rownumb() colnumb()``) and every scalar function of ``mlmcli.expr.functions`` applied to
scalars (or 1 x 1 matrices).

``stored_matrix`` / ``named_matrix`` are also what scalar expressions use for ``A[1,2]``,
``e(b)[1,1]`` and ``el(A,1,2)`` (``mlmcli.expr.compiler``).
"""
from __future__ import annotations

from functools import lru_cache

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.expr import matrix_algebra as M
from mlmcli.expr.matrices import (MATRIX_FUNCTIONS, SCALAR_FUNCTIONS, named_matrix, require_matrix, result_parts,
                                  stored_matrix)

__all__ = ["evaluate_matrix", "evaluate_subscripts", "parse_matrix_expression", "SCALAR_FUNCTIONS",
           "named_matrix", "require_matrix", "stored_matrix"]


@lru_cache(maxsize=1)
def _lark():
    from mlmcli.grammar_tables import parser

    return parser("matrix.lark")  # from the shipped tables (no Lark cache file in /tmp)


@lru_cache(maxsize=512)
def parse_matrix_expression(text: str):
    """Text -> parse tree; invalid syntax is r(198) (unbalanced brackets r(132))."""
    from mlmcli.expr.compiler import parse_with

    return parse_with(_lark(), text)


def evaluate_matrix(session, text: str):
    """The value of a matrix expression: ``Mat`` or float.  A result past the double range is
    missing, as Stata's matrix arithmetic gives (``1e300 * H``): numpy's overflow warnings are
    silenced here and the operators map inf to missing."""
    import numpy as np

    with np.errstate(all="ignore"):
        value = _Evaluator(session).eval(parse_matrix_expression(text))
    if isinstance(value, str):
        raise StataError("type mismatch", 109)
    return value


def evaluate_subscripts(session, subs) -> list:
    """The values of single-index subscript nodes (``A[i,j] = exp``'s i and j)."""
    ev = _Evaluator(session)
    return [ev.eval(s.children[0]) for s in subs]


class _Evaluator:
    def __init__(self, session):
        self.session = session

    def eval(self, node):
        kind, ch = node.data, node.children
        method = getattr(self, f"_{kind}", None)
        if method is None:  # pragma: no cover - every rule of the grammar has a method
            raise invalid_syntax()
        return method(ch)

    # ----- atoms
    def _number(self, ch):
        import math
        v = float(ch[0])
        return v if math.isfinite(v) else float("nan")

    def _missing(self, ch):
        from mlmcli.missing import extended
        return extended(str(ch[0])[1:])

    def _string(self, ch):
        s = str(ch[0])
        return s[2:-2] if s.startswith("`") else s[1:-1]

    def _coef(self, ch):
        from mlmcli.expr.stored_results import coefficient_token
        return coefficient_token(self.session, str(ch[0]))

    def _result(self, ch):
        kind, key = result_parts(str(ch[0]))
        m = stored_matrix(self.session, kind, key)
        if m is not None:
            return M.Mat.of(m)
        if kind in ("e", "r") and key == "sample":
            raise StataError("e(sample) not allowed in matrix expressions", 198)
        from mlmcli.expr import evaluate_scalar
        value = evaluate_scalar(self.session, str(ch[0]))
        return value

    def _name(self, ch):
        name = str(ch[0])
        m = named_matrix(self.session, name)
        if m is not None:
            return M.Mat.of(m)
        scalars = self.session.scalars
        if name in scalars:
            value = scalars[name]
            return value if isinstance(value, str) else float(value)
        raise StataError(f"matrix {name} not found", 111)

    # ----- subscripts
    def _sub(self, spec):
        kind = spec.data
        return (kind, *[self.eval(c) for c in spec.children])

    def _subscripted(self, m, ch):
        m = M.as_mat(m)
        rows = M.positions(m.rows, self._sub(ch[0]), m.shape[0])
        cols = M.positions(m.cols, self._sub(ch[1]), m.shape[1])
        return M.submatrix(m, rows, cols)

    def _subscript(self, ch):
        name = str(ch[0])
        return self._subscripted(M.Mat.of(require_matrix(self.session, name)), ch[1:])

    def _result_subscript(self, ch):
        value = self._result(ch[:1])
        if not isinstance(value, M.Mat):
            raise StataError(f"matrix {ch[0]} not found", 111)
        return self._subscripted(value, ch[1:])

    # ----- operators
    def _add(self, ch):
        a, op, b = self.eval(ch[0]), str(ch[1]), self.eval(ch[2])
        return M.add(_num(a), _num(b), 1.0 if op == "+" else -1.0)

    def _multiply(self, ch):
        a, op, b = self.eval(ch[0]), str(ch[1]), self.eval(ch[2])
        return M.multiply(_num(a), _num(b)) if op == "*" else M.divide(_num(a), _num(b))

    def _kronecker(self, ch):
        return M.kronecker(_num(self.eval(ch[0])), _num(self.eval(ch[1])))

    def _negate(self, ch):
        return M.negate(_num(self.eval(ch[0])))

    def _power(self, ch):
        return M.power(_num(self.eval(ch[0])), _num(self.eval(ch[1])))

    def _transpose(self, ch):
        return M.transpose(_num(self.eval(ch[0])))

    def _row_join(self, ch):
        return M.row_join(_num(self.eval(ch[0])), _num(self.eval(ch[1])))

    def _col_join(self, ch):
        return M.col_join(_num(self.eval(ch[0])), _num(self.eval(ch[1])))

    # ----- a scalar expression's relational and logical operators: scalars (and 1 x 1
    # matrices) only, as in ``exp``; a larger matrix is r(509) (``matrix_algebra.as_scalar``)
    def _relational(self, ch):
        from mlmcli.expr.values import compare
        return float(compare(str(ch[1]), _operand(self.eval(ch[0])), _operand(self.eval(ch[2]))))

    def _logical_and(self, ch):
        from mlmcli.expr.values import logical_and
        return float(logical_and(M.as_scalar(self.eval(ch[0])), M.as_scalar(self.eval(ch[1]))))

    def _logical_or(self, ch):
        from mlmcli.expr.values import logical_or
        return float(logical_or(M.as_scalar(self.eval(ch[0])), M.as_scalar(self.eval(ch[1]))))

    def _logical_not(self, ch):
        from mlmcli.expr.values import logical_not
        return float(logical_not(M.as_scalar(self.eval(ch[1]))))

    # ----- functions
    def _call(self, ch):
        name = str(ch[0])
        args = [c for c in ch[1:] if c is not None]
        if name == "nullmat":
            return self._nullmat(args)
        if name == "get":
            return self._get(args)
        if name == "matuniform":  # the session's random-number stream, as runiform()
            from mlmcli.expr.random_numbers import generator

            if len(args) != 2:
                raise invalid_syntax()
            return M.matuniform(_num(self.eval(args[0])), _num(self.eval(args[1])), generator(self.session))
        if name in MATRIX_FUNCTIONS:
            n, f = MATRIX_FUNCTIONS[name]
            if len(args) != n:
                raise invalid_syntax()
            return f(*[_num(self.eval(a)) for a in args])
        if name in SCALAR_FUNCTIONS:
            n, _, f = SCALAR_FUNCTIONS[name]
            if len(args) != n:
                raise invalid_syntax()
            return f(*[self.eval(a) for a in args])
        from mlmcli.expr.compiler import function_impl
        from mlmcli.expr.context import EvalContext

        impl = function_impl(name, len(args))

        values = []
        for a in args:
            v = self.eval(a)
            values.append(v if isinstance(v, str) else M.as_scalar(v))
        out = impl(EvalContext(self.session, scalar=True), *values)
        if isinstance(out, str):
            return out
        from mlmcli.expr.values import clean
        out = clean(out)
        if hasattr(out, "__len__"):
            out = out[0] if len(out) else float("nan")
        return float(out)

    def _nullmat(self, args):
        """``nullmat(A)``: A, or an empty matrix when A does not exist (for joins in loops)."""
        if len(args) != 1 or args[0].data != "name":
            raise invalid_syntax()
        m = named_matrix(self.session, str(args[0].children[0]))
        return M.Mat.of(m) if m is not None else M.EMPTY

    def _get(self, args):
        """``get(_b)``, ``get(VCE)``: copies of e(b) and e(V)."""
        if len(args) != 1 or args[0].data != "name":
            raise invalid_syntax()
        which = {"_b": "b", "VCE": "V"}.get(str(args[0].children[0]))
        if which is None:
            raise invalid_syntax()
        m = stored_matrix(self.session, "e", which)
        if m is None:
            raise StataError(f"matrix {'_b' if which == 'b' else 'VCE'} not found", 111)
        return M.Mat.of(m)


def _operand(v):
    """A relational operand: a string as it is, else a number (a 1 x 1 matrix's element)."""
    return v if isinstance(v, str) else M.as_scalar(v)


def _num(v):
    """Operands of matrix operators are numbers or matrices, never strings."""
    if isinstance(v, str):
        raise StataError("type mismatch", 109)
    return v
