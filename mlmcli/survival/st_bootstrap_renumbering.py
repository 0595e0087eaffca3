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
- k or g a factor variable (i.k: the replicate's levels are other columns), streg's strata() or
  ancillary()/anc2() variable: mlm's refusal, r(198);
- any other k or g (the cluster variable itself, a variable no fit reads): nothing the fit reads
  changes.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def _refusal(name: str, command: str) -> StataError:
    return StataError(f"bootstrap's idcluster()/group() renumbering {name}, which {command} reads, "
                      "not supported by mlmcli", 198)


class Renumbered:
    """One replicate's data after bsample's and _loop_bs's numbers: ``values(rows, copies)`` the new
    values, then ``times``, ``design``, ``offset``, ``strata`` rebuild what the fit reads."""

    def __init__(self, session, settings: dict, codes, sample, command: str, recipes=(), offset=None,
                 strata_names=()):
        ds = session.data
        self.command = command
        self.idcluster = str(settings["idcluster"]).strip()
        self.group = ds.resolve(str(settings["group"]).strip()) if settings.get("group") else None
        self.units, self.sample, self.ds = np.asarray(codes), sample, ds
        self.recipes, self.offset_name, self.strata_names = tuple(recipes), offset, list(strata_names)
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

    def design(self, new: dict, X, rows, recipes=None):
        """X's columns whose recipe (``recipes``, else the main design's) multiplies a renumbered
        continuous variable, rebuilt."""
        recipes = self.recipes if recipes is None else tuple(recipes)
        if not recipes or not any(set(r.continuous) & set(new) for r in recipes):
            return X
        X = np.array(X, float)
        for j, recipe in enumerate(recipes):
            if set(recipe.continuous) & set(new):
                column = np.ones(len(rows))
                for var, level in recipe.indicators:
                    column = column * (self._original(var, rows) == level)
                for var in recipe.continuous:
                    column = column * (new[var] if var in new else self._original(var, rows))
                X[:, j] = column
        return X

    def offset(self, new: dict, offset):
        return new.get(self.offset_name, offset) if self.offset_name else offset

    def strata_codes(self, new: dict, strata, rows):
        if not self.strata_names or not set(self.strata_names) & set(new):
            return strata
        columns = [new[v] if v in new else self._original(v, rows) for v in self.strata_names]
        return np.unique(np.column_stack(columns), axis=0, return_inverse=True)[1].reshape(-1)


def st_renumbering(session, request, codes: np.ndarray, sample: np.ndarray, reads, command: str, *,
                   recipes=(), offset=None, strata_names=(), refused=()):
    """A ``Renumbered`` when bootstrap's idcluster()/group() rename a variable the replicates' fit
    reads, else None: ``reads`` every variable it reads besides the st ones, ``recipes`` the main
    design's columns, ``offset``, ``strata_names`` (stcox's strata()), ``refused`` variables whose
    renumbering is mlm's refusal (streg's strata(), ancillary()); a factor variable or another
    variable read that none of these rebuilds: mlm's refusal, r(198)."""
    from mlmcli.survival.st_renumbering import ST_VARIABLES

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    renumbered = Renumbered(session, settings, codes, sample, command, recipes, offset, strata_names)
    renamed = renumbered.renames()
    continuous = {v for r in recipes for v in r.continuous}
    factors = {v for r in recipes for v, _ in r.indicators}
    rebuilt = set(ST_VARIABLES) | continuous | set(strata_names) | ({offset} if offset else set())
    for name in sorted(renamed):
        if name in set(refused) | factors or (name in set(reads) and name not in rebuilt):
            raise _refusal(name, command)
    return renumbered if renamed & (rebuilt | set(reads)) else None
