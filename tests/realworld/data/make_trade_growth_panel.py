"""Look-alike of a country panel on growth and trade (an Excel sheet ``Merge`` with first-row
names): country code ``Id`` (string), ``time`` 2000-2020, GDP per capita ``gdppc``, a second
regressor ``felb`` and trade openness ``to`` stored as strings as exported from the World Bank
(".." for a missing value), gross domestic investment ``gdi`` and population growth ``pop``.
Some countries have fewer than seven usable years (the file drops them)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2020)
    ids, time = d.panel("cidx", 45, list(range(2000, 2021)), "time")
    d.columns.pop("cidx"), d.types.pop("cidx")
    codes = np.array([f"C{k:02d}" for k in range(1, 46)], dtype=object)
    d.put("Id", codes[ids - 1], "str3")
    d.put("time", time, "int")
    t = time - 2000
    lnf = d.group_constant(ids, d.normal(3.0, 0.8)) + 0.02 * t + d.normal(0, 0.1)
    lnto = d.group_constant(ids, d.normal(4.2, 0.4)) + d.normal(0, 0.08)
    gdi = 22 + d.effect(ids, 4) + d.normal(0, 2)
    popg = 1.5 + d.effect(ids, 0.8) + d.normal(0, 0.2)
    lny = 8 + d.effect(ids, 1.0) + 0.1 * lnf + 0.2 * lnto + 0.01 * gdi + 0.015 * t + d.normal(0, 0.05 + 0.05 * (ids % 3))
    short = d.group_constant(ids, d.binary(0.12)) == 1

    def as_text(values, missing_share):
        text = np.array([f"{v:.4f}" for v in values], dtype=object)
        gone = (d.rng.random(d.n) < missing_share) | (short & (t > 4))
        text[gone] = ".."
        return text

    d.put("gdppc", as_text(np.exp(lny), 0.02), "str12")
    d.put("felb", as_text(np.exp(lnf), 0.04), "str12")
    d.put("to", as_text(np.exp(lnto), 0.03), "str12")
    d.put("gdi", np.round(gdi, 3), "double")
    d.put("pop", np.round(popg, 3), "double")
    return d.dataset()
