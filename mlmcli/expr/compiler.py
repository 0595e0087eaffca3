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
from mlmcli.grammar_files import grammar_file
from mlmcli.missing import extended

GRAMMAR = grammar_file("expression.lark")


@lru_cache(maxsize=1)
def _lark():
    from lark import Lark

    return Lark(GRAMMAR.read_text(), parser="lalr", lexer="contextual", cache=True)


@lru_cache(maxsize=2048)
def parse_expression(text: str):
    """Expression text -> its Lark parse tree (``grammar/expression.lark``); invalid syntax
    raises StataError r(198).  Compiled here to closures, and to SQL by ``mlmcli.lazydata``."""
    from lark.exceptions import LarkError

    if not text.strip():
        raise invalid_syntax()
    try:
        return _lark().parse(text)
    except LarkError:
        from mlmcli.preprocess import balance_error

        raise (balance_error(text) or invalid_syntax()) from None


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
        return _call(str(ch[0]), [_build(c) for c in ch[1:] if c is not None])
    if kind == "coef":
        return _coef(str(ch[0]))
    if kind == "result":
        return _result(str(ch[0]))
    if kind == "negate":
        a = _build(ch[0])
        return lambda ctx: V.negate(a(ctx))
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


def _name(name: str):
    """A bare name: system variable, variable, scalar, or a variable abbreviation."""
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
            return _scalar_value(scalars[name])
        try:
            return ctx.variable(name)
        except StataError as err:
            if "ambiguous" in err.message:
                raise
            raise StataError(f"{name} not found", 111) from None
    return lookup


def _scalar_value(v):
    if isinstance(v, str):
        return v
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise StataError("type mismatch", 109) from None
    return V.MISSING if math.isinf(x) else x  # a stored .a … .z stays itself


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


def _call(name: str, args: list):
    entry = FUNCTIONS.get(name)
    if entry is None:
        raise StataError(f"unknown function {name}()", 133)
    lo, hi, impl = entry
    if not lo <= len(args) <= hi:
        raise invalid_syntax()

    def f(ctx):
        return impl(ctx, *(a(ctx) for a in args))
    return f


# ----- stored results -----

def _coef(token: str):
    """``_b[x]``, ``_se[eq:x]``, ``[eq]_b[x]`` from the current estimation results."""
    eq = None
    if token.startswith("["):
        eq, _, token = token[1:].partition("]")
        eq = eq.strip()
    kind, _, inner = token.partition("[")
    inner = inner[:-1].strip()
    if ":" in inner and eq is None:
        eq, _, inner = inner.partition(":")
        eq, inner = eq.strip(), inner.strip()
    want_se = kind == "_se"

    def f(ctx):
        return coefficient(ctx.session, eq, inner, want_se)
    return f


def coefficient(session, eq: str | None, name: str, want_se: bool = False) -> float:
    """A coefficient (or its standard error) from ``e(b)``/``e(V)`` by Stata's naming rules.

    Without an equation, ``_b[x]`` means ``x`` in the first equation.
    """
    e = session.e
    if e is None or "b" not in e.matrices:
        raise StataError("last estimates not found", 301)
    b = e.matrices["b"]
    cols = list(b.colnames)
    target = f"{eq}:{name}" if eq else name
    label = f"[{target}]"
    j = _find_coef(cols, eq, name)
    if j is None:
        raise StataError(f"{label} not found", 111)
    if not want_se:
        import numpy as np
        return V.clean(float(np.asarray(b.values).reshape(-1)[j]))
    vmat = e.matrices.get("V")
    if vmat is None:
        raise StataError(f"{label} not found", 111)
    import numpy as np
    var = float(np.asarray(vmat.values)[j, j])
    return V.clean(math.sqrt(var)) if var >= 0 else V.MISSING


