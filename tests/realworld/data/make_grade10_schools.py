"""Look-alike of a course's tenth-grade math file (``grade10school.dta``): ``studentID`` in
``schoolID`` (about 100 schools of 20-120 students; the lab drops those of 30 or fewer),
free or reduced-price lunch ``frlunch`` (0/1, more common in some schools) and the math
score ``math`` (about 150-300) with a school random intercept and a small random slope of
``frlunch``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1010)
    ids = d.nested(("schoolID", 105), ("studentID", (20, 120)))
    school = ids["schoolID"]
    d.columns["schoolID"] = school + 100
    d.columns["studentID"] = ids["studentID"] + 10000
    d.types["studentID"] = "long"
    share = d.group_constant(school, d.rng.beta(2, 4, d.n))
    lunch = d.binary(share).astype(float)
    d.put("frlunch", lunch, "byte")
    math = 250 - 8 * lunch - 30 * (share - 0.3) + d.effect(school, 9) + d.effect(school, 3) * lunch \
        + d.normal(0, 32)
    d.put("math", np.round(math), "int")
    return d.dataset()
