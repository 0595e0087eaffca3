"""Look-alike of an NLSY97 person-year extract (``master.dta``): ``ID`` (NLSY97 case ids up to
9022, not consecutive) by ``year`` 1997-2010, ``age_now``, ``male``; the main activity code
``Primary_activity`` (1-6, labelled vlR0000100), highest grade completed (codes 95 above 25,
some missing), the mother's highest grade (constant per person), ``ASVAB`` percentile (missing
for some), the years of a diploma, AA and BA (missing when never earned) and the old degree
flags ``Diploma``/``AA``/``BA``/``GED``, and ``log_wage`` (missing when not working).  Five
ids (3082 3234 4530 6574 7353) leave the panel the year they turn 20, as the author's log
shows (xtset unbalanced, then strongly balanced once they are dropped)."""
import numpy as np

from lookalike import LookAlike

SHORT = (3082, 3234, 4530, 6574, 7353)
YEARS = np.arange(1997, 2011)


def person_ids(rng) -> np.ndarray:
    pool = np.setdiff1d(np.arange(1, 9023), SHORT)
    return np.sort(np.concatenate([rng.choice(pool, 895, replace=False), SHORT]))


def make():
    d = LookAlike(seed=9701)
    ids = person_ids(np.random.default_rng(97))
    birth = d.rng.integers(1980, 1985, size=ids.size)
    rows_id, rows_year = [], []
    for k, pid in enumerate(ids):
        last = birth[k] + 20 if pid in SHORT else YEARS[-1]
        ys = YEARS[YEARS <= last]
        rows_id.append(np.full(ys.size, pid))
        rows_year.append(ys)
    pid = np.concatenate(rows_id)
    year = np.concatenate(rows_year)
    d.rows(pid.size)
    index = np.searchsorted(ids, pid)
    per = lambda values: np.asarray(values)[index]
    d.put("ID", pid, "int")
    d.put("year", year, "int")
    age = year - per(birth)
    d.put("age_now", age, "byte")
    male = per(d.rng.integers(0, 2, size=ids.size))
    d.put("male", male, "byte")
    ability = per(d.rng.normal(0, 1, size=ids.size))
    grade = np.clip(np.round(age - 6 + np.minimum(0, ability) * 0.5 + d.normal(0, 0.4)), 6, 20)
    grade = np.where(d.rng.random(pid.size) < 0.06, 95, grade)
    grade = np.where(d.rng.random(pid.size) < 0.04, np.nan, grade)
    in_school = age < 18 + np.clip(np.round(2 + 2 * ability), 0, 6)
    work = d.rng.random(pid.size) < np.where(in_school, 0.25, 0.7)
    status = np.where(in_school & ~work, 1, np.where(work, d.rng.integers(3, 5, size=pid.size),
                                                     d.rng.choice([2, 5, 6], size=pid.size)))
    status = np.where(d.rng.random(pid.size) < 0.03, np.nan, status)
    d.put("Primary_activity", status, "byte", value_labels={1: "In school", 2: "Military", 3: "Working",
                                                             4: "Working part time", 5: "Home", 6: "Other"},
          label_name="vlR0000100")
    d.put("Highest_Grade_Completed", grade, "byte")
    mother = per(np.where(d.rng.random(ids.size) < 0.08, 95, np.clip(np.round(12 + 2.5 * d.rng.normal(size=ids.size)), 6, 20)))
    d.put("Bio_mother_highest_educ", mother, "byte")
    asvab = per(np.where(d.rng.random(ids.size) < 0.15, np.nan, np.clip(50 + 28 * d.rng.normal(size=ids.size) + 10, 0, 100)))
    d.put("ASVAB", asvab, "double")
    dip = per(np.where(d.rng.random(ids.size) < 0.85, birth + 18, np.nan))
    aa = per(np.where(d.rng.random(ids.size) < 0.15, birth + 20, np.nan))
    ba = per(np.where(d.rng.random(ids.size) < 0.3 + 0.1 * np.clip(d.rng.normal(size=ids.size), -2, 2), birth + 22, np.nan))
    d.put("Diploma_year", dip, "int")
    d.put("AA_year", aa, "int")
    d.put("BA_year", ba, "int")
    for flag, when in (("Diploma", dip), ("AA", aa), ("BA", ba), ("GED", np.full(pid.size, np.nan))):
        d.put(flag, (year >= when).astype(int), "byte")
    wage = 1.3 + 0.12 * male + 0.04 * np.clip(grade, 6, 20) + 0.05 * np.clip(age - 18, 0, None) \
        + 0.15 * (year >= ba) + per(d.rng.normal(0, 0.28, size=ids.size)) + d.normal(0, 0.4)
    d.put("log_wage", np.where(work, wage, np.nan), "double")
    return d.dataset()
