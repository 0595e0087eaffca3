"""Look-alike of MLMUS ``thailand.dta`` (Thai primary pupils repeating a grade, in schools):
rep, male, pped (pre-primary education), mses (school mean SES), schoolid, wt1/wt2."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=411)
    ids = d.nested(("schoolid", 120), (None, (8, 30)))
    s = ids["schoolid"]
    d.put("schoolid", 10100 + s, "int")
    male = d.binary(0.5)
    pped = d.binary(0.5)
    mses = np.round(d.group_constant(s, d.normal(0, 0.4)), 3)
    d.put("male", male, "byte")
    d.put("pped", pped, "byte")
    d.put("mses", mses, "float")
    d.put("rep", d.bernoulli_logit(-2.2 + 0.5 * male - 0.6 * pped - 0.3 * mses + d.effect(s, 1.3)), "byte")
    d.put("wt1", d.uniform_int(1, 3), "byte")
    d.put("wt2", np.ones(d.n, dtype=int), "byte")
    return d.dataset()
