"""Look-alike of Rodríguez's ``hospital.dat`` (Guatemalan births: hospital delivery by
mother), read with ``infile hosp loginc distance dropout college mother using ...``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1501)
    ids = d.nested(("mother", 500), (None, (1, 4)))
    loginc = d.group_constant(ids["mother"], d.normal(6.0, 1.0))
    dist = d.group_constant(ids["mother"], np.abs(d.normal(3.0, 3.0)))
    edu = d.group_constant(ids["mother"], d.categorical([0.6, 0.3, 0.1]))
    d.put("loginc", np.round(loginc, 3), "float")
    d.put("distance", np.round(dist, 2), "float")
    d.put("dropout", (edu == 2).astype(int), "byte")
    d.put("college", (edu == 3).astype(int), "byte")
    eta = -3.4 + 0.55 * loginc - 0.08 * dist - 2.0 * (edu == 2) + 1.0 * (edu == 3) + d.effect(ids["mother"], 1.2)
    d.put("hosp", d.bernoulli_logit(eta), "byte")
    out = {k: d.columns[k] for k in ("hosp", "loginc", "distance", "dropout", "college", "mother")}
    d.columns = out
    return d.dataset()
