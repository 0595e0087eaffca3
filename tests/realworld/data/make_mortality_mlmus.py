"""Look-alike of MLMUS4's ``mortality`` (Rabe-Hesketh & Skrondal, ch. 14; Pebley and Stupp's
Guatemalan child mortality): children ``kidid`` of mothers ``momid``, months ``time`` (0-60)
to death or censoring, ``death``, mother's age ``mage``, birth order ``border``, the preceding
birth interval ``prevbirth`` (1-4) and its dummies ``p0014`` ``p1523`` ``p2435`` ``p36up``,
``pdead`` (previous child died), ``nextbirth`` (0 none, 1 within 12 months, 2 12-24
months).  A mother-level frailty raises the hazard; child 101 survives the 60 months."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1983)
    ids = d.nested(("momid", 450), ("kidid", (1, 4)))
    mom = ids["momid"]
    frail = d.effect(mom, 0.8)
    mage = d.group_constant(mom, d.uniform_int(16, 38)) + d.uniform_int(0, 3)
    d.put("mage", mage, "byte")
    border = d.uniform_int(1, 8)
    d.put("border", border, "byte")
    prev = d.categorical([0.12, 0.3, 0.33, 0.25])
    d.put("prevbirth", prev, "byte")
    for k, name in enumerate(("p0014", "p1523", "p2435", "p36up"), start=1):
        d.put(name, (prev == k).astype(int), "byte")
    d.put("pdead", d.binary(0.12), "byte")
    d.put("nextbirth", d.categorical([0.7, 0.1, 0.2], [0, 1, 2]), "byte")
    rate = np.exp(-6.2 + frail + 0.4 * (prev == 1))
    t = d.rng.exponential(1 / rate)
    censor = d.uniform_int(1, 61) + d.rng.random(d.n) * 0
    time = np.minimum(t, censor)
    death = (t <= censor).astype(int)
    time = np.round(np.maximum(time, 0.03), 2)
    kid = ids["kidid"]
    time = np.where(kid == 101, 60.5, time)
    death = np.where(kid == 101, 0, death)
    d.put("time", time, "float")
    d.put("death", death, "byte")
    return d.dataset()
