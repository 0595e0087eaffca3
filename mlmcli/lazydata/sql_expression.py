"""Stata expressions compiled to DuckDB SQL, with Stata's missing-value rules.

The same parse tree the in-memory engine compiles (``mlmcli.expr.compiler.parse_expression``,
``grammar/expression.lark``) is turned into one SQL expression over a lazy dataset's
relation.  In a lazy relation a numeric variable is DOUBLE with NULL for missing (``.``;
NaN and +-inf never occur: they are turned into NULL where data enter and wherever an
operation would yield them) and a string variable is VARCHAR with ``''`` for missing.
Then, as in Stata ([U] 12.2.1, 13.2):

- arithmetic with a missing operand is missing (SQL's NULL propagation), and so is
  anything non-finite: ``1/0``, ``ln(-1)``, overflow -> ``clean(e)`` =
  ``nullif(nullif(nullif(e, inf), -inf), nan)`` (``e`` written once);
- missing is greater than every number: comparisons compare ``coalesce(v, +inf)``,
  so ``x > 5`` is true where x is missing and ``. == .`` is true;
- truth: nonzero is true and missing counts as true (``coalesce(v <> 0, true)``);
  relational and logical operators yield 1/0.

``_n``/``_N`` and ``x[_n-k]``/``x[_n+k]`` are window functions over the observation order
(``_mlm_row``), within the ``by`` groups when there are any.  What has no SQL form here
(random numbers, running ``sum()``, extended missing ``.a``-``.z``, string functions
beyond the common ones, ``e(sample)``) raises ``NeedsRows``: the command then runs on
the data in memory (``LazyDataset.materialise``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from mlmcli.errors import StataError, invalid_syntax, type_mismatch
from mlmcli.expr.matrices import SCALAR_FUNCTIONS as _MATRIX_FUNCTIONS
from mlmcli.lazydata.store import ROW, NeedsRows, literal, quote

NUM, STR = "num", "str"
INF = "'inf'::DOUBLE"
NEG_INF = "'-inf'::DOUBLE"


@dataclass(frozen=True)
class Sql:
    """A compiled expression: SQL text, its type (``num``/``str``), whether it is a
    constant, and whether it uses a window function (then it can only appear in a
    SELECT list, and the rows must be put back in order afterwards)."""

    text: str
    kind: str
    constant: bool = False
    window: bool = False


def number(value: float) -> Sql:
    if not math.isfinite(value):
        return Sql("CAST(NULL AS DOUBLE)", NUM, constant=True)
    return Sql(f"{literal(repr(float(value)))}::DOUBLE", NUM, constant=True)


def string(text: str) -> Sql:
    return Sql(literal(text), STR, constant=True)


def clean(text: str) -> str:
    """Non-finite results (inf, -inf, NaN) as missing (NULL)."""
    return f"nullif(nullif(nullif({text}, {INF}), {NEG_INF}), 'nan'::DOUBLE)"


def truth(text: str) -> str:
    """Stata truth of a numeric SQL value: nonzero or missing."""
    return f"coalesce(({text}) <> 0, true)"


def as_number(boolean_sql: str) -> str:
    return f"CAST({boolean_sql} AS DOUBLE)"


class SqlCompiler:
    """Compile expression text over a lazy dataset (``columns``: name -> ``num``/``str``).

    ``session`` supplies scalars and stored results (``e(N)``, ``r(mean)``, ``_b[x]``:
    constants at compile time); ``by`` are the variables of a ``by`` prefix."""

    def __init__(self, dataset, session=None, by: tuple[str, ...] = ()):
        self.dataset = dataset
        self.session = session
        self.by = tuple(by)

    # ------------------------------------------------------------------ entry points
    def compile(self, text: str) -> Sql:
        from mlmcli.expr.compiler import parse_expression

        return self._build(parse_expression(text))

    def condition(self, text: str) -> Sql:
        """``if exp`` as an SQL boolean (true where exp is nonzero or missing)."""
        e = self.compile(text)
        if e.kind != NUM:
            raise type_mismatch()
        return Sql(truth(e.text), NUM, e.constant, e.window)

    # ------------------------------------------------------------------ tree walk
    def _build(self, node) -> Sql:
        kind, ch = node.data, node.children
        if kind == "number":
            return number(float(ch[0]))
        if kind == "missing":
            if str(ch[0]) != ".":
                raise NeedsRows(f"extended missing value {ch[0]}")
            return number(float("nan"))
        if kind == "string":
            s = str(ch[0])
            return string(s[2:-2] if s.startswith("`") else s[1:-1])
        if kind == "name":
            return self._name(str(ch[0]))
        if kind == "subscript":
            return self._subscript(str(ch[0]), ch[1])
        if kind in ("matrix_element", "result_element") or (kind == "call" and str(ch[0]) in _MATRIX_FUNCTIONS):
            return self._constant(node)
        if kind == "call":
            return self._call(str(ch[0]), [self._build(c) for c in ch[1:] if c is not None])
        if kind in ("coef", "result"):
            return self._stored(str(ch[0]))
        if kind == "negate":
            a = self._num(self._build(ch[0]))
            return Sql(f"(-{a.text})", NUM, a.constant, a.window)
        if kind == "plus":
            return self._num(self._build(ch[0]))
        if kind == "not_op":
            a = self._num(self._build(ch[1]))
            return Sql(as_number(f"NOT {truth(a.text)}"), NUM, a.constant, a.window)
        if kind == "arith":
            return self._arith(str(ch[1]), self._build(ch[0]), self._build(ch[2]))
        if kind == "power":
            return self._arith("^", self._build(ch[0]), self._build(ch[1]))
        if kind == "compare":
            return self._compare(str(ch[1]), self._build(ch[0]), self._build(ch[2]))
        if kind in ("and_op", "or_op"):
            a, b = self._num(self._build(ch[0])), self._num(self._build(ch[1]))
            op = "AND" if kind == "and_op" else "OR"
            return _join(as_number(f"({truth(a.text)} {op} {truth(b.text)})"), NUM, a, b)
        raise invalid_syntax()

    @staticmethod
    def _num(e: Sql) -> Sql:
        if e.kind != NUM:
            raise type_mismatch()
        return e

    def _arith(self, op: str, a: Sql, b: Sql) -> Sql:
        if a.kind == STR or b.kind == STR:
            if a.kind == STR and b.kind == STR and op == "+":
                return _join(f"({a.text} || {b.text})", STR, a, b)
            if op == "*" and a.kind != b.kind:  # string duplication: the in-memory rule
                raise NeedsRows("string duplication")
            raise type_mismatch()
        if op == "^":
            return _join(clean(f"pow({a.text}, {b.text})"), NUM, a, b)
        return _join(clean(f"({a.text} {op} {b.text})"), NUM, a, b)

    def _compare(self, op: str, a: Sql, b: Sql) -> Sql:
        if (a.kind == STR) != (b.kind == STR):
            raise type_mismatch()
        sql_op = "<>" if op in ("!=", "~=") else ("=" if op == "==" else op)
        if a.kind == STR:
            return _join(as_number(f"({a.text} {sql_op} {b.text})"), NUM, a, b)
        return _join(as_number(f"(coalesce({a.text}, {INF}) {sql_op} coalesce({b.text}, {INF}))"), NUM, a, b)

    # ------------------------------------------------------------------ names
    def _name(self, name: str) -> Sql:
        if name == "_n":
            return Sql(f"CAST(row_number() OVER ({self._window()}) AS DOUBLE)", NUM, window=True)
        if name == "_N":
            return Sql(f"CAST(count(*) OVER ({self._partition()}) AS DOUBLE)", NUM, window=True)
        if name == "_pi":
            return number(math.pi)
        if name == "_cons":
            return number(1.0)
        if name == "_rc":
            return number(float(self.session.rc if self.session is not None else 0))
        ds = self.dataset
        if name in ds.varnames:
            return self._column(name)
        scalars = self.session.scalars if self.session is not None else {}
        if name in scalars:
            value = scalars[name]
            if isinstance(value, str):
                return string(value)
            return number(float(value))
        try:
            full = ds.resolve(name)
        except StataError as err:
            if "ambiguous" in err.message:
                raise
            raise StataError(f"{name} not found", 111) from None
        return self._column(full)

    def _column(self, full: str) -> Sql:
        return Sql(quote(full), STR if self.dataset.is_string(full) else NUM)

    def _partition(self) -> str:
        return ("PARTITION BY " + ", ".join(quote(v) for v in self.by)) if self.by else ""

    def _window(self) -> str:
        return f"{self._partition()} ORDER BY {ROW}".strip()

    def _subscript(self, name: str, index) -> Sql:
        """``x[_n-k]``, ``x[_n+k]``, ``x[_n]``, ``x[_N]`` and ``x[k]`` (k an integer constant)."""
        col = self._name(name) if name not in ("_n", "_N", "_pi", "_rc") else None
        if col is None or col.constant:
            raise invalid_syntax()
        empty = "''" if col.kind == STR else "CAST(NULL AS DOUBLE)"
        shift = _offset_of(index)
        if shift is not None:
            if shift == 0:
                return col
            fn = "lag" if shift < 0 else "lead"
            return Sql(f"{fn}({col.text}, {abs(shift)}, {empty}) OVER ({self._window()})", col.kind, window=True)
        frame = f"{self._window()} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
        if getattr(index, "data", None) == "name" and str(index.children[0]) == "_N":
            return Sql(f"last_value({col.text}) OVER ({frame})", col.kind, window=True)
        k = _integer_constant(index)
        if k is None:
            raise NeedsRows("a subscript other than [_n+-k], [_N] or [k]")
        if k < 1:
            return Sql(empty, col.kind, constant=True)
        return Sql(f"coalesce(nth_value({col.text}, {k}) OVER ({frame}), {empty})", col.kind, window=True)

    def _constant(self, node) -> Sql:
        """``A[1,2]``, ``e(b)[1,1]``, ``el(A,1,2)``, ``rowsof(A)``: matrix elements are constants."""
        from mlmcli.expr.compiler import compile_tree
        from mlmcli.expr.context import EvalContext

        value = compile_tree(node)(EvalContext(self.session, scalar=True))
        return string(value) if isinstance(value, str) else number(float(value))

    def _stored(self, token: str) -> Sql:
        """``e(N)``, ``r(mean)``, ``_b[x]``, ``scalar(s)``, ``c(N)``: constants now."""
        if token.replace(" ", "") == "e(sample)":
            raise NeedsRows("e(sample)")
        from mlmcli.expr import evaluate_scalar

        value = evaluate_scalar(self.session, token)
        return string(value) if isinstance(value, str) else number(float(value))

    # ------------------------------------------------------------------ functions
    def _call(self, name: str, args: list[Sql]) -> Sql:
        spec = _FUNCTIONS.get(name)
        if spec is None:
            from mlmcli.expr.functions import FUNCTIONS

            if name not in FUNCTIONS:
                raise StataError(f"unknown function {name}()", 133)
            raise NeedsRows(f"function {name}()")
        lo, hi, build = spec
        if not lo <= len(args) <= hi:
            raise invalid_syntax()
        text, kind = build(*args)
        return _join(text, kind, *args)


def _join(text: str, kind: str, *parts: Sql) -> Sql:
    return Sql(text, kind, all(p.constant for p in parts), any(p.window for p in parts))


def _offset_of(index) -> int | None:
    """k in ``_n``, ``_n+k``, ``_n-k`` (k an integer), else None."""
    if getattr(index, "data", None) == "name" and str(index.children[0]) == "_n":
        return 0
    if getattr(index, "data", None) == "arith":
        left, op, right = index.children
        if getattr(left, "data", None) == "name" and str(left.children[0]) == "_n":
            k = _integer_constant(right)
            if k is not None and str(op) in "+-":
                return k if str(op) == "+" else -k
    return None


def _integer_constant(node) -> int | None:
    if getattr(node, "data", None) == "number":
        v = float(node.children[0])
        return int(v) if v.is_integer() else None
    return None


# ---------------------------------------------------------------------- function table

def _n(a: Sql) -> str:
    if a.kind != NUM:
        raise type_mismatch()
    return a.text


def _s(a: Sql) -> str:
    if a.kind != STR:
        raise type_mismatch()
    return a.text


def _unary(sql_fn: str):
    return (1, 1, lambda a: (clean(f"{sql_fn}({_n(a)})"), NUM))


def _round(x: Sql, y: Sql | None = None):
    if y is None:
        return clean(f"floor({_n(x)} + 0.5)"), NUM
    return clean(f"CASE WHEN {_n(y)} = 0 THEN {_n(x)} ELSE {y.text} * floor({x.text} / {y.text} + 0.5) END"), NUM


def _mod(x: Sql, y: Sql):
    return clean(f"({_n(x)} - {_n(y)} * floor({x.text} / {y.text}))"), NUM


def _extreme(fn: str):
    def build(*args: Sql):
        return f"{fn}({', '.join(_n(a) for a in args)})", NUM
    return (1, 99, build)


def _missing(*args: Sql):
    tests = [f"({a.text} = '')" if a.kind == STR else f"({a.text} IS NULL)" for a in args]
    return as_number(" OR ".join(tests)), NUM


def _stata_equal(a: Sql, b: Sql) -> str:
    if (a.kind == STR) != (b.kind == STR):
        raise type_mismatch()
    if a.kind == STR:
        return f"({a.text} = {b.text})"
    return f"(coalesce({a.text}, {INF}) = coalesce({b.text}, {INF}))"


def _inlist(z: Sql, *args: Sql):
    return as_number("(" + " OR ".join(_stata_equal(z, a) for a in args) + ")"), NUM


def _inrange(z: Sql, a: Sql, b: Sql):
    if STR in (z.kind, a.kind, b.kind):
        return as_number(f"({_s(a)} <= {_s(z)} AND {z.text} <= {_s(b)})"), NUM
    return as_number(f"({_n(z)} IS NOT NULL AND coalesce({_n(a)}, {NEG_INF}) <= {z.text} "
                     f"AND {z.text} <= coalesce({_n(b)}, {INF}))"), NUM


def _cond(x: Sql, a: Sql, b: Sql, c: Sql | None = None):
    if a.kind != b.kind or (c is not None and c.kind != a.kind):
        raise type_mismatch()
    when_missing = f"WHEN {_n(x)} IS NULL THEN {c.text} " if c is not None else ""
    return f"(CASE {when_missing}WHEN {truth(x.text)} THEN {a.text} ELSE {b.text} END)", a.kind


def _strfn(sql_fn: str):
    return (1, 1, lambda a: (f"{sql_fn}({_s(a)})", STR))


_ASCII_LOWER, _ASCII_UPPER = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _ascii_case(upper: bool):
    src, dst = (_ASCII_LOWER, _ASCII_UPPER) if upper else (_ASCII_UPPER, _ASCII_LOWER)
    return (1, 1, lambda a: (f"translate({_s(a)}, '{src}', '{dst}')", STR))


_FUNCTIONS = {
    "abs": _unary("abs"), "sqrt": _unary("sqrt"), "exp": _unary("exp"), "ln": _unary("ln"),
    "log": _unary("ln"), "log10": _unary("log10"), "floor": _unary("floor"), "ceil": _unary("ceil"),
    "int": _unary("trunc"), "trunc": _unary("trunc"), "sign": _unary("sign"),
    "sin": _unary("sin"), "cos": _unary("cos"), "tan": _unary("tan"), "asin": _unary("asin"),
    "acos": _unary("acos"), "atan": _unary("atan"), "tanh": _unary("tanh"),
    "logit": (1, 1, lambda a: (clean(f"ln({_n(a)} / (1 - {a.text}))"), NUM)),
    "invlogit": (1, 1, lambda a: (clean(f"(1 / (1 + exp(-{_n(a)})))"), NUM)),
    "round": (1, 2, _round), "mod": (2, 2, _mod),
    "min": _extreme("least"), "max": _extreme("greatest"),
    "missing": (1, 99, _missing), "mi": (1, 99, _missing),
    "inlist": (2, 255, _inlist), "inrange": (3, 3, _inrange), "cond": (3, 4, _cond),
    # Stata 14: strlen() counts bytes, ustrlen() characters; strupper() changes ASCII letters only
    "strlen": (1, 1, lambda a: (f"CAST(strlen({_s(a)}) AS DOUBLE)", NUM)),
    "length": (1, 1, lambda a: (f"CAST(strlen({_s(a)}) AS DOUBLE)", NUM)),
    "ustrlen": (1, 1, lambda a: (f"CAST(length({_s(a)}) AS DOUBLE)", NUM)),
    "upper": _ascii_case(True), "lower": _ascii_case(False), "strupper": _ascii_case(True),
    "strlower": _ascii_case(False), "ustrupper": _strfn("upper"), "ustrlower": _strfn("lower"),
    "trim": (1, 1, lambda a: (f"trim({_s(a)}, ' ')", STR)),
    "strtrim": (1, 1, lambda a: (f"trim({_s(a)}, ' ')", STR)),
    "ltrim": (1, 1, lambda a: (f"ltrim({_s(a)}, ' ')", STR)),
    "rtrim": (1, 1, lambda a: (f"rtrim({_s(a)}, ' ')", STR)),
}
