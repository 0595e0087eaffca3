"""Look-alike of the AmericasBarometer (LAPOP) analysis file of a study of community size,
social capital and political participation in Latin America, as the replication do-file finds
it in memory: one row per respondent in 20 countries (``ccode`` 1-20) and survey years
2010-2014 (``year_survey``; the file keeps 2012-2014), 25-45 respondents per country-year.
``size_resid`` place size 1 (capital) .. 5 (rural), ``size_municipality`` 1-4, ``age``, the
attendance items ``attend_parties`` ``attend_community`` ``attend_professional``
``attend_parents`` ``attend_municipality`` (1 never .. 4 weekly), ``attend_religion`` 1-4 and
``attend_church`` 1-5, ``interp_trust1`` 1-4, ``help_neighborhood`` and
``help_neighborhood_labor`` 0/1, ``educ`` years, ``income_decile`` 1-10,
``victim_violence`` ``fear_gangs`` ``male`` ``married`` ``empstatus`` ``turnout``
``contact_local`` ``contact_mp`` ``contact_municipality`` ``contact_ministry`` ``petition``
0/1, ``number_children`` 0-8, ``religiosity`` 1-4, ``pol_int`` 1-4, ``int_efficacy`` 1-7 and
``trust_inst1`` 1-7.  Social capital (attendance, helping, trust) falls with place size;
turnout rises with age, education and interest; country and year effects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13403)
    ids = d.nested(("ccode", 20), ("cy", (5, 5)), (None, (25, 45)))
    c, cy = ids["ccode"], ids["cy"]
    del d.columns["cy"], d.types["cy"]
    year = 2010 + (cy - 1) % 5
    d.put("year_survey", year, "int")
    size = d.categorical([0.25, 0.2, 0.2, 0.15, 0.2])
    d.put("size_resid", size, "byte", value_labels={1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
    d.put("size_municipality", d.categorical([0.3, 0.3, 0.2, 0.2]), "byte")
    age = np.clip(np.round(d.normal(40, 15)), 18, 90)
    d.put("age", age, "byte")
    sc = 0.25 * (size - 3) + d.effect(c, 0.3) + d.normal(0, 1)

    def item(cuts, shift=0.0):
        return d.ordinal(0.9 * sc + shift, cuts)

    d.put("attend_parties", item([1.5, 2.5, 3.5]), "byte")
    d.put("attend_community", item([0.3, 1.5, 2.5]), "byte")
    d.put("attend_religion", item([-0.5, 0.5, 1.5]), "byte")
    d.put("attend_church", item([-1.0, 0.0, 1.0, 2.0]), "byte")
    d.put("interp_trust1", item([-1.0, 0.0, 1.2]), "byte")
    d.put("attend_professional", item([1.2, 2.2, 3.2]), "byte")
    d.put("attend_parents", item([0.2, 1.2, 2.2]), "byte")
    d.put("attend_municipality", d.binary(0.12), "byte")
    d.put("help_neighborhood_labor", d.bernoulli_logit(-0.6 + 0.8 * sc), "byte")
    d.put("help_neighborhood", d.bernoulli_logit(-0.3 + 0.8 * sc), "byte")
    educ = np.clip(np.round(d.normal(9, 4) - 0.4 * (size - 3)), 0, 18)
    d.put("educ", educ, "byte")
    d.put("income_decile", np.clip(np.round(d.normal(5, 2.5) + 0.2 * (educ - 9)), 1, 10), "byte")
    d.put("victim_violence", d.binary(0.18), "byte")
    d.put("fear_gangs", d.binary(0.35), "byte")
    d.put("male", d.binary(0.5), "byte")
    d.put("married", d.binary(0.55), "byte")
    d.put("number_children", np.clip(d.rng.poisson(2.0, d.n), 0, 8), "byte")
    d.put("empstatus", d.binary(0.6), "byte")
    d.put("religiosity", d.categorical([0.15, 0.25, 0.3, 0.3]), "byte")
    polint = d.categorical([0.35, 0.3, 0.25, 0.1])
    d.put("pol_int", polint, "byte")
    d.put("int_efficacy", d.uniform_int(1, 7), "byte")
    d.put("trust_inst1", d.uniform_int(1, 7), "byte")
    eta = -0.2 + 0.03 * (age - 40) + 0.05 * (educ - 9) + 0.3 * (polint - 2) + d.effect(c, 0.4) + d.effect(cy, 0.2)
    d.put("turnout", d.bernoulli_logit(eta), "byte")
    for name, p in (("contact_local", 0.12), ("contact_mp", 0.05), ("contact_municipality", 0.14),
                    ("contact_ministry", 0.06), ("petition", 0.1)):
        d.put(name, d.bernoulli_logit(np.log(p / (1 - p)) + 0.5 * sc), "byte")
    return d.dataset()
