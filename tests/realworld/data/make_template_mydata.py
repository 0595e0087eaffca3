"""Look-alike of the ``mydata.dta`` of Grogan-Kaylor's paper template: outcome y, x, a
categorical z and the grouping id u."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=7)
    ids = d.nested(("u", 40), (None, (10, 20)))
    x = d.normal(0, 1)
    z = d.categorical([0.4, 0.35, 0.25])
    d.put("x", np.round(x, 3), "float")
    d.put("z", z, "byte", value_labels={1: "a", 2: "b", 3: "c"})
    d.put("y", np.round(2 + x + 0.5 * z + d.effect(ids["u"], 1) + d.normal(0, 1), 3), "float")
    return d.dataset()
