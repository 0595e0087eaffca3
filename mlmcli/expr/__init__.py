"""The expression engine: Stata expressions evaluated over the dataset.

``evaluate(session, text)`` -> array over all observations (float64 with NaN
for missing, or object array of str); ``evaluate_scalar(session, text)`` ->
one float or str for observation-free contexts (``display``, ``local x =``,
``scalar``), where a variable name means its value in observation 1.
Grammar: ``grammar/expression.lark``; parsing happens once per distinct text.
"""
from __future__ import annotations

from mlmcli.lazy_module import is_ndarray, lazy_module

from mlmcli.expr.compiler import compile_expression
from mlmcli.expr.stored_results import coefficient
from mlmcli.expr.context import EvalContext
from mlmcli.expr.side_effects import held_side_effects
from mlmcli.expr.values import broadcast, is_str
from mlmcli.limits import require_memory

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed


def evaluate(session, text: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Value of the expression in every observation (by-groups from ``session.by_vars``).

    ``rows`` (optional bool mask): the observations the command evaluates, e.g. those
    meeting ``if``; Stata's running ``sum()`` accumulates over those rows only.
    """
    node = compile_expression(text)
    ctx = EvalContext(session, scalar=False, rows=rows)
    require_memory(ctx.nobs * 32)  # the result and a few temporaries of 8 bytes a row
    with held_side_effects(session):  # a failing expression writes no file, draws no number
        value = node(ctx)
    out = broadcast(value, ctx.nobs)
    if out.dtype != object and out.dtype != np.float64:
        out = out.astype(np.float64)
    return out


def evaluate_scalar(session, text: str) -> float | str:
    """Value of the expression evaluated once (variables read in observation 1)."""
    node = compile_expression(text)
    with held_side_effects(session):
        value = node(EvalContext(session, scalar=True))
    if is_ndarray(value):  # e.g. a function that always returns a column
        if value.ndim == 0:
            value = value.item()
        else:
            value = value[0] if len(value) else (np.nan if value.dtype != object else "")
    if isinstance(value, str):
        return value
    return float(value)


def evaluate_number(session, text: str) -> float:
    """A numeric expression evaluated once; a string one is Stata's type mismatch (r(109))."""
    value = evaluate_scalar(session, text)
    if isinstance(value, str):
        from mlmcli.errors import type_mismatch
        raise type_mismatch()
    return value


def evaluate_condition(session, text: str) -> np.ndarray:
    """``if exp`` as a boolean mask: true where the value is nonzero (missing counts as true)."""
    value = evaluate(session, text)
    if value.dtype == object:
        from mlmcli.errors import type_mismatch
        raise type_mismatch()
    return value != 0


def is_string_expression(session, text: str) -> bool:
    """Whether the expression yields a string (evaluates it in scalar mode)."""
    return is_str(evaluate_scalar(session, text))


__all__ = ["evaluate", "evaluate_scalar", "evaluate_number", "evaluate_condition", "is_string_expression", "coefficient",
           "compile_expression"]