def _find_coef(cols: list[str], eq: str | None, name: str) -> int | None:
    """Column of ``[eq:]name`` in e(b): exact first, then with factor-variable names
    normalised (``0.x`` finds ``0b.x``, ``c.z#1.x`` finds ``1.x#c.z``)."""
    from mlmcli.syntax.coefnames import split_eq

    if eq is None:
        if name in cols:
            return cols.index(name)
        eq = split_eq(cols[0])[0] if cols else ""
    want = _norm_coef(name)
    fallback = None
    for k, c in enumerate(cols):
        ceq, cname = split_eq(c)
        if ceq != eq:
            continue
        if cname == name:
            return k
        if fallback is None and _norm_coef(cname) == want:
            fallback = k
    return fallback


def _norm_coef(name: str) -> str:
    """A coefficient name without its base/omitted markers, parts in a fixed order."""
    from mlmcli.syntax.coefnames import parse_coef_name

    return "#".join(sorted(p.text(markers=False) for p in parse_coef_name(name.replace(" ", "")).parts))


def _result(token: str):
    kind, _, inner = token.partition("(")
    key = inner[:-1].strip()

    def f(ctx):
        return stored_result(ctx, kind, key)
    return f


def stored_result(ctx, kind: str, key: str):
    """``e(name)``, ``r(name)``, ``c(name)``, ``scalar(name)`` as an expression value."""
    session = ctx.session
    if kind == "scalar":
        if key not in session.scalars:
            raise StataError(f"scalar {key} not found", 111)
        return _scalar_value(session.scalars[key])
    if kind == "c":
        return _c_value(ctx, key)
    if kind == "e":
        e = session.e
        if e is None:
            return V.MISSING
        if key == "sample":
            return _sample(ctx, e)
        if key in e.scalars:
            return _scalar_value(e.scalars[key])
        if key in e.macros:
            return str(e.macros[key])
        if key in e.matrices:
            raise StataError("matrix operators that return matrices not allowed in this context", 509)
        return V.MISSING
    value = session.r.get(key)
    if value is None:
        return V.MISSING
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return V.clean(float(value))
    try:
        return V.clean(float(value))
    except (TypeError, ValueError):
        raise StataError("matrix operators that return matrices not allowed in this context", 509) from None


def _sample(ctx, e):
    """e(sample) on the current rows: the sample's rows followed through sort/keep/drop."""
    import numpy as np

    n = ctx.nobs
    data = ctx.session.data
    mask = e.sample_mask(data) if data is not None and data.nobs == n else None
    if mask is not None:
        out = mask.astype(float)
        return out if not ctx.scalar else (float(out[0]) if n else 0.0)
    if getattr(e, "lazy_sample", None) is not None:
        raise StataError("e(sample) of a fit on lazy data is known only while the data are "
                         "those of the fit (lazy sort, keep, generate, ... make new data); "
                         "fit the model again", 459)
    if getattr(e, "sample_stamp", None) is not None:
        raise StataError("e(sample) cannot be placed on the data in memory: they were rebuilt "
                         "since the estimation (reshape, collapse, ...); fit the model again", 459)
    out = np.zeros(n, dtype=float)
    sample = e.sample
    if sample is not None:
        s = np.asarray(sample, dtype=bool)
        m = min(n, len(s))
        out[:m] = s[:m]
    return out if not ctx.scalar else (float(out[0]) if n else 0.0)


def _c_value(ctx, key: str):
    session = ctx.session
    table = {
        "N": lambda: float(ctx.nobs),
        "k": lambda: float(len(session.data.varnames)),
        "pi": lambda: math.pi,
        "linesize": lambda: float(session.linesize),
        "seed": lambda: float(session.seed),
        "rc": lambda: float(session.rc),
        "maxdouble": lambda: 8.9884656743e+307,
        "mindouble": lambda: -8.9884656743e+307,
        "epsdouble": lambda: 2.220446049250313e-16,
        "version": lambda: 13.0,
        "stata_version": lambda: 13.0,
        "filename": lambda: session.data.filename or "",
        "alpha": lambda: "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "ALPHA": lambda: "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
    }
    if key in ("current_date", "current_time"):
        import time
        return time.strftime("%e %b %Y").strip() if key == "current_date" else time.strftime("%H:%M:%S")
    getter = table.get(key)
    return getter() if getter else V.MISSING
