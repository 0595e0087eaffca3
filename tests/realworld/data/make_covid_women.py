"""Women's share of the population by country merged 1:1 on ``countrycode`` into
``covid_country_weather``."""
import numpy as np

from lookalike import LookAlike
from make_covid_country_weather import N, countries


def make():
    d = LookAlike(seed=11923)
    d.rows(N)
    _, codes = countries()
    d.put("countrycode", codes, "str3")
    d.put("women", np.round(np.clip(d.normal(50, 2.5), 23, 55), 2), "float")
    return d.dataset()
