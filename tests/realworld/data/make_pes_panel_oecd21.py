"""Look-alike of a country-year panel of labour-market policy (``pes_panel_21.dta``): 21 OECD
countries (``iso3`` text) 2010-2024, 315 rows; public employment service spending as a share
of GDP ``pes_gdp`` (observed 2020-2024 only), the unemployment rate ``unemp``, labour-force
participation ``lfpr`` and employment rate ``emp_rate``, public social spending ``socx_gdp``
(absent for AUS, CAN and JPN in 2023-2024), a text status code ``unemp_status`` (mostly blank)
and a 0/1 flag ``socx_row_absent``.  PES spending follows unemployment more when it rises than
when it falls."""
import numpy as np

from lookalike import LookAlike

ISO3 = ["AUS", "AUT", "BEL", "CAN", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "IRL", "ITA",
        "JPN", "KOR", "NLD", "NOR", "POL", "PRT", "SWE", "USA"]


def make():
    d = LookAlike(seed=7127)
    d.rows(len(ISO3) * 15)  # country-years, the countries in order
    ids = np.repeat(np.arange(1, len(ISO3) + 1), 15)
    year = np.tile(np.arange(2010, 2025), len(ISO3))
    iso = np.array(ISO3, dtype=object)[ids - 1]
    d.put("iso3", iso, "str3")
    d.put("year", year, "int")
    base = 6.5 + d.effect(ids, 2.5)
    shock = np.where(year == 2020, 2.2, 0.0) + np.where(year == 2021, 0.8, 0.0)
    cycle = 1.2 * np.sin((year - 2010) / 2.5 + d.effect(ids, 1.0))
    unemp = np.clip(base + cycle + shock + d.normal(0, 0.3) - 0.12 * (year - 2010), 2.0, None)
    d.put("unemp", unemp, "double")
    order = np.lexsort((year, ids))
    assert np.all(order == np.arange(len(ids)))
    du = np.r_[np.nan, np.diff(unemp)]
    du[np.r_[True, ids[1:] != ids[:-1]]] = np.nan
    level = 0.18 + d.effect(ids, 0.06)
    step = np.nan_to_num(0.03 * np.maximum(du, 0) - 0.01 * np.maximum(-du, 0))
    pes = level + np.zeros(len(ids))
    for k in range(1, len(ids)):  # spending accumulates the asymmetric steps within a country
        if ids[k] == ids[k - 1]:
            pes[k] = pes[k - 1] + step[k] + d.rng.normal(0, 0.01)
    pes = np.where(year >= 2020, pes, np.nan)
    d.put("pes_gdp", pes, "double")
    d.put("lfpr", 72 + d.effect(ids, 4.0) + 0.2 * (year - 2010) + d.normal(0, 0.4), "double")
    d.put("emp_rate", 68 + d.effect(ids, 5.0) - 0.6 * (unemp - base) + d.normal(0, 0.4), "double")
    socx = 22 + d.effect(ids, 4.0) + 0.3 * (unemp - base) + d.normal(0, 0.3)
    absent = np.isin(iso, ["AUS", "CAN", "JPN"]) & (year >= 2023)
    d.put("socx_gdp", np.where(absent, np.nan, socx), "double")
    status = np.where(d.rng.random(len(ids)) < 0.05, "e", "")
    status = np.where(np.isin(iso, ["AUS", "AUT", "BEL", "CAN"]) & (year >= 2023), "", status)
    status = np.where((year == 2024) & ~np.isin(iso, ["AUS", "AUT", "BEL", "CAN"]), "p", status)
    d.put("unemp_status", status.astype(object), "str1")
    d.put("socx_row_absent", absent.astype(int), "byte")
    return d.dataset()
