"""Compile an expression's parse tree (``grammar/expression.lark``) into closures.

Each node becomes ``f(ctx) -> value`` (see ``values.py`` for what a value is).
Compilation happens once per distinct expression text (``compile_expression``
is cached); evaluation then only runs numpy operations.
"""
from __future__ import annotations

import math
from functools import lru_cache

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.expr import values as V
from mlmcli.expr.functions import FUNCTIONS
from mlmcli.expr.stored_results import coefficient_token, scalar_value, stored_result
from mlmcli.grammar_tables import parser as grammar_parser
from mlmcli.missing import extended
from mlmcli.temp_names import read_once, rebind


@lru_cache(maxsize=1)
def _lark():
    return grammar_parser("expression.lark")


def parse_expression(text: str):
    """Expression text -> its Lark parse tree (``grammar/expression.lark``); invalid syntax
    raises StataError r(198).  Compiled here to closures, and to SQL by ``mlmcli.lazydata``.
    Cached on the text with its temporary names abstracted (``mlmcli.temp_names``)."""
    return read_once(text, _parse_expression_text, _rebind_tree)


def _rebind_tree(node, names: tuple[str, ...]):
    """A canonical expression's tree with the real temporary names in its tokens."""
    if not hasattr(node, "data"):  # a token (or None: an omitted optional part)
        return node.update(value=rebind(node.value, names)) if node is not None and "__" in node else node
    from lark import Tree

    return Tree(node.data, [_rebind_tree(c, names) for c in node.children], getattr(node, "_meta", None))


@lru_cache(maxsize=2048)
def _parse_expression_text(text: str):
    """The tree of ``text``: its number shape parsed once (``number_shapes``: a loop's
    ``while `i' < 100`` is new text every pass), its tokens given ``text``'s values."""
    from mlmcli.expr.number_shapes import number_shape, with_values_of
    from mlmcli.time_series_ops import rewrite_expression

    rewritten = rewrite_expression(text)
    if not rewritten.strip():
        raise invalid_syntax()
    prepared = _literals_substituted(rewritten)
    shape = number_shape(prepared)
    try:
        tree, spots = _parse_shape(shape)
    except StataError:  # the message the text itself gets (errors are never cached)
        return parse_with(_lark(), rewritten)
    if shape == prepared:
        return tree
    if not hasattr(tree, "data"):  # a lone token: no tree to give values to
        return _parse_literal_free(_lark(), prepared)
    return with_values_of(tree, spots, prepared) if spots else tree


@lru_cache(maxsize=2048)
def _parse_shape(text: str):
    from mlmcli.expr.number_shapes import digit_spots

    tree = _parse_literal_free(_lark(), text)
    return tree, (digit_spots(tree) if hasattr(tree, "data") else ())


def _clear_caches() -> None:
    _parse_expression_text.cache_clear()
    _parse_shape.cache_clear()
    _prefix_scan.cache_clear()


parse_expression.cache_clear = _clear_caches  # type: ignore[attr-defined]
parse_expression.cache_info = _parse_expression_text.cache_info  # type: ignore[attr-defined]


def parse_with(parser, text: str):
    """``parser.parse(text)`` with Stata's errors: unbalanced brackets r(132), else r(198)."""
    if not text.strip():
        raise invalid_syntax()
    return _parse_literal_free(parser, _literals_substituted(text))


def _literals_substituted(text: str) -> str:
    from mlmcli.expr.dates import substitute_literals
    from mlmcli.expr.time_ranges import rewrite_time_ranges

    return substitute_literals(rewrite_time_ranges(text))  # td(15jan2000) ... numbers; tin(d1,d2)


def _parse_literal_free(parser, text: str):
    from lark.exceptions import LarkError

    try:
        return parser.parse(text)
    except LarkError:
        from mlmcli.preprocess import balance_error

        raise (balance_error(text) or invalid_syntax()) from None


def complete_prefix_ends(text: str) -> tuple[int, ...]:
    """The offsets where a prefix of ``text`` is a whole expression (``2+2 "a"`` -> [1, 3])."""
    return prefix_scan(text)[0]


