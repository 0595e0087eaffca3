"""Look-alike of a health-services analysis file of Medicare valve surgery
(``numerical_data_valve.csv``, read as ``data_file.csv``): 120 hospitals
``cms_org_npi_num_medpar`` with 12-40 patients each; TEE use ``cms_cpt_tee`` (0/1) with a
hospital effect; the surgeon id ``cms_prf_physn_npi_srg`` (4% missing); hospital and surgeon
TEE rates, counts and annual counts; the shares of TEEs billed by anesthesiologists and
cardiologists (constant within hospital); patient age, sex, race, admission day, valve
procedures, admission type, comorbidities and year as 0/1 indicators; one 0/1 indicator per
state (``state_al`` ... ``state_wy``, ``state_dc``), one of them 1 per hospital; hospital-survey
(AHA) beds, census, staff and affiliation; county (AHRF) physician supplies; the distance to
the hospital."""
import numpy as np

from lookalike import LookAlike

STATES = ["al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
          "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
          "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
          "vt", "va", "wa", "wv", "wi", "wy"]
BINARY = {"cms_race_str_black": 0.07, "cms_race_str_asian": 0.02, "cms_race_str_northamericannative": 0.005,
          "cms_race_str_other": 0.01, "cms_race_str_unknown": 0.01, "cms_race_str_hispanic": 0.02,
          "cms_aortic_repair": 0.03, "cms_aortic_replace": 0.55, "cms_mitral_repair": 0.15,
          "cms_mitral_replace": 0.12, "cms_pulmonic_repair": 0.005, "cms_pulmonic_replace": 0.005,
          "cms_tricuspid_repair": 0.08, "cms_tricuspid_replace": 0.01, "cms_valve_plus_cabg": 0.3,
          "cms_hv_repair_unspecified": 0.02, "cms_hv_replace_unspecified": 0.02,
          "cms_arrhythmia_6_preexist": 0.45, "cms_chf_6_preexist": 0.4, "cms_cpd_6_preexist": 0.25,
          "cms_diabetes_all_6_preexist": 0.3, "cms_htn_all_6_preexist": 0.8, "cms_liver_6_preexist": 0.03,
          "cms_neuro_6_preexist": 0.05, "cms_obesity_6_preexist": 0.15, "cms_pulm_circ_6_preexist": 0.1,
          "cms_pvd_6_preexist": 0.2, "cms_renal_6_preexist": 0.25}


def make():
    d = LookAlike(seed=1955)
    ids = d.nested(("cms_org_npi_num_medpar", 120), (None, (12, 40)))
    h = ids["cms_org_npi_num_medpar"]
    nh = 120
    hosp = lambda v: np.asarray(v)[h - 1]
    surgeon = h * 10 + d.uniform_int(1, 3)
    d.put("cms_prf_physn_npi_srg", d.with_missing(1000000000 + surgeon, 0.04), "double")
    anes = np.clip(d.rng.beta(3, 2, nh), 0, 1)
    card = np.clip((1 - anes) * d.rng.beta(2, 3, nh), 0, 1)
    d.put("anesthesiologist_tee_ratio", np.round(hosp(anes), 6), "float")
    d.put("cardiologist_tee_ratio", np.round(hosp(card), 6), "float")
    u = d.rng.normal(0, 1.0, nh)
    age = np.clip(np.round(d.normal(75, 6)), 65, 99)
    d.put("cms_age_cnt", age, "int")
    d.put("cms_sex_medpar", d.binary(0.42), "byte")
    white = d.binary(0.85)
    d.put("cms_race_str_white", white, "byte")
    for name, p in BINARY.items():
        d.put(name, d.binary(p), "byte")
    day = d.categorical([0.02, 0.3, 0.2, 0.18, 0.15, 0.13, 0.02])
    for k in range(1, 8):
        d.put(f"cms_admsnday_{k}", (day == k).astype(int), "byte")
    d.put("cms_valve", d.binary(0.9), "byte")
    adm = d.categorical([0.6, 0.25, 0.15])
    for k, name in enumerate(["elective", "emergency", "urgent"], 1):
        d.put(f"cms_admit_type_{name}", (adm == k).astype(int), "byte")
    yr = d.categorical([0.33, 0.33, 0.34])
    for k, y in enumerate([2013, 2014, 2015], 1):
        d.put(f"cms_yr_{y}", (yr == k).astype(int), "byte")
    count = d.rng.integers(30, 600, nh)
    d.put("cms_org_npi_count", hosp(count), "int")
    d.put("cms_org_npi_annual_count", np.round(hosp(count) / 3, 2), "float")
    scount = d.rng.integers(5, 300, d.n)
    d.put("cms_prf_physn_npi_srg_count", d.group_constant(surgeon, scount), "int")
    d.put("cms_prf_physn_npi_srg_annual_cou", np.round(d.group_constant(surgeon, scount) / 3, 2), "float")
    eta = 0.9 + hosp(u) + 0.4 * hosp(anes) - 0.5 * hosp(card) - 0.01 * (age - 75) + d.normal(0, 0.3)
    tee = d.bernoulli_logit(eta)
    d.put("cms_cpt_tee", tee, "byte")
    rate = 1 / (1 + np.exp(-(0.9 + u)))
    d.put("cms_org_npi_tee_rate", np.round(hosp(rate), 6), "float")
    srate = np.clip(hosp(rate) + d.group_constant(surgeon, d.normal(0, 0.08)), 0, 1)
    d.put("cms_prf_physn_npi_srg_tee_rate", np.round(srate, 6), "float")
    state = d.rng.integers(0, len(STATES), nh)
    for k, s in enumerate(STATES):
        d.put(f"state_{s}", hosp((state == k).astype(int)), "byte")
    beds = d.rng.integers(150, 1200, nh)
    d.put("aha_hospbd", hosp(beds), "int")
    d.put("aha_adc", hosp(np.round(beds * d.rng.uniform(0.6, 0.85, nh))), "int")
    for name, scale in [("aha_ftmdtf", 0.3), ("aha_ftres", 0.4), ("aha_fttran84", 0.05), ("aha_ftlpntf", 0.1),
                        ("aha_ftast", 0.5), ("aha_suropip", 12.0)]:
        d.put(name, hosp(np.round(beds * scale * d.rng.uniform(0.3, 1.7, nh))), "long")
    for name, p in [("aha_mapp1_jc_accred", 0.95), ("aha_mapp3_acgme", 0.5), ("aha_mapp5_med_sch", 0.6)]:
        d.put(name, hosp((d.rng.random(nh) < p).astype(int)), "byte")
    for name, scale in [("ahrf_anes_attd_total_2015", 150), ("ahrf_surg_total_2015", 200),
                        ("ahrf_thoracic_surgery_2015", 12), ("ahrf_anes_crna_npi_2015", 180)]:
        d.put(name, hosp(np.round(d.rng.gamma(1.5, scale / 1.5, nh))), "int")
    d.put("linear_distance_miles", np.round(d.rng.gamma(1.2, 25, d.n), 3), "float")
    return d.dataset()
