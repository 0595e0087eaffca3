"""Look-alike of ``cd4.csv`` (the ACTG 193A CD4 panel of Fitzmaurice, Laird and Ware, as a
longitudinal-data course ships it and ``import delimited`` reads it): patient ``id``
(1-300), four therapy arms ``treatment`` (1-4, 4 = triple therapy), ``age`` (years, float),
``gender`` (1 = male), visit time ``week`` (0, then about every 8 weeks with a few days'
jitter, up to 40) and ``logcd4`` = log(CD4 + 1) (about 0-5), declining over time except
under triple therapy, with patient-level intercepts and slopes."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1202)
    ids, slot = d.panel("id", 300, [0, 1, 2, 3, 4, 5], "slot", dropout=0.35)
    jitter = np.where(slot == 0, 0.0, d.rng.uniform(-1.4, 1.4, d.n))
    week = np.round(8.0 * slot + jitter, 4)
    arm = d.group_constant(ids, d.categorical([0.25, 0.25, 0.25, 0.25], [1, 2, 3, 4]))
    age = np.round(d.group_constant(ids, d.normal(37.5, 7.0)), 3)
    gender = d.group_constant(ids, d.binary(0.87))
    triple = (arm == 4).astype(float)
    logcd4 = (2.9 + d.effect(ids, 1.0) + 0.01 * (age - 37) + (-0.012 + 0.02 * triple + d.effect(ids, 0.012)) * week
              - 0.0002 * triple * week ** 2 + d.normal(0, 0.6))
    del d.columns["slot"], d.types["slot"]
    d.put("treatment", arm, "byte")
    d.put("age", age, "double")
    d.put("gender", gender, "byte")
    d.put("week", week, "double")
    d.put("logcd4", np.round(np.clip(logcd4, 0, 6.3), 5), "double")
    return d.dataset()
