"""Products of continuous variables in a mixed/xtmixed random-effects equation
(``|| id: c.time##c.time``).

Stata 16's ``_mixed_parsecmd`` (1.4.0) reads a mixed or xtmixed equation with ``syntax
[varlist(ts fv numeric)]`` -- the "must use R." refusal is kept for the other commands --
and ``_xtmixed_estimate`` fvexpands the list (``NoOmit``) and ``fvrevar``s it into the
columns of Z (opensafely-core/cohort-extractor, bin/ado/base/_/).  A ``#`` of ``c.``
variables is the product of the variables; ``a##b`` is ``a b a#b``; a main effect keeps the
plain name (fvexpand writes ``time``, not ``c.time``), a product its ``c.a#c.b`` form.
Terms with a factor (``i.x``, ``1.g#c.age``, a bare ``x#y``) are fvexpanded too
(``expand_factor_terms``): NoOmit drops the base and empty cells, and each remaining cell is a
column of Z named as fvexpand writes it (``2.x``, ``1.g#c.age``) -- Rabe-Hesketh & Skrondal's
MLMUS4 (ch. 7) fits ``mixed ... || id: 1.gender#c.age 1.gender, noconstant`` so.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np


def _continuous_parts(token: str) -> list[str] | None:
    """The ``c.`` variables of a ``#``/``##`` token, None when a part is not ``c.name``."""
    parts = token.replace("##", "#").split("#")
    if any(p[:2].lower() != "c." or not p[2:] or "." in p[2:] for p in parts):
        return None
    return [p[2:] for p in parts]


def expand_products(ds, token: str) -> list[str] | None:
    """The Z terms of one token of continuous interactions, names resolved and in fvexpand's
    order (main effects, then the products by size); None when the token is not one."""
    if "#" not in token:
        return None
    names = _continuous_parts(token)
    if names is None:
        return None
    names = [ds.resolve(n) for n in names]
    if "##" not in token:
        groups = [names]
    else:
        groups = [list(c) for k in range(1, len(names) + 1) for c in combinations(names, k)]
    terms = [g[0] if len(g) == 1 else "#".join(f"c.{n}" for n in g) for g in groups]
    return list(dict.fromkeys(terms))


def _operator(part: str) -> tuple[str, str]:
    """``(operator, variable)`` of one part of a Z term: ``("c", "x")``, ``("2", "k")``, ``("", "x")``."""
    op, dot, var = part.rpartition(".")
    return (op.lower(), var) if dot else ("", part)


def expand_factor_terms(ds, token: str) -> list[str] | None:
    """The Z terms of a token with factor-variable notation, as _xtmixed_estimate's NoOmit
    leaves them: fvexpand's cells over the data (before the sample is marked), less the base
    and empty ones; None when a part carries another operator (a time-series one)."""
    from mlmcli.factor_terms import parse_terms
    from mlmcli.factor_variables import expanded_names

    names = expanded_names(ds, parse_terms(ds, token), np.ones(ds.nobs, dtype=bool))
    kept = []
    for name in names:
        ops = [_operator(p)[0] for p in name.split("#")]
        if any(op and op != "c" and not op.isdigit() for op in ops if "b" not in op and "o" not in op):
            return None
        if any("b" in op or "o" in op for op in ops if op != "c"):
            continue  # NoOmit: base and empty cells are no column
        kept.append(name)
    return kept


def components(term: str) -> list[str]:
    """The variables of a Z term (one for a plain variable)."""
    return [_operator(p)[1] for p in term.split("#")]


def values(data, term: str) -> np.ndarray:
    """The values of a Z term on every row: a variable, a level's indicator (``2.k``: k == 2,
    missing where k is) or the product of its parts (``c.a#c.b``, ``1.g#c.age``)."""
    if "#" not in term and "." not in term:
        return data.numeric(term)
    out = np.ones(data.nobs)
    for part in term.split("#"):
        op, var = _operator(part)
        x = np.asarray(data.numeric(var), dtype=float)
        if op.isdigit():
            x = np.where(np.isnan(x), np.nan, (x == int(op)).astype(float))
        out = out * x
    return out
