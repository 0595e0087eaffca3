"""stcrreg's bootstrap (``vce(bootstrap, cluster(c) idcluster(k) [group(g)])`` and the prefix typed)
when k or g is a variable a replicate's stcrreg reads.

bsample writes each drawn copy's number into k and _loop_bs renumbers g (``replication.renumbered``);
each replicate's stcrreg then runs on those data.  What stcrreg.ado (1.7.1) does there:

- ``marksample`` and ``markout`` over the covariates, offset(), tvc() and the st weight, and
  ``replace touse = 0 if _st==0`` (the new _st numbers are all nonzero: nothing out);
- with stset id(): ``sort id touse _t`` and ``by id: lastrec = _n==_N``, then "data with multiple
  failures per subject" r(459) for a record not last with ``_d != 0`` -- both read the
  renumbered _t and _d;
- ParseCompete **reruns stset**: ``stset `st_bt' `compcmd''`` (failure(crvar==values)) makes the
  competing indicator ``_d & touse``, then ``stset `st_bt' `oldcmd''`` (the original failure())
  rebuilds _t, _t0, _d and _st from stset's own variables (st_bt, time0(), failure(), ...);
  "competing risks events must be stset as censored" r(459) when a record is both;
- the failure types: ``_d==1`` (the rebuilt _d) the event of interest, the competing indicator
  the competing event, ``_d==0`` censored.

So in each replicate:

- ``_t``, ``_t0``, ``_d``, ``_st`` renumbered change nothing the fit reads without stset id(): the
  stset rerun rebuilds them before the failure types and the fit (the replicates are the data's
  as they were); the same for ``_t0`` and ``_st`` with id();
- the compete() variable renumbered: each record competing when its copy number is among
  compete()'s values (every record, compete() without values: the numbers are nonzero); a record
  also failed (_d == 1) fails the replicate (r(459) inside _loop_bs's capture: missing);
- stset's failure variable renumbered (stset's failure(v[==numlist]) rerun): ``_d`` is 1 where the
  copy number is among failure()'s values (every record without values); with compete() naming
  the same variable the two sets of values split the copies, otherwise a record both fails the
  replicate as above;
- a continuous covariate (main or tvc() equation) or the offset(): the new numbers (``ColumnRecipe``s,
  as stcox and streg: ``st_bootstrap_renumbering.Renumbered``).

Refused (mlm's r(198)), not established or not rebuilt here: with stset id(), ``_t`` (the last
record of each subject is then the one ``sort`` leaves last among tied copy numbers: not a
documented order) and ``_d``, the compete() variable or the failure variable (the competing event
is then the subject's first one before its last record, and lastrec's multiple-failure check reads
the new _d: ``failure_types`` reads the data as they are); stset's failure variable when an
if()/ever()/never()/after()/before()/exit() expression of stset's may read it; stset's other
variables (the time variable, time0(), the weight, enter()/exit()/origin() expressions'
variables: the rerun stset would rebuild _t and _t0 from them, and _st with them); a factor
variable (the replicate's levels would be other columns).  stset's id() variable renumbered
(``idcluster(id)``) is what mlm's replicates already do: each drawn copy its own subject.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

_EXPRESSIONS = ("st_enter", "st_exit", "st_orig", "st_if", "st_ever", "st_never", "st_after", "st_befor",
                "st_ifexp")


def _refusal(name: str, why: str = "") -> StataError:
    return StataError(f"bootstrap's idcluster()/group() renumbering {name}, which stcrreg reads{why}, "
                      "not supported by mlmcli", 198)


def _expression_variables(ds) -> set:
    """The variables named in stset's expressions (the rerun stset evaluates them again)."""
    names = set()
    for key in _EXPRESSIONS:
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", str(ds.chars.get(key, "") or "")))
    return names & set(ds.df.columns)


class StcrregRenumbering:
    """``apply(rows, new_codes, sub, Z)`` -> (sub, Z) of one replicate: its failure types, design,
    offset and tvc() columns from the new numbers (module docstring)."""

    def __init__(self, renumbered, ds, crvar: str, values, tvc_recipes):
        self.renumbered, self.crvar, self.values = renumbered, crvar, values
        self.failvar = ds.chars.get("st_bd", "") or None
        events = str(ds.chars.get("st_ev", "") or "").split()
        self.events = tuple(float(v) for v in events) if events else None
        self.tvc_recipes = tuple(tvc_recipes)
        self.d = ds.numeric("_d")

    def apply(self, rows, new_codes, sub, Z):
        from dataclasses import replace

        r = self.renumbered
        new = r.values(rows, new_codes)
        changes = {}
        if self.crvar in new or (self.failvar and self.failvar in new):
            d = r._original("_d", rows) if not (self.failvar and self.failvar in new) else (
                np.isin(new[self.failvar], self.events) if self.events is not None else new[self.failvar] != 0)
            cr = new[self.crvar] if self.crvar in new else r._original(self.crvar, rows)
            hit = np.isin(cr, np.asarray(self.values, float)) if self.values is not None else (cr != 0) & ~np.isnan(cr)
            if np.any(hit & (d == 1)):  # ParseCompete's r(459): the replicate missing
                raise ValueError("option compete(): competing risks events must be stset as censored")
            changes["status"] = np.where(d == 1, 1, np.where(hit, 2, 0))
        X = r.design(new, sub.X, rows)
        if X is not sub.X:
            changes["X"] = X
        if r.offset_name and r.offset_name in new:
            changes["offset"] = np.asarray(new[r.offset_name], float)
        if Z is not None and self.tvc_recipes:
            Z = r.design(new, Z, rows, self.tvc_recipes)
        return (replace(sub, **changes) if changes else sub), Z


def stcrreg_renumbering(session, request, codes, sample, desc, *, reads, recipes, tvc_recipes, offset, crvar,
                        values):
    """A ``StcrregRenumbering`` when bootstrap's idcluster()/group() rename a variable a replicate's
    stcrreg reads and mlm rebuilds; None when none is renamed or the renamed ones change nothing;
    mlm's refusal r(198) for the cases the module docstring lists."""
    from mlmcli.survival.st_bootstrap_renumbering import Renumbered

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    ds = session.data
    r = Renumbered(session, settings, codes, sample, "stcrreg", recipes, offset)
    failvar = ds.chars.get("st_bd", "") or None
    expressions = _expression_variables(ds)
    stset_reads = {ds.chars.get(k, "") for k in ("st_bt", "st_bt0", "st_wv")} | expressions
    continuous = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v in rc.continuous}
    factors = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v, _ in rc.indicators}
    rebuilt = False
    for name in sorted(r.renames()):
        if name in ("_t", "_d") and desc.id:
            raise _refusal(name, " (lastrec with stset id())")
        if name in ("_t", "_t0", "_d", "_st") or (desc.id and name == desc.id):
            continue  # stset's rerun rebuilds them; the id: each copy a subject already
        if name in (crvar, failvar):
            if desc.id:
                raise _refusal(name, " (its subjects' outcomes with stset id())")
            if name == failvar and (name in expressions or ds.chars.get("st_exit")):
                raise _refusal(name, " (in stset's expressions)")
            rebuilt = True
        elif name in stset_reads:
            raise _refusal(name, " (stset's rerun)")
        elif name in factors:
            raise _refusal(name)
        elif name in continuous or name == offset:
            rebuilt = True
        elif name in set(reads):
            raise _refusal(name)
    return StcrregRenumbering(r, ds, crvar, values, tvc_recipes) if rebuilt else None
