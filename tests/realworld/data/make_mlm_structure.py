"""Look-alike of Grogan-Kaylor's ``multilevelstructure.dta``: y and x for people in countries."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=33)
    ids = d.nested(("country", 25), (None, (20, 40)))
    x = d.normal(0, 1)
    d.put("x", np.round(x, 3), "float")
    d.put("y", np.round(2 + x + d.effect(ids["country"], 1.5) + d.normal(0, 1), 3), "float")
    return d.dataset()
