"""bootstrap's ``idcluster(v)``/``group(v)`` over streg's ``strata(v)`` or a factor variable of its
main equation, ``ancillary()`` or ``anc2()`` (the plain streg and fpfit's estcmd(streg)), or of
stcox's main equation.

bsample writes the drawn copies' numbers into v (``replication.renumbered``), so each replicate's
streg builds v's columns from other levels, and its e(b) may name other columns than the full fit's.
What Stata 13 does with such a replicate (Stata 16's ados, opensafely-core/cohort-extractor
``bin/ado/base``; each keeps the branch callers below 15 take):

- strata(v): the streg ados (weibull_c.ado 1.8.2, ereg.ado, lnormal.ado, llogistic.ado,
  gompertz.ado, gamma.ado: ``if _caller() >= 15`` i.v, else ``qui xi, prefix(_S) i.v``) put xi's
  ``_S*`` dummies in the _t equation and in every ancillary one.  xi.ado 2.3.4 (xi_ei) names the
  dummies ``_S<v>_k`` by v's values k when they are nonnegative integers below 1e9 (else k = 1, 2,
  ... over the sorted levels) and drops one: v[omit]'s level, else with _dta[omit] set the most
  frequent (``r(N) > max``: the lowest of tied levels), else the lowest.  In a replicate v is a
  new variable -- bsample's ``drop idcluster`` / ``rename clid idcluster``, _loop_bs's ``drop
  group`` / ``rename newgroup group`` -- so v[omit] is gone and xi drops the lowest, or with
  _dta[omit] (a characteristic of the data, kept) the replicate's most frequent number; xi runs on
  the rows in memory, the replicate's (bootstrap.ado's ``keep if e(sample)``);
- a factor variable in any equation (``i.v``, ``ib(freq).v``, ``i.v#i.w``, ``i.v#c.x``, ...): its
  columns are the cells of the levels present (fvexpand), the base cells by the base rule, an
  empty cell an omitted column (``set emptycells keep``);
- bootstrap.ado 4.9.1 keeps the full fit's pattern of e(b) (``_check_omit fullmat, get``: per
  column b != 0 | se != 0) and _loop_bs 1.2.0 checks each replicate against it (``_check_omit,
  check``: another number of columns, or a column estimated in one and base/omitted in the other,
  posts the whole replicate missing -- "collinearity in replicate sample is not the same as the
  full sample"); otherwise each ``_b[eq:name]`` of the full fit's exp_list is evaluated under
  ``capture`` -- a name the replicate's e(b) lacks is r(111), that statistic missing ("captured
  error in ..."), the replicate an x; _bs_sum 1.2.2's ``marksample`` keeps the complete
  replications only for V, e(N_reps), e(N_misreps).

So a replicate enters V exactly when its columns are the full fit's -- the same names, the same
base and omitted (empty) ones --; then its coefficients sit where the full fit's of the same names
do, its columns rebuilt from the new numbers (``rebuilt_columns``).  Any other replicate is missing
(``OtherColumns``: a ValueError, which the replicate loops count as a failed fit):

- ``XiColumns`` (strata()): the replicate's xi suffixes (its numbers' levels but the dropped one)
  against the dummies the full fit made (v[omit] or _dta[omit] choosing the dropped level; xi on
  every row in memory).  A full fit's dummy that is zero on every row of the sample (a level only
  outside it) is an omitted column there and never one in a replicate whose dummy it names (the
  replicate's rows are its sample): every replicate missing;
- ``TermColumns`` (a factor term): the term's columns by ``factor_variables``' own rule
  (``_term_candidates``: the levels of each factor, ``ib(freq).``'s most frequent level, the base
  cells, the empty cells) on the replicate's values against the full sample's.

Not modelled: a replicate column collinear with other columns where the full fit's is not (or the
reverse), other than by emptiness: mlm's refit of such a replicate fails (missing) or fits.
"""
from __future__ import annotations

import numpy as np

from mlmcli.sorted_codes import unique_rows


class OtherColumns(ValueError):
    """The replicate's e(b) names other columns than the full fit's: the replicate missing."""


def xi_suffixes(levels) -> tuple:
    """The k of xi's ``_S<v>_k`` dummies over ``levels`` (the lowest level's dropped)."""
    levels = np.unique(np.asarray(levels, float))
    natural = levels.size and np.all((levels >= 0) & (levels < 1e9) & (levels == np.floor(levels)))
    keys = levels if natural else np.arange(1, levels.size + 1, dtype=float)
    return tuple(float(k) for k in keys[1:])


