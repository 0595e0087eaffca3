"""Look-alike of a European Social Survey extract on redistribution and voting: respondents
in 18 countries ``country`` 1-18 over four rounds ``year`` (2008-2014 every two years), born
in the country or not ``brncntr`` (1 yes, 2 no), the preference for redistribution
``redpref1`` 1-5, the country's income gap ``incomedif`` and foreign-born share ``forpop``
and social spending ``socgdp`` (country-year), ``age``, ``gender`` 1-2, years of
``education``, ``religion`` 0-3, ``union`` membership 1-3, class ``euroesec`` 1-9, and votes
for the left ``vleft`` and the populist right ``vpopright`` (0/1) with country intercepts."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3712)
    ids = d.nested(("country", 18), (None, (260, 360)))
    country = ids["country"]
    year = d.categorical([0.25, 0.25, 0.25, 0.25], [2008, 2010, 2012, 2014])
    d.put("year", year, "int")
    cy = country * 10000 + year
    d.put("brncntr", d.categorical([0.9, 0.1], [1, 2]), "byte")
    red = d.ordinal(d.normal(0, 1), [-2.0, -0.8, 0.4, 1.8])
    d.put("redpref1", red, "byte")
    inc = d.group_constant(cy, np.round(d.normal(4.5, 1.0) + d.effect(country, 0.8) * 0, 3))
    d.put("incomedif", inc, "float")
    d.put("forpop", d.group_constant(cy, np.round(d.rng.uniform(3, 18, d.n), 2)), "float")
    d.put("socgdp", d.group_constant(cy, np.round(d.rng.uniform(15, 31, d.n), 2)), "float")
    d.put("age", d.uniform_int(18, 90), "byte")
    d.put("gender", d.categorical([0.48, 0.52], [1, 2]), "byte")
    d.put("education", np.clip(np.round(d.normal(12.5, 3.5)), 0, 25), "byte")
    d.put("religion", d.categorical([0.4, 0.35, 0.15, 0.1], [0, 1, 2, 3]), "byte")
    d.put("union", d.categorical([0.2, 0.25, 0.55], [1, 2, 3]), "byte")
    d.put("euroesec", d.categorical([0.08, 0.14, 0.12, 0.1, 0.1, 0.12, 0.12, 0.12, 0.1]), "byte")
    u_left = d.effect(country, 0.5)
    u_pop = d.effect(country, 0.8)
    d.put("vleft", d.bernoulli_logit(-1.9 + 0.35 * red + 0.1 * (inc - 4.5) + u_left), "byte")
    d.put("vpopright", d.bernoulli_logit(-2.4 - 0.15 * red + 0.05 * d.columns["forpop"] / 5 + u_pop), "byte")
    return d.dataset()
