"""Look-alike of a kidney-transplant cohort's baseline file with gut-microbiome
beta-glucuronidase gene-family totals: one row per participant (``participant``, 34 of the
36 who sent diarrhoea reports, see make_mosio_diarrhoea_reports.py), copies per million of
``total_per_sid_ec4``, ``total_glucosidase``, ``total_galactosidase`` (a few missing),
``total_glucuronidase`` and ``total_metacyc``, demographics as text (``gender``,
``race_report``, ``donor_type_report``) and codes (``sex``, ``donor_type``), age, height,
weight and BMI, smoking and diabetes before transplant, creatinine on days 5 and 7 (dates as
text), a REDCap completeness flag and whether the participant ever had grade-2 diarrhoea
(``everctcae2``, 0 or 2)."""
import numpy as np

from lookalike import LookAlike
from make_mosio_diarrhoea_reports import make as reports


def make():
    people = np.unique(reports().df["Participant"].to_numpy()).astype(int)
    d = LookAlike(seed=14002)
    keep = np.sort(d.rng.choice(people, size=34, replace=False))
    d.rows(len(keep))
    d.put("participant", keep, "int")
    d.put("record_id", keep, "int")
    lognormal = lambda mu, sd: np.round(np.exp(d.normal(mu, sd)), 2)
    d.put("total_per_sid_ec4", lognormal(5.0, 0.6), "float")
    d.put("total_glucosidase", lognormal(6.0, 0.5), "float")
    gal = lognormal(4.5, 0.7)
    gal[d.rng.choice(d.n, size=2, replace=False)] = np.nan
    d.put("total_galactosidase", gal, "float")
    d.put("total_glucuronidase", lognormal(4.0, 0.6), "float")
    d.put("total_metacyc", lognormal(5.5, 0.6), "float")
    male = d.binary(0.6)
    d.put("sex", male + 1, "byte")
    d.put("gender", np.where(male == 1, "Male", "Female").astype(object), "str6")
    race = d.categorical([0.7, 0.15, 0.1, 0.05], ["White", "Black", "Asian", "Other"])
    d.put("race_report", np.asarray(race, dtype=object), "str5")
    donor = d.binary(0.55)
    d.put("donor_type", donor, "byte")
    d.put("donor_type_report", np.where(donor == 1, "Living", "Deceased").astype(object), "str8")
    d.put("age_manual", np.round(d.normal(52, 12)), "byte")
    d.put("b1_demographics_complete", np.full(d.n, 2), "byte")
    height = np.round(d.normal(172, 9), 1)
    weight = np.round(d.normal(84, 16), 1)
    d.put("height_baseline", height, "float")
    d.put("weight_baseline_kg", weight, "float")
    d.put("bmi_baseline", np.round(weight / (height / 100) ** 2, 1), "float")
    d.put("smoking", d.categorical([0.6, 0.3, 0.1], [0, 1, 2]), "byte")
    d.put("diabetes_pretx", d.binary(0.35), "byte")
    d.put("scr_day5_avail", d.binary(0.9), "byte")
    d.put("scr_day7_avail", d.binary(0.85), "byte")
    d.put("date_creatinine_day5", np.array(["2021-02-%02d" % (1 + i % 27) for i in range(d.n)], dtype=object), "str10")
    d.put("creatinine_day5", np.round(np.exp(d.normal(0.6, 0.4)), 2), "float")
    d.put("date_creatinine_day7", np.array(["2021-02-%02d" % (2 + i % 26) for i in range(d.n)], dtype=object), "str10")
    d.put("creatinine_day7", np.round(np.exp(d.normal(0.5, 0.4)), 2), "float")
    d.put("everctcae2", 2 * d.binary(0.4), "byte")
    return d.dataset()
