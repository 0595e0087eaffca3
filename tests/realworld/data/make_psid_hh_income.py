"""Look-alike of a household-head PSID extract (``PANEL6812_HH.dta`` of an income-process
problem set): heads ``persnr`` observed yearly 1990-2010 with gaps at the end, head's age
``age_head``, household labour income ``yhh7`` (some zero or negative), the price index
``cpi``, education ``edu`` (1-4), ``famsize``, ``married``, head's annual hours ``Hrs_hh`` and a
frequency weight ``fwgt``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=6812)
    ids, year = d.panel("persnr", 420, list(range(1990, 2011)), "year", dropout=0.3)
    birth = d.group_constant(ids, d.uniform_int(1935, 1975))
    age = year - birth
    edu = d.group_constant(ids, d.categorical([0.12, 0.35, 0.25, 0.28], [1, 2, 3, 4]))
    cpi = np.round(0.62 + 0.019 * (year - 1990), 3)
    person = d.effect(ids, 0.35)
    hours = np.clip(np.round(2000 + d.normal(0, 350)), 300, 3600)
    lw = 2.2 + 0.06 * (age - 25) - 0.0009 * (age - 25) ** 2 + 0.25 * (edu - 2) + person + d.normal(0, 0.3)
    income = np.round(np.exp(lw) * hours * cpi, 0)
    income[d.rng.random(d.n) < 0.01] = 0
    income[d.rng.random(d.n) < 0.004] = -500
    d.put("age_head", age, "byte")
    d.put("yhh7", income, "float")
    d.put("cpi", cpi, "float")
    d.put("edu", edu, "byte")
    d.put("famsize", np.clip(np.round(2.5 + d.effect(ids, 1.0) + d.normal(0, 0.4)), 1, 9), "byte")
    d.put("married", d.group_constant(ids, d.binary(0.6)), "byte")
    d.put("Hrs_hh", hours, "int")
    d.put("fwgt", d.group_constant(ids, d.uniform_int(1, 40)), "int")
    return d.dataset()
