"""Look-alike of ``classroom.dta`` (West, Welch & Galecki, Linear Mixed Models, ch. 4:
first-graders' math gain in classrooms in schools; Study of Instructional Improvement)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1190)
    ids = d.nested(("schoolid", 107), ("classid", (1, 5)), (None, (1, 8)))
    s, c = ids["schoolid"], ids["classid"]
    d.put("childid", np.arange(1, d.n + 1), "int")
    d.put("sex", d.binary(0.49), "byte", value_labels={0: "Boy", 1: "Girl"})
    d.put("minority", d.binary(0.68), "byte", value_labels={0: "Non-minority", 1: "Minority"})
    d.put("ses", np.round(d.normal(0, 0.5) + d.effect(s, 0.3), 2), "float")
    d.put("housepov", np.round(d.group_constant(s, d.rng.uniform(0.01, 0.56, d.n)), 3), "float")
    d.put("yearstea", np.round(d.group_constant(c, d.rng.uniform(0, 40, d.n)), 1), "float")
    know = d.group_constant(c, d.normal(0, 1))
    d.put("mathknow", np.round(d.with_missing(know, 0.09), 2), "float")
    d.put("mathprep", np.round(d.group_constant(c, d.rng.uniform(1, 6, d.n)), 2), "float")
    kind = np.round(466 + 40 * d.normal() + 8 * d.columns["ses"])
    d.put("mathkind", kind, "int")
    gain = np.round(57 - 0.47 * (kind - 466) + 5 * d.columns["ses"] + d.effect(s, 9) + d.effect(c, 10) + d.normal(0, 27))
    d.put("mathgain", gain, "int")
    return d.dataset("classroom (look-alike)")
