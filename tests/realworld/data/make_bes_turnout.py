"""Look-alike of a British Election Study pooled file (respondents in election years):
turnout ``turn2`` with class, policy-distance and closeness variables; ``year`` is the
grouping level of the random-intercept logit."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1964)
    ids = d.nested(("year", 14), (None, (120, 220)))
    years = np.array([1964, 1966, 1970, 1974, 1979, 1983, 1987, 1992, 1997, 2001, 2005, 2010, 2015, 2017])
    d.put("year", years[ids["year"] - 1], "int", value_labels=None)
    yr = ids["year"]
    d.put("trend", yr, "byte")
    d.put("rclass4", d.categorical([0.3, 0.25, 0.25, 0.2]), "byte",
          value_labels={1: "salariat", 2: "intermediate", 3: "working", 4: "other"})
    pol = d.group_constant(yr, d.rng.uniform(5, 95, d.n))
    d.put("pol_diff", np.round(pol, 1), "float")
    d.put("lab_policy", np.round(d.group_constant(yr, d.rng.uniform(-45, 5, d.n)), 1), "float")
    d.put("poll", np.round(d.group_constant(yr, d.rng.uniform(0, 20, d.n)), 1), "float")
    d.put("soc_lag2", np.round(d.group_constant(yr, d.rng.uniform(0, 40, d.n)), 1), "float")
    age = d.uniform_int(18, 90)
    d.put("age", age, "byte")
    d.put("age_sq", age ** 2, "int")
    d.put("sex", d.binary(0.52), "byte")
    d.put("tu2", d.binary(0.3), "byte")
    d.put("tenure2", d.binary(0.65), "byte")
    eta = 0.8 + 0.02 * (age - 45) + 0.01 * pol - 0.3 * (d.columns["rclass4"] == 3) + d.effect(yr, 0.4)
    d.put("turn2", d.bernoulli_logit(eta), "byte")
    return d.dataset()
