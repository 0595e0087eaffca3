"""Look-alike of an ESS rounds 1-11 subset (read as ``ESS1-11-subset.dta``) for a study of
civic education: 16 countries ``cntry`` (str2) in rounds ``essround`` 8-11 with 110-130
respondents each; ``implvdm`` (0-10), ``lrnobed`` and ``loylead`` (1-5), ``atchctr`` (0-10),
each with a few negative ESS missing codes; ``yrbrn``, ``agea``, ``gndr`` (1/2),
``hinctnta`` (1-10, a few negative codes), ``eisced`` and the father's ``eiscedf`` (0-7, 55
for other), ``brncntr`` (1 born in the country, 2 not), ``edctn`` (1 still in education),
``anweight``."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "BE", "BG", "CH", "CZ", "DE", "EE", "ES", "FI", "FR", "HU", "IT", "LT", "PL", "PT", "SI"]


def make():
    d = LookAlike(seed=1110)
    ids = d.nested(("c", len(COUNTRIES)), ("cr", (4, 4)), (None, (110, 130)))
    c, cr = ids["c"], ids["cr"]
    del d.columns["c"], d.types["c"], d.columns["cr"], d.types["cr"]
    d.put("cntry", np.array([COUNTRIES[i - 1] for i in c], dtype=object), "str2")
    rnd = 8 + (cr - 1) % 4
    d.put("essround", rnd, "byte")
    year = np.array([2016, 2018, 2021, 2023])[rnd - 8]
    age = np.clip(np.round(d.normal(50, 18)), 15, 90)
    d.put("agea", age, "int")
    d.put("yrbrn", year - age, "int")
    d.put("gndr", d.categorical([0.48, 0.52]), "byte")
    edu = d.categorical([0.03, 0.08, 0.12, 0.25, 0.17, 0.15, 0.12, 0.08], list(range(8)))
    edu = np.where(d.rng.random(d.n) < 0.01, 55, edu)
    d.put("eisced", edu, "byte")
    fed = d.categorical([0.05, 0.2, 0.2, 0.25, 0.12, 0.08, 0.06, 0.04], list(range(8)))
    d.put("eiscedf", np.where(d.rng.random(d.n) < 0.02, 55, fed), "byte")
    inc = np.clip(np.round(5 + 0.4 * (np.minimum(edu, 7) - 3) + d.normal(0, 2.4)), 1, 10)
    d.put("hinctnta", np.where(d.rng.random(d.n) < 0.01, -7, inc), "byte")
    d.put("brncntr", np.where(d.rng.random(d.n) < 0.9, 1, 2), "byte")
    d.put("edctn", np.where((age < 26) & (d.rng.random(d.n) < 0.5), 1, 0), "byte")
    east = np.isin(c, [COUNTRIES.index(k) + 1 for k in ["BG", "CZ", "EE", "HU", "LT", "PL", "SI"]])
    z = d.effect(c, 0.4) + 0.3 * east - 0.12 * (np.minimum(edu, 7) - 3) + 0.01 * (age - 50)
    code = lambda v: np.where(d.rng.random(d.n) < 0.01, -8, v)
    d.put("implvdm", code(np.clip(np.round(8.5 - z + d.normal(0, 1.5)), 0, 10)), "byte")
    d.put("lrnobed", code(np.clip(np.round(3 - z + d.normal(0, 0.9)), 1, 5)), "byte")
    d.put("loylead", code(np.clip(np.round(3.2 - z + d.normal(0, 0.9)), 1, 5)), "byte")
    d.put("atchctr", code(np.clip(np.round(7.5 + z + d.normal(0, 1.6)), 0, 10)), "byte")
    d.put("anweight", np.round(0.2 + d.rng.gamma(3, 0.3, d.n), 5), "double")
    return d.dataset()