def prefix_scan(text: str) -> tuple[tuple[int, ...], bool]:
    """``complete_prefix_ends(text)`` and whether the parser stopped at a token of ``text`` that
    cannot continue the expression (False: it took every token, so a longer text might parse
    further).  Its number shape has the same ends (``number_shapes``), so a ``display `i'`` in
    a loop finds them once.  A long text is parsed as it is (shaping it would read it all)."""
    from mlmcli.expr.number_shapes import number_shape

    if len(text) > _SHAPED_PREFIX_LIMIT:
        return _prefix_scan(text)
    return _prefix_scan(number_shape(text))


_SHAPED_PREFIX_LIMIT = 400


@lru_cache(maxsize=2048)
def _prefix_scan(text: str) -> tuple[tuple[int, ...], bool]:
    """``prefix_scan`` of ``text``, found in one left-to-right pass of the parser: it stops at
    the first token that cannot continue an expression, so the work is linear in the
    expression.  Cached on the text (the grammar is fixed): a ``display`` in a loop or a
    program reads it again."""
    from lark.exceptions import LarkError, UnexpectedToken

    def complete() -> bool:  # could the expression end here?
        return _accepts_end(interactive.parser_state)

    interactive = _lark().parse_interactive(text)
    ends: list[int] = []
    last = None
    try:
        for token in interactive.iter_parse():  # yields each token before feeding it
            if last is not None and complete():
                ends.append(last.end_pos)
            last = token
    except UnexpectedToken as err:
        if err.token is not last and last is not None and complete():
            ends.append(last.end_pos)  # `last` was taken; the next one was not
        return tuple(ends), True
    except LarkError:  # text no token starts with: everything before it was taken
        if last is not None and complete():
            ends.append(last.end_pos)
        return tuple(ends), True
    if last is not None and complete():
        ends.append(last.end_pos)
    return tuple(ends), False


def _accepts_end(state) -> bool:
    """Whether the LALR parser in ``state`` would accept the end of input: its reductions
    on ``$END`` simulated on the state numbers alone, without copying the stacks (a
    copy per token made ``display 1+(1+(1+(…`` quadratic)."""
    from lark.parsers.lalr_analysis import Shift

    table, end_state, stack = state.parse_conf.states, state.parse_conf.end_state, state.state_stack
    depth, pushed = len(stack), []
    while True:
        entry = table[pushed[-1] if pushed else stack[depth - 1]].get("$END")
        if entry is None or entry[0] is Shift:
            return False
        rule = entry[1]
        size = len(rule.expansion)
        popped = min(size, len(pushed))
        del pushed[len(pushed) - popped:]
        depth -= size - popped
        goto = table[pushed[-1] if pushed else stack[depth - 1]][rule.origin.name][1]
        if goto == end_state:
            return True
        pushed.append(goto)


def parses(text: str) -> bool:
    """Whether ``text`` is one whole expression (no message built, nothing cached)."""
    from lark.exceptions import LarkError

    try:
        _lark().parse(text)
        return True
    except LarkError:
        return False


@lru_cache(maxsize=2048)
def compile_expression(text: str):
    """Expression text -> node ``f(ctx)``; invalid syntax raises StataError r(198)."""
    return _build(parse_expression(text))


