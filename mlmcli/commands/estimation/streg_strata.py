"""streg's ``strata(v)``: what each parametric ado puts in the _t equation and in every ancillary
one (Stata 16's weibull_c.ado, ereg.ado, lnormal.ado, llogistic.ado, gompertz.ado, gamma.ado in
opensafely-core/cohort-extractor ``bin/ado/base``)::

    if _caller() >= 15 {  local rhs `rhs' i.`strata'    local ancillary i.`strata'  }
    else               {  qui xi, prefix(_S) i.`strata'
                          local rhs `rhs' _S*           local ancillary _S*  }

mlm is Stata 13, so below ``version 15`` (``session.version``, set by ``version #``) streg runs
xi quietly (``commands.estimation.xi``: the earlier ``_S`` variables xi made dropped, one byte
dummy ``_S<v>_<k>`` per level -- k the value when v takes nonnegative integers below 1e9, else 1,
2, ... --, labelled ``v==value``, the lowest level's dropped, or v[omit]'s, or with _dta[omit] the
most frequent one), on every row in memory, and the model reads ``_S*``: every variable whose name
starts with ``_S`` (a user's own ``_Sx`` too), in the data's order, as plain variables.  The
dummies stay in the data after the fit (and after a fit that fails once xi has run, as in Stata).
``version 15`` (or later) gives the factor-variable form ``i.v``.  Stata 16's ``help version``
("If you set version to less than 15", item 10) says the same: ``_Sdrug_2``, ``_Sdrug_3`` left in
the data, in the main equation and in the ancillary parameters' equations.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mlmcli.errors import StataError


@dataclass
class StrataTerms:
    """strata(v)'s terms (the same in every equation), v, and the xi dummies' (v, k) by name
    (empty with ``i.v``)."""

    terms: list
    var: str
    xi_columns: dict = field(default_factory=dict)


def strata_terms(session, typed: str) -> StrataTerms:
    from mlmcli.factor_variables import parse_terms

    ds = session.data
    words = typed.split()
    if len(words) != 1:
        raise StataError("too many variables specified" if len(words) > 1 else "varlist required",
                         103 if len(words) > 1 else 100)
    var = ds.resolve(words[0])
    if float(getattr(session, "version", 13.0) or 13.0) >= 15:
        return StrataTerms(parse_terms(ds, "i." + var), var)
    created = _xi_dummies(session, var)
    names = ds.expand_varlist("_S*")  # the ado's ``_S*``: whatever starts with _S
    return StrataTerms(parse_terms(ds, " ".join(names)), var, created)


def _xi_dummies(session, var: str) -> dict:
    """``qui xi, prefix(_S) i.var``: {dummy: (var, k)} of the dummies it leaves."""
    from mlmcli.commands.estimation.xi import quiet_factor_dummies

    return {name: (var, k) for name, k in quiet_factor_dummies(session, "_S", var).items()}


def renumbering_recipes(recipes, xi_columns: dict, string: bool):
    """The design's recipes for bootstrap's idcluster()/group() over v: each xi dummy read as
    ``v == k`` (a replicate's renumbered v is 1..M, so its xi dummy k is v == k), the other columns
    as they are; a string v (never renumbered) keeps the dummies."""
    from mlmcli.factor_variables import ColumnRecipe

    if not xi_columns or string or recipes is None:
        return recipes
    out = []
    for recipe in recipes:
        if not recipe.indicators and len(recipe.continuous) == 1 and recipe.continuous[0] in xi_columns:
            out.append(ColumnRecipe((xi_columns[recipe.continuous[0]],), ()))
        else:
            out.append(recipe)
    return tuple(out)


def xi_columns_check(ds, strata: StrataTerms, sample):
    """The ``st_factor_renumbering.XiColumns`` a renumbered strata() v's replicates are checked
    on: the suffixes of the dummies the full fit's xi made (v[omit]'s or _dta[omit]'s dropped
    level too), _dta[omit] (a replicate's v, a new variable, has no v[omit]: xi drops its lowest or,
    with _dta[omit], its most frequent number), and whether each made dummy is nonzero in the
    sample; None with ``version 15``'s i.v (checked as a factor term)."""
    import numpy as np

    from mlmcli.survival.st_factor_renumbering import XiColumns

    if not strata.xi_columns:
        return None
    made = {name: k for name, (var, k) in strata.xi_columns.items() if var == strata.var}
    rows = np.asarray(sample, bool)
    present = all(np.any(ds.numeric(name)[rows] != 0) for name in made if name in ds.df.columns)
    return XiColumns(strata.var, made.values(), bool(ds.chars.get("omit")), present)
