"""Look-alike of a GEE workshop's child-health cohort in long form (the do-file's data are in
memory when it starts): children ``study_id`` measured at ``time`` 1-12, a haemoglobin value
``hemo_t`` and an illness indicator ``d1`` (0/1, about 12%) at each visit, baseline
haemoglobin ``hemo``, and child-level factors ``group`` (1-2, trial arm), ``social`` (1-3),
``age`` (1-3 bands), ``sex`` (1-2), ``residence`` (1-2), ``morbit`` and ``handwash`` (0/1, a
few missing), ``ses`` (1-3) and ``bmi``; every child has all twelve visits."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1207)
    ids, t = d.panel("study_id", 240, list(range(1, 13)), "time")
    const = lambda values: d.group_constant(ids, values)
    group = const(d.categorical([0.5, 0.5]))
    social = const(d.categorical([0.3, 0.5, 0.2]))
    age = const(d.categorical([0.35, 0.35, 0.3]))
    sex = const(d.categorical([0.5, 0.5]))
    residence = const(d.categorical([0.6, 0.4]))
    morbit = const(d.with_missing(d.binary(0.3), 0.03))
    handwash = const(d.with_missing(d.binary(0.55), 0.03))
    ses = const(d.categorical([0.35, 0.4, 0.25]))
    bmi = np.round(const(d.normal(16.0, 1.6)), 1)
    for name, values in (("group", group), ("social", social), ("age", age), ("sex", sex),
                         ("residence", residence)):
        d.put(name, values, "byte")
    d.put("morbit", morbit, "byte")
    d.put("handwash", handwash, "byte")
    d.put("ses", ses, "byte")
    d.put("bmi", bmi, "float")
    u = d.effect(ids, 0.6)
    hemo0 = np.round(const(d.normal(10.8, 1.0)) + 0.0 * t, 1)
    d.put("hemo", hemo0, "float")
    hemo_t = hemo0 + 0.05 * t + 0.3 * (group == 2) + 0.2 * (ses == 3) + u + d.normal(0, 0.6)
    d.put("hemo_t", np.round(hemo_t, 1), "float")
    eta = -2.3 + 0.35 * (group == 1) + 0.3 * np.nan_to_num(morbit) - 0.25 * np.nan_to_num(handwash) \
        - 0.2 * (ses == 3) + 0.05 * (bmi - 16) + u
    d.put("d1", d.bernoulli_logit(eta), "byte")
    return d.dataset()
