"""Factor variables and products in a mixed/xtmixed random-effects equation
(``|| id: i.x``, ``|| id: c.age#i.group``, ``|| id: c.time##c.time``).

Stata 16's ``_mixed_parsecmd`` (1.4.0, 13jan2020) reads a mixed or xtmixed equation with
``syntax [varlist(ts fv numeric)]`` -- its "must use R. when specifying factor variables in
random-effects equations" r(198) is kept for the other commands (xtmelogit, meqrlogit,
meqrpoisson) -- and ``_xtmixed_estimate``'s ``NoOmit`` fvexpands each equation's list and keeps
only the terms ``_ms_parse_parts`` does not call omitted, so base levels and ``o.`` terms
leave Z before ``fvrevar`` makes its columns (opensafely-core/cohort-extractor,
bin/ado/base/_/).  Hence here:

- a term is expanded as ``fvexpand`` does (``factor_variables.expanded_names``: every level
  of the data, any cell with a factor at its base is a base cell, since fvexpand knows no
  model) and its base and empty cells are dropped: ``i.x`` gives ``2.x 3.x``,
  ``c.age#i.group`` gives ``2.group#c.age 3.group#c.age``, ``ibn.x`` every level;
- the names are Stata's column names (factors first; a continuous main effect keeps its plain
  name, a product of ``c.`` variables its ``c.a#c.b`` form), shown as ``var(2.x)``;
- a name is evaluated on any rows by ``values`` (indicators times variables), which
  ``predict`` uses too.
"""
from __future__ import annotations

import numpy as np

from mlmcli.syntax.coefnames import is_base_or_omitted, parse_coef_name


def expand_term(ds, token: str) -> list[str] | None:
    """The Z terms of one factor-variable token, names resolved, in fvexpand's order, base and
    empty cells left out (``NoOmit``); None when the token holds a time-series operator
    (refused by the caller)."""
    from mlmcli.factor_variables import expanded_names, parse_terms

    terms = parse_terms(ds, token)
    if any("." in c.var for t in terms for c in t.components):  # L.x, D.x: not read here
        return None
    names = expanded_names(ds, terms, np.ones(ds.nobs, dtype=bool))
    return list(dict.fromkeys(n for n in names if not is_base_or_omitted(n)))


def components(term: str) -> list[str]:
    """The variables of a Z term (one for a plain variable)."""
    if "." not in term and "#" not in term:
        return [term]
    return list(dict.fromkeys(p.var for p in parse_coef_name(term).parts))


def values(data, term: str) -> np.ndarray:
    """The values of a Z term on every row: a variable, or the product of the indicators
    (``2.x``: x == 2, missing where x is) and variables of ``2.g#c.age``."""
    if "." not in term and "#" not in term:
        return data.numeric(term)
    out = np.ones(data.nobs)
    for part in parse_coef_name(term).parts:
        v = np.asarray(data.numeric(part.var), dtype=float)
        if part.level is not None:
            v = np.where(np.isnan(v), np.nan, (v == float(part.level)).astype(float))
        out = out * v
    return out
