"""Look-alike of ``elsa_fscores.dta``: English Longitudinal Study of Ageing respondents
(``ID``) at waves 1-9, two years apart, with factor scores of intrinsic capacity (``g``)
and its domains (``psych``, ``locom``, ``vital``, ``cogni``, ``sensor``), birth year,
sex, education, marital status, cross-sectional and longitudinal weights, and the
author's leftover helper columns (``totobs``, ``nobs``, ``byear_decade``)."""
import numpy as np

from lookalike import LookAlike


def build(seed: int):
    d = LookAlike(seed=seed)
    ids, wave = d.panel("ID", 260, list(range(1, 10)), "wave", dropout=0.35)
    byear = d.group_constant(ids, d.uniform_int(1912, 1958))
    female = d.group_constant(ids, d.binary(0.55))
    years = (wave - 1) * 2.0
    cohort = (byear - 1920) / 10.0
    u0, u1 = d.effect(ids, 0.7), d.effect(ids, 0.03)
    base = 0.3 + 0.25 * cohort + u0 - (0.04 + u1) * years - 0.002 * years ** 2
    for name, shift, sd in (("g", 0, 0.35), ("psych", 0.1, 0.5), ("locom", -0.1, 0.45),
                            ("vital", 0.05, 0.55), ("cogni", 0.0, 0.45), ("sensor", 0.1, 0.6)):
        d.put(name, np.round(base + shift + d.normal(0, sd), 4), "float")
    d.put("rabyear", byear, "int")
    d.put("ragender", female + 1, "byte", value_labels={1: "1.man", 2: "2.woman"})
    d.put("female", female, "byte")
    d.put("raeducl", d.group_constant(ids, d.categorical([0.45, 0.4, 0.15])), "byte")
    d.put("marital", d.categorical([0.65, 0.1, 0.2, 0.05]), "byte")
    d.put("partialinfo", d.binary(0.1), "byte")
    d.put("cwtresp", np.round(d.rng.uniform(0.4, 2.5, d.n), 4), "double")
    d.put("lwtresp", np.round(d.group_constant(ids, d.rng.uniform(0.3, 3.0, d.n)), 4), "double")
    d.put("totobs", np.zeros(d.n), "byte")
    d.put("nobs", np.zeros(d.n), "byte")
    d.put("byear_decade", (byear // 10) * 10, "int")
    return d.dataset()


def make():
    return build(3416)
