"""Shared design of the sepsis balanced-fluid cohort look-alikes (``make_sepsis_fluid_*``): one
row per sepsis hospitalisation in a multi-hospital quality collaborative (``hosp``), the fluid
volumes in the first 6 and 48 hours (``other6``, ``other48``, mL), whether most of it was a
balanced crystalloid (``balancemeasure6/48``) and the balanced share in 20% and 25% bands
(``balance_48_cat`` 1-5, ``balance_48_cat_25`` 1-4), the model covariates (age, sex, BMI,
comorbidities, predicted mortality, worst creatinine, lactate, PaO2/FiO2, banded temperature,
heart and respiratory rate, ventilation, altered mental status) and the outcomes (30-day and
in-hospital death, length of stay in days, renal replacement therapy).  ``shock`` makes the
septic-shock subgroup: higher lactate and mortality, all on vasopressors."""
import numpy as np


def cohort(seed: int, n_hosp: int, size: tuple[int, int], shock: bool = False):
    from lookalike import LookAlike

    d = LookAlike(seed=seed)
    ids = d.nested(("hosp", n_hosp), (None, size))
    hosp = ids["hosp"]
    n = d.n
    age = np.clip(np.round(d.normal(66, 15)), 18, 100)
    male = d.binary(0.52)
    bmi = np.round(np.clip(d.rng.lognormal(np.log(28), 0.25, n), 14, 70), 1)
    kidney = d.binary(0.25)
    liver = d.binary(0.05)
    chf = d.binary(0.2)
    metastatic = d.binary(0.08)
    creat = np.round(np.clip(d.rng.lognormal(np.log(1.3 + 0.8 * kidney), 0.5, n), 0.3, 12), 2)
    lactate = np.round(np.clip(d.rng.lognormal(np.log(3.5 if shock else 2.0), 0.55, n), 0.4, 20), 1)
    ratio = np.round(np.clip(d.normal(280, 110), 40, 600))
    temp = d.categorical([0.2, 0.55, 0.25])
    hr = d.categorical([0.15, 0.45, 0.4])
    rr = d.categorical([0.4, 0.4, 0.2])
    vent = d.binary(0.25 if shock else 0.12)
    ams = d.binary(0.3)
    hosp_balanced = d.effect(hosp, 1.2)
    share = 1 / (1 + np.exp(-(hosp_balanced + d.normal(0, 1.0))))
    risk = (-1.9 + 0.035 * (age - 66) + 0.25 * np.log(lactate) + 0.5 * metastatic + 0.4 * liver
            + 0.4 * vent + 0.3 * ams + 0.2 * (ratio < 150) + (0.8 if shock else 0.0))
    predicted = 1 / (1 + np.exp(-(risk + d.normal(0, 0.4))))
    died30 = d.bernoulli_logit(risk - 0.15 * (share > 0.5) + d.effect(hosp, 0.3))
    died_hosp = np.where(died30 == 1, d.binary(0.8), d.binary(0.02))
    d.put("other6", np.round(np.clip(d.rng.gamma(4, 650, n), 0, 12000)), "double")
    d.put("other48", np.round(np.clip(d.rng.gamma(5, 900, n), 0, 20000)), "double")
    d.put("balancemeasure6", (share + d.normal(0, 0.1) > 0.5).astype(int), "double")
    d.put("balancemeasure48", (share > 0.5).astype(int), "double")
    d.put("balance_48_cat", np.clip(np.floor(share * 5) + 1, 1, 5), "double")
    d.put("balance_48_cat_25", np.clip(np.floor(share * 4) + 1, 1, 4), "double")
    d.put("age", age, "double")
    d.put("male", male, "double")
    d.put("BMI_calculated", bmi, "double")
    d.put("postacutecare", d.binary(0.15), "double")
    d.put("priorhosp", d.binary(0.3), "double")
    d.put("KidneyDisease", kidney, "double")
    d.put("SevereLiverDisease", liver, "double")
    d.put("CHF", chf, "double")
    d.put("Metastatic", metastatic, "double")
    d.put("mortality_predicted", np.round(predicted, 4), "double")
    d.put("creatinine_high", creat, "double")
    d.put("lactatemax_draw", lactate, "double")
    d.put("ratio_min", ratio, "double")
    d.put("max_temp", temp, "double")
    d.put("max_HR", hr, "double")
    d.put("max_RR", rr, "double")
    d.put("mechvent_6hr", vent, "double")
    d.put("alter_mental_status", ams, "double")
    d.put("mortality_30day", died30, "double")
    d.put("mortality_hosp", died_hosp, "double")
    d.put("length_stay", np.maximum(1, d.poisson(np.log(6.5) + 0.4 * vent + 0.2 * kidney + d.effect(hosp, 0.15))), "double")
    d.put("EverRRT", d.bernoulli_logit(-3.3 + 1.2 * kidney + 0.5 * (creat > 2.5)), "double")
    return d.dataset("sepsis balanced-fluid cohort look-alike")
