"""Look-alike of ``bricker_lacombe_neha_data.dta`` (policy adoption by US states, a pooled
event-history file): one row per policy and state-year at risk, ``policyno``, ``year``, the
adoption indicator ``adoption``, standardized similarity ``std_score``, ``initiative`` and
``init_sigs``, standardized population, ideology, income and legislative professionalism,
``unified``, the time at risk ``duration`` with its square and cube, and ``edge_sum``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2021)
    ids, year = d.panel("policyno", 60, list(range(1995, 2010)), "year", dropout=0.3)
    duration = year - 1994
    initiative = d.binary(0.45)
    d.put("adoption", d.bernoulli_logit(-2.8 + 0.4 * d.normal() + 0.3 * initiative - 0.05 * duration
                                        + d.effect(ids, 0.7)), "byte")
    d.put("std_score", np.round(d.normal(), 4), "float")
    d.put("initiative", initiative, "byte")
    d.put("init_sigs", np.round(initiative * d.rng.uniform(2, 15, d.n), 2), "float")
    for name in ("std_pop", "std_citideology"):
        d.put(name, np.round(d.normal(), 4), "float")
    d.put("unified", d.binary(0.5), "byte")
    for name in ("std_income", "std_legp_squire"):
        d.put(name, np.round(d.normal(), 4), "float")
    d.put("duration", duration, "byte")
    d.put("durationsq", duration ** 2, "int")
    d.put("durationcb", duration ** 3, "int")
    d.put("edge_sum", np.round(d.rng.gamma(2.0, 1.5, d.n), 3), "float")
    return d.dataset()
