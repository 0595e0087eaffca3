"""The 2017 population by country merged 1:1 on ``country`` into ``covid_country_weather``."""
import numpy as np

from lookalike import LookAlike
from make_covid_country_weather import N, countries


def make():
    d = LookAlike(seed=11922)
    d.rows(N)
    names, _ = countries()
    d.put("country", names, "str24")
    d.put("Population2017", np.round(np.exp(d.normal(16, 1.6))), "double")
    return d.dataset()
