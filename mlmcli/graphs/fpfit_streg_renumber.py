"""fpfit's ``estcmd(streg) estopts(vce(bootstrap, cluster(c) idcluster(k) [group(g)]))`` with k or g a
variable streg reads in each replicate.

bsample writes the drawn copies' numbers into k and _loop_bs renumbers g (``replication.renumbered``),
so each replicate's streg reads them: as the covariate x, a strata(), offset(), ancillary()/anc2()
or shared() variable, or as stset's ``_t``, ``_t0``, ``_d`` (``survival.st_renumbering``: the copy
numbers as exit or entry times, every record a failure).  fpfit's streg draws its replicates in
several places (the final fit, reject()'s and the prefix outputs' fits of every candidate), none of
which rebuilds the replicate from the new numbers yet: mlm's refusal rather than the band of the
data as they were (which it silently drew before).  k or g = ``_st`` (its numbers are all nonzero on
rows all in the sample: nothing changes), y (fracpoly hands streg y's FP terms) or a variable streg
does not read: the band is the one without them.  Plain ``streg, vce(bootstrap, ...)`` rebuilds
_t, _t0 and _d (commands/estimation/st_bootstrap_renumbering.py).
"""
from __future__ import annotations

from mlmcli.errors import StataError


def check_streg_numbering(ds, vce, spec: dict, xname: str) -> None:
    """mlm's refusal (r(198)) of idcluster()/group() over a variable streg reads (module docstring)."""
    from mlmcli.factor_variables import parse_terms, term_variables

    found = getattr(vce, "bootstrap", None) or {}
    if getattr(vce, "kind", None) != "bootstrap" or not found.get("idcluster") or not found.get("cluster"):
        return
    reads = {xname, "_t", "_t0", "_d"} | {v for v in (spec.get("strata"), spec.get("offset"), spec.get("shared")) if v}
    for text in spec.get("aux") or ():
        if text:
            reads |= set(term_variables(parse_terms(ds, text)))
    try:
        group = ds.resolve(str(found["group"]).strip()) if found.get("group") else None
    except StataError:
        return  # group() not found: bootstrap's r(111) inside fracpoly
    for name in (str(found["idcluster"]).strip(), group):
        if name and name in reads:
            raise StataError(f"estopts(): vce(bootstrap, idcluster() group()) renumbering {name}, which streg "
                             "reads, not supported by mlmcli with estcmd(streg)", 198)
