"""Look-alike of a teacher value-added problem set's student-by-year file (``va-data.dta``): 10
schools (``id_school``) with grades 3-7 (``id_grade``) of two classes (``id_class`` 1-2) each
year from 2000 to 2007 (``year``; the first year has no lagged scores, so the teacher-year
lags reach 6 years); cohorts move up a grade a year and are re-sorted into the two classes;
each class slot has one teacher a year (``id_teacher``, about one in ten replaced each year),
so a teacher has one class a year, as the file's teacher-year panel needs; standardised scores
``score_std`` (student ability, teacher effect, persistence), ``hh_income`` (thousands) and
``m_education`` (mother's years of schooling)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2203)
    rng = d.rng
    years = list(range(2000, 2008))
    rows = {k: [] for k in ("id_student", "year", "id_grade", "id_class", "id_school", "id_teacher")}
    teacher_of, next_teacher, next_student = {}, 1, 1
    slot_teacher = {}
    for school in range(1, 11):
        for grade in range(3, 8):
            for klass in (1, 2):
                slot_teacher[(school, grade, klass)] = next_teacher
                next_teacher += 1
    for year in years:
        if year > years[0]:
            for slot in slot_teacher:
                if rng.random() < 0.1:
                    slot_teacher[slot] = next_teacher
                    next_teacher += 1
        teacher_of[year] = dict(slot_teacher)
    for school in range(1, 11):
        for entry in range(years[0] - 4, years[-1] + 1):  # the year a cohort is in grade 3
            ids = np.arange(next_student, next_student + 30)
            next_student += 30
            for year in years:
                grade = 3 + year - entry
                if not 3 <= grade <= 7:
                    continue
                classes = rng.permutation(np.repeat([1, 2], 15))
                for sid, klass in zip(ids, classes):
                    rows["id_student"].append(sid)
                    rows["year"].append(year)
                    rows["id_grade"].append(grade)
                    rows["id_class"].append(klass)
                    rows["id_school"].append(school)
                    rows["id_teacher"].append(teacher_of[year][(school, grade, klass)])
    order = np.lexsort((np.array(rows["year"]), np.array(rows["id_student"])))
    cols = {k: np.asarray(v)[order] for k, v in rows.items()}
    d.rows(len(order))
    for name in ("id_student", "year", "id_grade", "id_class", "id_school", "id_teacher"):
        d.put(name, cols[name], "int" if name in ("id_student", "year", "id_teacher") else "byte")
    student, teacher = cols["id_student"], cols["id_teacher"]
    ability = d.effect(student, 0.8)
    teach = rng.normal(0, 0.2, size=teacher.max() + 1)[teacher]
    income = d.group_constant(student, np.exp(rng.normal(3.7, 0.5, size=d.n)))
    medu = d.group_constant(student, np.clip(np.round(rng.normal(12.5, 2.5, size=d.n)), 6, 20))
    score = ability + teach + 0.1 * np.log(income) + 0.03 * (medu - 12) + d.normal(0, 0.5)
    score = (score - score.mean()) / score.std()
    d.put("score_std", np.round(d.with_missing(score, 0.02), 4), "float")
    d.put("hh_income", np.round(income, 2), "float")
    d.put("m_education", medu, "byte")
    return d.dataset()
