"""Look-alike of the public LEAPS (Learning and Educational Achievement in Punjab Schools)
child panel in long form as Eubank's value-added do-file reads it: one row per child and
round (``childcode``, ``round`` 1-4), tested children in grades 3-6 (``child_class``) of
schools in 3 districts (``district`` 1-3) and 21 villages (``mauzaid``), one school each, each child's
teacher that round (``child_teachercode``, 4-5 digit codes, a few missing), IRT scores
``child_english_theta`` ``child_urdu_theta`` ``child_math_theta`` (mean 0, sd ~1, some
missing), ``child_parentedu`` (0/1), ``child_pca`` (wealth index) and ``child_age``.
Scores carry a child effect, a teacher effect (the value added) and last round's score."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13601)
    n_child = 1000
    ids, rnd = d.panel("childcode", n_child, [1, 2, 3, 4], "round", dropout=0.25)
    village = d.rng.integers(1, 22, size=n_child)[ids - 1]
    d.put("mauzaid", village, "int")
    d.put("district", (village - 1) // 7 + 1, "byte")
    start = d.rng.integers(3, 5, size=n_child)[ids - 1]
    d.put("child_class", np.minimum(start + rnd - 1, 6), "byte")
    # one teacher per school and round: 21 x 4 teachers at most
    school = village - 1
    tcode = 1000 + school * 10 + rnd + np.where(school > 10, 9000, 0)
    tcode = d.with_missing(tcode, 0.02)
    d.put("child_teachercode", tcode, "int")
    va = d.effect(np.nan_to_num(tcode), 0.3)
    child = d.effect(ids, 0.6)
    d.put("child_parentedu", d.binary(0.35), "byte")
    pca = d.normal(0, 1.3)
    d.put("child_pca", np.round(pca, 4), "float")
    d.put("child_age", np.clip(np.round(8 + rnd + d.normal(0, 1.2)), 6, 16), "byte")
    for name, shift in (("child_english_theta", -0.2), ("child_urdu_theta", 0.1), ("child_math_theta", 0.0)):
        score = shift + child + va + 0.15 * pca + 0.25 * (rnd - 1) + d.normal(0, 0.55)
        d.put(name, d.with_missing(np.round(score, 4), 0.05), "float")
    return d.dataset()
