"""``test``'s equation forms ([R] test, syntax 3 and 4) as constraint texts:

    test [eq] [: varlist]                 each coefficient of eq = 0
    test [eq1 = eq2 [= ...]] [: varlist]  [eq1]x = [eqk]x for each x, k = 2, 3, ...

Without a varlist the coefficients are eq1's (``_cons`` only with ``constant``); with
``common`` those every equation has (test.ado's CommonVar: "no coefficients in common" r(198);
``common`` with a varlist: r(198)); a coefficient of eq1 that eqk lacks is then ``[eqk]x not
found`` r(111), as the constraint is read.  Base and omitted coefficients (``1b.f``, ``o.x``)
are 0 in every equation and are left out (mlm's reading of _test, whose code is built in).
``[#2]`` names the second equation.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import is_base_or_omitted

_FORM = re.compile(r"\[([^\]]*)\]\s*(?::\s*(.*))?", re.S)


def equation_specs(body: str, index, *, common: bool = False, constant: bool = False) -> list[str] | None:
    """The constraint texts of an equation form, or None when ``body`` is not one."""
    m = _FORM.fullmatch(body.strip())
    if not m:
        return None
    inside, varlist = m.group(1), m.group(2)
    eqs = [named_equation(index, part) for part in inside.split("=")]
    if len(eqs) == 1 and varlist is not None:
        return None  # [eq]: x y -- the coefficient-list form
    if varlist is not None and not varlist.strip():
        raise StataError("varlist required", 100)
    if common and varlist is not None and len(eqs) > 1:
        raise StataError("option common may not be combined with syntax [eq...]:varlist", 198)
    if varlist is not None:
        names = varlist.split()
    else:
        names = _coefficients(index, eqs[0], constant)
        if common and len(eqs) > 1:
            for eq in eqs[1:]:
                theirs = set(_coefficients(index, eq, constant))
                names = [n for n in names if n in theirs]
            if not names:
                raise StataError("no coefficients in common", 198)
    if not names:  # [#1] of an equation with only _cons (after margins, post): nothing to test
        raise StataError("invalid syntax", 198)
    def ref(eq: str, name: str) -> str:  # regress's unnamed equation ([#1]): the bare name
        return f"[{eq}]{name}" if eq else name

    if len(eqs) == 1:
        return [ref(eqs[0], n) for n in names]
    return [f"{ref(eqs[0], n)} = {ref(eq, n)}" for eq in eqs[1:] for n in names]


def named_equation(index, typed: str) -> str:
    text = typed.strip()
    if not text or " " in text:
        raise StataError("invalid syntax", 198)
    eq = index.equation_named(text)
    if eq not in index.eqs:
        raise StataError(f"equation {text} not found", 303)
    return eq


def _coefficients(index, eq: str, constant: bool) -> list[str]:
    return [n for e, n in zip(index.eqs, index.names)
            if e == eq and not is_base_or_omitted(n) and (constant or n != "_cons")]


def in_every_equation(words: list[str], index) -> list[str]:
    """``test x`` after sureg, reg3 and mvreg: x = 0 in every equation that has it ([MV] mvreg's
    ``test price``), in e(b)'s equation order for each word in turn; a word already tied to an
    equation (``[eq]x``) or found in none is kept as typed (so its error is the usual one)."""
    out = []
    for word in words:
        hits = []
        if "[" not in word and ":" not in word:
            for eq in dict.fromkeys(index.eqs):
                try:
                    index.find(f"[{eq}]{word}")
                except StataError:
                    continue
                hits.append(f"[{eq}]{word}")
        out.extend(hits or [word])
    return out
