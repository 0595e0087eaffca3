"""Look-alike of Wooldridge's ``lowbirth.dta`` (US states in 1987 and 1990): low birth
weight percentage, AFDC participation, physicians/beds per capita, income, population."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1990)
    ids, year = d.panel("st", 50, [1987, 1990], "year")
    d.put("stateabb", np.array([f"S{k:02d}" for k in ids], dtype=object), "str3")
    d.columns.pop("st"); d.types.pop("st")
    d.put("d90", (year == 1990).astype(int), "byte")
    afdc = np.round(np.clip(4 + d.effect(ids, 1.5) + d.normal(0, 0.3), 0.5, None), 2)
    d.put("afdcprc", afdc, "float")
    for name, m in (("lphypc", 5.3), ("lbedspc", 1.6), ("lpcinc", 9.7), ("lpopul", 8.0)):
        d.put(name, np.round(m + d.effect(ids, 0.3) + d.normal(0, 0.05), 3), "float")
    d.put("lowbrth", np.round(6.5 + 0.1 * afdc + d.effect(ids, 1.0) + d.normal(0, 0.2), 2), "float")
    return d.dataset()
