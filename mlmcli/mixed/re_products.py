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

import re

import numpy as np

from mlmcli.syntax.coefnames import is_base_or_omitted, parse_coef_name


def expand_term(ds, token: str, rows: np.ndarray | None = None) -> list[str]:
    """The Z terms of one factor-variable or time-series-operated token, names resolved, in
    fvexpand's order over ``rows`` (default every row), base and empty cells left out
    (``NoOmit``; the me commands' ``fvexpand ..., skipomitted``): ``L(1/2).x`` -> ``L.x L2.x``,
    ``i.g#cL.x`` -> ``2.g#cL.x 3.g#cL.x``.  An operator without ``tsset`` data is
    ``time_series_ops``' r(111)."""
    from mlmcli.factor_variables import expanded_names, parse_terms

    terms = parse_terms(ds, token)
    names = expanded_names(ds, terms, np.ones(ds.nobs, dtype=bool) if rows is None else rows)
    return list(dict.fromkeys(n for n in names if not is_base_or_omitted(n)))


# a part's operator: level, c., markers, then time-series operators (2L.g, cL.x, L2.x)
_PART_OP = re.compile(r"^(?P<level>\d*)c?[bno]*(?P<ts>(?:[LFDS]\d*)*)$")


def _part(part) -> tuple[str, str | None]:
    """(the variable a name part reads, ``L.x`` for ``cL.x``; its factor level or None)."""
    m = _PART_OP.match(part.op)
    if m is None:
        return part.var, part.level
    return (f"{m.group('ts')}.{part.var}" if m.group("ts") else part.var), (m.group("level") or None)


def components(term: str) -> list[str]:
    """The variables of a Z term (one for a plain variable), time-series operated ones as
    ``L.x`` so that the rows where they are missing leave the sample."""
    if "." not in term and "#" not in term:
        return [term]
    return list(dict.fromkeys(_part(p)[0] for p in parse_coef_name(term).parts))


def values(data, term: str) -> np.ndarray:
    """The values of a Z term on every row: a variable, ``L.x`` (``Dataset.numeric`` applies the
    operator), or the product of the indicators (``2.x``: x == 2, missing where x is) and
    variables of ``2.g#c.age``, ``2.g#cL.x``."""
    if "." not in term and "#" not in term:
        return data.numeric(term)
    out = np.ones(data.nobs)
    for part in parse_coef_name(term).parts:
        var, level = _part(part)
        v = np.asarray(data.numeric(var), dtype=float)
        if level is not None:
            v = np.where(np.isnan(v), np.nan, (v == float(level)).astype(float))
        out = out * v
    return out
