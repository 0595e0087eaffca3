"""bootstrap's ``idcluster(v)``/``group(v)`` over streg's ``strata(v)`` or a factor variable ``i.v`` of
its ``ancillary()``/``anc2()`` (the plain streg and fpfit's estcmd(streg)) or of stcox's or streg's
main equation.

bsample writes the drawn copies' numbers into v (``replication.renumbered``), so each replicate's
streg builds v's columns from other levels, and its e(b) may name other columns than the full fit's.
What Stata 13 does with such a replicate (Stata 16's ados, opensafely-core/cohort-extractor
``bin/ado/base``; each keeps the branch callers below 15 take):

- strata(v): the streg ados (weibull_c.ado 1.8.2, ereg.ado, lnormal.ado, llogistic.ado,
  gompertz.ado, gamma.ado: ``if _caller() >= 15`` i.v, else ``qui xi, prefix(_S) i.v``) put xi's
  ``_S*`` dummies in the _t equation and in every ancillary one.  xi.ado 2.3.4 (xi_ei) names the
  dummies ``_S<v>_k`` by v's values k when they are nonnegative integers below 1e9 (else k = 1, 2,
  ... over the sorted levels) and drops the lowest level's (no v[omit], no _dta[omit]);
- ancillary(i.v), and i.v in the main equation (streg's ml, stcox's cox): a factor variable, one
  e(b) column per level of v in the sample (``k.v``, the lowest ``kb.v``);
- bootstrap.ado 4.9.1 keeps the full fit's pattern of e(b) (``_check_omit fullmat, get``) and
  _loop_bs 1.2.0 checks each replicate against it (``_check_omit, check``: another number of
  columns, or another pattern, posts the whole replicate missing -- "collinearity in replicate
  sample is not the same as the full sample"); otherwise each ``_b[eq:name]`` of the full fit's
  exp_list is evaluated under ``capture`` -- a name the replicate's e(b) lacks is r(111), that
  statistic missing ("captured error in ..."), the replicate an x; _bs_sum 1.2.2's ``marksample``
  keeps the complete replications only for V, e(N_reps), e(N_misreps).

So a replicate enters V exactly when its columns are the full fit's: the same xi suffixes for
strata() (``xi_suffixes``), the same levels for i.v; then its coefficients sit where the full
fit's of the same names do.  Any other replicate is missing (``OtherColumns``: a ValueError,
which the replicate loops count as a failed fit).  streg's full fit runs xi as
Stata 13 does (``commands.estimation.streg_strata``: every row in memory, v[omit], _dta[omit]);
its dummies are rebuilt as ``v == k`` in a renumbered replicate (v is 1..M there).  Refused,
r(198), as not modelled: a full fit whose xi dummies are not those of v's sample levels but the
lowest (v[omit] or _dta[omit] choosing another level, levels outside the estimation sample).
"""
from __future__ import annotations

import numpy as np


class OtherColumns(ValueError):
    """The replicate's e(b) names other columns than the full fit's: the replicate missing."""


def xi_suffixes(levels) -> tuple:
    """The k of xi's ``_S<v>_k`` dummies over ``levels`` (the lowest level's dropped)."""
    levels = np.unique(np.asarray(levels, float))
    natural = levels.size and np.all((levels >= 0) & (levels < 1e9) & (levels == np.floor(levels)))
    keys = levels if natural else np.arange(1, levels.size + 1, dtype=float)
    return tuple(float(k) for k in keys[1:])


def same_columns(kind: str, full_levels, new_values) -> bool:
    """Whether a replicate with ``new_values`` of v names the columns the full fit (v's levels
    ``full_levels``) named: ``kind`` "xi" (strata()) or "fv" (i.v)."""
    if kind == "xi":
        return xi_suffixes(full_levels) == xi_suffixes(new_values)
    return np.array_equal(np.unique(np.asarray(full_levels, float)), np.unique(np.asarray(new_values, float)))


def check_levels(factor_levels: dict, new: dict) -> None:
    """OtherColumns when a renumbered factor's replicate columns are not the full fit's;
    ``factor_levels`` {v: (kind, v's levels in the full fit)}."""
    for name, (kind, levels) in factor_levels.items():
        if name in new and not same_columns(kind, levels, new[name]):
            raise OtherColumns(f"the replicate's levels of {name} name other columns than the full sample's")


def rebuilt_columns(recipes, X, new: dict, original):
    """X's columns whose recipe (``factor_variables.ColumnRecipe``, X's j-th column the j-th) reads
    a renumbered variable -- as a continuous factor or as an indicator (``var == level``) --
    rebuilt from the new numbers; ``original(var)`` the other variables' values on the rows."""
    recipes = tuple(recipes or ())
    reads = lambda r: set(r.continuous) | {v for v, _ in r.indicators}  # noqa: E731
    if not any(reads(r) & set(new) for r in recipes):
        return X
    X = np.array(X, float)
    for j, recipe in enumerate(recipes):
        if reads(recipe) & set(new):
            column = np.ones(X.shape[0])
            for var, level in recipe.indicators:
                column = column * ((new[var] if var in new else original(var)) == level)
            for var in recipe.continuous:
                column = column * (new[var] if var in new else original(var))
            X[:, j] = column
    return X


def factor_levels_of(ds, sample, strata: str | None = None, term_lists=()) -> tuple[dict, set]:
    """({v: (kind, levels)} of the factors a replicate's columns are checked on, the factor
    variables still refused): streg's strata() v ("xi"), and each i.v that is its term's only
    factor in ``term_lists`` (the main equation's terms, ancillary()'s, anc2()'s: "fv").  Still
    refused: a factor interacted with another factor (which cells a replicate has is another
    question) and ``ib(freq).v`` (the replicate's base may be another level)."""
    rows = np.asarray(sample, bool)

    def levels(v):
        values = ds.numeric(v)[rows]
        return np.unique(values[np.isfinite(values)])

    found, refused = ({strata: ("xi", levels(strata))} if strata else {}), set()
    for terms in term_lists:
        for term in terms or ():
            factors = [c for c in term.components if c.factor]
            names = [c.var for c in factors]
            if strata and names == [strata]:  # strata()'s own i.v: xi's dummies
                continue
            if len(factors) == 1 and factors[0].base != "freq" and names[0] != strata:
                found.setdefault(names[0], ("fv", levels(names[0])))
            else:
                refused |= set(names)
    return {v: k for v, k in found.items() if v not in refused}, refused
