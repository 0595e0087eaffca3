"""Look-alike of a course's ``hedon_RandomItercept.dta``: European Social Survey respondents
in 20 countries -- ``hed`` (hedonism score, centred about 0), ``age``, household ``income``
decile, years of education ``eduyrs``, ``female``; ``country`` numeric with country-name
labels.  The income slope varies by country."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "BE", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "HU", "IE", "NL",
             "NO", "PL", "PT", "SE", "SI", "SK"]


def make():
    d = LookAlike(seed=1520)
    ids = d.nested(("country", len(COUNTRIES)), (None, (110, 190)))
    c = ids["country"]
    age = np.clip(np.round(d.normal(48, 18)), 15, 95)
    income = d.uniform_int(1, 10)
    edu = np.clip(np.round(d.normal(12.5, 3.8)), 0, 30)
    female = d.binary(0.53)
    hed = 0.9 + d.effect(c, 0.35) - 0.022 * age + (0.03 + d.effect(c, 0.025)) * income \
        + 0.01 * edu - 0.12 * female + d.normal(0, 0.88)
    d.put("country", c, "byte", "Country", value_labels={i + 1: k for i, k in enumerate(COUNTRIES)})
    d.put("hed", np.round(hed, 4), "float", "hedonism")
    d.put("age", age, "int", "age of respondent")
    d.put("income", income, "byte", "household income decile")
    d.put("eduyrs", edu, "byte", "years of full-time education")
    d.put("female", female, "byte", "female")
    return d.dataset()
