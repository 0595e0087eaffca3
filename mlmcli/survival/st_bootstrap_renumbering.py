"""stcox's and streg's bootstrap (``vce(bootstrap, cluster(c) idcluster(k) [group(g)])`` and the
prefix typed) when k or g is a variable the replicates' fit reads.

bsample writes each drawn copy's number into k and _loop_bs renumbers g (``replication.renumbered``),
so in each replicate the command reads the new values:

- k or g one of the st variables ``_t``, ``_t0``, ``_d``, ``_st``: the replicate's times, entries or
  failures rebuilt (``survival.st_renumbering``: _st changes nothing; _d nonzero, every record a
  failure; _t/_t0 the copy numbers; a record with _t0 >= _t fails a streg replicate, and is mlm's
  refusal under stcox);
- k or g a covariate entering the main equation as a continuous variable (alone or in a product):
  its columns rebuilt from the new numbers (``ColumnRecipe``s); the offset() variable: the new
  numbers as the offset; a stcox strata() variable: each distinct combination in the replicate a
  stratum (fpfit's estcmd(stcox) rebuilds them the same way: graphs.fpfit_stcox_renumber);
- k or g streg's strata() variable or a factor of any factor term (``i.k``, ``ib(freq).k``,
  ``i.k#i.w``, ...) of the main equation or of streg's ancillary()/anc2(): a replicate whose
  columns are the full fit's (``survival.st_factor_renumbering``: xi's suffixes with the level xi
  drops there, the term's cells, base and empty cells) has them rebuilt, any other is missing; a
  continuous ancillary()/anc2() covariate: its columns rebuilt;
- any other k or g (the cluster variable itself, a variable no fit reads): nothing the fit reads
  changes.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import row_codes


def _refusal(name: str, command: str) -> StataError:
    return StataError(f"bootstrap's idcluster()/group() renumbering {name}, which {command} reads, "
                      "not supported by mlmcli", 198)


class Renumbered:
    """One replicate's data after bsample's and _loop_bs's numbers: ``values(rows, copies)`` the new
    values, then ``times``, ``design``, ``offset``, ``strata`` rebuild what the fit reads."""

    def __init__(self, session, settings: dict, codes, sample, command: str, recipes=(), offset=None,
                 strata_names=(), *, aux_recipes=(), factor_levels=None):
        ds = session.data
        self.command = command
        self.idcluster = str(settings["idcluster"]).strip()
        self.group = ds.resolve(str(settings["group"]).strip()) if settings.get("group") else None
        self.units, self.sample, self.ds = np.asarray(codes), sample, ds
        self.recipes, self.offset_name, self.strata_names = tuple(recipes), offset, list(strata_names)
        self.aux_recipes = [tuple(r) if r is not None else () for r in aux_recipes]  # streg's ancillary equations
        self.factor_levels = dict(factor_levels or {})  # streg's strata() and the factor terms
        self.strata = None
        if settings.get("strata"):
            from mlmcli.graphs.fpfit_bootstrap import group_codes

            self.strata = group_codes(ds, str(settings["strata"]).split(), np.flatnonzero(sample))
        self.names = set(ds.df.columns)

    def renames(self) -> set:
        return {n for n in (self.idcluster, self.group) if n}

    def _original(self, name, rows):
        if self.ds.is_string(name):
            column = np.asarray(self.ds.column(name).to_numpy()).astype(str)[self.sample]
            return np.unique(column, return_inverse=True)[1].astype(float)[rows]
        return self.ds.numeric(name)[self.sample][rows]

    def values(self, rows, copies) -> dict:
        from mlmcli.replication.renumbered import renumbered_values

        return renumbered_values(self.idcluster, self.group, None if self.strata is None else self.strata[rows],
                                 self.units[rows], copies,
                                 lambda name: self._original(name, rows) if name in self.names else None)

    def times(self, new: dict, t0, t, d):
        from mlmcli.survival.st_renumbering import ST_VARIABLES, EntryNotBeforeExit, renumbered_times

        try:
            return renumbered_times(t0, t, d, {k: v for k, v in new.items() if k in ST_VARIABLES}, self.command)
        except EntryNotBeforeExit as refusal:
            raise refusal.error() from None

    def check_levels(self, new: dict, rows) -> None:
        """A replicate whose strata() or factor-variable columns are not the full fit's is missing
        (``st_factor_renumbering.OtherColumns``, a ValueError); ``rows`` the replicate's."""
        from mlmcli.survival.st_factor_renumbering import check_levels

        check_levels(self.factor_levels, new, lambda name: self._original(name, rows))

    def design(self, new: dict, X, rows, recipes=None):
        """X's columns whose recipe (``recipes``, else the main design's) reads a renumbered
        variable -- continuous, or an indicator of a checked factor (``factor_levels``) --, rebuilt."""
        from mlmcli.survival.st_factor_renumbering import rebuilt_columns

        recipes = self.recipes if recipes is None else tuple(recipes)
        read = {k: v for k, v in new.items() if k in self.factor_levels or any(k in r.continuous for r in recipes)}
        return rebuilt_columns(recipes, X, read, lambda var: self._original(var, rows))

    def aux_designs(self, new: dict, designs, rows):
        """streg's ancillary designs (``designs``, in equation order) rebuilt as ``design``."""
        return [self.design(new, X, rows, recipes) if recipes else X
                for X, recipes in zip(designs, list(self.aux_recipes) + [()] * len(designs))]

    def offset(self, new: dict, offset):
        return new.get(self.offset_name, offset) if self.offset_name else offset

    def strata_codes(self, new: dict, strata, rows):
        if not self.strata_names or not set(self.strata_names) & set(new):
            return strata
        columns = [new[v] if v in new else self._original(v, rows) for v in self.strata_names]
        return row_codes(columns)


def st_renumbering(session, request, codes: np.ndarray, sample: np.ndarray, reads, command: str, *,
                   recipes=(), offset=None, strata_names=(), refused=(), aux_recipes=(), factor_levels=None):
    """A ``Renumbered`` when bootstrap's idcluster()/group() rename a variable the replicates' fit
    reads, else None: ``reads`` every variable it reads besides the st ones, ``recipes`` the main
    design's columns, ``offset``, ``strata_names`` (stcox's strata()), ``refused`` variables whose
    renumbering is mlm's refusal, streg's ``aux_recipes`` (each ancillary equation's, None: its
    constant) and ``factor_levels`` (strata() and the factor terms: ``st_factor_renumbering``);
    another factor variable or another variable read that none of these rebuilds: mlm's refusal,
    r(198)."""
    from mlmcli.survival.st_renumbering import ST_VARIABLES

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    renumbered = Renumbered(session, settings, codes, sample, command, recipes, offset, strata_names,
                            aux_recipes=aux_recipes, factor_levels=factor_levels)
    renamed = renumbered.renames()
    checked = set(renumbered.factor_levels)
    all_recipes = list(recipes) + [r for rs in aux_recipes if rs for r in rs]
    continuous = {v for r in all_recipes for v in r.continuous}
    factors = {v for r in all_recipes for v, _ in r.indicators} - checked
    rebuilt = set(ST_VARIABLES) | continuous | checked | set(strata_names) | ({offset} if offset else set())
    for name in sorted(renamed):
        if name in set(refused) | factors or (name in set(reads) and name not in rebuilt):
            raise _refusal(name, command)
    return renumbered if renamed & (rebuilt | set(reads)) else None
