"""How ``esttab`` / ``estout`` match the models' equations (estout help, "equations()"; the rules
read in estout.ado's MatchNames, AdjustRowEq and TableIsAMess, which follow est_table.ado):

- ``equations(matchlist)``: terms ``[eqname =] #:#...:#`` (one equation number per model, ``.``
  where a model has none) or ``[eqname =] #`` (the same number in every model), separated by
  commas; the matched equations are renamed ``eqname``, by default ``#1``, ``#2`` ... after the
  term's position; equations not matched by position are matched by name;
- ``equations("")``: every equation matched by name;
- by default the equations are matched by name, and if then a model other than the first has
  nothing in the table's first equation (a regress beside a mixed model: ``_`` beside the
  depvar's equation), all first equations are matched into one named ``main``
  (``equations(main=1)``), the remaining ones by name.

A model's rows are (equation, name, entry) triples in e(b) order; the first equation of a model
is the one its first row belongs to.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.syntax.varlist import is_name


def _invalid(reason: str) -> StataError:
    return StataError(f"option equations() invalid\n{reason}", 198)


def parse_equations(text: str | None):
    """None: not typed; []: ``equations("")`` (by name); else [(eqname, [numbers])]."""
    if text is None:
        return None
    body = text.strip()
    if body in ("", '""', "``''"):
        return []
    body = body.replace(":", " ").replace("#", "")
    terms, names = [], []
    for k, term in enumerate(body.split(","), start=1):
        name, eq, rest = term.partition("=")
        if eq:
            name = name.strip()
            if not is_name(name):
                raise StataError(f"{name} invalid name", 198)
            term = rest
        else:
            name = f"#{k}"
        numbers = term.split()
        if not numbers:
            raise StataError("invalid syntax", 198)
        terms.append((name, numbers))
        names.append(name)
    if len(set(names)) < len(names):
        raise StataError("duplicate matched equation names", 198)
    return terms


def model_equations(rows) -> list[str]:
    """A model's equations in order (each once)."""
    out: list[str] = []
    for eq, _, _ in rows:
        if eq not in out:
            out.append(eq)
    return out


def adjust_equations(rows, terms, index: int, nmodels: int) -> list:
    """The rows of model ``index`` (1-based) with its equations renamed by ``terms``."""
    eqs = model_equations(rows)
    names = [name for name, _ in terms]
    if set(names) & set(eqs):
        raise _invalid(f"specified equation name already occurs in model {index}")
    renamed: dict[str, str] = {}
    for name, numbers in terms:
        if len(numbers) not in (1, nmodels):
            raise _invalid(f"a term should consist of either 1 or {nmodels} equation numbers")
        word = numbers[index - 1] if len(numbers) > 1 else numbers[0]
        if word == ".":
            continue
        if not re.fullmatch(r"[+-]?\d+", word):
            raise _invalid(f"{word} was found, while an integer equation number was expected")
        number = int(word)
        if not 1 <= number <= len(eqs):
            raise _invalid(f"equation number {number} for model {index} out of range")
        renamed[eqs[number - 1]] = name
    return [(renamed.get(eq, eq), nm, entry) for eq, nm, entry in rows]


def table_is_a_mess(per_model_rows) -> bool:
    """estout's TableIsAMess: matched by name, the table has several equations and some model
    after the first has nothing in its first equation."""
    order: list[str] = []
    for rows in per_model_rows:
        for eq in model_equations(rows):
            if eq not in order:
                order.append(eq)
    if len(order) <= 1:
        return False
    first = order[0]
    return any(not any(eq == first for eq, _, _ in rows) for rows in per_model_rows[1:])


def match_equations(per_model_rows, text: str | None, unstack: bool) -> list:
    """The models' rows with their equations matched as ``equations()`` (None: not typed) asks."""
    terms = parse_equations(text)
    n = len(per_model_rows)
    if terms is None:
        if unstack or not table_is_a_mess(per_model_rows):
            return per_model_rows
        terms = [("main", ["1"])]
    if not terms:
        return per_model_rows
    return [adjust_equations(rows, terms, i, n) for i, rows in enumerate(per_model_rows, start=1)]
