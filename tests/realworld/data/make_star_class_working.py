"""Look-alike of a course's working file of Tennessee's STAR experiment in kindergarten:
pupils (``stdntid``) in classes (``classid``) in 79 schools (``schid``); the class's random
assignment to a small class ``t_smallclass`` (``actual_smallclass`` what it got, mostly the
same), ``class_size``, the kindergarten percentile rank ``gkrank``, pupil covariates
``k_*``, the class share of free lunch ``tk_frl``, attrition, and school location dummies."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12007)
    ids = d.nested(("schid", 79), ("classid", (3, 6)), (None, (13, 24)))
    schid, classid = ids["schid"], ids["classid"]
    d.columns["stdntid"] = np.arange(10001, 10001 + d.n)
    d.types["stdntid"] = "long"
    small = d.group_constant(classid, d.binary(0.35))
    actual = np.where(d.binary(0.04) == 1, 1 - small, small)
    size = np.round(np.where(small == 1, 15, 22) + d.group_constant(classid, d.normal(0, 1.8)))
    loc = d.group_constant(schid, d.categorical([0.22, 0.2, 0.1, 0.48], [1, 2, 3, 4]))
    female = d.binary(0.49)
    frl = d.bernoulli_logit(-0.2 + 1.2 * (loc == 1) + d.effect(schid, 0.8))
    black = d.bernoulli_logit(-1.0 + 2.0 * (loc == 1) + d.effect(schid, 1.0))
    tk_frl = np.array([frl[classid == c].mean() for c in classid])
    rank = 50 + 5 * small - 12 * frl + 3 * female - 6 * black + d.effect(schid, 8) + d.effect(classid, 5) + d.normal(0, 22)
    d.put("t_smallclass", small, "byte")
    d.put("actual_smallclass", actual, "byte")
    d.put("class_size", size, "byte")
    d.put("gkrank", d.with_missing(np.clip(np.round(rank), 1, 99), 0.05), "float")
    d.put("k_female", female, "byte")
    d.put("k_frl", frl, "byte")
    other = np.where(black == 1, 0, d.binary(0.03))  # a few pupils neither white nor black
    d.put("k_white", 1 - black - other, "byte")
    d.put("k_black", black, "byte")
    d.put("k_sped", d.binary(0.04), "byte")
    d.put("k_pullout", d.binary(0.06), "byte")
    d.put("tk_frl", tk_frl, "float")
    d.put("attrit", d.binary(0.3), "byte")
    d.put("innercity", (loc == 1).astype(int), "byte")
    d.put("suburban", (loc == 2).astype(int), "byte")
    d.put("urban", (loc == 3).astype(int), "byte")
    return d.dataset("STAR kindergarten look-alike")
