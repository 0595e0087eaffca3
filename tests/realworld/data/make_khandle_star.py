"""Look-alike of the KHANDLE/STAR analysis file in wide form: one row per person with
baseline characteristics, the intersectional-identity cluster ``cluster1`` and four waves of
cognitive scores, ages and years since baseline (stubs 1-4; STAR has no wave 4)."""
import numpy as np

from lookalike import LookAlike

SCORES = ("cat exec on pa phon sem vm vrmem zvrmem vmform lsform testlang wm cat_sem on_sem pa_sem "
          "phon_sem vm_sem wm_sem concerned_thinking mem1 mem2 lang1 lang2 visual_spatial1 "
          "visual_spatial2 visual_spatial3 visual_spatial4 visual_spatial5 planning1 planning2 "
          "planning3 organization1 organization2 divided_attention1 divided_attention2 nmiss_ecog "
          "nmiss_sen").split()


def make():
    d = LookAlike(seed=2022)
    d.rows(900)
    d.put("id", np.arange(1, d.n + 1), "int")
    star = d.binary(0.3)
    d.put("study", np.where(star == 1, "STAR", "KHANDLE"), "str7")
    age = np.round(d.rng.uniform(55, 90, d.n), 1)
    d.put("age_bl", age, "float")
    d.put("cage_bl", np.round(age - 75, 1), "float")
    gender = d.uniform_int(1, 2)
    race = d.uniform_int(1, 4)
    mob = d.uniform_int(1, 4)
    d.put("gender", gender, "byte")
    d.put("race_new", race, "byte")
    d.put("race_groups", race, "byte")
    d.put("socialmob", mob, "byte")
    d.put("education", d.uniform_int(1, 4), "byte")
    d.put("mother_educ", d.uniform_int(1, 3), "byte")
    d.put("father_educ", d.uniform_int(1, 3), "byte")
    d.put("country_born", d.binary(0.8), "byte")
    d.put("missany", d.binary(0.1), "byte")
    d.put("practice", d.binary(0.9), "byte")
    cluster = (gender - 1) * 16 + (race - 1) * 4 + mob
    d.put("cluster1", cluster, "byte")
    base = d.effect(cluster, 0.3) + d.normal(0, 0.7)
    slope = d.effect(cluster, 0.02) + d.normal(-0.05, 0.03)
    for w in range(1, 5):
        yrs = np.where(w == 1, 0.0, np.round(1.4 * (w - 1) + d.rng.uniform(0, 0.4, d.n), 2))
        missing = (star == 1) & (w == 4) | (d.binary(0.08 * (w - 1)) == 1)
        nan = lambda v: np.where(missing, np.nan, v)  # noqa: E731
        d.put(f"yrsbl{w}", nan(yrs), "float")
        d.put(f"currage{w}", nan(np.round(age + yrs, 1)), "float")
        d.put(f"aget89{w}", nan((age + yrs > 89).astype(float)), "byte")
        d.put(f"telephone{w}", nan(d.binary(0.2 if w > 2 else 0.0)), "byte")
        z = base + slope * yrs - 0.03 * (age - 75) + d.normal(0, 0.5)
        for s in SCORES:
            vals = z if s in ("zvrmem", "vrmem") else d.normal(0, 1)
            d.put(f"{s}{w}", nan(np.round(vals, 3)), "float")
    return d.dataset()
