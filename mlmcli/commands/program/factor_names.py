"""``fvunab`` and ``fvexpand``: factor-variable lists for programs ([P] unab, [P] fvexpand).

    fvunab lmacname : varlist [, min(#) max(#) name(string)]
    fvexpand varlist [if] [in]

``fvunab`` expands abbreviations, wildcards and ranges of the variables while keeping the
operators as typed (``i.rep mp*`` -> ``i.rep78 mpg``); a group ``i.(a b)`` becomes
``i.a i.b``, and a part of an interaction that stands for several variables gives one word
per combination (a decision made without a Stata log at hand).  ``fvexpand`` spells out every
level found in the ``if``/``in`` observations, base levels marked ``b`` and the other factors
of a cell holding a base level marked ``o`` (``0b.a#1o.b``; ``0b.a#co.x``), and returns the
list in r(varlist) with r(fvops) = ``true`` when factor-variable operators were used and
r(tsops) = ``true`` when time-series operators were (each left unset otherwise).
"""
from __future__ import annotations

import itertools

from mlmcli.errors import StataError


def cmd_fvunab(session, cmd) -> None:
    from mlmcli.commands.program.syntax import check_count, unab_arguments

    name, body, lo, hi, label = unab_arguments(cmd.args)
    words = list(dict.fromkeys(unabbreviated_words(session.data, body)))
    check_count(len(words), lo, hi, label)
    session.locals[name] = " ".join(words)


def unabbreviated_words(data, body: str) -> list[str]:
    """The words of a factor-variable list with every variable name spelled out (fvunab)."""
    from mlmcli.factor_groups import distribute_groups, split_interaction
    from mlmcli.factor_terms import close_operator_gaps
    from mlmcli.textscan import balance_error, split_words

    body = close_operator_gaps(body)
    if balance_error(body, "(") is not None:
        raise StataError("invalid syntax", 198)
    words: list[str] = []
    for token in distribute_groups(data, split_words(body, "(")):
        parts, seps = split_interaction(token)
        choices = [_unab_part(data, part) for part in parts]
        for combo in itertools.product(*choices):
            words.append("".join(p + s for p, s in itertools.zip_longest(combo, seps, fillvalue="")))
    return words


def _unab_part(data, part: str) -> list[str]:
    """One part of a word: ``op.`` kept, the variable (or ``(varlist)``) expanded."""
    if not part:
        raise StataError("invalid syntax", 198)
    op, dot, var = part.rpartition(".")
    if not dot:
        return data.expand_varlist([part])
    if var.startswith("(") and var.endswith(")"):
        return [f"{op}.{nm}" for nm in data.expand_varlist(var[1:-1].split())]
    return [f"{op}.{nm}" for nm in data.expand_varlist([var])]


def cmd_fvexpand(session, cmd) -> None:
    from mlmcli.factor_terms import parse_terms
    from mlmcli.factor_variables import expanded_names
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import split_operated

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    if cmd.options:
        raise StataError(f"option {cmd.options[0].name} not allowed", 198)
    data = session.data
    terms = parse_terms(data, cmd.args)
    sample = mark_sample(session, cmd)
    names = expanded_names(data, terms, sample)
    results = {"varlist": " ".join(names)}
    if any(c.factor or "#" in cmd.args for t in terms for c in t.components) or "c." in cmd.args.lower():
        results["fvops"] = "true"
    if any(split_operated(c.var) for t in terms for c in t.components):
        results["tsops"] = "true"
    session.set_r(results)
