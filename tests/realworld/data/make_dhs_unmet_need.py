"""Look-alike of the analysis file of a study of unmet need for family planning and women's
empowerment in a Demographic and Health Survey (Bangladesh-like: eight divisions), as its
model do-file finds it in memory: one row per currently married woman in sampled clusters
``v001`` (= the PSU ``v021``, 120 clusters of 12-25 women) within strata ``v023`` (division by
residence), the normalized women's weight ``wt`` (constant within a cluster, mean about 1), the
outcome ``unmet_need`` (0/1, about one in six, a few missing), the SWPER empowerment domains
``att_cat`` ``aut_cat`` ``dec_cat`` (low/medium/high, 1-3), age group ``age`` 1-3, living
children ``child_cat`` 1-3, working status ``working_stat`` 0/1, wealth quintile
``wealth_index`` 1-5, religion 1-2, household head's sex ``sex_hh`` 1-2, distance to a facility a
problem ``dist_facility`` 0/1, residence ``place_of_res`` 1-2 and division 1-8 (both fixed by the
stratum), and the community shares ``comm_edu`` ``comm_wealth`` ``comm_fp_expo`` (low/high, 1-2,
constant within a cluster).  Unmet need falls with empowerment and wealth, with a cluster
effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13201)
    ids = d.nested(("v001", 120), (None, (12, 25)))
    cl = ids["v001"]
    strat_of_cluster = np.concatenate([np.repeat(np.arange(1, 17), 5), d.rng.integers(1, 17, size=120 - 80)])
    d.rng.shuffle(strat_of_cluster)
    stratum = strat_of_cluster[cl - 1]
    division = (stratum - 1) // 2 + 1
    res = np.where(stratum % 2 == 1, 1, 2)
    d.put("v021", cl, "int")
    d.put("v023", stratum, "byte")
    d.put("wt", d.group_constant(cl, np.round(np.exp(d.normal(0, 0.4)), 6)), "double")
    yn = {0: "no", 1: "yes"}
    lmh = {1: "low", 2: "medium", 3: "high"}
    lh = {1: "low", 2: "high"}
    wealth = np.clip(np.round(d.group_constant(cl, d.normal(3, 1)) + d.normal(0, 0.9) - 0.4 * (res - 1)), 1, 5)
    att = d.categorical([0.3, 0.4, 0.3])
    aut = np.clip(np.round(0.3 * wealth + d.normal(1.2, 0.8)), 1, 3)
    dec = d.categorical([0.25, 0.35, 0.4])
    eta = -1.4 - 0.2 * (att - 2) - 0.15 * (aut - 2) - 0.2 * (dec - 2) - 0.12 * (wealth - 3) + d.effect(cl, 0.45)
    y = d.bernoulli_logit(eta).astype(float)
    y[d.rng.random(d.n) < 0.02] = np.nan
    d.put("unmet_need", y, "byte", value_labels=yn, label_name="yesno")
    d.put("att_cat", att, "byte", value_labels=lmh, label_name="lmh")
    d.put("aut_cat", aut, "byte", value_labels=lmh, label_name="lmh")
    d.put("dec_cat", dec, "byte", value_labels=lmh, label_name="lmh")
    d.put("age", d.categorical([0.3, 0.4, 0.3]), "byte", value_labels={1: "15-24", 2: "25-34", 3: "35-49"})
    d.put("child_cat", d.categorical([0.25, 0.45, 0.3]), "byte", value_labels={1: "0-1", 2: "2-3", 3: "4+"})
    d.put("working_stat", d.binary(0.4), "byte", value_labels=yn, label_name="yesno")
    d.put("wealth_index", wealth, "byte")
    d.put("religion", d.categorical([0.88, 0.12]), "byte", value_labels={1: "majority", 2: "other"})
    d.put("sex_hh", d.categorical([0.85, 0.15]), "byte", value_labels={1: "male", 2: "female"})
    d.put("dist_facility", d.binary(0.45), "byte", value_labels=yn, label_name="yesno")
    d.put("place_of_res", res, "byte", value_labels={1: "urban", 2: "rural"})
    d.put("division", division, "byte")
    for name, p in (("comm_edu", 0.5), ("comm_wealth", 0.5), ("comm_fp_expo", 0.45)):
        d.put(name, d.group_constant(cl, 1 + d.binary(p)), "byte", value_labels=lh, label_name="lowhigh")
    return d.dataset()
