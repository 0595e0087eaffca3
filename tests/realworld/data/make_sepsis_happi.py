"""Look-alike of ``kp_va_happi.dta``, sepsis hospitalizations in the VA and Kaiser Permanente
(2013-2018) of a study of time to antibiotics: hospital ``hospid`` (string; four small ones
named "A"-"D"), system ``data`` ("va"/"kp"), ``admityear`` and ``quarter`` (1-24), time to
antibiotics ``time_to_abx_min`` and ``time_to_abx_hr``, ``severe_sepsis`` ``septic_shock``,
age, ``male``, four SIRS criteria, six acute organ dysfunctions and 30 comorbidities (0/1).
Hospital intercepts and yearly slopes are random.  About 3,000 stays in 44 hospitals."""
import numpy as np

from lookalike import LookAlike

COMORBID = ("cancer_nonmet cancer_met pulm chf dm_uncomp dm_comp liver neuro renal htn cardic_arrhym "
            "valvular_d2 pulm_circ pvd paralysis pud hypothyroid ah lymphoma ra coag obesity wtloss fen "
            "anemia_cbl anemia_def etoh drug psychoses depression").split()
AOD = "aod_lactate aod_kidney pressor_in_72hr aod_liver aod_heme aod_lung".split()
SIRS = "sirs_temp sirs_rr sirs_pulse sirs_wbc".split()


def make():
    d = LookAlike(seed=2021)
    sizes = [4, 5, 3, 6] + list(d.rng.integers(40, 100, size=40))
    hosp = np.repeat(np.arange(len(sizes)), sizes)
    d.rows(len(hosp))
    names = np.array(["A", "B", "C", "D"] + [f"H{k:03d}" for k in range(1, 41)])
    d.put("hospid", names[hosp], "str4")
    system = d.group_constant(hosp, d.binary(0.7))
    d.put("data", np.where(system == 1, "va", "kp"), "str2")
    year = d.uniform_int(2013, 2018)
    d.put("admityear", year, "int")
    d.put("quarter", (year - 2013) * 4 + d.uniform_int(1, 4), "byte")
    age = np.clip(np.round(d.normal(66, 13)), 18, 99)
    d.put("age", age, "byte")
    d.put("male", d.binary(np.where(system == 1, 0.95, 0.5)), "byte")
    d.put("severe_sepsis", d.binary(0.8), "byte")
    d.put("septic_shock", d.binary(0.2), "byte")
    for name in SIRS:
        d.put(name, d.binary(0.5), "byte")
    for name in AOD:
        d.put(name, d.binary(0.25), "byte")
    for name in COMORBID:
        d.put(name, d.binary(0.12), "byte")
    t = year - 2012
    u0, u1 = d.effect(hosp, 0.25), d.effect(hosp, 0.06)
    log_min = 5.3 + (-0.07 + u1) * t + 0.002 * (age - 66) + u0 + d.normal(0, 0.55)
    minutes = np.round(np.exp(log_min))
    d.put("time_to_abx_min", minutes, "int")
    d.put("time_to_abx_hr", (minutes / 60).astype(np.float32), "float")
    return d.dataset()
