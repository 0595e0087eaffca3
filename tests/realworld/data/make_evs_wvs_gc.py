"""Look-alike of a dissertation's EVS/WVS 2017 joint file of young adults (``data.dta``):
respondents in 30 countries ``cntry`` (ISO numeric codes, labelled), the outcomes ``gcid``
(0/1 global-citizen identity), ``moral`` ``mor_rel`` ``mor_for`` ``polit`` ``pol_reg``
``pol_un`` (ordinal scales), ``female``, ``immg``, ``edu`` 1-5 with dummies ``edu1``-``edu5``
and ``edu_corr``, ``class`` 1-3 with ``class1``-``class3`` and ``class_corr``, ``lr`` 1-10,
the weight ``gwght``, and country constants: global-citizenship-education indicators
``gce_hr`` ``gce_cul`` ``gce_sd`` (1-3, with dummies ``gce_hr1``-``gce_hr3`` ...),
``mimmgpp`` ``mpat`` ``gi`` (KOF globalisation index) and ``hdipp`` (HDI in percent)."""
import numpy as np

from lookalike import LookAlike

CODES = [8, 31, 40, 51, 70, 100, 112, 191, 203, 208, 233, 246, 250, 268, 276, 348, 352, 380,
         440, 498, 499, 528, 616, 642, 643, 688, 703, 705, 752, 826]


def make():
    d = LookAlike(seed=2017)
    ids = d.nested(("cidx", len(CODES)), (None, (150, 330)))
    c = ids["cidx"]
    d.columns.pop("cidx"), d.types.pop("cidx")
    d.put("cntry", np.array(CODES)[c - 1], "int", value_labels={k: f"country {k}" for k in CODES})
    u = d.effect(c, 0.55)
    female = d.binary(0.5)
    immg = d.binary(0.08)
    edu = d.categorical([0.1, 0.25, 0.3, 0.2, 0.15])
    cls = d.categorical([0.3, 0.5, 0.2])
    lr = np.clip(np.round(d.normal(5.5, 2.2)), 1, 10)
    eta = -0.3 + 0.15 * (edu - 3) + 0.1 * immg + u
    d.put("gcid", d.bernoulli_logit(eta), "byte", value_labels={0: "no", 1: "yes"})
    for name, shift in (("moral", 0.0), ("mor_rel", 0.2), ("mor_for", -0.2)):
        d.put(name, d.ordinal(eta + shift + 0.8 * u, [-1.5, 0.0, 1.5]), "byte")
    for name, shift in (("polit", 0.0), ("pol_reg", 0.3), ("pol_un", -0.3)):
        d.put(name, d.ordinal(0.5 * eta + shift + 0.5 * u, [-1.2, 0.3, 1.6]), "byte")
    d.put("female", female, "byte", value_labels={0: "male", 1: "female"})
    d.put("immg", immg, "byte", value_labels={0: "native", 1: "immigrant"})
    d.put("edu", edu, "byte", value_labels={1: "primary", 2: "lower sec", 3: "upper sec", 4: "bachelor", 5: "master+"})
    for k in range(1, 6):
        d.put(f"edu{k}", (edu == k).astype(np.int8), "byte")
    d.put("edu_corr", edu, "byte")
    d.put("class", cls, "byte", value_labels={1: "lower", 2: "middle", 3: "upper"})
    for k in range(1, 4):
        d.put(f"class{k}", (cls == k).astype(np.int8), "byte")
    d.put("class_corr", cls, "byte")
    d.put("lr", lr, "byte")
    d.put("gwght", np.round(d.rng.uniform(0.3, 2.5, d.n), 4), "double")
    for name in ("gce_hr", "gce_cul", "gce_sd"):
        g = d.group_constant(c, d.categorical([0.3, 0.4, 0.3]))
        d.put(name, g, "byte")
        for k in range(1, 4):
            d.put(f"{name}{k}", (g == k).astype(np.int8), "byte")
    d.put("mimmgpp", np.round(d.group_constant(c, d.rng.uniform(1, 25, d.n)), 2), "float")
    d.put("mpat", np.round(d.group_constant(c, d.rng.uniform(1.5, 3.5, d.n)), 3), "float")
    d.put("gi", np.round(d.group_constant(c, d.rng.uniform(60, 90, d.n)), 2), "float")
    d.put("hdipp", np.round(d.group_constant(c, d.rng.uniform(75, 96, d.n)), 1), "float")
    return d.dataset()
