"""Look-alike of a Demographic and Health Survey kids' recode (KR) file as a study of child
height-for-age in Ethiopia reads it: one row per child under five in sampled clusters ``v001``
(about 60, 8-22 children each), the DHS weight ``v005`` (six implied decimals, constant within a
cluster as the DHS computes it), region ``v024`` 1-11 (10 the capital), residence ``v025``,
altitude ``v040``, height-for-age z times 100 ``hw5`` (9996-9998 flags, missing where the child
was not measured), age in months ``hw1``, sex ``b4``, birth order ``bord``, mother's age ``v012``,
years of schooling ``v133``, age at first birth ``v212``, literacy ``v155`` (0-4), religion
``v130``, household size ``v136`` and children under five ``v137``, head's sex ``v151``, wealth
factor score ``v191``, water source ``v113``, toilet ``v116``, floor ``v127``, cooking fuel
``v161``, electricity, radio and television ``v119``-``v121`` (0/1), the last birth's
breastfeeding start ``v426`` (0 immediately, 1xx hours, 2xx days), antenatal visits ``m14`` (98
don't know) and place of delivery ``m15`` (missing for earlier births), vaccination ``h10`` and
vitamin A ``h33`` (0, 1-3, 8 don't know) and a country question ``s413d``.  Height-for-age falls
with age and rises with wealth and schooling, with a cluster effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3741)
    ids = d.nested(("v001", 60), (None, (8, 22)))
    cl = ids["v001"]
    n = d.n
    region = d.group_constant(cl, d.categorical([0.06, 0.05, 0.14, 0.2, 0.06, 0.05, 0.2, 0.04, 0.04, 0.1, 0.06],
                                                list(range(1, 12))))
    urban = d.group_constant(cl, d.categorical([0.3, 0.7], [1, 2]))
    urban[region == 10] = 1
    weight = d.group_constant(cl, np.round(np.exp(d.normal(0, 0.6)) * 1_000_000))
    d.put("v005", weight, "long")
    d.put("v024", region, "byte")
    d.put("v025", urban, "byte")
    d.put("v040", d.group_constant(cl, np.round(d.normal(1900, 550)).clip(-100, 3500)), "int")
    age_m = d.uniform_int(0, 59)
    sex = d.categorical([0.51, 0.49], [1, 2])
    wealth = d.group_constant(cl, d.normal(0, 0.8)) + d.normal(0, 0.6)
    school = np.clip(np.round(2 + 2.5 * (wealth + 0.6) + d.normal(0, 2)), 0, 16)
    u = d.effect(cl, 0.35)
    z = -0.6 - 0.025 * age_m + 0.25 * wealth + 0.05 * school + u + d.normal(0, 1.2)
    hw5 = np.round(z * 100)
    flag = d.rng.random(n)
    hw5[flag < 0.02] = 9996
    hw5[(flag >= 0.02) & (flag < 0.04)] = 9998
    hw5 = hw5.astype(float)
    hw5[(flag >= 0.04) & (flag < 0.12)] = np.nan
    d.put("hw5", hw5, "int")
    d.put("hw1", age_m, "byte")
    d.put("b4", sex, "byte")
    bord = np.clip(d.poisson(np.full(n, np.log(3.0))) + 1, 1, 14)
    d.put("bord", bord, "byte")
    d.put("v012", np.clip(np.round(18 + 2.5 * bord + d.normal(5, 5)), 15, 49), "byte")
    d.put("v133", school, "byte")
    d.put("v212", np.clip(np.round(d.normal(19, 3)), 12, 40), "byte")
    d.put("v155", d.categorical([0.55, 0.15, 0.27, 0.02, 0.01], [0, 1, 2, 3, 4]), "byte")
    d.put("v130", d.categorical([0.35, 0.2, 0.05, 0.35, 0.03, 0.02], [1, 2, 3, 4, 5, 96]), "byte")
    d.put("v136", np.clip(d.poisson(np.full(n, np.log(6.0))), 2, 20), "byte")
    d.put("v137", np.clip(d.poisson(np.full(n, np.log(1.6))) + 1, 1, 6), "byte")
    d.put("v151", d.categorical([0.8, 0.2], [1, 2]), "byte")
    d.put("v191", np.round(wealth * 100000), "long")
    d.put("v113", d.categorical([0.05, 0.1, 0.2, 0.15, 0.1, 0.1, 0.15, 0.1, 0.04, 0.01],
                                [11, 12, 13, 14, 21, 31, 32, 43, 96, 99]), "byte")
    d.put("v116", d.categorical([0.05, 0.05, 0.3, 0.2, 0.3, 0.08, 0.02], [11, 15, 22, 23, 31, 43, 96]), "byte")
    d.put("v127", d.categorical([0.55, 0.1, 0.05, 0.2, 0.08, 0.02], [11, 12, 21, 34, 35, 96]), "byte")
    d.put("v161", d.categorical([0.05, 0.03, 0.02, 0.03, 0.08, 0.6, 0.1, 0.07, 0.02], [1, 2, 4, 5, 7, 8, 9, 11, 96]), "byte")
    d.put("v119", d.bernoulli_logit(-0.8 + 1.5 * wealth), "byte")
    d.put("v120", d.binary(0.25), "byte")
    d.put("v121", d.bernoulli_logit(-2 + 1.5 * wealth), "byte")
    last = (age_m < 36) | (d.rng.random(n) < 0.3)
    bf = d.categorical([0.7, 0.2, 0.1], [0, 1, 2]).astype(float)
    v426 = np.where(bf == 0, 0, np.where(bf == 1, 100 + d.uniform_int(1, 23), 200 + d.uniform_int(1, 6))).astype(float)
    v426[~last] = np.nan
    d.put("v426", v426, "int")
    anc = np.clip(d.poisson(np.full(n, np.log(3.5))), 0, 15).astype(float)
    anc[d.rng.random(n) < 0.02] = 98
    anc[~last] = np.nan
    d.put("m14", anc, "byte")
    m15 = d.categorical([0.4, 0.05, 0.35, 0.1, 0.05, 0.05], [11, 12, 21, 22, 31, 96]).astype(float)
    m15[~last] = np.nan
    d.put("m15", m15, "byte")
    h10 = d.categorical([0.3, 0.65, 0.05], [0, 1, 8]).astype(float)
    h10[age_m < 12] = np.nan
    d.put("h10", h10, "byte")
    h33 = d.categorical([0.5, 0.3, 0.1, 0.05, 0.05], [0, 1, 2, 3, 8]).astype(float)
    h33[age_m < 6] = np.nan
    d.put("h33", h33, "byte")
    d.put("s413d", d.with_missing(d.binary(0.3), 0.3), "byte")
    return d.dataset()
