"""fpfit's ``estcmd(streg) estopts(vce(bootstrap, cluster(c) idcluster(k) [group(g)]))`` with k or g a
variable streg reads in each replicate.

bsample writes the drawn copies' numbers into k and _loop_bs renumbers g (``replication.renumbered``),
so each replicate's streg reads them, and every fit's replicates (the final fit's, reject()'s and
saving()'s of every candidate: ``fpfit_streg_replicates.streg_refit_on``) are rebuilt from them (``StregRenumbering``):

- the covariate x: the design's x column the new numbers;
- ``_t``, ``_t0``, ``_d``, ``_st`` (``survival.st_renumbering``, as plain streg): the copy numbers as
  exit or entry times, every record a failure, _st nothing; a record with _t0 >= _t is the streg
  ados' "_t0 >= _t in some obs." r(498), which _loop_bs captures: that replicate is missing;
- the offset() variable: the new numbers as the offset;
- a continuous ancillary()/anc2() covariate: its columns of that equation rebuilt;
- shared(): each distinct new value a frailty group;
- the strata() variable or a factor of any factor term of ancillary()/anc2() (``i.v``, ``ib(freq).v``,
  ``i.v#i.w``; as plain streg, ``survival.st_factor_renumbering``): a replicate whose columns are
  the full fit's -- xi's ``_S`` suffixes for strata(), the term's cells, base and empty cells --
  has them rebuilt (strata(): its indicators in the _t equation and in every ancillary one), any
  other is missing, as bootstrap's _check_omit and _loop_bs's captured ``_b[]`` make it.

k or g = y (fracpoly hands streg y's FP terms) or a variable streg does not read: the band is the
one without them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def _settings(ds, vce):
    """(idcluster, group) typed with cluster(), else None; group() not found: None (bootstrap's
    r(111) inside fracpoly)."""
    found = getattr(vce, "bootstrap", None) or {}
    if getattr(vce, "kind", None) != "bootstrap" or not found.get("idcluster") or not found.get("cluster"):
        return None
    try:
        group = ds.resolve(str(found["group"]).strip()) if found.get("group") else None
    except StataError:
        return None
    return str(found["idcluster"]).strip(), group


def _aux_terms(ds, spec: dict) -> list:
    from mlmcli.factor_variables import parse_terms

    return [parse_terms(ds, text) if text else None for text in spec.get("aux") or ()]


class StregRenumbering:
    """One replicate's data after bsample's and _loop_bs's numbers: ``apply(rows, draw, X, t0, t, d,
    offset, aux, groups)`` -> the same rebuilt (``rows`` the records drawn among the fit's,
    ``draw`` their copies)."""

    def __init__(self, ds, vce, spec: dict, xname: str, fit_rows: np.ndarray, cluster_var: str, x_column: int,
                 aux_recipes: dict, strata_recipes=(), factor_levels=None):
        from mlmcli.graphs.fpfit_bootstrap import group_codes, settings_of
        from mlmcli.survival.st_renumbering import ST_VARIABLES

        self.idcluster, self.group = _settings(ds, vce)
        data_rows = np.flatnonzero(fit_rows)
        self.units = np.unique(ds.numeric(cluster_var)[fit_rows], return_inverse=True)[1]
        strata = settings_of(vce).get("strata")
        self.strata = group_codes(ds, strata, data_rows) if strata else None
        self.x_column, self.aux_recipes = x_column, aux_recipes  # {equation j: its design's recipes}
        self.strata_recipes = tuple(strata_recipes)  # strata()'s indicators: X's columns after x
        self.factor_levels = dict(factor_levels or {})  # strata() and i.v of ancillary(): checked
        self.xname, self.offset_name, self.shared = xname, spec.get("offset"), spec.get("shared")
        aux_vars = {v for recipes in aux_recipes.values() for r in recipes for v in r.continuous}
        self.read = {xname, self.offset_name, self.shared, *ST_VARIABLES, *aux_vars, *self.factor_levels} - {None, ""}
        self.values = {}  # what group() renumbers from, and the ancillary columns' other factors
        checked = {v for checks in self.factor_levels.values() for c in checks for v in c.variables}
        for name in (self.read | checked | {v for rs in aux_recipes.values() for r in rs for v, _ in r.indicators}) & set(
                ds.df.columns):
            column = ds.column(name).to_numpy()[data_rows]
            self.values[name] = (np.unique(column.astype(str), return_inverse=True)[1].astype(float)
                                 if ds.is_string(name) else np.asarray(column, float))

    def reads_renumbered(self) -> bool:
        return bool({self.idcluster, self.group} & self.read)

    def apply(self, rows, draw, X, t0, t, d, offset, aux, groups):
        from mlmcli.replication.renumbered import renumbered_values
        from mlmcli.survival.st_factor_renumbering import check_levels, rebuilt_columns
        from mlmcli.survival.st_renumbering import renumbered_times

        strata = None if self.strata is None else self.strata[rows]
        new = renumbered_values(self.idcluster, self.group, strata, self.units[rows], draw,
                                lambda name: self.values[name][rows] if name in self.values else None)
        new = {k: v for k, v in new.items() if k in self.read}
        t0, t, d = renumbered_times(t0, t, d, new, "streg")  # _t0 >= _t: ValueError, the replicate missing
        if self.xname in new:
            X = np.array(X, float)
            X[:, self.x_column] = new[self.xname]
        if self.offset_name in new:
            offset = np.asarray(new[self.offset_name], float)
        original = lambda var: self.values[var][rows]  # noqa: E731
        check_levels(self.factor_levels, new, original)  # strata()/factor columns not the full fit's: missing
        if self.strata_recipes and set(new) & set(self.factor_levels):
            X = np.array(X, float)
            at = slice(X.shape[1] + self.x_column + 1, X.shape[1] + self.x_column + 1 + len(self.strata_recipes))
            X[:, at] = rebuilt_columns(self.strata_recipes, X[:, at], new, original)
        aux = list(aux)
        for j, recipes in self.aux_recipes.items():
            if j < len(aux):
                aux[j] = rebuilt_columns(recipes, aux[j], new, original)
        if self.shared in new and groups is not None:
            groups = np.unique(new[self.shared], return_inverse=True)[1].reshape(-1)
        return X, t0, t, d, offset, aux, groups


def streg_renumbering(ds, vce, spec: dict, xname: str, rows, cluster_var, tail):
    """A ``StregRenumbering`` when bootstrap's idcluster()/group() rename a variable streg reads,
    else None; ``tail`` the design's columns after the FP terms (x first)."""
    from mlmcli.factor_variables import build_design, parse_terms

    from mlmcli.survival.st_factor_renumbering import factor_levels_of

    if vce is None or vce.kind != "bootstrap" or _settings(ds, vce) is None or not cluster_var:
        return None
    strata_recipes = ()
    if spec["strata"]:  # i.strata after x in the _t equation and in every ancillary one
        from mlmcli.graphs.fpfit_st_common import strata_term

        term = strata_term(ds, spec["strata"], rows)  # xi's omitted level, as the fit's
        strata_recipes = build_design(ds, parse_terms(ds, term), rows, constant=False).recipes
        aux_recipes = {j: build_design(ds, parse_terms(ds, term), rows, constant=True).recipes
                       for j in range(len(spec["aux"]))}
    else:
        aux_recipes = {j: build_design(ds, parse_terms(ds, text), rows, constant=True).recipes
                       for j, text in enumerate(spec["aux"]) if text}
    factor_levels, _ = factor_levels_of(ds, rows, spec["strata"], _aux_terms(ds, spec))
    width = sum(1 if np.ndim(a) == 1 else a.shape[1] for a in tail)
    renumbering = StregRenumbering(ds, vce, spec, xname, rows, cluster_var, -width, aux_recipes, strata_recipes,
                                   factor_levels)
    return renumbering if renumbering.reads_renumbered() else None
