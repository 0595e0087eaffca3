"""Look-alike of a country-year GDP file (``GDP.dta``): code (ISO-like text), year, gdp,
gdpgrowth, gdppc, gdp_impute.  ``make_energy_totals`` and ``make_wb_class`` give the files
merged onto it (energy use per capita; World Bank region)."""
import numpy as np

from lookalike import LookAlike


def frame(seed: int):
    d = LookAlike(seed=seed)
    ids, year = d.panel("cid", 40, list(range(2000, 2020)), "year")
    d.put("code", np.array([f"C{k:02d}" for k in ids], dtype=object), "str3")
    d.columns.pop("cid"); d.types.pop("cid")
    return d, ids, year


def make():
    d, ids, year = frame(1)
    lngdp = 8.5 + d.effect(ids, 1.2) + 0.02 * (year - 2000) + d.normal(0, 0.02)
    d.put("gdppc", np.round(np.exp(lngdp), 1), "float")
    d.put("gdp", np.round(np.exp(lngdp) * 1e6, 0), "double")
    d.put("gdpgrowth", np.round(d.normal(2, 2), 2), "float")
    d.put("gdp_impute", d.binary(0.05), "byte")
    return d.dataset()
