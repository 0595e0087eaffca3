"""Look-alike of a cluster-randomised fisheries and nutrition trial's household file (baseline
and endline merged, one row per respondent ``resp``): ``district`` (1-6) and ``village`` (the
randomised cluster), ``arm`` 1-4, survey months, household fish consumed (``totalfishhhm``,
``totalfishhhm_el``, zeros included), an asset index ``pca5``, household and respondent
characteristics and the binary diet outcomes at baseline (``_BL``) and endline (``_EL``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=11942)
    ids = d.nested(("village", 36), (None, (12, 20)))
    village = ids["village"]
    n = d.n
    d.columns.pop("village"); d.types.pop("village")
    district = d.group_constant(village, (village - 1) % 6 + 1)
    arm = d.group_constant(village, d.uniform_int(1, 4))
    d.put("resp", np.arange(1, n + 1), "int")
    d.put("district", district, "byte", value_labels={1: "D1", 2: "D2", 3: "D3", 4: "D4", 5: "D5", 6: "D6"})
    d.put("village", village, "int")
    d.put("arm", arm, "byte")
    d.put("month_BL", d.group_constant(village, d.uniform_int(3, 5)), "byte")
    d.put("month_EL", d.group_constant(village, d.uniform_int(6, 8)), "byte")
    pca5 = np.round(d.normal(0, 1.3), 4)
    u = d.effect(village, 0.4)
    base = np.exp(0.8 + 0.2 * pca5 + u + d.normal(0, 0.9))
    base[d.binary(0.12) == 1] = 0
    end = np.exp(0.9 + 0.1 * (arm == 1) + 0.15 * pca5 + 0.4 * u + 0.3 * np.log(base + 1) + d.normal(0, 0.9))
    end[d.binary(0.1) == 1] = 0
    d.put("totalfishhhm", np.round(base, 3), "float")
    d.put("totalfishhhm_el", np.round(end, 3), "float")
    d.put("sizeofHH", np.clip(np.round(d.normal(6, 2)), 1, 15), "byte")
    d.put("othersavings", d.binary(0.2), "byte")
    d.put("pca5", pca5, "float")
    d.put("HHfoodinsecurity", d.binary(0.35), "byte")
    d.put("HHhead_ed", d.categorical([0.3, 0.35, 0.25, 0.1]), "byte")
    d.put("moneyearned_twoweeksUSD", np.round(np.exp(d.normal(3, 1)), 1), "float")
    d.put("HHincomeclassify", d.categorical([0.4, 0.4, 0.2]), "byte")
    d.put("nutgroup", d.binary(0.15), "byte")
    d.put("anyVSLA", d.binary(0.25), "byte")
    d.put("agcoop", d.binary(0.2), "byte")
    d.put("othergrp", d.binary(0.3), "byte")
    d.put("daysoffishweek_BL", d.uniform_int(0, 7), "byte")
    d.put("anyfish", d.bernoulli_logit(0.8 + u), "byte")
    d.put("seafood_MDD_BL", d.bernoulli_logit(-0.2 + u), "byte")
    d.put("fish_c_BL", d.bernoulli_logit(-0.6 + u), "byte")
    d.put("mddw_BL", d.bernoulli_logit(-0.9), "byte")
    d.put("firstfish", d.bernoulli_logit(0.1), "byte")
    d.put("respage", np.clip(np.round(d.normal(29, 6)), 16, 49), "byte")
    d.put("childU5", d.uniform_int(1, 3), "byte")
    d.put("seafood_MDD", d.bernoulli_logit(0.1 + 0.3 * (arm == 1) + u), "byte")
    d.put("mddw_EL", d.bernoulli_logit(-0.7 + 0.1 * (d.columns["month_EL"] - 7)), "byte")
    d.put("fish_c_EL", d.bernoulli_logit(-0.3 + u), "byte")
    d.put("anyfish_EL", d.bernoulli_logit(1.0 + 0.3 * pca5 + u), "byte")
    d.put("fish_CF", d.binary(0.55), "byte")
    d.put("daysoffishweek", d.uniform_int(0, 7), "byte")
    d.put("g_household_cookinghh_fresh_fish", d.categorical([0.6, 0.35, 0.05], [1, 2, 98]), "byte")
    for k in range(1, 8):
        d.put(f"namefreshfish{k}", d.binary(0.3), "byte")
    return d.dataset()
