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


class ReplicateNotEstablished(Exception):
    """A replicate whose stcrreg.ado run reaches what mlm does not know (a tie in lastrec's sort,
    a record of stcrreg's sample the rerun stset leaves out): mlm's refusal.  Not a StataError,
    so that the replicate loops (which count a failing fit as missing) let it through; ``error()``
    is the refusal the command raises (``refusal_of``)."""

    def __init__(self, why: str):
        self.why = why
        super().__init__(why)

    def error(self) -> StataError:
        return StataError(f"bootstrap's idcluster()/group() renumbering: a replicate {self.why} under stcrreg "
                          "not supported by mlmcli", 198)


def _expression_variables(ds, keys=_EXPRESSIONS) -> set:
    """The variables named in stset's expressions ``keys`` (the rerun stset evaluates them again)."""
    names = set()
    for key in keys:
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", str(ds.chars.get(key, "") or "")))
    return names & set(ds.df.columns)


def _compete_failure(crvar: str, values) -> str:
    """ParseCompete's ``failure(crvar[==values])`` for the rerun stset."""
    return crvar if values is None else f"{crvar}==" + " ".join(f"{float(v):.17g}" for v in values)


class StcrregRenumbering:
    """``apply(rows, new_codes, sub, Z, t0)`` -> (sub, Z, t0) of one replicate: its times, failure
    types, design, offset and tvc() columns from the new numbers (module docstring); ``rerun``
    (``commands.data.survival_settings.stset_rerun``) and ``positions`` (the data's rows of the
    sample) when stcrreg.ado's run is followed through stset's rerun (``rerun_stset``)."""

    def __init__(self, renumbered, ds, crvar: str, values, tvc_recipes, rerun=None, positions=None):
        self.renumbered, self.crvar, self.values = renumbered, crvar, values
        self.failvar = ds.chars.get("st_bd", "") or None
        events = str(ds.chars.get("st_ev", "") or "").split()
        self.events = tuple(float(v) for v in events) if events else None
        self.tvc_recipes = tuple(tvc_recipes)
        self.d = ds.numeric("_d")
        self.rerun, self.positions = rerun, positions
        self.id_var, self.bt = ds.chars.get("st_id", "") or None, ds.chars.get("st_bt", "")

    def apply(self, rows, new_codes, sub, Z, t0):
        from dataclasses import replace

        r = self.renumbered
        new = r.values(rows, new_codes)
        changes = {}
        if self.rerun is not None:
            changes["t"], t0, changes["status"] = self.rerun_stset(rows, new)
        elif self.crvar in new or (self.failvar and self.failvar in new):
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
        return (replace(sub, **changes) if changes else sub), Z, t0

    def _current(self, name, new, rows):
        return np.asarray(new[name], float) if name in new else self.renumbered._original(name, rows)

    def _last_records(self, new, rows) -> np.ndarray:
        """stcrreg.ado's ``sort id touse _t`` and ``by id: lastrec = _n==_N`` on the replicate's
        id and _t (renumbered or not), then "data with multiple failures per subject" r(459) on
        its _d (a ValueError: the replicate missing).  Tied last records: Stata's sort orders
        them at random (set sortseed) -- unless they are the same instant of stset's time, which
        the rerun stset leaves out whichever is last (r(459) below) -- mlm's refusal."""
        n = len(rows)
        if not self.id_var:
            return np.ones(n, bool)
        ids, t = self._current(self.id_var, new, rows), self._current("_t", new, rows)
        order = np.lexsort((t, ids))
        same_id = ids[order][1:] == ids[order][:-1]
        last_sorted = np.r_[~same_id, True]
        tied = np.r_[False, same_id & (t[order][1:] == t[order][:-1])]
        run = np.maximum.accumulate(np.where(~tied, np.arange(n), 0))  # each record's tie run's first
        at_end = np.isin(run, run[last_sorted & tied])  # the runs tied at a subject's last record
        if np.any(at_end):
            bt = self._current(self.bt, new, rows)[order]
            if np.any(at_end & (bt != bt[run])):
                raise ReplicateNotEstablished("whose lastrec ties at a subject's last record (Stata's sort "
                                              "breaks ties at random)")
            raise ValueError("stset's rerun leaves the tied records out")  # r(459) whichever is last
        last = np.zeros(n, bool)
        last[order[last_sorted]] = True
        if np.any(~last & (self._current("_d", new, rows) != 0)):
            raise ValueError("data with multiple failures per subject not supported by stcrreg")
        return last

    def rerun_stset(self, rows, new):
        """(_t, _t0, failure types) of one replicate as stcrreg.ado builds them (module
        docstring): lastrec, ParseCompete's two stset reruns (compete()'s failure, then stset's
        own) on the replicate's data, the competing indicator ``_d & lastrec`` (missing _d is
        true), its r(459), the failure types on the last records."""
        from mlmcli.errors import StataError as Failed

        last = self._last_records(new, rows)
        positions = np.asarray(self.positions)[rows]
        try:
            compete = self.rerun(positions, new, _compete_failure(self.crvar, self.values))
            own = self.rerun(positions, new)
        except Failed as err:  # stset failing inside stcrreg: the replicate missing
            raise ValueError(err.message) from None
        competing = last & (compete.d != 0)  # NaN != 0: Stata's missing is true
        if np.any(competing & (own.d != 0)):
            raise ValueError("option compete(): competing risks events must be stset as censored")
        if np.any(own.st != 1):
            raise ReplicateNotEstablished("with a record of stcrreg's sample that the rerun stset leaves out")
        return own.t, own.t0, np.where((own.d == 1) & last, 1, np.where(competing, 2, 0))


