"""Look-alike of ``pandora_clean_mi.dta``, a multicentre cohort of patients admitted with acute
pancreatitis (one row per patient, patients in ``hospital``s): the exposure ``GLP1_use`` (0/1,
about one in eight), outcomes ``mort90``, ``readm90``, ``critical_care_adm_bin``,
``local_complication``, ``severity_bin`` (0/1), length of stay ``los`` (days) and ``crp``
(mg/L), both with missing values, and covariates ``gender``, ``age_cat`` (1-5), ``bmi_cat``
(1-4), ``cci_cat`` (0-2), ``smoking`` (0-2), ``alcohol_cat`` (0-2) -- the last three coded 99
when unknown, as the do-file recodes them -- ``prev_pancreatitis``, ``gallstones_imaging``,
``referral``, organ failures ``resp_failure``, ``cvs_failure``, ``renal_failure`` and
``diabetes`` (0/1, some missing)."""
import numpy as np

from lookalike import LookAlike

YESNO = {0: "No", 1: "Yes"}


def make():
    d = LookAlike(seed=2801)
    ids = d.nested(("hospital", 14), (None, (12, 26)))
    hosp = ids["hospital"]
    u = d.effect(hosp, 0.45)
    glp1 = d.binary(0.12)
    d.put("GLP1_use", glp1, "byte", value_labels=YESNO, label_name="yesno")
    gender = d.binary(0.48)
    d.put("gender", gender, "byte", value_labels={0: "Male", 1: "Female"})
    age = d.categorical([0.15, 0.2, 0.25, 0.25, 0.15])
    d.put("age_cat", age, "byte", value_labels={1: "<40", 2: "40-54", 3: "55-64", 4: "65-74", 5: "75+"})
    bmi = d.categorical([0.05, 0.35, 0.35, 0.25])
    d.put("bmi_cat", np.where(d.binary(0.13) == 1, 99, bmi), "byte",
          value_labels={1: "Underweight", 2: "Normal", 3: "Overweight", 4: "Obese", 99: "Unknown"})
    cci = d.categorical([0.5, 0.3, 0.2], [0, 1, 2])
    d.put("cci_cat", cci, "byte", value_labels={0: "0", 1: "1-2", 2: "3+"})
    for name, share in (("smoking", 0.19), ("alcohol_cat", 0.2)):
        v = d.categorical([0.5, 0.3, 0.2], [0, 1, 2])
        d.put(name, np.where(d.binary(share) == 1, 99, v), "byte",
              value_labels={0: "Never", 1: "Former", 2: "Current", 99: "Unknown"}, label_name=name)
    prev = d.binary(0.2)
    gall = d.binary(0.45)
    for name, v in (("prev_pancreatitis", prev), ("gallstones_imaging", gall)):
        d.put(name, v, "byte", value_labels=YESNO, label_name="yesno")
    risk = -0.3 * glp1 + 0.25 * (age - 3) + 0.2 * cci + u
    d.put("mort90", d.bernoulli_logit(-2.6 + risk), "byte", value_labels=YESNO, label_name="yesno")
    d.put("readm90", d.bernoulli_logit(-1.4 + 0.6 * risk), "byte", value_labels=YESNO, label_name="yesno")
    d.put("critical_care_adm_bin", d.bernoulli_logit(-2.0 + risk), "byte", value_labels=YESNO, label_name="yesno")
    d.put("local_complication", d.bernoulli_logit(-1.6 + 0.8 * risk), "byte", value_labels=YESNO, label_name="yesno")
    d.put("severity_bin", d.bernoulli_logit(-1.2 + 0.8 * risk), "byte", value_labels=YESNO, label_name="yesno")
    d.put("referral", d.binary(0.1), "byte", value_labels=YESNO, label_name="yesno")
    for name in ("resp_failure", "cvs_failure", "renal_failure"):
        d.put(name, d.bernoulli_logit(-2.2 + 0.7 * risk), "byte", value_labels=YESNO, label_name="yesno")
    los = np.maximum(1, np.round(np.exp(1.8 + 0.3 * risk + d.normal(0, 0.5))))
    d.put("los", d.with_missing(los, 0.04), "int")
    crp = np.round(np.exp(4.6 + 0.3 * risk + d.normal(0, 0.7)), 1)
    d.put("crp", d.with_missing(crp, 0.12), "double")
    d.put("diabetes", d.with_missing(d.binary(0.15), 0.05), "byte")
    return d.dataset()
