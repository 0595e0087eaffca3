"""Look-alike of a summer-school BHPS panel extract, waves 1-15 stacked (``bh1to15_long.dta``):
persons ``pid`` by ``year`` (1991-2005, unbalanced) with the wave-prefixed (``z``) raw
variables the lab recodes -- GHQ ``zhlghq1`` (0-36; -9/-8/-7 missing codes), monthly income
``zfimn``, ``zsex`` (1 male, 2 female), ``zage``, highest qualification ``zqfedhi`` (1-13,
-7 for missing) and party supported ``zvote4`` (1-9, -9/-8 codes)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1515)
    pid, year = d.panel("pid", 700, list(range(1991, 2006)), "year", dropout=0.35)
    d.columns["pid"] = pid * 1000 + 1
    d.types["pid"] = "long"
    sex = d.group_constant(pid, d.binary(0.53)) + 1
    age0 = d.group_constant(pid, d.uniform_int(16, 70))
    age = age0 + (year - 1991)
    inc = np.exp(6.8 + 0.02 * (age - 40) - 0.0004 * (age - 40) ** 2 - 0.3 * (sex == 2)
                 + d.effect(pid, 0.5) + d.normal(0, 0.4))
    ghq = 11 + 1.3 * (sex == 2) - 0.4 * (np.log(inc) - 6.8) + d.effect(pid, 2.5) + d.normal(0, 4)
    ghq = np.clip(np.round(ghq), 0, 36)
    ghq = np.where(d.rng.random(d.n) < 0.04, d.rng.choice([-9, -8, -7], size=d.n), ghq)
    d.put("zhlghq1", ghq, "byte", value_labels={-9: "missing", -8: "inapplicable", -7: "proxy"})
    d.put("zfimn", np.round(np.where(d.rng.random(d.n) < 0.03, 0, inc), 2), "float")
    d.put("zsex", sex, "byte", value_labels={1: "male", 2: "female"})
    d.put("zage", age, "byte")
    qual = d.group_constant(pid, d.categorical([3, 5, 4, 6, 5, 8, 6, 5, 6, 7, 8, 9, 10], list(range(1, 14))))
    d.put("zqfedhi", np.where(d.rng.random(d.n) < 0.02, -7, qual), "byte")
    vote = d.categorical([30, 35, 12, 3, 2, 2, 1, 3, 12], list(range(1, 10)))
    d.put("zvote4", np.where(d.rng.random(d.n) < 0.05, d.rng.choice([-9, -8], size=d.n), vote), "byte")
    return d.dataset()
