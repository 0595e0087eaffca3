"""Look-alike of country-year controls (``country_controls.dta``): ``cntry`` (str2) of the
ESS look-alike's countries and more, ``surveyyear`` 2002-2022 stored as float,
``e_gdppc`` (GDP per capita, thousands), ``oecd_unemplrt_t1c`` (unemployment rate) and
``v2x_libdem`` (liberal democracy index, 0-1)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "BE", "BG", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "HU", "IE", "IT",
             "LT", "NL", "NO", "PL", "PT", "SE", "SI"]


def make():
    d = LookAlike(seed=2002)
    cid, year = d.panel("cid", len(COUNTRIES), list(range(2002, 2023)), "surveyyear")
    del d.columns["cid"], d.types["cid"]
    d.put("cntry", np.array([COUNTRIES[i - 1] for i in cid], dtype=object), "str2")
    d.types["surveyyear"] = "float"
    d.put("e_gdppc", np.round(np.exp(3.3 + d.effect(cid, 0.4) + 0.01 * (year - 2002) + d.normal(0, 0.03)), 3), "float")
    d.put("oecd_unemplrt_t1c", np.round(np.clip(7 + d.effect(cid, 2.5) + d.normal(0, 1.2), 2, 25), 2), "float")
    d.put("v2x_libdem", np.round(np.clip(0.75 + d.effect(cid, 0.08) + d.normal(0, 0.02), 0.2, 0.9), 3), "float")
    return d.dataset()
