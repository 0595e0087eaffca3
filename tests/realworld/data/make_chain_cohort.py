"""Look-alike of a multi-site cohort of children admitted to hospital (``CHAIN_cohort.dta``):
``record_id`` 1..1800 in nine hospital ``site``s (labelled, five African, four South Asian:
``africa``), population density of home ``pop_density`` (people per km2) with ``urban``, the
rural indicators the analysis file builds and saved (``rural_popdensity``, ``wb_rural_urban``),
admission characteristics (age ``agemons`` and its group, ``sex``, shock, pneumonia,
diarrhoea, malaria test, consciousness, glucose group, anthropometric class ``abc`` 1-3,
``wlz_adm``/``wlz_disch``, stunting, HIV, birth size, chronic illness, breast feeding),
carer and household (mother as carer, ``mom_sick``, education, work, asset quintiles, food
insecurity, toilet, water, ``mental_cat`` 0-4, ``has_livestock_hwa``, ``pcarer_pincome``),
distances and travel (``study_hosp_dist``, ``nearest_hosp_dist`` km, its log, cost, time
0-4), and daily dates of admission, discharge, last contact and end of 30-day follow-up
with ``adm_dead`` (died in hospital), ``dead`` (died in follow-up) and ``wltfu_type`` (0-3,
withdrawn or lost).  Site effects make rural residence and death cluster by site."""
import numpy as np

from chain_cohort_design import N_CHILDREN, SEED
from lookalike import LookAlike

SITES = {1: "Site A", 2: "Site B", 3: "Site C", 4: "Site D", 5: "Site E", 6: "Site F",
         7: "Site G", 8: "Site H", 9: "Site I"}
YES_NO = {0: "No", 1: "Yes"}


def make():
    d = LookAlike(seed=SEED)
    d.rows(N_CHILDREN)
    n = N_CHILDREN
    d.put("record_id", np.arange(1, n + 1), "int")
    site = d.categorical([0.14, 0.1, 0.12, 0.11, 0.1, 0.1, 0.11, 0.12, 0.1])
    d.put("site", site, "byte", value_labels=SITES)
    africa = (site <= 5).astype(int)
    d.put("africa", africa, "byte", value_labels=YES_NO)
    site_shift = np.array([0, 0.8, -0.6, 0.3, 1.1, -0.2, -1.0, 0.5, -0.4, 0.9])[site]
    log_dens = 6.5 - 0.9 * site_shift + d.normal(0, 1.3) + 0.8 * (1 - africa)
    dens = np.round(np.exp(np.clip(log_dens, 1, 12)))
    d.put("pop_density", dens, "long")
    d.put("urban", (dens > 1500).astype(int), "byte", value_labels=YES_NO)
    d.put("has_livestock_hwa", d.binary(0.2 + 0.2 * (dens < 800)), "byte")
    d.put("pcarer_pincome", d.binary(0.25), "byte")
    rural = np.where(africa == 1, dens < 500, dens < 1500).astype(int)
    d.put("rural_popdensity", rural, "float")
    wb = np.where(dens > 1500, 0, np.where(dens >= 300, 1, 2))
    d.put("wb_rural_urban", wb, "byte")
    age = np.round(np.clip(d.rng.gamma(2.2, 7.5, n), 1, 23.9), 1)
    d.put("agemons", age, "float")
    d.put("age_group_adm", np.where(age > 11, 0, np.where(age >= 6, 1, 2)), "byte")
    d.put("sex", d.binary(0.45), "byte", value_labels={0: "Male", 1: "Female"})
    for name, p in (("shock", 0.08), ("sev_pneum_adm", 0.3), ("diarrhoea", 0.35),
                    ("malaria_rdt_adm", 0.12), ("iconsciousness", 0.07), ("stunt_adm", 0.35),
                    ("hiv", 0.05), ("chronic_adm", 0.1), ("pri_carer_mom", 0.9),
                    ("food_insecurity", 0.3), ("water_unavail", 0.2)):
        d.put(name, d.binary(p), "byte", value_labels=YES_NO, label_name="yesno")
    d.put("bldglucose_group_adm", d.categorical([0.1, 0.8, 0.1], [0, 1, 2]), "byte")
    d.put("abc", d.categorical([0.33, 0.33, 0.34], [1, 2, 3]), "byte")
    wlz = np.round(d.normal(-1.6, 1.6), 2)
    d.put("wlz_adm", d.with_missing(wlz, 0.05), "float")
    d.put("wlz_disch", np.round(wlz + d.normal(0.2, 0.3), 2), "float")
    d.put("birth_size", d.categorical([0.2, 0.6, 0.2], [1, 2, 3]), "byte")
    d.put("breast_feeding_adm", d.categorical([0.2, 0.5, 0.3], [0, 1, 2]), "byte")
    d.put("mom_sick", d.binary(0.8), "byte")
    d.put("educ_level", d.categorical([0.2, 0.4, 0.3, 0.1], [0, 1, 2, 3]), "byte")
    d.put("worktype", d.categorical([0.3, 0.3, 0.4], [1, 2, 3]), "byte")
    d.put("assets_quintiles", d.categorical([0.2] * 5, [1, 2, 3, 4, 5]), "byte")
    d.put("h_toilet", d.categorical([0.3, 0.5, 0.2], [0, 1, 2]), "byte")
    d.put("mental_cat", d.categorical([0.4, 0.25, 0.15, 0.12, 0.08], [0, 1, 2, 3, 4]), "byte")
    dist = np.round(np.clip(d.rng.gamma(1.5, 6, n), 0.1, 119), 1)
    d.put("study_hosp_dist", dist, "float")
    d.put("nearest_hosp_dist", np.round(np.clip(dist * d.rng.uniform(0.2, 1, n), 0.1, 119), 1), "float")
    d.put("logdistance_studyhosp", np.log(dist), "float")
    d.put("travelcost", d.categorical([0.3, 0.4, 0.3], [0, 1, 2]), "byte")
    d.put("travel_time", d.categorical([0.3, 0.35, 0.2, 0.1, 0.05], [0, 1, 2, 3, 4]), "byte")
    adm = 21550 + d.uniform_int(0, 900)
    d.put("date_adm", adm, "float")
    risk = -3.2 + 0.5 * (d.columns["abc"] == 3) + 0.8 * d.columns["shock"] + 0.3 * site_shift
    adm_dead = d.bernoulli_logit(risk)
    d.put("adm_dead", adm_dead, "byte", value_labels=YES_NO, label_name="yesno")
    los = d.uniform_int(1, 20)
    disch = np.where(adm_dead == 1, np.nan, adm + los)
    d.put("date_disch", disch, "float")
    post = d.bernoulli_logit(risk - 0.6)
    wltfu = np.where(adm_dead == 1, 0, d.categorical([0.9, 0.03, 0.04, 0.03], [0, 1, 2, 3]))
    d.put("wltfu_type", wltfu, "byte")
    last = np.where(adm_dead == 1, adm + los, adm + los + np.where(post == 1, d.uniform_int(1, 180), 180))
    d.put("date_last", last, "float")
    dead = np.maximum(adm_dead, post)
    d.put("dead", dead, "byte")
    end = np.minimum(np.where(dead == 1, last, adm + 60), adm + 60)
    end = np.where(adm_dead == 1, adm + np.minimum(los, d.uniform_int(0, 20)), end)
    d.put("end_date", end, "float")
    return d.dataset()
