"""Look-alike of Baltagi and Griffin's gasoline-demand panel as an Excel sheet names it
(``Gasoline.xlsx``, sheet ``Gasoline.txt``: 18 OECD countries, 1960-1978): ``COUNTRY``
(upper-case string), ``YEAR``, log gasoline consumption per car ``LGASPCAR``, log real
income per capita ``LINCOMEP``, log real gasoline price ``LRPMG`` and log cars per capita
``LCARPCAP``, with the real file's persistence (a lagged-dependent model is fitted)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AUSTRIA", "BELGIUM", "CANADA", "DENMARK", "FRANCE", "GERMANY", "GREECE", "IRELAND", "ITALY",
             "JAPAN", "NETHERLA", "NORWAY", "SPAIN", "SWEDEN", "SWITZERL", "TURKEY", "U.K.", "U.S.A."]


def make():
    d = LookAlike(seed=1978)
    ids, year = d.panel("cidx", len(COUNTRIES), list(range(1960, 1979)), "YEAR")
    d.columns.pop("cidx"), d.types.pop("cidx")
    d.put("COUNTRY", np.asarray(COUNTRIES)[ids - 1], "str8")
    d.put("YEAR", year, "int")
    trend = (year - 1960) / 18
    inc = d.group_constant(ids, d.normal(-6.0, 0.35)) + 0.5 * trend + d.normal(0, 0.03)
    price = d.group_constant(ids, d.normal(-0.3, 0.3)) - 0.2 * trend + d.normal(0, 0.08)
    cars = d.group_constant(ids, d.normal(-9.5, 1.0)) + 1.2 * trend + d.normal(0, 0.05)
    u = d.group_constant(ids, d.normal(0, 0.25))
    y = np.empty(d.n)
    for k in range(d.n):
        first = k == 0 or ids[k] != ids[k - 1]
        level = 2.4 + 0.6 * (inc[k] + 6.0) - 0.3 * price[k] - 0.5 * (cars[k] + 9.5) + u[k]
        y[k] = level + 0.05 * d.rng.normal() if first else 0.4 * y[k - 1] + 0.6 * level + 0.04 * d.rng.normal()
    d.put("LGASPCAR", np.round(y, 5), "double")
    d.put("LINCOMEP", np.round(inc, 5), "double")
    d.put("LRPMG", np.round(price, 5), "double")
    d.put("LCARPCAP", np.round(cars, 5), "double")
    return d.dataset()
