"""``Energy.dta`` for the energy/GDP look-alike: code, year, energy totals and per capita."""
import numpy as np

from make_energy_gdp import frame


def make():
    d, ids, year = frame(1)
    twin, _, _ = frame(1)  # same seed: its first draw is GDP's country effect, so energy tracks GDP
    base = 8.5 + twin.effect(ids, 1.2)
    e = np.exp(0.7 * (base + 0.02 * (year - 2000)) - 4 + d.effect(ids, 0.3) + d.normal(0, 0.05))
    d.put("energytotalpc", np.round(e, 4), "float")
    d.put("energytotal", np.round(e * 1e6, 0), "double")
    d.put("energy_impute", d.binary(0.05), "byte")
    return d.dataset()
