"""Look-alike of ``data_all_c_25112015.dta``: a family-based population sample (families
``treenbr``, 1-6 members) with 24-hour urine: urinary uromodulin excretion ``umod_u24_ug``
(ug/24h) and concentration ``umod_u24_ugml`` (ug/mL), urine volume ``u24_ml`` (mL/24h),
eGFR ``ckd_epi``, kidney volume, creatinuria, diuretics, diabetes, blood pressure, three
study centres; a few missing values in the covariates."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3170)
    ids = d.nested(("treenbr", 420), (None, (1, 5)))
    fam = ids["treenbr"]
    n = d.n
    centre = d.group_constant(fam, d.categorical([0.35, 0.4, 0.25]))
    age = np.round(np.clip(d.normal(47, 17), 18, 90), 1)
    sex = d.binary(0.52).astype(float)
    diab = d.binary(np.clip(0.02 + 0.002 * (age - 40), 0.01, 0.3)).astype(float)
    gfr = np.clip(112 - 0.75 * (age - 18) + d.normal(0, 13) + d.effect(fam, 5), 25, 150)
    kid = np.clip(290 + 40 * sex - 1.0 * (age - 47) + d.normal(0, 45), 120, 520)
    uvlog = np.log(1550) + 0.1 * (1 - sex) + d.effect(fam, 0.15) + d.normal(0, 0.38)
    uvol = np.round(np.exp(uvlog))
    sqrt_umod = 4.3 + 0.8 * (uvlog - np.log(1550)) + 0.025 * (gfr - 90) + 0.003 * (kid - 290) \
        - 0.25 * diab + d.effect(fam, 0.45) + d.normal(0, 1.0)
    umod = np.round(np.clip(sqrt_umod, 0.6, None) ** 2 * 1000, 1)
    d.put("treenbr", fam, "int", "family number")
    d.put("center", centre, "byte", "centre", value_labels={1: "c1", 2: "c2", 3: "c3"})
    d.put("age", age, "float", "age (years)")
    d.put("sex01", sex, "byte", "sex", value_labels={0: "female", 1: "male"})
    d.put("diabetes", diab, "byte", "diabetes", value_labels={0: "no", 1: "yes"})
    d.put("hta", d.binary(np.clip(0.1 + 0.006 * (age - 30), 0.05, 0.7)), "byte", "hypertension")
    d.put("d_diur", d.binary(np.clip(0.02 + 0.002 * (age - 40), 0.01, 0.25)), "byte", "diuretics")
    d.put("bmi", np.round(np.clip(d.normal(25.3, 4.2), 16, 48), 1), "float", "BMI")
    d.put("sbp", np.round(np.clip(d.normal(120 + 0.4 * (age - 47), 15), 85, 210)), "float", "SBP")
    d.put("dbp", np.round(np.clip(d.normal(77, 10), 45, 125)), "float", "DBP")
    d.put("ckd_epi", d.with_missing(np.round(gfr, 2), 0.01), "float", "eGFR CKD-EPI")
    d.put("kid_vol", d.with_missing(np.round(kid, 1), 0.04), "float", "kidney volume (mL)")
    d.put("ucrt_mgkg24", np.round(np.clip(d.normal(19 + 4 * sex, 4), 5, 40), 2), "float", "creatininuria mg/kg/24h")
    d.put("u24_ml", d.with_missing(uvol, 0.02), "float", "urine volume mL/24h")
    d.put("umod_u24_ug", d.with_missing(umod, 0.03), "double", "UMOD ug/24h")
    d.put("umod_u24_ugml", np.round(umod / uvol, 3), "float", "UMOD ug/mL")
    d.columns["umod_u24_ugml"][np.isnan(d.columns["umod_u24_ug"])] = np.nan
    return d.dataset()
