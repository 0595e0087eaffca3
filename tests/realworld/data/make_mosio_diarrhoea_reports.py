"""Look-alike of a kidney-transplant cohort's text-message diarrhoea reports, long format:
one row per participant (``Participant``, ids 3501-3545 and 4001-4030, 36 of them) and
collection (``collection_id`` 1-52, two a week over about six months; some missed), with
``daynumber`` and ``week`` since transplant, the reply date as text ``responsedate``, any
diarrhoea ``outcome_diarrhea`` (0/1), its CTCAE grade ``diarrheactcaegrade`` (0-2, a rare
3) and a severity flag ``outcome_diarrhea_sev``.  Diarrhoea is commoner in the first weeks
and in some participants than in others."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14001)
    pool = np.r_[np.arange(3501, 3546), np.arange(4001, 4031)]
    people = np.sort(d.rng.choice(pool, size=36, replace=False))
    rows_p, rows_c = [], []
    for p in people:
        answered = np.sort(d.rng.choice(np.arange(1, 53), size=int(d.rng.integers(30, 50)), replace=False))
        rows_p.append(np.full(len(answered), p))
        rows_c.append(answered)
    pid = np.concatenate(rows_p)
    coll = np.concatenate(rows_c)
    d.rows(len(pid))
    d.put("Participant", pid, "int")
    d.put("collection_id", coll, "byte")
    day = np.round(coll * 3.8 + d.rng.integers(0, 3, d.n))
    d.put("daynumber", day, "int")
    d.put("week", np.ceil(coll / 2), "byte")
    base = np.datetime64("2021-01-04")
    dates = np.array([str(base + np.timedelta64(int(x), "D")) for x in day + (pid % 40) * 3], dtype=object)
    d.put("responsedate", dates, "str10")
    person = {p: d.rng.normal(0, 0.8) for p in people}
    eta = -1.0 + np.array([person[p] for p in pid]) - 0.03 * coll
    any_d = d.bernoulli_logit(eta)
    grade = np.where(any_d == 1, 1 + (d.rng.random(d.n) < 0.35), 0)
    grade = np.where((grade == 2) & (d.rng.random(d.n) < 0.05), 3, grade)
    d.put("outcome_diarrhea", any_d, "byte")
    d.put("diarrheactcaegrade", grade, "byte")
    d.put("outcome_diarrhea_sev", (grade >= 2).astype(int), "byte")
    return d.dataset()
