"""Look-alike of Grogan-Kaylor's ``simulated_multilevel_data.dta`` (multilevel-thinking):
one row per family (``id``) in 30 countries."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=31)
    ids = d.nested(("country", 30), (None, (60, 110)))
    d.put("id", np.arange(1, d.n + 1), "int")
    d.put("HDI", np.round(d.group_constant(ids["country"], d.rng.uniform(40, 95, d.n))), "int")
    d.put("identity", d.binary(0.5) + 1, "byte", value_labels={1: "group A", 2: "group B"})
    d.put("intervention", d.binary(0.5), "byte", value_labels={0: "control", 1: "intervention"})
    warmth, pp = d.uniform_int(0, 7), d.uniform_int(0, 5)
    d.put("warmth", warmth, "byte")
    d.put("physical_punishment", pp, "byte")
    d.put("outcome", np.round(50 + 0.9 * warmth - pp + d.effect(ids["country"], 2.0) + d.normal(0, 5), 2), "float")
    return d.dataset("simulated multilevel data (look-alike)")
