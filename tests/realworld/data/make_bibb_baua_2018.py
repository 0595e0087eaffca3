"""Look-alike of the BIBB/BAuA Employment Survey 2018 scientific-use file after the
course's cleaning: sex ``S1`` (1 male, 2 female), age ``zpalter``, a second job ``nt``,
gross monthly income ``F518_SUF`` (missing for non-answers) and federal state ``Bula``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("Bula", 16), (None, (60, 160)))
    bula = ids["Bula"]
    d.put("intnr", np.arange(1, d.n + 1), "long")
    sex = d.uniform_int(1, 2)
    d.put("S1", sex, "byte", value_labels={1: "a", 2: "b"})
    age = d.with_missing(d.uniform_int(15, 70), 0.01)
    d.put("zpalter", age, "byte")
    d.put("nt", d.bernoulli_logit(-2.2 + 0.3 * (sex == 2)), "byte")
    inc = np.round(np.exp(7.9 - 0.35 * (sex == 2) + d.effect(bula, 0.12) + d.normal(0, 0.6)))
    d.put("F518_SUF", d.with_missing(inc, 0.12), "double")
    return d.dataset()
