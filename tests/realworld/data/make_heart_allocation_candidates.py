"""Look-alike of a heart-transplant candidate file (``final_sample.csv``) after the authors'
recoding file (not shipped), whose ``*_factor`` variables the analysis uses: 60 transplant
centres ``ctr_cd`` in 25 organ procurement organisations ``served_opo_cd`` (str4) with the
number of centres in each ``ctr_ct_in_opo``, candidates listed before or after a policy change
``policy_factor`` (1/2), their high-priority listing ``high_status`` (0/1; more likely after the
change, by a centre-specific amount: the random policy slope), pre-change status 1A
``status_1a`` and ``transplanted`` ("N"/"Y", as import delimited reads them), centred age and
coded candidate factors (weight, height, race, smoking, work, education, BMI, blood type,
diagnosis, eGFR, diabetes, functional status, cardiac index, PCWP, payer)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("ctr_cd", 60), (None, (12, 40)))
    ctr = ids["ctr_cd"]
    opo_of_ctr = d.rng.integers(1, 26, size=61)
    opo = opo_of_ctr[ctr]
    d.put("served_opo_cd", np.array([f"OP{k:02d}" for k in opo], dtype=object), "str4")
    n_in_opo = np.bincount(opo_of_ctr[1:], minlength=26)
    d.put("ctr_ct_in_opo", n_in_opo[opo], "byte")
    policy = d.binary(0.45) + 1
    d.put("policy_factor", policy, "byte")
    d.put("centered_age", np.round(d.normal(0, 12), 2), "float")
    levels = {"WGT_factor": 3, "HGT_factor": 3, "race_factor": 5, "smoking_factor": 2, "work_factor": 2,
              "edu_factor": 3, "BMI_factor": 3, "blood_type_factor": 4, "diag_factor": 4, "egfr_factor": 3,
              "diab_factor": 2, "fs_factor": 3, "ci_factor": 2, "pcwp_factor": 2, "payor_factor": 4}
    eta = -1.2 + d.effect(ctr, 0.5) + (policy - 1) * (0.8 + d.effect(ctr, 0.6))
    for name, k in levels.items():
        v = d.categorical([1.0] * k)
        d.put(name, v, "byte")
        eta = eta + 0.1 * (v == k)
    d.put("high_status", d.bernoulli_logit(eta), "byte")
    s1a = d.binary(0.3 + 0.2 * (policy == 1))
    d.put("status_1a", np.where(s1a == 1, "Y", "N").astype(object), "str1")
    tx = d.binary(0.55 + 0.15 * s1a)
    d.put("transplanted", np.where(tx == 1, "Y", "N").astype(object), "str1")
    return d.dataset()
