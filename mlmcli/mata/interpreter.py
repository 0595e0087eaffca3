"""Runs parsed Mata statements (``grammar/mata.lark``) against the session's Mata variables.

A statement that is an expression (not an assignment, an increment or a call of a function
that returns nothing) shows its value, as Mata does at its colon prompt.  Subscripts are
1-based: ``x[i]`` on a vector, ``x[i, j]``, a missing index ``x[., j]`` or ``x[, j]`` for all,
a range ``x[1..2, 3..4]``, a vector of indices; the same forms on the left of ``=`` change
part of an existing matrix.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from lark import Token, Tree

from mlmcli.mata import operators as op
from mlmcli.mata.errors import MataError, SYNTAX, conformability, not_found, subscript_invalid


@lru_cache(maxsize=1)
def _lark():
    from mlmcli.grammar_tables import parser

    return parser("mata.lark")


@lru_cache(maxsize=256)
def parse_statements(text: str) -> Tree:
    """Mata source -> tree; what does not parse is Mata's ``invalid expression`` r(3000)."""
    from lark.exceptions import LarkError

    try:
        return _lark().parse(text)
    except LarkError:
        raise MataError(SYNTAX, "invalid expression") from None


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class Interpreter:
    """Evaluates statements; ``show(value)`` receives every value a statement displays and
    ``run_stata(command)`` runs a Stata command for ``stata()`` (returning its rc)."""

    def __init__(self, session, show, run_stata):
        self.session = session
        self.vars: dict[str, np.ndarray] = session.mata
        self.show = show
        self.run_stata = run_stata

    # ----- statements
    def run(self, tree: Tree) -> None:
        for stmt in tree.children:
            self.statement(stmt)

    def statement(self, node: Tree) -> None:
        kind = node.data
        if kind == "expr_stmt":
            expr = node.children[0]
            value = self.eval(expr)
            if value is not None and expr.data not in ("assign", "increment", "decrement"):
                self.show(value)
        elif kind == "block":
            self.run(node.children[0])
        elif kind == "if_stmt":
            cond, then, *orelse = node.children
            if op.truth(self.value(cond)):
                self.statement(then)
            elif orelse and orelse[0] is not None:
                self.statement(orelse[0])
        elif kind == "while_stmt":
            cond, body = node.children
            self._loop(lambda: op.truth(self.value(cond)), body, None)
        elif kind == "for_stmt":
            init, cond, step, body = node.children
            if init is not None:
                self.eval(init)
            self._loop(lambda: cond is None or op.truth(self.value(cond)), body, step)
        elif kind == "break_stmt":
            raise _Break
        elif kind == "continue_stmt":
            raise _Continue
        else:  # the grammar has no other statement
            raise MataError(SYNTAX, "invalid expression")

    def _loop(self, holds, body: Tree, step) -> None:
        while holds():
            try:
                self.statement(body)
            except _Break:
                break
            except _Continue:
                pass
            if step is not None:
                self.eval(step)

    # ----- expressions
    def value(self, node) -> np.ndarray:
        """An expression that must have a value (not a void function's call)."""
        value = self.eval(node)
        if value is None:
            raise MataError(3000, "function returns nothing; a value is required")
        return value

    def eval(self, node):
        if isinstance(node, Token):  # pragma: no cover - the grammar wraps every token
            raise MataError(SYNTAX, "invalid expression")
        method = getattr(self, "_" + node.data)
        return method(*node.children)

    def _number(self, token):
        return op.real(float(token))

    def _string(self, token):
        text = str(token)[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        return np.array([[text]], dtype=object)

    def _missing(self):
        return op.real(np.nan)

    def _name(self, token):
        name = str(token)
        if name not in self.vars:
            raise not_found(name)
        return self.vars[name]

    def _call(self, token, *args):
        from mlmcli.mata.library import call

        values = [self.value(a) for a in args if a is not None]
        return call(self, str(token), values)

    def _binary(self, left, token, right):
        return op.binary(str(token), self.value(left), self.value(right))

    def _negate(self, operand):
        return op.negate(self.value(operand))

    def _logical_not(self, operand):
        return op.logical_not(self.value(operand))

    def _transpose(self, operand):
        return self.value(operand).T.copy()

    def _col_join(self, left, right):
        return op.join(self.value(left), self.value(right), rows=False)

    def _row_join(self, left, right):
        return op.join(self.value(left), self.value(right), rows=True)

    def _column_range(self, first, last):
        return _sequence(self.value(first), self.value(last)).reshape(-1, 1)

    def _row_range(self, first, last):
        return _sequence(self.value(first), self.value(last)).reshape(1, -1)

    def _ternary(self, cond, yes, no):
        return self.value(yes) if op.truth(self.value(cond)) else self.value(no)

    def _subscript(self, target, *subs):
        value = self.value(target)
        rows, cols = self._indices(value, subs)
        return value[np.ix_(rows, cols)]

    def _assign(self, target, expr):
        value = self.value(expr)
        self._store(target, value)
        return value

    def _increment(self, target, _token):
        return self._step(target, 1.0)

    def _decrement(self, target, _token):
        return self._step(target, -1.0)

    def _step(self, target, by: float):
        old = self.value(target)
        if not op.is_scalar(old):
            raise conformability()
        self._store(target, op.binary("+", old, op.real(by)))
        return old

    def _store(self, target: Tree, value: np.ndarray) -> None:
        if target.data == "name":
            self.vars[str(target.children[0])] = value.copy()
            return
        if target.data != "subscript" or target.children[0].data != "name":
            raise MataError(SYNTAX, "invalid lval")
        name = str(target.children[0].children[0])
        current = self._name(name)
        rows, cols = self._indices(current, target.children[1:])
        if op.is_string(current) != op.is_string(value):
            raise op.type_mismatch()
        if not op.is_scalar(value) and value.shape != (len(rows), len(cols)):
            raise conformability()
        changed = current.copy()
        changed[np.ix_(rows, cols)] = value
        self.vars[name] = changed

    def _indices(self, value: np.ndarray, subs) -> tuple[np.ndarray, np.ndarray]:
        """Row and column positions (0-based) selected by one or two subscripts."""
        nrow, ncol = value.shape
        subs = list(subs)
        if len(subs) == 1:  # one subscript: a position in a vector
            picked = self._positions(subs[0], max(nrow, ncol) if 1 in (nrow, ncol) else -1)
            if nrow == 1:
                return np.array([0]), picked
            if ncol == 1:
                return picked, np.array([0])
            raise subscript_invalid()
        return self._positions(subs[0], nrow), self._positions(subs[1], ncol)

    def _positions(self, sub, size: int) -> np.ndarray:
        if size < 0:
            raise subscript_invalid()
        if sub is None:
            return np.arange(size)
        if sub.data == "sub_range":
            first, last = (self.value(c) for c in sub.children)
            picked = _sequence(first, last)
        else:
            index = self.value(sub.children[0])
            if op.is_string(index):
                raise op.type_mismatch()
            if index.size == 1 and np.isnan(index[0, 0]):
                return np.arange(size)
            picked = index.ravel()
        if np.any(np.isnan(picked)) or np.any(picked != np.floor(picked)):
            raise subscript_invalid()
        picked = picked.astype(int)
        if np.any(picked < 1) or np.any(picked > size):
            raise subscript_invalid()
        return picked - 1


def _sequence(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    if not (op.is_scalar(first) and op.is_scalar(last)) or op.is_string(first) or op.is_string(last):
        raise op.type_mismatch()
    a, b = first[0, 0], last[0, 0]
    if np.isnan(a) or np.isnan(b):
        raise MataError(3300, "argument out of range")
    step = 1.0 if b >= a else -1.0
    return a + step * np.arange(int(np.floor(abs(b - a))) + 1)
