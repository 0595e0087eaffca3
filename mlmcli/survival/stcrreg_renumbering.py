"""stcrreg's bootstrap (``vce(bootstrap, cluster(c) idcluster(k) [group(g)])`` and the prefix typed)
when k or g is a variable a replicate's stcrreg reads.

bsample writes each drawn copy's number into k and _loop_bs renumbers g (``replication.renumbered``);
each replicate's stcrreg then runs on those data.  What stcrreg.ado (1.7.1, 08oct2019, the Stata 16
copy in opensafely-core/cohort-extractor; Stata 12's and 13's were not at hand) does there, in order:

- ``marksample`` and ``markout`` over the covariates, offset(), tvc() and the st weight, and
  ``replace touse = 0 if _st==0`` (the new _st numbers are all nonzero: nothing out); touse is not
  marked again after the stset rerun below;
- tvc(): ``gen foft1 = texp`` at the replicate's _t *before* the rerun;
- with stset id(): ``sort id touse _t`` and ``by id: lastrec = _n==_N``, then "data with multiple
  failures per subject" r(459) for a record not last with ``_d != 0`` -- both read the
  replicate's id, _t and _d (renumbered or not);
- ParseCompete **reruns stset** (``st_cmd`` rebuilds the command from the characteristics: the time
  variable, if, weights, id(), time0(), enter(), exit(), origin(), scale()):
  ``stset `st_bt' `compcmd''`` (failure(crvar==values)) makes the competing indicator
  ``_d & lastrec`` (a record that stset leaves out has _d missing, which is true), then
  ``stset `st_bt' `oldcmd''`` (the original failure()) rebuilds _t, _t0, _d and _st; "competing
  risks events must be stset as censored" r(459) when ``lastrec & cvar & _d`` (_d missing: true);
- the failure types on the last records: ``_d==1`` the event of interest, the competing indicator
  the competing event, ``_d==0`` censored; the Mata fit over touse with the rebuilt _t, _t0.

So in each replicate:

- ``_t``, ``_t0``, ``_d``, ``_st`` renumbered without stset id(): the stset rerun rebuilds them (the
  replicates are the data's as they were);
- the compete() variable or stset's failure variable renumbered (no id(), no stset expression
  reading the failure variable): each record's outcome from its copy number (``apply``'s direct
  path); a record both fails the replicate (r(459) inside _loop_bs's capture: missing);
- stset's own variables (the time variable, enter()/exit()/origin() variables and event
  variables, ``stset ... if exp``'s variables), the failure variable read by stset's expressions,
  and with stset id() ``_t``, ``_d``, the compete() and failure variables: stcrreg.ado's run is
  followed (``rerun_stset``): lastrec and the multiple-failure check on the replicate's id, _t, _d;
  ParseCompete's two stsets by mlm's own stset code on the replicate's data (``rerun``:
  commands/data/survival_settings.stset_rerun); a record they leave out makes the replicate
  r(459) (missing); the fit on the rebuilt _t, _t0 (delayed entry after enter()) and outcomes;
- a continuous covariate (main or tvc() equation) or the offset(): the new numbers (``ColumnRecipe``s,
  as stcox and streg: ``st_bootstrap_renumbering.Renumbered``);
- a factor variable (main or tvc() equation: ``i.v``, ``ib(freq).v``, ``i.v#i.w``): as stcox and
  streg (``st_factor_renumbering``), a replicate whose columns are the full fit's has them rebuilt,
  any other is missing (bootstrap's _check_omit and _loop_bs's captured ``_b[]``);
- stset's id() variable renumbered alone (``idcluster(id)``): each drawn copy its own subject, as
  mlm's replicates already are.

Refused (mlm's r(198)): tvc() beside a renumbered _t, time variable, origin() or exit() variable
(foft1 is texp() at the replicate's _t before the rerun moves _t: how the Mata pairs those values
with the rebuilt _t is not public); a replicate whose last records tie in ``sort id touse _t``
with different stset times ([D] sort: without stable the order of ties is randomized; e.g. idcluster(_t)
beside several records a subject); a replicate in which the rerun stset leaves out a record of
stcrreg's sample that the r(459) check does not catch (with id(), a record before the last: the
Mata would get touse rows with _t missing); stset's weight variable (never reached: bootstrap
refuses stset weights first).  mlm's stset refuses time0(), if(), ever(), never(), after(), before():
their variables never arise.
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
        names |= set(re.findall(r"[^\W\d]\w*", str(ds.chars.get(key, "") or "")))
    return names & set(ds.df.columns)


def compete_failure(crvar: str, values) -> str:
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
        r.check_levels(new, rows)  # factor columns other than the full fit's: OtherColumns, the replicate missing
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

    def rerun_stset(self, rows, new):
        """(_t, _t0, failure types) of one replicate as stcrreg.ado builds them (``ado_outcomes``)
        on the replicate's data: its rows' new numbers, the others as they were."""
        def current(name):
            return self._current(name, new, rows)

        last = last_records(current, len(rows), self.id_var, self.bt)
        positions = np.asarray(self.positions)[rows]
        try:
            compete = self.rerun(positions, new, compete_failure(self.crvar, self.values))
            own = self.rerun(positions, new)
        except StataError as err:  # stset failing inside stcrreg: the replicate missing
            raise ValueError(err.message) from None
        return ado_outcomes(last, compete, own)


MULTIPLE = "data with multiple failures per subject not supported by stcrreg"
BOTH = "option compete(): competing risks events must be stset as censored"


def last_records(current, n: int, id_var, bt) -> np.ndarray:
    """stcrreg.ado's ``sort id touse _t`` and ``by id: lastrec = _n==_N`` over the sample's n
    records (``current(name)`` a variable's values there), then "data with multiple failures per
    subject" r(459) on _d (a ValueError with Stata's message).  Tied last records: [D] sort
    randomizes the order of ties (without stable) -- unless they are the same instant of stset's
    time, which the rerun stset leaves out whichever is last (r(459) either way) -- mlm's refusal
    (ReplicateNotEstablished)."""
    if not id_var:
        return np.ones(n, bool)
    ids, t = current(id_var), current("_t")
    order = np.lexsort((t, ids))
    same_id = ids[order][1:] == ids[order][:-1]
    last_sorted = np.r_[~same_id, True]
    tied = np.r_[False, same_id & (t[order][1:] == t[order][:-1])]
    run = np.maximum.accumulate(np.where(~tied, np.arange(n), 0))  # each record's tie run's first
    at_end = np.isin(run, run[last_sorted & tied])  # the runs tied at a subject's last record
    d = current("_d")
    if np.any(at_end):
        times = current(bt)[order]
        if np.any(at_end & (times != times[run])):
            raise ReplicateNotEstablished("whose lastrec ties at a subject's last record (Stata's sort "
                                          "breaks ties at random)")
        raise ValueError(MULTIPLE if np.any(at_end & (d[order] != 0)) else BOTH)  # whichever is last
    last = np.zeros(n, bool)
    last[order[last_sorted]] = True
    if np.any(~last & (d != 0)):
        raise ValueError(MULTIPLE)
    return last


def ado_outcomes(last, compete, own):
    """(_t, _t0, failure types) from ParseCompete's two stset reruns over the sample's records
    (``compete`` with failure(compete()), ``own`` with stset's failure(); StRecords): the competing
    indicator ``_d & lastrec`` (missing _d is true), "competing risks events must be stset as
    censored" r(459) where ``lastrec & cvar & _d`` (a ValueError), the failure types on the last
    records; a record of the sample the rerun leaves out and the check lets through: mlm's refusal
    (the Mata would get it with _t missing)."""
    competing = last & (compete.d != 0)  # NaN != 0: Stata's missing is true
    if np.any(competing & (own.d != 0)):
        raise ValueError(BOTH)
    if np.any(own.st != 1):
        raise ReplicateNotEstablished("with a record of stcrreg's sample that the rerun stset leaves out")
    return own.t, own.t0, np.where((own.d == 1) & last, 1, np.where(competing, 2, 0))


def stset_rerun_outcomes(ds, rerun, sample, crvar: str, values, tvc: bool = False, what: str = "stcrreg",
                         kept=None):
    """stcrreg.ado's ParseCompete stset rerun on the data as they are, before the fit (plain stcrreg
    and each of fracpoly's fits with estcmd(stcrreg): one code path): ``rerun`` stset as the
    characteristics record it (``commands.data.survival_settings.stset_rerun``; None: settings mlm's
    stset does not make, not rerun).  None when the rerun gives the data's _t, _t0, _d and _st over
    ``sample`` (stcrreg's rows, marked with the data's _st); else (_t, _t0, failure types, lastrec)
    as the ado builds them -- lastrec and the multiple-failure check on the data's id, _t and _d
    (``last_records``), the failure types from the two reruns (``ado_outcomes``).  Errors: stset's
    own (the rerun failing: Stata's stcrreg fails with it), r(459) from the checks, mlm's refusal
    r(198) for what ``ReplicateNotEstablished`` names, and for ``tvc`` (tvc() typed) beside a rerun
    that moves _t: texp() is evaluated at the data's _t before the rerun (the ado's foft1), and how
    the compiled Mata pairs those values with the rerun's _t is not public.  ``kept``: the rows the
    data hold when stcrreg runs (twoway__fpfit_serset's ``preserve`` and ``keep if touse`` before
    fracpoly), on which stset is rerun; None: every row (``sample`` lies within ``kept``)."""
    from types import SimpleNamespace

    from mlmcli.errors import is_mlm_refusal

    if rerun is None:
        return None
    positions = None if kept is None else np.flatnonzero(kept)
    within = np.asarray(sample, bool) if kept is None else np.asarray(sample, bool)[np.asarray(kept, bool)]
    try:
        own = rerun(positions, {})
    except StataError as err:
        if is_mlm_refusal(err):  # a setting mlm's stset refuses (a .dta stset by Stata): not rerun
            return None
        raise
    names = (("t", "_t"), ("t0", "_t0"), ("d", "_d"), ("st", "_st"))
    if all(np.array_equal(getattr(own, k)[within], ds.numeric(v)[sample], equal_nan=True) for k, v in names):
        return None
    compete = rerun(positions, {}, compete_failure(crvar, values))

    def rows(records):
        return SimpleNamespace(**{k: getattr(records, k)[within] for k, _ in names})

    try:
        last = last_records(lambda name: ds.numeric(name)[sample], int(np.sum(sample)), ds.chars.get("st_id") or None,
                            ds.chars.get("st_bt", ""))
        t, t0, status = ado_outcomes(last, rows(compete), rows(own))
    except ValueError as err:
        raise StataError(str(err), 459) from None
    except ReplicateNotEstablished as unknown:
        raise StataError(f"{what} on data {unknown.why.split(' ', 1)[1]} not supported by mlmcli", 198) from None
    if tvc and not np.array_equal(t, ds.numeric("_t")[sample], equal_nan=True):
        raise StataError(f"{what} with tvc() when stset's rerun (ParseCompete) moves _t (stset's variables "
                         "changed since stset) not supported by mlmcli", 198)
    return t, t0, status, last


def refusal_of(run):
    """``run()``, a ReplicateNotEstablished from a replicate raised as mlm's refusal r(198)."""
    try:
        return run()
    except ReplicateNotEstablished as unknown:
        raise unknown.error() from None


def stcrreg_renumbering(session, request, codes, sample, desc, *, reads, recipes, tvc_recipes, offset, crvar,
                        values, rerun=None, stale=False, factor_levels=None):
    """A ``StcrregRenumbering`` when bootstrap's idcluster()/group() rename a variable a replicate's
    stcrreg reads and mlm rebuilds; None when none is renamed or the renamed ones change nothing;
    mlm's refusal r(198) for the cases the module docstring lists.  ``rerun``: stset's rerun on a
    replicate's data (``commands.data.survival_settings.stset_rerun``; None: those cases refused).
    ``stale``: the data's st variables are not what stset now gives (changed since stset:
    ``stset_rerun_outcomes``), so a renumbered compete() or failure variable goes through the
    rerun too (the direct path reads the data's _d)."""
    from mlmcli.survival.st_bootstrap_renumbering import Renumbered

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    ds = session.data
    r = Renumbered(session, settings, codes, sample, "stcrreg", recipes, offset, factor_levels=factor_levels)
    failvar = ds.chars.get("st_bd", "") or None
    expressions = _expression_variables(ds)
    bt = ds.chars.get("st_bt", "")
    stset_reads = {bt, ds.chars.get("st_bt0", "")} | expressions
    moves_t = {"_t", bt} | _expression_variables(ds, ("st_orig", "st_exit"))  # texp() read before the rerun
    continuous = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v in rc.continuous}
    factors = {v for rc in tuple(recipes) + tuple(tvc_recipes) for v, _ in rc.indicators}
    rebuilt, through_stset = False, []
    for name in sorted(r.renames()):
        if name == ds.chars.get("st_wv"):  # bootstrap refuses stset weights before: not reached
            raise _refusal(name, " (stset's weight)")
        if name in factors and name not in r.factor_levels:
            raise _refusal(name)
        if tvc_recipes and name in moves_t:
            raise _refusal(name, " (texp() is evaluated at _t before stset's rerun)")
        if name in ("_t", "_d") and desc.id:
            through_stset.append(name)  # lastrec and the multiple-failure check read them
        elif name in ("_t", "_t0", "_d", "_st") or (desc.id and name == desc.id):
            continue  # stset's rerun rebuilds them; the id: each copy a subject already
        elif name in (crvar, failvar):
            if desc.id or stale or name in expressions or (name == failvar and ds.chars.get("st_exit")):
                through_stset.append(name)
            rebuilt = True
        elif name in stset_reads:
            through_stset.append(name)
        elif name in continuous or name == offset or name in r.factor_levels:
            rebuilt = True
        elif name in set(reads):
            raise _refusal(name)
    if through_stset and rerun is None:
        raise _refusal(through_stset[0], " (stset's rerun)")
    if not (rebuilt or through_stset):
        return None
    positions = np.flatnonzero(sample) if np.asarray(sample).dtype == bool else np.asarray(sample)
    return StcrregRenumbering(r, ds, crvar, values, tvc_recipes, rerun if through_stset else None, positions)
