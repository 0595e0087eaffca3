"""Look-alike of the Scottish school-leavers workshop file ``schools.dta`` (Leckie, Centre
for Multilevel Modelling): attainment score by school and cohort (crossed), female."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1990)
    ids = d.nested(("schoolid", 80), (None, (20, 60)))
    d.put("cohort90", d.categorical([1] * 7, [-6, -4, -2, 0, 2, 4, 6]), "byte")
    d.put("female", d.binary(0.52), "byte")
    coh = d.columns["cohort90"]
    score = 31 + 1.2 * coh + 2 * d.columns["female"] + d.effect(ids["schoolid"], 6) + d.effect(coh, 3) + d.normal(0, 15)
    d.put("score", np.round(np.clip(score, 0, 75)), "byte")
    return d.dataset()
