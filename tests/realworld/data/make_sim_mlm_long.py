"""Look-alike of Grogan-Kaylor's ``simulated_multilevel_longitudinal_data.dta``
(multilevel-thinking): families (``id``/``family``) in countries, 3 waves ``t``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=30)
    ids = d.nested(("country", 30), ("id", (8, 14)), (None, (3, 3)))
    d.put("family", ids["id"], "int")
    d.put("t", np.tile([1, 2, 3], d.n // 3), "byte")
    d.put("HDI", np.round(d.group_constant(ids["country"], d.rng.uniform(40, 95, d.n))), "int")
    d.put("identity", d.group_constant(ids["id"], d.binary(0.5)) + 1, "byte",
          value_labels={1: "group A", 2: "group B"})
    d.put("intervention", d.group_constant(ids["id"], d.binary(0.5)), "byte",
          value_labels={0: "control", 1: "intervention"})
    warmth = d.uniform_int(0, 7)
    pp = d.uniform_int(0, 5)
    d.put("warmth", warmth, "byte")
    d.put("physical_punishment", pp, "byte")
    y = (50 + 0.9 * warmth - 1.0 * pp - 0.5 * d.columns["t"] + d.effect(ids["country"], 2.0)
         + d.effect(ids["id"], 3.0) + d.normal(0, 4))
    d.put("outcome", np.round(y, 2), "float")
    return d.dataset("simulated multilevel longitudinal data (look-alike)")
