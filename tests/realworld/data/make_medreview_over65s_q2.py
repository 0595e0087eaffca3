"""Look-alike of a primary-care records study's prepared file of people aged 65 and over with a
medication review (question 2): one row per patient and count type (``counttype`` 1 or 2),
registered at a general practice (``pracid``, 150 practices of 15-45 patients) in a region
(``region`` 1-10 with its labels, ``region2`` 1-4 and ``region_country`` 1-3 constant within
the practice), the number of medicines before the review and the change after it (``dif``,
mostly -3 to +2), eligibility and analysis flags, whether the review happened, sex
(a few missing), age at the index date and its band (``agecat`` 1-6), Townsend quintile,
ethnicity (5 groups, 5 = white, the base), baseline polypharmacy band (``blpoly`` 1-3), the
reviewer's course of training (``cot`` 1-2) and staff role (``staffrole`` 1-3)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=27049)
    ids = d.nested(("pracid", 150), (None, (15, 45)))
    prac = ids["pracid"]
    n = d.n
    d.put("patid", 1000000 + np.arange(1, n + 1) * 7, "long")
    region = d.group_constant(prac, d.uniform_int(1, 10))
    d.put("counttype", np.where(d.binary(0.75) == 1, 1, 2), "byte")
    d.put("elig1", np.where(d.binary(0.95) == 1, 1, 0), "byte")
    d.put("analysis", np.where(d.binary(0.97) == 1, 1, 0), "byte")
    d.put("medreview", np.where(d.binary(0.9) == 1, 1, 0), "byte")
    age = np.round(65 + d.rng.gamma(2.0, 5.5, n), 1)
    d.put("ageatindex", age, "float")
    agecat = np.digitize(age, [70, 75, 80, 85, 90]) + 1
    d.put("agecat", agecat, "byte", value_labels={1: "65-69", 2: "70-74", 3: "75-79", 4: "80-84",
                                                 5: "85-89", 6: "90+"})
    d.put("sex", d.with_missing(d.categorical([0.45, 0.55], [1, 2]), 0.003), "byte",
          value_labels={1: "Male", 2: "Female"})
    d.put("region", region, "byte", value_labels={k: f"Region {k}" for k in range(1, 11)})
    d.put("region2", np.minimum((region + 2) // 3, 4), "byte")
    d.put("region_country", np.where(region <= 8, 1, region - 7), "byte",
          value_labels={1: "England", 2: "Wales", 3: "Scotland"})
    d.put("townsend", d.uniform_int(1, 5), "byte")
    d.put("ethnicity", d.categorical([0.04, 0.02, 0.02, 0.02, 0.9]), "byte",
          value_labels={1: "South Asian", 2: "Black", 3: "Mixed", 4: "Other", 5: "White"})
    before = np.clip(d.poisson(np.log(7.5) + 0.05 * (agecat - 3)), 0, 30)
    d.put("before", before, "byte")
    blpoly = np.digitize(before, [5, 10]) + 1
    d.put("blpoly", blpoly, "byte", value_labels={1: "0-4", 2: "5-9", 3: "10+"})
    cot = d.group_constant(prac, d.categorical([0.6, 0.4]))
    d.put("cot", cot, "byte")
    staff = d.categorical([0.3, 0.5, 0.2])
    d.put("staffrole", staff, "byte", value_labels={1: "GP", 2: "Pharmacist", 3: "Nurse"})
    change = np.round(-0.2 - 0.25 * (blpoly - 1) + 0.2 * (staff == 2) + d.effect(prac, 0.3) + d.normal(0, 1.3))
    d.put("dif", np.clip(change, -12, 8), "byte")
    return d.dataset("medication review over-65s look-alike")
