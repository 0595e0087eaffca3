"""Look-alike of ``WDI21.dta`` (World Development Indicators 2000-2021): ``country_code``
(numeric), ``year``, log GDP per capita ``ln_gdppc``, log trade ``ln_trade`` and log labour
force ``ln_labor``.  The do-file runs ``xtreg`` with no ``xtset``, so its file carries the panel
setting (``_dta[_TSpanel]``/``_TStvar``) -- the generator does the same."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2021)
    ids, year = d.panel("country_code", 150, list(range(2000, 2022)), "year")
    country = d.effect(ids, 1.0)
    trade = np.round(4 + 0.3 * country + d.normal(0, 0.3), 4)
    labor = np.round(15 + d.effect(ids, 1.5) + 0.01 * (year - 2000) + d.normal(0, 0.05), 4)
    d.put("ln_gdppc", np.round(8 + country + 0.2 * trade + 0.1 * labor + 0.02 * (year - 2000)
                               + d.normal(0, 0.15), 4), "float")
    d.put("ln_trade", d.with_missing(trade, 0.05), "float")
    d.put("ln_labor", labor, "float")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "country_code", "_TStvar": "year"})
    return ds