def _build(node):
    if not hasattr(node, "data"):  # a bare token cannot reach here in this grammar
        raise invalid_syntax()
    kind = node.data
    ch = node.children
    if kind == "number":
        value = float(ch[0])
        value = value if math.isfinite(value) else V.MISSING
        return lambda ctx: value
    if kind == "missing":
        value = extended(str(ch[0])[1:])  # "." or ".a" … ".z"
        return lambda ctx: value
    if kind == "string":
        s = str(ch[0])
        value = s[2:-2] if s.startswith("`") else s[1:-1]
        return lambda ctx: value
    if kind == "name":
        return _name(str(ch[0]))
    if kind == "subscript":
        return _subscript(str(ch[0]), _build(ch[1]))
    if kind == "call":
        name = str(ch[0])
        if name in ("matrix", "scalar"):
            return _scalars_only([c for c in ch[1:] if c is not None])
        if name in _matrix_scalar_functions():
            return _matrix_call(name, [c for c in ch[1:] if c is not None])
        return _call(name, [_build(c) for c in ch[1:] if c is not None])
    if kind == "matrix_element":
        return _matrix_element(("name", str(ch[0])), _build(ch[1]), _build(ch[2]))
    if kind == "result_element":
        return _matrix_element(("result", str(ch[0])), _build(ch[1]), _build(ch[2]))
    if kind == "coef":
        return _coef(str(ch[0]))
    if kind == "result":
        return _result(str(ch[0]))
    if kind == "negate":
        a = _build(ch[0])
        return lambda ctx: V.negate(a(ctx))
    if kind == "plus":  # unary plus takes numbers only: +"a" is a type mismatch
        a = _build(ch[0])
        return lambda ctx: V.as_num(a(ctx))
    if kind == "not_op":
        a = _build(ch[1])
        return lambda ctx: V.logical_not(a(ctx))
    if kind in ("arith", "compare"):
        a, op, b = _build(ch[0]), str(ch[1]), _build(ch[2])
        f = V.arith if kind == "arith" else V.compare
        return lambda ctx: f(op, a(ctx), b(ctx))
    if kind == "power":
        a, b = _build(ch[0]), _build(ch[1])
        return lambda ctx: V.arith("^", a(ctx), b(ctx))
    if kind == "and_op":
        a, b = _build(ch[0]), _build(ch[1])
        return lambda ctx: V.logical_and(a(ctx), b(ctx))
    if kind == "or_op":
        a, b = _build(ch[0]), _build(ch[1])
        return lambda ctx: V.logical_or(a(ctx), b(ctx))
    raise invalid_syntax()  # pragma: no cover - every rule is handled above


# > 0 while the argument of matrix(exp) or scalar(exp) is compiled: its names are scalars
_SCALARS_ONLY = [0]


def _scalars_only(args: list):
    """``matrix(exp)`` / ``scalar(exp)`` ([FN] Programming functions): exp with its names taken as
    scalars (or matrices), never variables."""
    if len(args) != 1:
        raise invalid_syntax()
    _SCALARS_ONLY[0] += 1
    try:
        return _build(args[0])
    finally:
        _SCALARS_ONLY[0] -= 1


def _scalar_name(name: str):
    def lookup(ctx):
        scalars = ctx.session.scalars
        if name in scalars:
            return scalar_value(scalars[name])
        if name in getattr(ctx.session, "matrices", {}):
            raise StataError("matrix operators that return matrices not allowed in this context", 509)
        raise StataError(f"{name} not found", 111)
    return lookup


def _name(name: str):
    """A bare name: system variable, variable, scalar, or a variable abbreviation."""
    if _SCALARS_ONLY[0] and name not in ("_n", "_N", "_pi", "_rc", "_cons"):
        return _scalar_name(name)
    if name == "_n":
        return lambda ctx: ctx.obs_n()
    if name == "_N":
        return lambda ctx: ctx.obs_N()
    if name == "_pi":
        return lambda ctx: math.pi
    if name == "_rc":
        return lambda ctx: float(ctx.session.rc)
    if name == "_cons":
        return lambda ctx: 1.0

    def lookup(ctx):
        if ctx.has_variable(name):
            return ctx.variable(name)
        scalars = ctx.session.scalars
        if name in scalars:
            return scalar_value(scalars[name])
        try:
            return ctx.variable(name)
        except StataError as err:
            if "ambiguous" in err.message:
                raise
            raise StataError(f"{name} not found", 111) from None
    return lookup


def _subscript(name: str, index):
    if name in ("_n", "_N", "_pi", "_rc"):
        raise invalid_syntax()

    def f(ctx):
        i = index(ctx)
        try:
            return ctx.subscript(name, i)
        except StataError as err:
            if err.rc == 111 and "ambiguous" not in err.message:
                raise StataError(f"{name} not found", 111) from None
            raise
    return f


def compile_tree(tree):
    """A parse tree (or subtree) of ``parse_expression`` -> node ``f(ctx)`` (the lazy-data SQL
    compiler evaluates matrix elements with it)."""
    return _build(tree)


# ----- matrices in scalar expressions ([U] 14.10)

def _matrix_scalar_functions():
    from mlmcli.expr.matrices import SCALAR_FUNCTIONS

    return SCALAR_FUNCTIONS


