"""Look-alike of a Demographic and Health Survey men's (MR) recode file as the DHS Program's
collective-norms code reads it: ``mcaseid`` and ``mv000``-``mv025`` in the recode's order
(cluster ``mv001`` = ``mv021``, weight ``mv005``, age ``mv012`` 15-59 and its group
``mv013`` 1-9, strata ``mv022``, region ``mv024``, residence ``mv025``), education
``mv106``/``mv133`` (98 don't know), wealth ``mv190``, children ``mv201``, partner pregnant
``mv213``, method type ``mv313``, media messages ``mv384a``-``mv384d``, beliefs that
contraception is a woman's business ``mv3b25a`` and makes women promiscuous ``mv3b25b`` (0, 1,
8 don't know), marital status ``mv502``, fertility desire ``mv605`` and ideal number
``mv613`` (96 non-numeric).  The clusters are the women's look-alike's (the same seed)."""
import numpy as np

from lookalike import LookAlike
from make_dhs_norms_women import put_survey_header


def make():
    d = LookAlike(seed=3631)
    ids = d.nested(("mv001", 80), (None, (18, 30)))
    cl_women = ids["mv001"]
    strata_of = {c: s for c, s in zip(cl_women, d.group_constant(cl_women, d.uniform_int(1, 20)))}
    d = LookAlike(seed=3632)
    ids = d.nested(("mv001", 80), (None, (8, 14)))
    cl = ids["mv001"]
    n = d.n
    strata = np.array([strata_of[c] for c in cl])
    age = d.uniform_int(15, 59)
    d.columns.clear(); d.types.clear()
    d.put("mcaseid", np.array([f"{c:8d}{k:4d}{2:3d}" for k, c in enumerate(cl, 1)], dtype=object), "str15")
    put_survey_header(d, "mv", cl, strata, age, np.arange(1, n + 1), np.full(n, 2))
    edu = d.categorical([0.1, 0.4, 0.42, 0.08], [0, 1, 2, 3])
    years = np.clip(np.round(edu * 4 + d.normal(0, 1.5)), 0, 16)
    years[d.rng.random(n) < 0.01] = 98
    d.put("mv106", edu, "byte")
    d.put("mv133", years, "byte")
    wealth = np.clip(np.round(d.group_constant(cl, d.normal(3, 1)) + d.normal(0, 0.8)), 1, 5)
    d.put("mv190", wealth, "byte")
    d.put("mv201", np.clip(d.poisson(np.log(np.maximum(0.3, (age - 18) / 7))), 0, 15), "byte")
    d.put("mv213", d.binary(0.07), "byte")
    modern = d.bernoulli_logit(-1.0 + 0.3 * edu + 0.2 * (wealth - 3) + d.effect(cl, 0.6))
    d.put("mv313", np.where(modern == 1, 3, 0), "byte")
    for k in "abcd":
        d.put(f"mv384{k}", d.binary(0.35), "byte")
    d.put("mv3b25a", d.categorical([0.55, 0.4, 0.05], [0, 1, 8]), "byte")
    d.put("mv3b25b", d.categorical([0.6, 0.33, 0.07], [0, 1, 8]), "byte")
    d.put("mv502", d.categorical([0.3, 0.65, 0.05], [0, 1, 2]), "byte")
    d.put("mv605", d.categorical([0.3, 0.15, 0.05, 0.3, 0.1, 0.05, 0.05], [1, 2, 3, 4, 5, 6, 7]), "byte")
    ideal = np.clip(np.round(d.normal(5, 1.8)), 0, 15)
    ideal[d.rng.random(n) < 0.04] = 96
    d.put("mv613", ideal, "byte")
    return d.dataset()