def refusal_of(run):
    """``run()``, a ReplicateNotEstablished from a replicate raised as mlm's refusal r(198)."""
    try:
        return run()
    except ReplicateNotEstablished as unknown:
        raise unknown.error() from None


def stcrreg_renumbering(session, request, codes, sample, desc, *, reads, recipes, tvc_recipes, offset, crvar,
                        values, rerun=None):
    """A ``StcrregRenumbering`` when bootstrap's idcluster()/group() rename a variable a replicate's
    stcrreg reads and mlm rebuilds; None when none is renamed or the renamed ones change nothing;
    mlm's refusal r(198) for the cases the module docstring lists.  ``rerun``: stset's rerun on a
    replicate's data (``commands.data.survival_settings.stset_rerun``; None: those cases refused)."""
    from mlmcli.survival.st_bootstrap_renumbering import Renumbered

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    ds = session.data
    r = Renumbered(session, settings, codes, sample, "stcrreg", recipes, offset)
    failvar = ds.chars.get("st_bd", "") or None
    expressions = _expression_variables(ds)
    bt = ds.chars.get("st_bt", "")
    stset_reads = {bt, ds.chars.get("st_bt0", "")} | expressions
    moves_t = {"_t", bt} | _expression_variables(ds, ("st_orig", "st_exit"))  # texp() read before the rerun
    continuous = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v in rc.continuous}
    factors = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v, _ in rc.indicators}
    rebuilt = through_stset = False
    for name in sorted(r.renames()):
        if name == ds.chars.get("st_wv"):  # bootstrap refuses stset weights before: not reached
            raise _refusal(name, " (stset's weight)")
        if name in factors:
            raise _refusal(name)
        if tvc_recipes and name in moves_t:
            raise _refusal(name, " (texp() is evaluated at _t before stset's rerun)")
        if name in ("_t", "_d") and desc.id:
            through_stset = True  # lastrec and the multiple-failure check read them
        elif name in ("_t", "_t0", "_d", "_st") or (desc.id and name == desc.id):
            continue  # stset's rerun rebuilds them; the id: each copy a subject already
        elif name in (crvar, failvar):
            if desc.id or (name == failvar and (name in expressions or ds.chars.get("st_exit"))):
                through_stset = True
            rebuilt = True
        elif name in stset_reads:
            through_stset = True
        elif name in continuous or name == offset:
            rebuilt = True
        elif name in set(reads):
            raise _refusal(name)
    if through_stset and rerun is None:
        raise _refusal(sorted(r.renames())[0], " (stset's rerun)")
    if not (rebuilt or through_stset):
        return None
    positions = np.flatnonzero(sample) if np.asarray(sample).dtype == bool else np.asarray(sample)
    return StcrregRenumbering(r, ds, crvar, values, tvc_recipes, rerun if through_stset else None, positions)
