"""Parentheses inside factor-variable interactions ([U] 11.4.3, "using parentheses to
shorten factor-variable notation"): an operator or an interaction distributes over a
parenthesized group,

    i.a#c.(x1 x2)      ->  i.a#c.x1 i.a#c.x2
    group#(sex arm)    ->  group#sex group#arm
    i.a##c.(x1 x2)     ->  i.a##c.x1 i.a##c.x2   (the terms a ## gives, duplicates once)
    (a b)#c            ->  a#c b#c
    l(0/1).x##c        ->  l0.x##c l1.x##c   (a lag range is the group of its lags)

so that each resulting word has one variable in each interacted part.  Words without
``#`` are left as they are (``i.(a b)`` is read where single terms are read).

A wildcard pattern in an interacted part is a group too: Stata expands the varlist, then
applies the operator, so ``d*##educ`` with d81-d87 in memory is ``(d81 ... d87)##educ``
(Wooldridge's example 14.4 written as in heldout/anon-wooldridge-ch14).  Outside an
interaction the same holds: ``c.spl_age?`` is ``c.(spl_age1 ... spl_age4)`` and ``i.k*`` the
operator on each variable ``k*`` matches (mkspline's pieces entered by their stub).
"""
from __future__ import annotations

import itertools
import re

from mlmcli.errors import StataError
from mlmcli.textscan import split_words

_GROUP_RE = re.compile(r"^(?P<op>[A-Za-z0-9()/\s]*\.)?\((?P<body>.*)\)$", re.S)


def _bare_group(token: str) -> str | None:
    """The inside of a token that is one parenthesized group, ``(a b)`` (not ``(a)(b)``)."""
    if not (token.startswith("(") and token.endswith(")")):
        return None
    depth = 0
    for i, ch in enumerate(token):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and i < len(token) - 1:
            return None
    return token[1:-1]


def split_interaction(token: str) -> tuple[list[str], list[str]]:
    """``a#b##c`` -> (["a", "b", "c"], ["#", "##"]), splitting only outside parentheses."""
    parts, seps, depth, start, i = [], [], 0, 0, 0
    while i < len(token):
        ch = token[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "#" and depth == 0:
            sep = "##" if token.startswith("##", i) else "#"
            parts.append(token[start:i])
            seps.append(sep)
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(token[start:])
    return parts, seps


def _wildcard(part: str) -> tuple[str, str] | None:
    """``(operator, pattern)`` of a part like ``d*`` or ``i.x?`` (None when it has no wildcard)."""
    op, _, pattern = part.strip().rpartition(".")
    if "(" in pattern or not any(ch in pattern for ch in "*?~"):
        return None
    return (op + "." if op else ""), pattern


_TS_RANGE_PART = re.compile(r"^(?P<op>[A-Za-z]+\([^()]*\)[A-Za-z0-9]*)\.(?P<rest>[^()]+)$")


def _lag_range(part: str) -> list[str] | None:
    """``l(0/2).x`` / ``l(0/1).c.x`` in an interaction: one part per lag (``l0.x l1.x l2.x``,
    ``c.l0.x c.l1.x``), a group like ``(l0.x l.x l2.x)`` -- the varlist the operator range
    stands for (an authors' xtpcse file of held-out batch 29 interacts ``l(0/2).x##female``)."""
    from mlmcli.time_series_ops import expand_operator_ranges, is_time_series_operator

    m = _TS_RANGE_PART.match(part.strip())
    if not m or not is_time_series_operator(m.group("op")):
        return None
    fv, dot, name = m.group("rest").rpartition(".")
    return [f"{fv}{dot}{op}.{name}" for op in expand_operator_ranges(m.group("op"))]


def group_alternatives(dataset, part: str) -> list[str]:
    """The single-variable parts a group stands for (the part itself when it is not one)."""
    lags = _lag_range(part)
    if lags is not None:
        return lags
    wild = _wildcard(part)
    if wild is not None:  # d*: the variables it matches, each with the part's operator
        return [wild[0] + name for name in dataset.expand_varlist([wild[1]])]
    m = _GROUP_RE.match(part.strip())
    if not m or (m.group("op") and "." not in m.group("op")):
        return [part]
    op, body = m.group("op") or "", m.group("body").split()
    if not body:
        raise StataError("invalid syntax", 198)
    if op:  # c.(x1 x2): the operator on each variable of the varlist
        return [op + name for name in dataset.expand_varlist(body)]
    out = []
    for item in body:  # (c.x1 i.b z*): each item keeps its own operator
        out.extend([item] if "." in item else dataset.expand_varlist([item]))
    return out


def distribute_groups(dataset, tokens: list[str]) -> list[str]:
    """The words of a term list with parenthesized groups inside interactions distributed."""
    out = []
    for tok in tokens:
        body = _bare_group(tok)
        if body is not None:
            # a group with no operator, ``($controls)``: its items as typed (HRS rural-care
            # replication: ``svy: logit y i.a##i.b ($x)``); the parentheses only group
            out.extend(distribute_groups(dataset, split_words(body, "(")))
            continue
        if "#" not in tok:
            wild = _wildcard(tok)
            if wild is not None and wild[0]:  # c.spl_age?, i.k*: the operator on each match
                out.extend(group_alternatives(dataset, tok))
            else:
                out.append(tok)
            continue
        parts, seps = split_interaction(tok)
        if "(" not in tok and not any(_wildcard(p) for p in parts):
            out.append(tok)
            continue
        choices = [group_alternatives(dataset, p) for p in parts]
        for combo in itertools.product(*choices):
            word = combo[0]
            for sep, piece in zip(seps, combo[1:]):
                word += sep + piece
            out.append(word)
    return out
