"""Look-alike of the analysis file of a study of child stunting in the Bangladesh Demographic and
Health Survey, as its multilevel do-file finds it in memory: one row per child under five in
sampled clusters ``v001`` (= the PSU ``v021``, about 80, 8-20 children each) within 19 strata
``v022`` (division by residence, at least three clusters each), the normalized DHS weight ``wgt``
(constant within a cluster, mean about 1), the outcome ``stunted`` (0/1, height-for-age below -2
SD, about a third), and the author's recoded factors: residence ``area1`` 1-2 and division
``division1`` 1-8 (both fixed by the stratum), mother's and husband's schooling ``melevel`` and
``helevel`` 0-3, mother working ``mwork`` 0/1, husband's occupation ``hhocu`` 1-4, antenatal care
``anc`` 0-2, wealth quintile ``wind`` 1-5, media exposure ``media`` 0/1, caesarean birth
``csection`` 0/1, child's age group ``cage1`` 1-5, place of delivery ``Place_delivery`` 1-2 and
birth order ``birthord`` 1-4.  Stunting rises with age group and falls with wealth and schooling,
with a cluster effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3751)
    ids = d.nested(("v001", 80), (None, (8, 20)))
    cl = ids["v001"]
    n = d.n
    stratum_of_cluster = np.concatenate([np.repeat(np.arange(1, 20), 3), d.rng.integers(1, 20, size=80 - 57)])
    d.rng.shuffle(stratum_of_cluster)
    stratum = stratum_of_cluster[cl - 1]
    d.put("v021", cl, "int")
    d.put("v022", stratum, "byte")
    d.put("wgt", d.group_constant(cl, np.round(np.exp(d.normal(0, 0.45)), 6)), "double")
    area = np.where(stratum % 2 == 1, 1, 2)
    division = (stratum - 1) // 19 * 0 + ((stratum - 1) * 8) // 19 + 1
    wealth = np.clip(np.round(d.group_constant(cl, d.normal(3, 1)) + d.normal(0, 0.9) - 0.4 * (area - 1)), 1, 5)
    medu = np.clip(np.round(0.4 * wealth + d.normal(0.6, 0.8)), 0, 3)
    hedu = np.clip(np.round(0.4 * wealth + d.normal(0.5, 0.9)), 0, 3)
    cage = d.categorical([0.2, 0.2, 0.2, 0.2, 0.2], [1, 2, 3, 4, 5])
    eta = -0.3 + 0.25 * (cage - 1) - 0.25 * (wealth - 3) - 0.15 * medu + d.effect(cl, 0.5) - 0.6
    d.put("stunted", d.bernoulli_logit(eta), "byte")
    d.put("area1", area, "byte")
    d.put("division1", division, "byte")
    d.put("melevel", medu, "byte")
    d.put("helevel", hedu, "byte")
    d.put("mwork", d.binary(0.35), "byte")
    d.put("hhocu", d.categorical([0.3, 0.3, 0.25, 0.15], [1, 2, 3, 4]), "byte")
    d.put("anc", d.categorical([0.2, 0.45, 0.35], [0, 1, 2]), "byte")
    d.put("wind", wealth, "byte")
    d.put("media", d.bernoulli_logit(-1 + 0.5 * (wealth - 3)), "byte")
    d.put("csection", d.bernoulli_logit(-1.5 + 0.5 * (wealth - 3)), "byte")
    d.put("cage1", cage, "byte")
    d.put("Place_delivery", d.categorical([0.5, 0.5], [1, 2]), "byte")
    d.put("birthord", d.categorical([0.35, 0.3, 0.2, 0.15], [1, 2, 3, 4]), "byte")
    return d.dataset()
