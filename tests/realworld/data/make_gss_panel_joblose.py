"""Look-alike of the GSS 2010-2014 three-wave panel in long form (one row per respondent
and wave, GSS codes): fear of losing one's job ``joblose`` (1-4), union membership
``union`` (1-4), sex, marital status, race, part/full time, children, birthplace,
real family income ``realinc``, government employer, age, education, survey year and the
panel weight ``wtpannr123``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2014)
    ids, wave = d.panel("idnum", 700, [1, 2, 3], "panelwave", dropout=0.25)
    d.put("year", 2010 + 2 * (wave - 1), "int")
    d.put("wtpannr123", d.group_constant(ids, np.round(d.rng.uniform(0.4, 2.5, d.n), 4)), "float")
    d.put("sex", d.group_constant(ids, d.uniform_int(1, 2)), "byte")
    d.put("race", d.group_constant(ids, d.categorical([0.75, 0.15, 0.1])), "byte")
    d.put("born", d.group_constant(ids, d.categorical([0.88, 0.12])), "byte")
    age0 = d.group_constant(ids, d.uniform_int(20, 64))
    d.put("age", age0 + 2 * (wave - 1), "byte")
    d.put("educ", d.group_constant(ids, d.uniform_int(8, 20)), "byte")
    d.put("marital", d.categorical([0.5, 0.07, 0.13, 0.03, 0.27]), "byte")
    d.put("childs", d.uniform_int(0, 4), "byte")
    d.put("partfull", d.categorical([0.8, 0.2]), "byte")
    d.put("wrkgov", d.categorical([0.17, 0.83]), "byte")
    d.put("union", d.with_missing(d.categorical([0.1, 0.03, 0.05, 0.82]), 0.1), "byte")
    inc = np.round(np.exp(10.3 + 0.06 * (d.columns["educ"] - 13) + d.effect(ids, 0.5) + d.normal(0, 0.4)))
    d.put("realinc", d.with_missing(inc, 0.08), "double")
    u = d.effect(ids, 1.2)
    latent = -(0.3 - 0.2 * (d.columns["union"] == 1) + 0.01 * (d.columns["age"] - 40) + u)
    jl = d.ordinal(latent, [-2.5, -1.5, 0.3])
    d.put("joblose", d.with_missing(jl, 0.3), "byte")
    return d.dataset()
