"""Look-alike of the hospice-use analysis file (Medicare decedents in hospices (``pos1``)
within regions (``region1``)): binary hospital admission, patient indicators, hospice
ownership/size dummies, regional covariates."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=577)
    ids = d.nested(("region1", 9), ("pos1", (8, 16)), (None, (8, 30)))
    d.put("female", d.binary(0.6), "byte")
    age = d.categorical([0.25, 0.25, 0.25, 0.25])
    for k, name in enumerate(["age_70_74", "age_75_79", "age_80_84", "age_gt84"], 1):
        d.put(name, (age == k).astype(int), "byte")
    d.put("re_white", d.binary(0.85), "byte")
    d.put("cancer", d.binary(0.4), "byte")
    cc = d.categorical([0.4, 0.35, 0.25])
    d.put("cc_grp_ind2", (cc == 2).astype(int), "byte")
    d.put("cc_grp_ind3", (cc == 3).astype(int), "byte")
    h = ids["pos1"]
    d.put("ownership_ind2", d.group_constant(h, d.binary(0.5)), "byte")
    size = d.group_constant(h, d.categorical([0.25, 0.25, 0.25, 0.25]))
    for k in (2, 3, 4):
        d.put(f"sizecat_ind{k}", (size == k).astype(int), "byte")
    d.put("smd_on_call", d.group_constant(h, d.binary(0.7)).astype(float), "byte")
    r = ids["region1"]
    d.put("urban_cd", d.group_constant(r, d.binary(0.6)), "byte")
    d.put("hospital_beds_per_res", np.round(d.group_constant(r, d.rng.uniform(2, 4, d.n)), 2), "float")
    d.put("per_cap_inc_2009", np.round(d.group_constant(r, d.rng.uniform(30, 50, d.n)), 1), "float")
    eta = -1.8 + 0.3 * d.columns["cancer"] - 0.2 * d.columns["smd_on_call"] + d.effect(h, 0.5) + d.effect(r, 0.2)
    d.put("hosp_adm_ind", d.bernoulli_logit(eta), "byte")
    return d.dataset()
