"""Products of continuous variables in a mixed/xtmixed random-effects equation
(``|| id: c.time##c.time``).

Stata 16's ``_mixed_parsecmd`` (1.4.0) reads a mixed or xtmixed equation with ``syntax
[varlist(ts fv numeric)]`` -- the "must use R." refusal is kept for the other commands --
and ``_xtmixed_estimate`` fvexpands the list (``NoOmit``) and ``fvrevar``s it into the
columns of Z (opensafely-core/cohort-extractor, bin/ado/base/_/).  A ``#`` of ``c.``
variables is the product of the variables; ``a##b`` is ``a b a#b``; a main effect keeps the
plain name (fvexpand writes ``time``, not ``c.time``), a product its ``c.a#c.b`` form.
Terms with a factor (``i.x``, or a bare ``x#y``, whose parts are factors) are not read here:
mlm still refuses them (``mixed_design.factor_re_error``).
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


def components(term: str) -> list[str]:
    """The variables of a Z term (one for a plain variable)."""
    if "#" not in term:
        return [term]
    return [p[2:] for p in term.split("#")]


def values(data, term: str) -> np.ndarray:
    """The values of a Z term on every row (a variable, or the product of ``c.a#c.b``'s)."""
    if "#" not in term:
        return data.numeric(term)
    out = np.ones(data.nobs)
    for v in components(term):
        out = out * np.asarray(data.numeric(v), dtype=float)
    return out
