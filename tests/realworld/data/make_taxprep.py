"""Look-alike of MLMUS3's ``taxprep.dta`` (Frees' tax-preparer panel): taxpayers ``subject``
over five years ``time`` 1-5, log tax ``lntax``, use of a professional preparer ``prep``,
married ``ms``, head of household ``hh``, dependents ``depend``, age-65 indicator ``age``,
log total positive income ``lntpi``, marginal tax rate ``mr`` and self-employed ``emp``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=258)
    ids, t = d.panel("subject", 258, [1, 2, 3, 4, 5], "time")
    person = d.effect(ids, 0.8)
    ms = d.group_constant(ids, d.binary(0.6))
    hh = np.where(ms == 1, 0, d.group_constant(ids, d.binary(0.2)))
    depend = np.clip(d.group_constant(ids, d.uniform_int(0, 4)) + (d.binary(0.1) * (t > 3)), 0, 6)
    age = d.group_constant(ids, d.binary(0.1))
    lntpi = np.round(10 + 0.4 * person + 0.02 * t + d.normal(0, 0.3), 4)
    mr = np.round(np.clip(15 + 6 * (lntpi - 10) + d.normal(0, 3), 0, 50), 1)
    emp = d.group_constant(ids, d.binary(0.15))
    prep = d.bernoulli_logit(-0.3 + 0.8 * person + 0.5 * emp)
    lntax = 0.6 * prep + 0.4 * ms - 0.2 * hh - 0.1 * depend - 0.3 * age + 0.9 * (lntpi - 10) + 0.06 * mr + person + d.normal(0, 0.8)
    d.put("lntax", np.round(np.clip(lntax + 6, 0, None), 4), "float")
    d.put("prep", prep, "byte")
    d.put("ms", ms, "byte")
    d.put("hh", hh, "byte")
    d.put("depend", depend, "byte")
    d.put("age", age, "byte")
    d.put("lntpi", lntpi, "float")
    d.put("mr", mr, "float")
    d.put("emp", emp, "byte")
    return d.dataset()
