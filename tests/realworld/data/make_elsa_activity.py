"""Look-alike of a derived ELSA person-wave file (wave 9 and COVID-19 wave 2, ``TimePA`` 0/1):
respondent ``idauniq``, age, qualifications, education/occupational class/wealth (constant
per person, ``*_cons``), sex, ethnicity, living alone, age group, limiting illness,
self-rated health, smoking, alcohol, depressive symptoms, shielding, the COVID wave 2
person weight and physical activity (0 inactive - 3 vigorous), with a few missing values;
``elsa_activity_cc`` is its complete-case version."""
import numpy as np

from lookalike import LookAlike


def build(complete: bool):
    d = LookAlike(seed=2020)
    ids, t = d.panel("idauniq", 900, [0, 1], "TimePA")
    d.columns["idauniq"] = 100000 + 7 * ids
    d.types["idauniq"] = "long"
    d.put("wave", np.where(t == 0, 9, 11), "byte")
    share = 0.0 if complete else 0.01
    def person(values, miss=share):
        return d.with_missing(d.group_constant(ids, values), miss)
    d.put("indager", d.group_constant(ids, d.uniform_int(52, 90)) + t, "byte")
    d.put("edqual", person(d.uniform_int(1, 7)), "byte")
    edu = d.group_constant(ids, d.categorical([0.3, 0.45, 0.25]))
    d.put("education_cons", person(edu), "byte")
    d.put("mynssec3_cons", person(d.categorical([0.4, 0.25, 0.35])), "byte")
    d.put("wealth_cons", person(d.uniform_int(1, 5)), "byte")
    d.put("sex_cons", person(d.uniform_int(1, 2)), "byte")
    d.put("ethnicity_cons", person(d.categorical([0.95, 0.05], [0, 1])), "byte")
    d.put("living_cons", person(d.binary(0.25)), "byte")
    d.put("age_cons", person(d.categorical([0.4, 0.35, 0.25])), "byte")
    for name, draw in (("limiting_cons", lambda: d.binary(0.3)), ("health_cons", lambda: d.uniform_int(1, 5)),
                       ("smoking_cons", lambda: d.binary(0.1)), ("alcohol_cons", lambda: d.binary(0.2)),
                       ("depression_cons", lambda: d.uniform_int(0, 8)), ("shielding", lambda: d.binary(0.1))):
        d.put(name, person(draw()), "byte")
    d.put("cov19lwgtw2", np.round(d.group_constant(ids, d.rng.uniform(0.3, 3.0, d.n)), 4), "float")
    latent = 0.4 * (edu - 2) - 0.5 * t + d.effect(ids, 1.2)
    act = d.ordinal(latent, [-1.5, 0.0, 1.5], [0, 1, 2, 3])
    d.put("activity2", d.with_missing(act, share), "byte")
    return d.dataset()


def make():
    return build(complete=False)
