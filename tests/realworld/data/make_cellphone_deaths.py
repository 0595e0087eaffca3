"""Look-alike of the state traffic-fatality panel of a course file on cell-phone and
texting bans (``telephone.csv.xlsx``, sheet ``Sheet1``, first row names): ``state``
(string, 50 states and DC), ``year`` 2007-2012, deaths per billion vehicle miles
``DeathsPerBillionMiles``, cellular subscriptions per 10,000 people ``cell_per10thous_pop``
and 0/1 ban indicators ``cell_ban`` and ``text_ban`` (bans spread over the years)."""
import numpy as np

from lookalike import LookAlike

STATES = ["AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
          "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
          "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY"]


def make():
    d = LookAlike(seed=2012)
    ids, year = d.panel("sidx", len(STATES), list(range(2007, 2013)), "year")
    d.columns.pop("sidx"), d.types.pop("sidx")
    d.put("state", np.asarray(STATES)[ids - 1], "str2")
    d.put("year", year, "int")
    start_cell = d.group_constant(ids, d.uniform_int(2005, 2020))
    start_text = d.group_constant(ids, d.uniform_int(2007, 2016))
    cell_ban = (year >= start_cell).astype(int)
    text_ban = (year >= start_text).astype(int)
    cells = d.group_constant(ids, d.normal(8500, 900)) + 250 * (year - 2007) + d.normal(0, 120)
    deaths = (13 + d.effect(ids, 3.0) - 0.4 * (year - 2007) - 0.6 * text_ban - 0.3 * cell_ban
              + d.normal(0, 0.9))
    d.put("DeathsPerBillionMiles", np.round(np.maximum(deaths, 3), 2), "double")
    d.put("cell_per10thous_pop", np.round(cells, 1), "double")
    d.put("cell_ban", cell_ban, "byte")
    d.put("text_ban", text_ban, "byte")
    return d.dataset()
