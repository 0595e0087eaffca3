"""Look-alike of a CPRD GOLD build for a replication of the UK COPD primary-care audit: one
row per patient with COPD in general practices (``pracid``), each practice in one of the
four UK countries (``country``: 1 England, 2 Scotland, 3 Wales, 4 Northern Ireland, labelled);
``age`` (35+), ``gender`` (1 male, 2 female, a handful 3 indeterminate); thirteen comorbidity
flags (``anxiety_bin`` ... ``stroke_bin``, ``pain``); MRC dyspnoea grade ``mrc_score`` (1-5,
some missing), current smoking ``currentsmokstatus``; the audit outcomes as the build codes
them: ``lowfev1fvcratio`` 1 yes / 2 no (and ``anyfev1fvcratio``) for recent diagnoses,
missing otherwise, chest X-ray ``cxr_6mo``, counts of MRC and smoking-status records in the
past year (``mrc_pastyr``, ``smokstatus_pastyr``), ``flu_vaccine``, ``behavanddrug``
(smokers only), ``mrc3plus_pr3yrs`` (MRC 3+ without an exception report), the date of a
pulmonary-rehabilitation referral ``pulmonary_rehab`` and the end of follow-up ``end``
(Stata daily dates).  Practice random intercepts enter every outcome."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=26917)
    rng = d.rng
    ids = d.nested(("pracid", 90), (None, (14, 30)))
    prac = ids["pracid"]
    n = d.n
    country = d.group_constant(prac, d.categorical([0.7, 0.12, 0.1, 0.08], [1, 2, 3, 4]))
    age = np.round(rng.normal(69, 10, size=n).clip(35, 100))
    gender = np.where(rng.random(n) < 0.003, 3, d.binary(0.47) + 1)
    d.put("age", age, "byte")
    d.put("gender", gender, "byte", value_labels={1: "Male", 2: "Female", 3: "Indeterminate"})
    prevalence = {"anxiety_bin": 0.18, "asthma_bin": 0.25, "bronchiectasis_bin": 0.05,
                  "coronary_heart_disease_bin": 0.2, "depression_bin": 0.22, "diabetes_bin": 0.18,
                  "heart_failure_bin": 0.09, "pain": 0.3, "hypertension_bin": 0.45, "lung_cancer_bin": 0.03,
                  "osteoporosis_bin": 0.1, "psychosis_bin": 0.02, "stroke_bin": 0.07}
    for name, p in prevalence.items():
        d.put(name, d.binary(p), "byte")
    mrc = d.with_missing(d.categorical([0.2, 0.3, 0.25, 0.17, 0.08], [1, 2, 3, 4, 5]), 0.15)
    smoker = d.binary(0.35)
    d.put("mrc_score", mrc, "byte")
    d.put("currentsmokstatus", smoker, "byte")
    d.put("country", country, "byte", value_labels={1: "England", 2: "Scotland", 3: "Wales", 4: "Northern Ireland"})
    shift = {1: 0.0, 2: 0.2, 3: -0.25, 4: 0.15}
    c_eff = np.vectorize(shift.get)(country)

    def outcome(base, sd):
        return d.bernoulli_logit(base + c_eff + 0.01 * (age - 69) + d.effect(prac, sd))

    recent = d.binary(0.3) == 1
    low = outcome(0.4, 0.6)
    d.put("lowfev1fvcratio", np.where(recent, np.where(low == 1, 1, 2), np.nan), "byte")
    d.put("anyfev1fvcratio", np.where(recent, np.where(low == 1, 1, outcome(0.8, 0.5)), np.nan), "byte")
    d.put("cxr_6mo", np.where(recent, outcome(-0.2, 0.5), np.nan), "byte")
    d.put("mrc_pastyr", np.minimum(rng.poisson(np.exp(-0.1 + c_eff + d.effect(prac, 0.5))), 4), "byte")
    d.put("smokstatus_pastyr", np.minimum(rng.poisson(np.exp(0.3 + c_eff + d.effect(prac, 0.4))), 5), "byte")
    d.put("flu_vaccine", outcome(1.0, 0.4), "byte")
    d.put("behavanddrug", np.where(smoker == 1, outcome(-0.6, 0.5), np.nan), "byte")
    eligible = (mrc >= 3) & (rng.random(n) > 0.1)
    d.put("mrc3plus_pr3yrs", np.where(eligible, outcome(-1.4, 0.7), np.nan), "byte")
    end = 21000 + d.uniform_int(0, 365)
    referred = (mrc >= 3) & (rng.random(n) < 0.25)
    d.put("pulmonary_rehab", np.where(referred, end - rng.integers(10, 2000, size=n), np.nan), "int")
    d.put("end", end, "int")
    return d.dataset("CPRD COPD audit look-alike")
