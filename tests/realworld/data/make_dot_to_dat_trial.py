"""Look-alike of the DOT to DAT trial's analysis file: adults starting tuberculosis treatment
at 18 health facilities (``site``) in a stepped-wedge design -- ``period`` 0 (standard care),
1 and 2 (the digital adherence technology, 99DOTS, in the first and second part of the
intervention time), 88 (a transition month, excluded); ``dat`` whether the patient was
enrolled on 99DOTS, mostly in periods 1-2; treatment start, 99DOTS enrolment and outcome dates
(Stata daily dates); ``eligible1``, calendar ``month`` (1-12), age, sex, HIV, pulmonary disease,
retreatment, a health-centre (vs hospital) flag; the WHO ``outcome`` (1 cured ... 4 died,
6 lost to follow-up) and ``tx_success`` (cured or completed).  The value label ``yesno_``
exists as in the trial's file."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=30262)
    rng = d.rng
    ids = d.nested(("site", 18), (None, (50, 90)))
    site = ids["site"]
    n = d.n
    step = rng.integers(2, 9, size=19)[site]   # the month each site crosses over
    month = d.uniform_int(1, 12)
    period = np.where(month < step, 0, np.where(month == step, 88, np.where(month < step + 4, 1, 2)))
    dat = np.where(np.isin(period, [1, 2]), d.binary(0.85), d.binary(0.03))
    start = 21185 + (month - 1) * 30 + d.uniform_int(0, 29)   # 2018 onwards
    enrol = np.where(dat == 1, start + np.clip(rng.poisson(6, size=n), 0, 60), np.nan)
    age = np.round(rng.normal(36, 12, size=n).clip(15, 85))
    hiv = d.binary(0.45)
    eta = 1.0 + 0.25 * np.isin(period, [1, 2]) - 0.6 * hiv - 0.01 * (age - 36) + d.effect(site, 0.35)
    success = d.bernoulli_logit(eta)
    bad = np.where(success == 1, rng.choice([1, 2], size=n), rng.choice([3, 4, 5, 6], size=n, p=[0.1, 0.35, 0.1, 0.45]))
    out_date = start + np.where(np.isin(bad, [4, 6]), rng.integers(3, 180, size=n), rng.integers(150, 260, size=n))
    d.put("studyid", np.arange(1, n + 1), "int")
    d.put("period", period, "byte", value_labels={0: "Standard of care", 1: "Intervention 1", 2: "Intervention 2", 88: "Transition"})
    d.put("dat", dat, "byte")
    d.put("eligible1", d.binary(0.93), "byte")
    d.put("month", month, "byte")
    d.put("txstartdate", start, "int")
    d.put("enrollmentdate", enrol, "int")
    d.put("txout_date", out_date, "int")
    d.put("txregageyears", age, "byte")
    d.put("sex", d.binary(0.6), "byte", value_labels={0: "No", 1: "Yes"}, label_name="yesno_")
    d.put("txreghiv", hiv, "byte")
    d.put("txregdisease", d.binary(0.8), "byte")
    d.put("retreatment", d.binary(0.08), "byte")
    d.put("healthcenter", d.group_constant(site, d.binary(0.6)), "byte")
    d.put("outcome", bad, "byte", value_labels={1: "Cured", 2: "Completed", 3: "Failed", 4: "Died", 5: "Not evaluated", 6: "LTFU"})
    d.put("tx_success", success, "byte")
    for name in ("txstartdate", "enrollmentdate", "txout_date"):
        d.types[name] = "int"
    return d.dataset("DOT to DAT trial look-alike")
