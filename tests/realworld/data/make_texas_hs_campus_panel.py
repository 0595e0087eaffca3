"""Look-alike of ``balanced_panel_real_hs.csv`` (read by ``import delimited``), a balanced
campus-year panel of Texas high schools 2004-2011: ``campus`` (a nine-digit TEA campus number),
``year``, the district type ``description`` (seven strings; ``tabulate ..., gen(var)`` numbers
them alphabetically, so ``var3`` is major suburban, ``var4`` major urban and ``var7`` rural as
in the thesis's notes), TAKS scores (percent passing) in grades 9 and 10 (``taks_math_gr9``,
``taks_reading_gr9``, ``taks_math_gr10``, ``taks_ela_gr10``), per-pupil spending, the share of
economically disadvantaged pupils, teachers' average salary and experience, class sizes, and
district revenue totals (total, local, state, other, federal), oil value, recapture wealth
transfers (mostly 0), the district's pupil count and property value per pupil."""
import numpy as np

from lookalike import LookAlike

TYPES = ["Charter School Districts", "Independent Town", "Major Suburban", "Major Urban",
         "Non-Metropolitan Fast Growing", "Non-Metropolitan Stable", "Rural"]


def make():
    d = LookAlike(seed=3002)
    n_campus = 140
    idx, year = d.panel("idx", n_campus, list(range(2004, 2012)), "year")
    campus = 15000000 + 1000 * idx + 1
    d.put("campus", campus, "long")
    d.put("year", year, "int")
    kind = d.group_constant(idx, d.categorical([0.06, 0.14, 0.2, 0.15, 0.1, 0.15, 0.2]))
    d.put("description", np.asarray(TYPES, dtype=object)[kind - 1], "str29")
    t = year - 2004
    econ = np.clip(50 + d.effect(idx, 20) + d.normal(0, 3), 2, 99)
    exp = np.clip(7500 + d.effect(idx, 1200) + 180 * t + d.normal(0, 300), 4000, 16000)
    sal = np.clip(44000 + d.effect(idx, 3000) + 700 * t + d.normal(0, 600), 32000, 65000)
    texp = np.clip(11 + d.effect(idx, 2.5) + d.normal(0, 0.8), 2, 25)
    mcs = np.clip(20 + d.effect(idx, 2.5) + d.normal(0, 1.2), 8, 30)
    ecs = np.clip(19 + d.effect(idx, 2.5) + d.normal(0, 1.2), 8, 30)
    school = d.effect(idx, 6)
    for subject in ("math", "reading"):
        g9 = np.clip(70 - 0.25 * (econ - 50) + school + 1.2 * t + d.normal(0, 4), 5, 100)
        d.put(f"taks_{subject}_gr9", np.round(g9), "int")
    g10m = np.clip(0.5 * d.columns["taks_math_gr9"] + 35 - 0.15 * (econ - 50) + 0.0004 * (exp - 7500)
                   - 0.2 * (mcs - 20) + school * 0.5 + d.normal(0, 4), 5, 100)
    g10e = np.clip(0.5 * d.columns["taks_reading_gr9"] + 40 - 0.12 * (econ - 50) - 0.2 * (ecs - 19)
                   + school * 0.5 + d.normal(0, 4), 5, 100)
    d.put("taks_math_gr10", np.round(g10m), "int")
    d.put("taks_ela_gr10", np.round(g10e), "int")
    d.put("per_pupil_exp", np.round(exp, 2), "double")
    d.put("econ_dis_stu_percent", np.round(econ, 1), "float")
    d.put("teacher_avg_salary", np.round(sal), "long")
    d.put("teacher_experience", np.round(texp, 1), "float")
    d.put("math_class_size", np.round(mcs, 1), "float")
    d.put("eng_class_size", np.round(ecs, 1), "float")
    pupils = np.round(np.exp(8 + d.effect(idx, 1.2) + 0.02 * t))
    d.put("all_stud_dist", pupils, "long")
    for name, share in (("dist_total_rev", 1.0), ("dist_local_rev", 0.45), ("dist_state_rev", 0.4),
                        ("dist_other_rev", 0.05), ("dist_federal_rev", 0.1)):
        d.put(name, np.round(pupils * exp * share * np.exp(d.normal(0, 0.03))), "double")
    d.put("dist_oil_val", np.round(np.where(d.group_constant(idx, d.binary(0.3)) == 1,
                                            np.exp(17 + d.normal(0, 1.5)), 0)), "double")
    rich = d.group_constant(idx, d.binary(0.12))
    d.put("dist_wealth_transfers", np.round(np.where(rich == 1, np.exp(14 + d.normal(0, 1)), 0)), "double")
    d.put("dist_total_val_per_pupil", np.round(np.exp(12.5 + d.effect(idx, 0.7) + 0.03 * t)), "double")
    del d.columns["idx"], d.types["idx"]
    return d.dataset()
