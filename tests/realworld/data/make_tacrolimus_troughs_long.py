"""Look-alike of ``GEN03_KEVIN_longitudinal_mixed.dta``: tacrolimus trough levels of kidney
transplant recipients (one row per trough within 11-13 hours of the dose) merged with the
patients' demographics and CYP3A5 genotype phenotype.  90 patients (``SUBJECT_ID``, five-digit
study ids starting 41), 6-14 troughs each on post-operative days 1-90 (``postopday``, more in
the first weeks), ``month`` = int(postopday/30.5); ``pheno1`` the number of loss-of-function
alleles (0-2) with its string ``pheno1v2`` (RM/IM/PM) and the combined ``pheno1comb`` (NP/P)
the longitudinal part of the do-file made before saving; trough ``tacrolimuslevel`` (ng/mL)
rising over the first weeks and lower for rapid metabolisers, the daily dose
``tacrolimustotaldailydose`` (mg) and ``tacdoseadjusted`` = level / dose; baseline
``gender``, ``donorstatus`` and ``steroiddose`` as strings, ``age_at_tx``, ``bmi_base``,
``weightkg``, ``ibw``, ``priorktx`` and ``actualinitialtactotaldailydose``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=4931)
    rng = d.rng
    n_pat = 90
    counts = rng.integers(6, 15, size=n_pat)
    days = []
    for k in counts:
        early = rng.choice(np.arange(1, 31), size=min(k - 2, 20), replace=False)
        late = rng.choice(np.arange(31, 91), size=2, replace=False)
        days.append(np.sort(np.concatenate([early, late])))
    pid = np.repeat(np.arange(n_pat), [len(x) for x in days])
    day = np.concatenate(days)
    d.rows(len(day))
    ids = 41000 + np.arange(1, n_pat + 1) * 10 + rng.integers(0, 10, size=n_pat)
    pheno = rng.choice([0, 1, 2], size=n_pat, p=[0.15, 0.3, 0.55])
    female = rng.random(n_pat) < 0.38
    age = np.round(rng.normal(50, 13, size=n_pat), 0)
    bmi = np.round(rng.normal(28, 5, size=n_pat), 1)
    weight = np.round(bmi * rng.normal(1.75, 0.08, size=n_pat) ** 2, 1)
    ibw = np.round(np.where(female, 45.5, 50) + 2.3 * rng.normal(6, 3, size=n_pat), 1)
    dose0 = np.round(0.1 * weight + rng.normal(0, 1, size=n_pat), 1)
    u = rng.normal(0, 1.2, size=n_pat)
    slope = rng.normal(0, 0.01, size=n_pat)
    dose = np.round(np.clip(dose0[pid] * (1 + 0.4 * (pheno[pid] == 0)) - 0.02 * day + rng.normal(0, 0.8, size=len(day)), 1, None), 1)
    level = np.round(np.clip(6 + 1.2 * pheno[pid] + 2.5 * (1 - np.exp(-day / 7)) + u[pid] + slope[pid] * day
                             + rng.normal(0, 1.8, size=len(day)), 1.5, None), 1)
    d.put("subject_id", ids[pid], "long")
    d.put("SUBJECT_ID", ids[pid], "long")
    d.put("postopday", day, "int")
    d.put("troughnumber", np.concatenate([np.arange(1, len(x) + 1) for x in days]), "byte")
    d.put("tacrolimuslevel", level, "float")
    d.put("tacrolimustotaldailydose", dose, "float")
    d.put("gender", np.where(female, "Female", "Male")[pid], "str6")
    d.put("age_at_tx", age[pid], "byte")
    d.put("bmi_base", bmi[pid], "float")
    d.put("weightkg", weight[pid], "float")
    d.put("ibw", ibw[pid], "float")
    d.put("donorstatus", rng.choice(["Deceased", "Living"], size=n_pat, p=[0.55, 0.45])[pid], "str8")
    d.put("steroiddose", rng.choice(["Early withdrawal", "Low", "Standard"], size=n_pat, p=[0.5, 0.3, 0.2])[pid], "str16")
    d.put("priorktx", (rng.random(n_pat) < 0.12).astype(int)[pid], "byte")
    d.put("actualinitialtactotaldailydose", dose0[pid], "float")
    d.put("pheno1", pheno[pid].astype(float), "float")
    d.put("pheno1v2", np.array(["RM", "IM", "PM"])[pheno][pid], "str2")
    d.put("pheno1comb", np.array(["NP", "NP", "P"])[pheno][pid], "str2")
    d.put("month", np.floor(day / 30.5), "float")
    d.put("tacdoseadjusted", level / dose, "float")
    return d.dataset()
