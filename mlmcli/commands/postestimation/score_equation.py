"""``predict ..., scores equation(eq)``: which equations' scores go to which new variables,
as Stata's _score_spec.ado reads them (Stata 16 ado tree).

    predict [type] newvar, scores [equation(eqspec) | score(eqspec)]
    predict [type] {stub* | newvar1 ... newvarq}, scores

One new variable: the score of the equation ``eqspec`` names -- ``#k`` (the k-th equation of
e(b)) or an equation name -- the first equation without one; an unknown one is ``equation
[eqspec] not found`` r(303).  Several names (or ``stub*``) take one equation each, in order,
and refuse equation() ("option equation() is not allowed when generating multiple scores",
r(198)); equation() and score() together are r(198).
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.coefnames import split_eq
from mlmcli.syntax.varlist import equation_score_names


def equations_of(colnames) -> list[str]:
    """The equation names of e(b)'s columns, in order, each once."""
    out: list[str] = []
    for name in colnames:
        eq = split_eq(name)[0] or "_"
        if eq not in out:
            out.append(eq)
    return out


def equation_index(typed: str, equations: list[str]) -> int:
    """0-based index of ``#k`` or an equation name among ``equations``."""
    text = typed.strip()
    if text.startswith("#"):
        k = text[1:].strip()
        if k.isdecimal() and 0 < int(k) <= len(equations):
            return int(k) - 1
    elif text in equations:
        return equations.index(text)
    raise StataError(f"equation [{text}] not found", 303)


def score_targets(data, args: str, equations: list[str], equation: str | None = None,
                  score: str | None = None) -> tuple[str | None, list[tuple[str, int]]]:
    """(storage type, [(new name, equation index)]) of ``predict args, scores
    [equation(equation) score(score)]`` after a fit whose e(b) has ``equations``."""
    if equation is not None and score is not None:
        raise StataError("options equation() and score() cannot be combined", 198)
    chosen = equation if equation is not None else score
    vtype, names = equation_score_names(data, args, len(equations))
    if chosen is not None and (len(names) > 1 or args.strip().endswith("*")):
        raise StataError("option equation() is not allowed when generating multiple scores", 198)
    if chosen is not None:
        return vtype, [(names[0], equation_index(chosen, equations))]
    return vtype, [(name, k) for k, name in enumerate(names)]


def score_options(cmd, switches=()) -> tuple[dict, set]:
    """``scores`` and its equation()/score() (score(eqspec) has an argument, scores none) and the
    program's other ``switches`` ((name, min abbreviation) pairs): ({"equation"|"score": eqspec},
    the switches typed); anything else is "option ... not allowed" r(198)."""
    chosen, typed = {}, set()
    for option in cmd.options:
        name = resolve_choice(option.name, (("scores", 2), ("equation", 2), *switches))
        if name == "scores" and option.arg is not None and "score".startswith(option.name):
            name = "score"
        if name is None or (option.arg is None) == (name in ("equation", "score")):
            raise option_not_allowed(option.name, option.arg)
        if name in ("equation", "score"):
            chosen[name] = option.arg
        else:
            typed.add(name)
    return chosen, typed
