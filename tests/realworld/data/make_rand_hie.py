"""Look-alike of Cameron & Trivedi's ``npanel.dta`` (RAND Health Insurance Experiment,
person-years): doctor visits mdu, any visit dmdu, medical expenditure med, coinsurance,
chronic disease count, demographics; id and year."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2002)
    ids, year = d.panel("id", 600, [1, 2, 3, 4, 5], "year", dropout=0.3)
    g = lambda v: d.group_constant(ids, v)  # noqa: E731
    lcoins = g(np.log(1 + d.categorical([0.3, 0.2, 0.2, 0.3], [0, 25, 50, 95])))
    d.put("lcoins", np.round(lcoins, 4), "float")
    d.put("ndisease", np.round(g(d.rng.uniform(0, 30, d.n)), 1), "float")
    d.put("female", g(d.binary(0.52)), "byte")
    d.put("age", g(d.uniform_int(0, 64)) + year - 1, "byte")
    d.put("lfam", np.round(g(np.log(d.uniform_int(1, 8))), 4), "float")
    d.put("child", (d.columns["age"] < 18).astype(int), "byte")
    mdu = d.poisson(0.8 - 0.1 * lcoins + 0.02 * d.columns["ndisease"] + d.effect(ids, 0.8))
    d.put("mdu", mdu, "int")
    d.put("dmdu", (mdu > 0).astype(int), "byte")
    d.put("med", np.round(np.where(mdu > 0, np.exp(d.normal(4.5, 1.2)), 0), 2), "float")
    return d.dataset()
