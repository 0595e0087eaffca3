"""Look-alike of a school-tutoring evaluation's student-by-semester file
(``estimation_sample.dta``): students ``sid`` observed in up to six semesters
``semester``, a pre/post test ``pre`` ``post`` (and ``post_n``, ``baseline``), treatment
dose ``treat`` (sessions) and its total ``tot_treat``, ``nSemester``, grade ``grade`` 1-5
(3 the base the models use), ``race`` 1-4, ``female`` ``english`` ``par_gs`` ``sed``
indicators, the treatment category ``treatCat`` 1-3, a missing-data flag ``MISS`` and one
row per student ``kid_tag``; some test scores missing."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=4471)
    ids, sem = d.panel("sid", 420, list(range(1, 7)), "semester", dropout=0.4)
    d.put("sid", ids, "int")
    grade0 = d.group_constant(ids, d.uniform_int(1, 4))
    grade = np.minimum(5, grade0 + (sem - 1) // 2)
    d.put("grade", grade, "byte")
    for name, p in (("female", 0.5), ("english", 0.3), ("par_gs", 0.2), ("sed", 0.12)):
        d.put(name, d.group_constant(ids, d.binary(p)), "byte")
    d.put("race", d.group_constant(ids, d.categorical([0.5, 0.25, 0.15, 0.1])), "byte")
    treatcat = d.group_constant(ids, d.categorical([0.2, 0.6, 0.2]))
    d.put("treatCat", treatcat, "byte")
    treat = np.where(treatcat == 1, 0, np.round(d.rng.gamma(2.0, 4.0, d.n)))
    d.put("treat", treat, "float")
    u = d.effect(ids, 6.0)
    pre = np.round(50 + 3 * grade + u + d.normal(0, 5), 1)
    post = np.round(0.8 * pre + 12 + 0.15 * treat - 2 * d.columns["english"] + 0.3 * u + d.normal(0, 5), 1)
    d.put("pre", d.with_missing(pre, 0.05), "float")
    d.put("post", d.with_missing(post, 0.07), "float")
    d.put("MISS", (np.isnan(d.columns["pre"]) | np.isnan(d.columns["post"])).astype(int), "byte")
    first = np.r_[True, ids[1:] != ids[:-1]]
    d.put("kid_tag", first.astype(int), "byte")
    d.put("nSemester", np.bincount(ids)[ids], "byte")
    tot = np.bincount(ids, weights=treat)[ids]
    d.put("tot_treat", tot, "float")
    d.put("baseline", d.group_constant(ids, pre), "float")
    d.put("post_n", np.round(d.group_constant(ids, pre) + 0.05 * tot + d.normal(0, 6), 1), "float")
    return d.dataset()