def _matrix_operand(node):
    """A matrix argument: a matrix name or ``e(name)``/``r(name)`` -> f(ctx) -> Matrix."""
    from mlmcli.expr.matrices import require_matrix, stored_matrix

    kind = getattr(node, "data", None)
    if kind == "name":
        name = str(node.children[0])
        return lambda ctx: require_matrix(ctx.session, name)
    if kind == "result":
        token = str(node.children[0])
        rkind, _, inner = token.partition("(")
        key = inner[:-1].strip()

        def f(ctx):
            m = stored_matrix(ctx.session, rkind, key)
            if m is None:
                raise StataError(f"matrix {token} not found", 111)
            return m
        return f
    raise StataError("type mismatch", 109)


def _matrix_call(name: str, args: list):
    """``el(A,1,2)``, ``rowsof(e(b))``, ``trace(A)`` ...: matrix arguments by name."""
    from mlmcli.expr import matrix_algebra as MA

    n, matrix_args, impl = _matrix_scalar_functions()[name]
    if len(args) != n:
        raise invalid_syntax()
    parts = [_matrix_operand(a) if k in matrix_args else _build(a) for k, a in enumerate(args)]

    def f(ctx):
        values = []
        for k, p in enumerate(parts):
            v = p(ctx)
            if k in matrix_args:
                v = MA.Mat.of(v)
            elif not isinstance(v, str):
                v = _scalar_argument(v)
            values.append(v)
        return V.element_value(impl(*values)) if name == "el" else V.clean(impl(*values))
    return f


def _scalar_argument(v):
    from mlmcli.lazy_module import is_ndarray

    if is_ndarray(v):  # a variable's column in a data context: its first row
        return float(v[0]) if len(v) else V.MISSING
    return float(v)


def _matrix_element(source: tuple[str, str], row, col):
    """``A[i,j]`` / ``e(b)[i,j]``: one element; subscripts are numbers or names in quotes.
    A numeric subscript out of range is missing (as ``el()``)."""
    from mlmcli.expr import matrix_algebra as MA
    from mlmcli.expr.matrices import require_matrix, stored_matrix

    kind, text = source
    if kind == "result":
        rkind, _, inner = text.partition("(")
        key = inner[:-1].strip()

    def f(ctx):
        if kind == "name":
            m = require_matrix(ctx.session, text)
        else:
            m = stored_matrix(ctx.session, rkind, key)
            if m is None:
                raise StataError(f"matrix {text} not found", 111)
        mat = MA.Mat.of(m)
        i, j = row(ctx), col(ctx)
        if not isinstance(i, str) and not isinstance(j, str):
            return V.element_value(MA.element(mat, _scalar_argument(i), _scalar_argument(j)))
        r = MA.positions(mat.rows, ("index", i if isinstance(i, str) else _scalar_argument(i)), mat.shape[0])
        c = MA.positions(mat.cols, ("index", j if isinstance(j, str) else _scalar_argument(j)), mat.shape[1])
        return V.element_value(float(mat.values[r[0], c[0]]))
    return f


def function_impl(name: str, nargs: int):
    """The implementation of scalar function ``name`` called with ``nargs`` arguments
    (unknown: r(133); wrong number of arguments: r(198))."""
    entry = FUNCTIONS.get(name)
    if entry is None:
        from mlmcli.suggest import hint

        raise StataError(f"unknown function {name}()" + hint(name, FUNCTIONS, "(did you mean {}()?)"), 133)
    lo, hi, impl = entry
    if not lo <= nargs <= hi:
        raise invalid_syntax()
    return impl


def _call(name: str, args: list):
    impl = function_impl(name, len(args))

    def f(ctx):
        return impl(ctx, *(a(ctx) for a in args))
    return f


# ----- stored results (stored_results.py) -----

def _coef(token: str):
    """``_b[x]``, ``_se[eq:x]``, ``[eq]_b[x]`` from the current estimation results."""
    return lambda ctx: coefficient_token(ctx.session, token)


def _result(token: str):
    kind, _, inner = token.partition("(")
    key = inner[:-1].strip()

    def f(ctx):
        return stored_result(ctx, kind, key)
    return f
