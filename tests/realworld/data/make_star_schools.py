"""Look-alike of workshop extracts of Tennessee's STAR class-size experiment: students
(``stdntid``) in teachers' classes (``tchid``) in schools (``schid``); small-class treatment
``trt`` randomised within school with a school-specific effect, third-grade maths ``mtest``,
school means ``sm_*``, teacher training/experience, and high-school graduation ``hsgrad``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12001)
    ids = d.nested(("schid", 75), ("tchid", (3, 6)), (None, (14, 22)))
    schid, tchid = ids["schid"], ids["tchid"]
    d.put("stdntid", np.arange(10001, 10001 + d.n), "long")
    trt = d.group_constant(tchid, d.binary(0.4))
    female = d.binary(0.49)
    free = d.binary(0.5)
    urban = d.group_constant(schid, d.binary(0.3))
    ttrain = d.group_constant(tchid, d.binary(0.2))
    tlowxp = d.group_constant(tchid, d.binary(0.3))
    u_s = d.effect(schid, 14)
    u_trt = d.effect(schid, 6)
    u_t = d.effect(tchid, 8)
    mtest = 620 + (8 + u_trt + 4 * urban) * trt + 3 * female - 15 * free + u_s + u_t + d.normal(0, 35)
    d.put("trt", trt, "byte", value_labels={0: "regular", 1: "small"})
    d.put("female", female, "byte")
    d.put("urban", urban, "byte")
    d.put("free", free, "byte")
    sm_free = d.group_constant(schid, np.zeros(d.n))
    for s in np.unique(schid):
        sm_free[schid == s] = free[schid == s].mean()
    d.put("sm_free", sm_free, "float")
    d.put("sm_female", np.array([female[schid == s].mean() for s in schid]), "float")
    d.put("ttrain", ttrain, "byte")
    d.put("tlowxp", tlowxp, "byte")
    d.put("mtest", np.round(mtest), "int")
    eta = 1.0 + (0.15 + d.effect(schid, 0.3)) * trt - 0.6 * free + d.effect(schid, 0.5)
    d.put("hsgrad", d.bernoulli_logit(eta), "byte")
    return d.dataset("STAR class-size look-alike")
