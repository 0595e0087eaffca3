"""Look-alike of ``op_tpp_linked.dta``: people after COVID-19 (``patient_id``) answering the
EQ-5D-5L survey at up to four monthly responses (``survey_response`` 1-4): the five dimensions
(1 no problems ... 5 extreme), the utility score and the disutility (1 - utility), long COVID,
sex, ethnicity, age band, vaccination, comorbidity count, deprivation quintile and a baseline
disability flag."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3330)
    ids, resp = d.panel("patient_id", 450, [1, 2, 3, 4], "survey_response", dropout=0.3)
    n = d.n
    long_covid = d.group_constant(ids, d.binary(0.35))
    male = d.group_constant(ids, d.binary(0.42))
    age_band = d.group_constant(ids, d.categorical([0.15, 0.2, 0.25, 0.25, 0.15]))
    eth = d.group_constant(ids, d.categorical([0.8, 0.07, 0.06, 0.04, 0.03]))
    vacc = d.group_constant(ids, d.binary(0.85))
    comorb = d.group_constant(ids, d.categorical([0.55, 0.3, 0.15], [0, 1, 2]))
    imd = d.group_constant(ids, d.categorical([0.2] * 5))
    disab = d.group_constant(ids, d.binary(0.12))
    u = d.effect(ids, 0.9)
    severity = -0.6 + 0.9 * long_covid + 0.15 * (age_band - 3) + 0.3 * comorb + 0.6 * disab - 0.1 * (resp - 1) + u
    dims = {}
    for k, name in enumerate(("mobility", "selfcare", "activity", "pain", "anxiety")):
        dims[name] = d.ordinal(severity + (0.4 if name in ("pain", "anxiety") else -0.3), [0.2, 1.6, 2.8, 4.0])
    problems = sum((v - 1) for v in dims.values())
    disutility = np.where(problems == 0, 0.0, np.round(0.04 * problems + np.abs(d.normal(0, 0.03)) + 0.01, 3))
    disutility[d.rng.random(n) < 0.03] = np.nan
    d.put("long_covid", long_covid, "byte", value_labels={0: "recovered", 1: "long covid"})
    d.put("male", male, "byte")
    d.put("base_ethnicity", eth, "byte", value_labels={1: "e1", 2: "e2", 3: "e3", 4: "e4", 5: "e5"})
    d.put("age_bands", age_band, "byte", value_labels={1: "18-29", 2: "30-39", 3: "40-49", 4: "50-59", 5: "60+"})
    d.put("vaccinated", vacc, "byte")
    d.put("comorbid_count", comorb, "byte")
    d.put("imd_q5", imd, "byte")
    d.put("base_disability", disab, "byte")
    for name, v in dims.items():
        d.put(name, v, "byte")
    d.put("disutility", disutility, "float", "EQ-5D disutility")
    d.put("utility", 1 - disutility, "float", "EQ-5D utility")
    return d.dataset()