def dropped_level(values, most_frequent: bool) -> float:
    """The level xi drops in a replicate (no v[omit]: v is a new variable there): the lowest, or
    with _dta[omit] the most frequent (the first of tied levels in order, xi_ei's ``r(N) > max``)."""
    levels, counts = np.unique(np.asarray(values, float), return_counts=True)
    return float(levels[np.argmax(counts)] if most_frequent else levels[0])


class XiColumns:
    """strata(v)'s xi dummies: ``made`` the suffixes of the full fit's, ``most_frequent``
    _dta[omit] set, ``present`` every made dummy nonzero somewhere in the full fit's sample."""

    def __init__(self, var: str, made, most_frequent: bool = False, present: bool = True):
        self.var, self.made = var, tuple(sorted(float(k) for k in made))
        self.most_frequent, self.present = bool(most_frequent), bool(present)
        self.variables = (var,)

    def matches(self, value) -> bool:
        v = np.asarray(value(self.var), float)
        if not self.present or not v.size:
            return False
        drop = dropped_level(v, self.most_frequent)
        levels = np.unique(v)
        natural = np.all((levels >= 0) & (levels < 1e9) & (levels == np.floor(levels)))
        keys = levels if natural else np.arange(1, levels.size + 1, dtype=float)
        return tuple(float(k) for k, lv in zip(keys, levels) if lv != drop) == self.made


class _ArrayFactors:
    """``factor_variables.SampleFactors``' questions answered from a replicate's values."""

    def __init__(self, value):
        self.value = value

    def levels(self, var: str):
        return np.unique(np.asarray(self.value(var), float), return_counts=True)

    def cells(self, variables):
        cols = np.column_stack([np.asarray(self.value(v), float) for v in variables])
        return {tuple(float(x) for x in row) for row in unique_rows(cols)}


class TermColumns:
    """A factor term's columns (names, base, empty) on the full sample, against a replicate's:
    ``factor_variables.design_layout`` over the equation's ``terms`` (which cells are base
    depends on the other terms), the term's own entries."""

    def __init__(self, ds, term, terms, sample):
        from mlmcli.factor_variables import SampleFactors

        self.ds, self.term, self.terms = ds, term, tuple(terms)
        self.variables = tuple(dict.fromkeys(c.var for c in term.components if c.factor))
        self.full = self._columns(SampleFactors(ds, np.asarray(sample, bool)))

    def _columns(self, factors):
        from mlmcli.errors import StataError
        from mlmcli.factor_variables import design_layout

        try:
            layout = design_layout(self.ds, self.terms, factors)
        except StataError:
            return None
        return tuple((label.name, bool(label.base), kind == "empty") for kind, label, term, _ in layout
                     if term == self.term)

    def matches(self, value) -> bool:
        return self.full is not None and self._columns(_ArrayFactors(value)) == self.full


def check_levels(factor_levels: dict, new: dict, original=None) -> None:
    """OtherColumns when a renumbered factor's replicate columns are not the full fit's;
    ``factor_levels`` {v: (the ``XiColumns``/``TermColumns`` reading v, ...)}, ``original(var)``
    the other variables' values on the replicate's rows."""
    def value(var):
        return new[var] if var in new else original(var)

    seen = set()
    for name in [n for n in factor_levels if n in new]:
        for check in factor_levels[name]:
            if id(check) in seen:
                continue
            seen.add(id(check))
            if not check.matches(value):
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


def factor_levels_of(ds, sample, strata: str | None = None, term_lists=(), xi=None) -> tuple[dict, set]:
    """({v: the checks of the columns v's numbers make}, the factor variables still refused:
    none) for streg's strata() v (``xi``: its ``XiColumns``; None: the lowest level dropped, the
    sample's levels made) and every factor term in ``term_lists`` (the main equation's terms,
    ancillary()'s, anc2()'s: ``TermColumns``, each list its own model).  strata()'s own i.v
    (``version 15``'s form, in every equation) is checked as strata()."""
    rows = np.asarray(sample, bool)
    found: dict = {}
    if strata:
        if xi is None:
            values = ds.numeric(strata)[rows]
            xi = XiColumns(strata, xi_suffixes(values[np.isfinite(values)]))
        found[strata] = [xi]
    for terms in term_lists:
        for term in terms or ():
            names = [c.var for c in term.components if c.factor]
            if not names or (strata and names == [strata] and len(term.components) == 1):
                continue
            check = TermColumns(ds, term, terms, rows)
            for var in check.variables:
                found.setdefault(var, []).append(check)
    return {v: tuple(c) for v, c in found.items()}, set()
