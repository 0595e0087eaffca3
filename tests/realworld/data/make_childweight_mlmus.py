"""Look-alike of Rabe-Hesketh & Skrondal's ``childweight`` (Asian children weighed at
irregular ages up to about two years): ``id``, ``age`` (years), ``weight`` (kg), birth weight
``brthwt`` (g) and ``girl``; 2-5 visits a child (unbalanced)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12003)
    ids = d.nested(("id", 68), (None, (2, 5)))
    child = ids["id"]
    d.columns["id"] = np.array([45 + 13 * c for c in child])
    d.types["id"] = "int"
    visit = np.concatenate([np.arange(1, k + 1) for k in np.bincount(child)[1:]])
    age = np.round(np.clip(0.45 * (visit - 1) + 0.1 + d.normal(0, 0.06), 0.1, 2.5), 4)
    girl = d.group_constant(child, d.binary(0.5))
    brthwt = d.group_constant(child, np.round(d.normal(3200, 450)))
    weight = 3.5 + 7.5 * age - 1.7 * age ** 2 - 0.5 * girl + d.effect(child, 0.8) + d.normal(0, 0.5)
    d.put("age", age, "float")
    d.put("weight", np.round(weight, 2), "float")
    d.put("brthwt", brthwt, "int")
    d.put("girl", girl, "byte", value_labels={0: "boy", 1: "girl"})
    return d.dataset("childweight look-alike")
