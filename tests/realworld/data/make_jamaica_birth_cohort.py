"""Look-alike of a Jamaican birth-cohort follow-up file (perinatal records of 1986 births
merged with a survey at 18-20 years): kidney function (``gfr_ckd_epi``, albumin ``alb_v``),
birth size (``g6a`` grams, ``bwt_std``, ``blength``, ``gestage_new``, ``ponderal_index``),
the place and hospital of birth (``place_birth``, ``parish_birth``, ``parish_cat4``,
``hosptype``, ``hospital_type``, ``hospital_type_new``) and adult and maternal covariates."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3411)
    d.rows(880)
    n = d.n
    place = d.uniform_int(1, 22)
    parish = (place - 1) % 14 + 1
    parish4 = (parish - 1) % 4 + 1
    hosp5 = (place - 1) % 5 + 1
    singleton = d.binary(0.95)
    sex = d.binary(0.52)
    gest = np.clip(np.round(d.normal(39, 1.8)), 30, 43)
    g6a = np.round(3100 + 120 * (gest - 39) - 110 * sex + d.normal(0, 420))
    blength = np.round(49 + 0.9 * (gest - 39) + d.normal(0, 2.2), 1)
    age = np.round(d.normal(19, 0.6), 1)
    bmi = np.round(d.normal(23, 4.2), 1)
    edu = d.categorical([0.3, 0.5, 0.2])
    occ = d.categorical([0.4, 0.35, 0.25])
    gfr = np.round(118 + 0.004 * (g6a - 3100) - 6 * sex + 2 * (edu - 2) + d.effect(place, 4) + d.normal(0, 14), 2)
    alb = np.round(np.exp(1.6 + 0.2 * sex + d.effect(place, 0.15) + d.normal(0, 0.8)), 1)
    d.put("gfr_ckd_epi", d.with_missing(gfr, 0.12), "float", "eGFR CKD-EPI")
    d.put("alb_v", d.with_missing(alb, 0.1), "float")
    d.put("q112hae1", np.round(d.normal(13.8, 1.4), 1), "float")
    d.put("singleton", singleton, "byte")
    d.put("hosptype", d.categorical([0.7, 0.2, 0.1]), "byte")
    d.put("hospital_type", hosp5, "byte")
    d.put("hospital_type_new", (hosp5 - 1) % 4 + 1, "byte")
    d.put("place_birth", place, "byte")
    d.put("parish_birth", parish, "byte")
    d.put("parish_cat4", parish4, "byte")
    d.put("g6a", g6a, "int", "birth weight (g)")
    d.put("bwt_std", np.round((g6a - 3100) / 450, 3), "float")
    d.put("blength", blength, "float")
    d.put("gestage_new", gest, "byte")
    d.put("ponderal_index", np.round(g6a / (blength ** 3) * 100, 3), "float")
    d.put("sex_new", sex, "byte", value_labels={0: "female", 1: "male"})
    d.put("q112age", age, "float")
    d.put("bmi", bmi, "float")
    d.put("own_education", edu, "byte")
    d.put("own_occup_cat2", occ, "byte")
    d.put("ageatbrth", np.round(d.normal(25, 5.5)), "byte")
    d.put("edcat3", d.categorical([0.35, 0.45, 0.2]), "byte")
    d.put("occ_cat_mom1a", d.categorical([0.5, 0.3, 0.2]), "byte")
    d.put("htn_preg", d.binary(0.12), "byte")
    d.put("smoker", d.binary(0.15), "byte")
    d.put("mn23sbp2", np.round(d.normal(116, 11)), "int")
    d.put("mn23dbp2", np.round(d.normal(68, 8)), "int")
    d.put("q115chol", np.round(d.normal(4.2, 0.8), 2), "float")
    d.put("q116fat", np.round(d.normal(1.0, 0.4), 2), "float")
    d.put("fastglu", np.round(d.normal(4.8, 0.5), 2), "float")
    d.put("q47smok1", d.binary(0.18), "byte")
    d.put("ckd_miss", np.isnan(d.columns["gfr_ckd_epi"]).astype(np.int8), "byte")
    return d.dataset()
