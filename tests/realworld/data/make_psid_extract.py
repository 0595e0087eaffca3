"""Look-alike of Cameron and Trivedi's ``mus08psidextract.dta`` (PSID 1976-1982, 595 men,
7 years; Baltagi-Khanti-Akom's wage panel): ``id``, ``t`` 1-7, log wage ``lwage``, experience
``exp`` and its square ``exp2``, weeks worked ``wks``, occupation/industry/south/SMSA/married/
union indicators, time-invariant female ``fem``, education ``ed`` and black ``blk``, and year
dummies ``tdum1``-``tdum7``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1982)
    ids, t = d.panel("id", 595, list(range(1, 8)), "t")
    d.put("id", ids, "float")
    d.put("t", t, "float")
    exp0 = d.group_constant(ids, d.uniform_int(1, 40))
    exp = exp0 + t - 1
    d.put("exp", exp, "float")
    d.put("wks", np.clip(np.round(d.normal(47, 5)), 5, 52), "float")
    for name, p in (("occ", 0.5), ("ind", 0.4), ("south", 0.3), ("smsa", 0.65), ("ms", 0.8), ("union", 0.36)):
        base = d.group_constant(ids, d.binary(p))
        flip = d.binary(0.08)
        d.put(name, np.where(flip == 1, 1 - base, base), "float")
    fem = d.group_constant(ids, d.binary(0.11))
    ed = d.group_constant(ids, d.uniform_int(4, 17))
    blk = d.group_constant(ids, d.binary(0.07))
    d.put("fem", fem, "float")
    d.put("union", d.columns["union"], "float")
    d.put("ed", ed, "float")
    d.put("blk", blk, "float")
    lw = (5.3 + 0.04 * exp - 0.0007 * exp ** 2 + 0.06 * ed - 0.4 * fem - 0.15 * blk + 0.03 * d.columns["union"]
          + 0.1 * (t - 1) + d.effect(ids, 0.3) + d.normal(0, 0.15))
    d.put("lwage", np.round(lw, 4), "float")
    for k in range(1, 8):
        d.put(f"tdum{k}", (t == k).astype(int), "float")
    d.put("exp2", exp ** 2, "float")
    return d.dataset()
