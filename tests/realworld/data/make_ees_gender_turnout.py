"""Look-alike of the aggregated European Election Studies file with the authors' macro
variables merged in: respondents in 28 EU countries (``country`` 1-29, 19 unused) at the
eight European Parliament elections 1979-2014 (``year``; countries enter as they joined),
turnout at the European and national election (``vote_eur``, ``vote_nat``), sex, age,
post-secondary education, employment status and social class (1-3 each), view of EU
membership (1-3), union membership, religious attendance, party closeness, political
interest (1-4), and the country-year shares of women in parliament, the EIGE gender-equality
index and its long-term average, and the PISA/TIMSS gender gaps in math."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2019)
    joined = {c: 1979 for c in (2, 7, 10, 11, 14, 15, 18, 20, 28)}
    joined.update({12: 1984, 22: 1989, 26: 1989, 1: 1994, 9: 1994, 27: 1994})
    joined.update({c: 2004 for c in (5, 6, 8, 13, 16, 17, 21, 24, 25, 29)})
    joined.update({3: 2009, 23: 2009, 4: 2014})
    cells = [(c, y) for c, start in sorted(joined.items()) for y in range(1979, 2015, 5) if y >= start]
    sizes = d.rng.integers(25, 45, size=len(cells))
    country = np.repeat([c for c, _ in cells], sizes)
    year = np.repeat([y for _, y in cells], sizes)
    d.rows(len(country))
    d.put("country", country, "byte")
    d.put("year", year, "int")
    cy = country * 10000 + year
    female = d.binary(0.52)
    d.put("female", female, "byte")
    d.put("age", d.uniform_int(18, 90), "byte")
    d.put("postsecondary", d.with_missing(d.binary(0.3), 0.02), "byte")
    d.put("employment_status", d.with_missing(d.categorical([0.55, 0.07, 0.38]), 0.02), "byte")
    d.put("social_class", d.with_missing(d.categorical([0.35, 0.5, 0.15]), 0.05), "byte")
    d.put("membership_good", d.with_missing(d.categorical([0.15, 0.3, 0.55]), 0.05), "byte")
    d.put("tu_member", d.with_missing(d.binary(0.25), 0.03), "byte")
    d.put("religiosity", d.with_missing(d.uniform_int(1, 5), 0.03), "byte")
    d.put("close_to_party", d.with_missing(d.binary(0.5), 0.03), "byte")
    wp = np.round(np.clip(8 + 0.5 * (year - 1979) + d.group_constant(cy, d.normal(0, 6)), 4, 46), 1)
    d.put("women_parliament_survey", wp, "float")
    d.put("women_parliament_18_21", np.round(np.clip(wp - 3 + d.group_constant(cy, d.normal(0, 2)), 0, 46), 1), "float")
    d.put("value", np.round(np.clip(62 + d.group_constant(country, d.normal(0, 8)), 45, 83), 1), "float")
    d.put("long_term_index", np.round(np.clip(62 + d.group_constant(country, d.normal(0, 8)), 48, 82), 1), "float")
    d.put("grand_mean_PISA", np.round(d.group_constant(country, d.normal(-0.015, 0.01)), 4), "float")
    d.put("grand_mean_TIMSS", np.round(d.group_constant(country, d.normal(-0.01, 0.008)), 4), "float")
    u_c = d.effect(country, 0.5)
    u_cy = d.effect(cy, 0.3)
    slope = d.effect(cy, 0.1)
    interest = d.ordinal(0.3 - (0.35 + slope) * female + 0.01 * (wp - 20) * female + u_c + u_cy, [-1.2, 0.3, 1.8])
    d.put("interest", d.with_missing(interest, 0.02), "byte")
    eta = -0.3 + 0.02 * (d.columns["age"] - 45) - 0.05 * female + 0.4 * d.columns["close_to_party"] + 2 * u_c + u_cy
    d.put("vote_eur", d.with_missing(d.bernoulli_logit(eta), 0.03), "byte")
    d.put("vote_nat", d.with_missing(d.bernoulli_logit(eta + 1), 0.03), "byte")
    return d.dataset()
