"""Look-alike of Stock and Watson's cigarette-consumption panel (``cig_ch10.dat.dta``):
``state`` (string, 48 continental states), ``year`` 1985-1995, consumer price index
``cpi``, population ``pop``, packs per capita ``packpc``, state personal income ``income``
(thousands), average cigarette-specific tax ``tax``, average price including sales tax
``avgprs`` and total tax ``taxs`` (cents per pack)."""
import numpy as np

from lookalike import LookAlike

STATES = ["AL", "AR", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA",
          "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK",
          "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY"]


def make():
    d = LookAlike(seed=1995)
    ids, year = d.panel("sidx", len(STATES), list(range(1985, 1996)), "year")
    d.columns.pop("sidx"), d.types.pop("sidx")
    d.put("state", np.asarray(STATES)[ids - 1], "str2")
    d.put("year", year, "int")
    t = year - 1985
    cpi = 1.076 * (1.037 ** t)
    pop = d.group_constant(ids, np.exp(d.normal(15.0, 1.0))) * (1.01 ** t)
    tax = d.group_constant(ids, d.normal(30, 8)) + 2.5 * t + d.normal(0, 1.5)
    sales = d.group_constant(ids, d.normal(6, 2)) * (1.04 ** t)
    taxs = tax + np.abs(sales)
    avgprs = (70 + taxs) * (1.05 ** t) * np.exp(d.normal(0, 0.02))
    income = pop * d.group_constant(ids, d.normal(14, 2)) * (1.05 ** t) / 1000 * np.exp(d.normal(0, 0.01))
    packpc = np.exp(5.0 - 0.8 * np.log(avgprs / cpi / 100) + d.effect(ids, 0.12) + d.normal(0, 0.04)) / 1.5
    d.put("cpi", np.round(cpi, 3), "double")
    d.put("pop", np.round(pop, 0), "double")
    d.put("packpc", np.round(packpc, 2), "double")
    d.put("income", np.round(income, 0), "double")
    d.put("tax", np.round(tax, 2), "double")
    d.put("avgprs", np.round(avgprs, 2), "double")
    d.put("taxs", np.round(taxs, 2), "double")
    return d.dataset()
