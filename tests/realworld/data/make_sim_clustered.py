"""Look-alike of Grogan-Kaylor's ``simulated_clustered_data.dta``: individuals in groups
(``group_numA``) with x_individualA and y_individualA."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=32)
    ids = d.nested(("group_numA", 50), (None, (5, 15)))
    x = d.normal(0, 1)
    d.put("x_individualA", np.round(x, 3), "float")
    d.put("y_individualA", np.round(1 + 0.5 * x + d.effect(ids["group_numA"], 1.0) + d.normal(0, 1), 3), "float")
    return d.dataset()
