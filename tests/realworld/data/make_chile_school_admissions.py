"""Look-alike of the student file of a study of school effects in Chile's centralised school
admission system, as its ``preliminary_reg.do`` reads it: one row per applicant with the
school the applicant targeted (``rbd_target``, a school's RBD code) and the school it was
admitted to (``rbd_admitido``; RBD codes of 25 schools, 4-5 digits), the application
branch ``br_code``, ``female``, school-grade GPA and attendance averages before
(``school_grade_avg_GPA_t_min4`` ... ``_t_min1``) and after admission (``_t_0`` ... ``_t_3``,
``school_grade_avg_ATT_t_0`` ... ``_t_3``), standardised prior GPA and attendance
(``z_GPA_t_min4`` ... ``z_ATT_t_min1``), years in the target school and school changes
after admission, and the outcomes at the end of secondary school: ``graduated_hs``,
``registered_psu``, ``completed_psu``, PSU scores ``math_max`` ``leng_max`` (150-850),
the elective tests taken (``took_only_science``, ``took_only_history``, ``took_both``),
``avg_stem_share`` and the shares of STEM programmes among first and second preferences
(``prop_science1`` ... ``prop_health2``).  Admitted schools shift the outcomes."""
import numpy as np

from lookalike import LookAlike

RBD = [8485, 8486, 8502, 8520, 8571, 8605, 8622, 8630, 8655, 8737, 8760, 8825, 9015, 9070,
       9170, 9268, 9362, 9416, 9498, 10058, 10195, 10216, 10305, 24492, 24998]


def make():
    d = LookAlike(seed=13603)
    d.rows(2400)
    n = d.n
    target = d.rng.integers(0, len(RBD), size=n)
    # admitted to the target school about half the time, else to another school
    other = d.rng.integers(0, len(RBD), size=n)
    admitted = np.where(d.rng.random(n) < 0.5, target, other)
    d.put("br_code", d.rng.integers(1, 41, size=n), "int")
    d.put("rbd_target", np.asarray(RBD)[target], "int")
    d.put("rbd_admitido", np.asarray(RBD)[admitted], "int")
    female = d.binary(0.5)
    d.put("female", female, "byte")
    ability = d.normal(0, 1)
    school_fx = d.rng.normal(0, 0.3, size=len(RBD))[admitted]
    for lag in (4, 3, 2, 1):
        d.put(f"school_grade_avg_GPA_t_min{lag}", np.round(5.5 + 0.3 * ability + d.normal(0, 0.3), 3), "float")
    for t in range(4):
        d.put(f"school_grade_avg_GPA_t_{t}", d.with_missing(np.round(5.4 + 0.3 * ability + school_fx + d.normal(0, 0.3), 3), 0.03 * t), "float")
    for t in range(4):
        d.put(f"school_grade_avg_ATT_t_{t}", d.with_missing(np.round(np.clip(90 + 3 * ability + d.normal(0, 4), 40, 100), 2), 0.03 * t), "float")
    for lag in (4, 3, 2, 1):
        d.put(f"z_ATT_t_min{lag}", d.with_missing(np.round(0.5 * ability + d.normal(0, 0.9), 4), 0.02), "float")
    for lag in (4, 3, 2, 1):
        d.put(f"z_GPA_t_min{lag}", d.with_missing(np.round(0.8 * ability + d.normal(0, 0.6), 4), 0.02), "float")
    d.put("n_years_rbd_target_post", np.clip(np.round(np.where(admitted == target, 3, 0.5) + d.normal(0, 0.7)), 0, 4), "byte")
    d.put("n_school_changes_post", d.poisson(np.full(n, -1.0)), "byte")
    grad = d.bernoulli_logit(1.5 + 0.8 * ability + 2 * school_fx)
    d.put("graduated_hs", grad, "byte")
    reg = d.bernoulli_logit(0.8 + 0.8 * ability + 2 * school_fx) * grad
    d.put("registered_psu", reg, "byte")
    comp = reg * d.binary(0.9)
    d.put("completed_psu", comp, "byte")
    for name, mu in (("math_max", 520), ("leng_max", 510)):
        score = np.clip(np.round(mu + 90 * ability + 150 * school_fx + d.normal(0, 60)), 150, 850)
        d.put(name, np.where(comp == 1, score, np.nan), "int")
    science = d.binary(0.45)
    both = d.binary(0.1)
    d.put("took_only_science", np.where(comp == 1, science * (1 - both), np.nan), "byte")
    d.put("took_only_history", np.where(comp == 1, (1 - science) * (1 - both), np.nan), "byte")
    d.put("took_both", np.where(comp == 1, both, np.nan), "byte")
    d.put("avg_stem_share", np.where(comp == 1, np.round(np.clip(0.35 + 0.1 * ability - 0.15 * female + d.normal(0, 0.25), 0, 1), 4), np.nan), "float")
    for name in ("prop_science1", "prop_technology1", "prop_health1", "prop_engineer2", "prop_science2",
                 "prop_technology2", "prop_health2"):
        d.put(name, np.where(comp == 1, np.round(np.clip(0.15 + 0.05 * ability + d.normal(0, 0.15), 0, 1), 4), np.nan), "float")
    return d.dataset()
