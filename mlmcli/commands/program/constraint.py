"""``constraint``: define, list and drop the linear constraints that estimation commands take by
number in ``constraints(numlist)`` ([R] constraint).

    constraint [define] # [exp=exp | coeflist]
    constraint dir [numlist | _all]
    constraint list [numlist | _all]
    constraint drop {numlist | _all}
    constraint get #
    constraint free

# is an integer from 1 to 1,999.  A definition is kept as typed in ``session.constraints``
(number -> text) and read only when an estimation command uses it (there each constraint is
parsed against that model's coefficients); defining a number again replaces it.  ``dir`` and
``list`` (the same) show each defined constraint of the list (all without one) as ``#:  text``;
``drop`` removes them (an undefined number is no error).  ``get #`` returns r(defined) (1 or 0)
and r(contents) (the text; none when undefined); ``free`` the smallest unused number in r(free).
"""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax

from mlmcli.syntax.numlist import MAX_CONSTRAINT, constraint_number  # noqa: F401  (the ML commands' constraints())


def _numbers(text: str) -> list[int] | None:
    """numlist -> the constraint numbers; ``_all`` or nothing -> None (all of them)."""
    from mlmcli.syntax.numlist import numlist

    if not text.strip() or text.strip() == "_all":
        return None
    return [constraint_number(f"{v:g}") for v in numlist(text)]


def cmd_constraint(session, cmd) -> None:
    text = cmd.args.strip()
    word, _, rest = text.partition(" ")
    rest = rest.strip()
    if not word:
        raise invalid_syntax()
    store = session.constraints
    if word in ("def", "defi", "defin", "define"):
        word, _, rest = rest.partition(" ")
        if not word:
            raise invalid_syntax()
        _define(store, word, rest.strip())
    elif word[0].isdigit() or word[0] in ".-+":
        _define(store, word, rest)
    elif word in ("dir", "list"):
        chosen = _numbers(rest)
        for number in sorted(store) if chosen is None else chosen:
            if number in store:
                session.print(f"{number:>6}:  {store[number]}")
    elif word == "drop":
        if not rest:
            raise invalid_syntax()
        chosen = _numbers(rest)
        for number in list(store) if chosen is None else chosen:
            store.pop(number, None)
    elif word == "get":
        if len(rest.split()) != 1:
            raise invalid_syntax()
        number = constraint_number(rest)
        # an empty macro is not kept in r(): r(contents) only for a defined constraint
        session.set_r({"defined": 1.0, "contents": store[number]} if number in store else {"defined": 0.0})
    elif word == "free":
        if rest:
            raise invalid_syntax()
        free = next((k for k in range(1, MAX_CONSTRAINT + 1) if k not in store), None)
        if free is None:
            raise StataError(f"no free constraints; all {MAX_CONSTRAINT} are in use", 412)
        session.set_r({"free": str(free)})
    else:
        raise StataError(f"unrecognized command:  constraint {word}", 199)


def _define(store: dict, word: str, definition: str) -> None:
    number = constraint_number(word)
    if not definition:  # [R] constraint: # [exp=exp | coeflist] -- nothing to define
        raise invalid_syntax()
    store[number] = definition
