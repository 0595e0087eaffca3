"""stcox's and streg's bootstrap (``vce(bootstrap, cluster(c) idcluster(k) [group(g)])`` and the
prefix typed) when k or g is a variable the replicates' fit reads.

bsample writes each drawn copy's number into k and _loop_bs renumbers g (``replication.renumbered``),
so in each replicate the command reads the new values:

- k or g one of the st variables ``_t``, ``_t0``, ``_d``, ``_st``: the replicate's times, entries or
  failures rebuilt (``survival.st_renumbering``: _st changes nothing; _d nonzero, every record a
  failure; _t/_t0 the copy numbers; a record with _t0 >= _t fails a streg replicate, and is mlm's
  refusal under stcox);
- k or g a covariate, a strata() or offset() variable (ancillary()/anc2() covariates with streg):
  mlm's refusal (the replicate's design is not rebuilt here; fpfit's estcmd(stcox) rebuilds it:
  graphs.fpfit_stcox_renumber);
- any other k or g (the cluster variable itself, a variable no fit reads): nothing the fit reads
  changes.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def st_renumbering(session, request, codes: np.ndarray, sample: np.ndarray, reads, command: str):
    """``apply(rows, copies, t0, t, d) -> (t0, t, d)`` over one replicate's rows (indices into the
    estimation sample, ``copies`` each row's drawn copy) when bootstrap's idcluster()/group() renumber
    an st variable, else None; ``codes`` the clusters drawn over the sample, ``reads`` the other
    variables the fit reads (renumbering one: mlm's refusal, r(198))."""
    from mlmcli.survival.st_renumbering import ST_VARIABLES

    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return None
    ds = session.data
    idcluster = str(settings["idcluster"]).strip()
    group = ds.resolve(str(settings["group"]).strip()) if settings.get("group") else None
    for name in (idcluster, group):
        if name and name in set(reads) - set(ST_VARIABLES):
            raise StataError(f"bootstrap's idcluster()/group() renumbering {name}, which {command} reads, "
                             "not supported by mlmcli", 198)
    if not any(name in ST_VARIABLES for name in (idcluster, group)):
        return None
    strata = None
    if settings.get("strata"):
        from mlmcli.graphs.fpfit_bootstrap import group_codes

        strata = group_codes(ds, str(settings["strata"]).split(), np.flatnonzero(sample))
    units = np.asarray(codes)
    names = set(ds.df.columns)

    def apply(rows, copies, t0, t, d):
        from mlmcli.replication.renumbered import renumbered_values
        from mlmcli.survival.st_renumbering import EntryNotBeforeExit, renumbered_times

        def current(name):
            return ds.numeric(name)[sample][rows] if name in names else None

        new = renumbered_values(idcluster, group, None if strata is None else strata[rows], units[rows],
                                copies, current)
        try:
            return renumbered_times(t0, t, d, {k: v for k, v in new.items() if k in ST_VARIABLES}, command)
        except EntryNotBeforeExit as refusal:
            raise refusal.error() from None
    return apply


def refuse_renumbered(session, request, reads, command: str) -> None:
    """bootstrap's idcluster()/group() over a variable ``command`` reads (``reads``, st variables
    among them) where its replicates are not rebuilt from the new numbers (stcrreg): mlm's refusal,
    r(198), rather than the replicates of the data as they were."""
    kind, settings = request
    if kind != "bootstrap" or not settings.get("idcluster") or not settings.get("cluster"):
        return
    ds = session.data
    group = ds.resolve(str(settings["group"]).strip()) if settings.get("group") else None
    for name in (str(settings["idcluster"]).strip(), group):
        if name and name in set(reads):
            raise StataError(f"bootstrap's idcluster()/group() renumbering {name}, which {command} reads, "
                             "not supported by mlmcli", 198)
