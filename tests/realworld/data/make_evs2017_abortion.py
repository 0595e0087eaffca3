"""Look-alike of the European Values Study 2017 integrated file (ZA7500) reduced to the
variables of an assignment: ``country`` (ISO numeric), ``v154`` (abortion justifiable 1-10),
``v63`` (importance of God 1-10), ``v243_r`` (education 1-3, 66 other), ``v246_ISEI``
(ISEI, -10 not classifiable), ``age``, ``v225`` (sex 1/2), ``v111_4`` (post-materialist
index 1-3), with EVS's negative missing codes (-1 don't know, -2 no answer, -3 not
applicable, -4 not asked, -5 other) in the numeric variables and ``"-1"``/``"-2"`` in the
string ``cntry_AN``.  The slope of ``v63`` varies by country."""
import numpy as np

from lookalike import LookAlike

CODES = [8, 31, 40, 51, 70, 100, 112, 191, 203, 208, 233, 246, 250, 268, 276, 348, 352, 380,
         428, 440, 499, 528, 578, 616, 620, 642, 643, 688, 703, 705, 724, 752, 756, 804, 807, 826]


def _codes(d, x, share):
    x = np.asarray(x, dtype=float).copy()
    u = d.rng.random(d.n)
    x[u < share] = -1
    x[(u >= share) & (u < 1.5 * share)] = -2
    return x


def make():
    d = LookAlike(seed=12116)
    ids = d.nested(("c", len(CODES)), (None, (60, 110)))
    c = ids["c"] - 1
    god = np.clip(np.round(5.5 + d.effect(c, 1.5) + d.normal(0, 2.8)), 1, 10)
    edu = d.categorical([0.3, 0.45, 0.24, 0.01], [1, 2, 3, 66])
    isei = np.clip(np.round(d.normal(45, 16)), 11, 89)
    isei[d.rng.random(d.n) < 0.04] = -10
    age = np.clip(np.round(d.normal(50, 17)), 18, 95)
    pmi = d.categorical([0.25, 0.6, 0.15])
    just = 6.0 + d.effect(c, 1.4) - (0.3 + d.effect(c, 0.08)) * (god - 5.5) \
        + 0.3 * (np.where(edu == 66, 2, edu) - 2) + d.normal(0, 2.5)
    just = np.clip(np.round(just), 1, 10)
    d.put("country", np.array([CODES[i] for i in c]), "int", "Country (ISO 3166-1 Numeric code)")
    d.put("cntry_AN", np.array(["X" + str(CODES[i]) if r > 0.01 else "-1"
                                for i, r in zip(c, d.rng.random(d.n))], dtype=object), "str4",
          "Country (ISO 3166-1 Alpha-2 code)")
    d.put("v154", _codes(d, just, 0.03), "byte", "can be justified: abortion (Q44G)")
    d.put("v63", _codes(d, god, 0.01), "byte", "how important is God in your life (Q42)")
    d.put("v243_r", _codes(d, edu, 0.01), "byte", "educational level respondent: recoded (Q81)")
    d.put("v246_ISEI", _codes(d, isei, 0.05), "int", "Respondent ISEI")
    d.put("age", _codes(d, age, 0.005), "int", "age: respondent (Q64)")
    d.put("v225", _codes(d, d.binary(0.54) + 1, 0.002), "byte", "sex respondent (Q63)")
    d.put("v111_4", _codes(d, pmi, 0.03), "byte", "Post-materialist index 4-item")
    return d.dataset()
