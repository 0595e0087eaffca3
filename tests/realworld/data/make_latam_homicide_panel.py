"""Look-alike of a Latin American country-year panel of homicide rates (18 countries by
Correlates-of-War code ``cowcode``, 1980-2012, ``year``): homicide rates per 100,000 from three
sources ``homrates`` (from a country's first year of records), ``homrates_ip`` (interpolated) and ``homratesWHO``; log GDP per
capita ``lnwdi_gdppc`` and its square ``lnwdi_gdppc2``, growth ``wdi_gdppcg``, net Gini
``gini_net`` and the World Bank's interpolated Gini ``wdi_gini_ip``, unemployment
``wdi_ue_ip``, political terror scale ``gd_ptss`` (1-5), latent judicial independence ``lji``,
Polity ``p_polity2`` (-10..10) and its square, urban share ``wdi_urban``, youth share
``youth_pop``, civil-war legacy ``warlegacy``, average schooling ``bl_asy15mf_ip``, female
labour participation ``femalelabor_ne_ip``, armed conflict ``cwarPRIO25`` (0/1), battle deaths
``brdPRIO``, drug producer ``drugproducer`` and money-laundering ``Laundering`` indicators.
The do-file loads no data: it starts from this panel in memory."""
import numpy as np

from lookalike import LookAlike

COW = [40, 41, 42, 70, 90, 91, 92, 93, 94, 95, 100, 101, 130, 135, 140, 145, 150, 155, 160, 165]


def make():
    d = LookAlike(seed=141064)
    rng = d.rng
    years = list(range(1980, 2013))
    ids, year = d.panel("cowcode", len(COW), years, "year")
    code = np.asarray(COW)[ids - 1]
    t = (year - 1980).astype(float)
    n = len(year)
    gdp0 = d.group_constant(ids, rng.normal(8.3, 0.5, size=n))
    lngdp = np.round(gdp0 + 0.015 * t + rng.normal(0, 0.03, size=n), 4)
    gini = np.round(d.group_constant(ids, rng.normal(48, 4, size=n)) - 0.1 * t + rng.normal(0, 1, size=n), 2)
    polity = np.clip(np.round(d.group_constant(ids, rng.normal(4, 4, size=n)) + 0.15 * t + rng.normal(0, 1.5, size=n)), -10, 10)
    ptss = np.clip(np.round(d.group_constant(ids, rng.normal(3, 0.8, size=n)) + rng.normal(0, 0.6, size=n)), 1, 5)
    urban = np.round(np.clip(d.group_constant(ids, rng.normal(60, 15, size=n)) + 0.4 * t, 20, 95), 2)
    war = d.group_constant(ids, (rng.random(n) < 0.3).astype(float))
    conflict = ((rng.random(n) < 0.08) | ((war == 1) & (rng.random(n) < 0.3))).astype(float)
    lji = np.round(d.group_constant(ids, rng.normal(0.5, 0.2, size=n)) + rng.normal(0, 0.05, size=n), 4)
    hom = np.exp(1.5 + d.effect(ids, 0.8) - 0.2 * (lngdp - 8.3) + 0.03 * (gini - 48) + 0.1 * ptss + 0.2 * conflict
                 + rng.normal(0, 0.25, size=n))
    hom_ip = np.round(hom, 2)
    d.put("cowcode", code, "int")
    d.put("year", year, "int")
    start = d.group_constant(ids, rng.integers(1980, 1996, size=n))
    d.put("homrates", np.where(year < start, np.nan, hom_ip), "float")
    d.put("homrates_ip", np.where(year < start - 2, np.nan, hom_ip), "float")
    d.put("homratesWHO", np.where(year < start + 3, np.nan, np.round(hom * np.exp(rng.normal(0, 0.15, size=n)), 2)), "float")
    d.put("lnwdi_gdppc", lngdp, "float")
    d.put("lnwdi_gdppc2", np.round(lngdp ** 2, 4), "float")
    d.put("wdi_gdppcg", np.round(rng.normal(1.8, 3.5, size=n), 3), "float")
    d.put("gini_net", np.where(year < 1983, np.nan, gini), "float")
    d.put("wdi_gini_ip", np.where(year < start, np.nan, np.round(gini + 3 + rng.normal(0, 1.5, size=n), 2)), "float")
    d.put("wdi_ue_ip", np.round(np.clip(rng.normal(8, 3, size=n), 1, 25), 2), "float")
    d.put("gd_ptss", ptss, "float")
    d.put("lji", lji, "float")
    d.put("p_polity2", polity, "byte")
    d.put("p_polity2sq", polity ** 2, "int")
    d.put("wdi_urban", urban, "float")
    d.put("youth_pop", np.round(np.clip(d.group_constant(ids, rng.normal(20, 2, size=n)) - 0.08 * t, 10, 30), 2), "float")
    d.put("warlegacy", war, "byte")
    d.put("bl_asy15mf_ip", np.round(d.group_constant(ids, rng.normal(6, 1.2, size=n)) + 0.08 * t, 3), "float")
    d.put("femalelabor_ne_ip", np.round(np.clip(d.group_constant(ids, rng.normal(45, 6, size=n)) + 0.4 * t, 20, 80), 2), "float")
    d.put("cwarPRIO25", conflict, "byte")
    d.put("brdPRIO", np.where(conflict == 1, np.round(rng.exponential(300, size=n)), 0), "float")
    d.put("drugproducer", d.group_constant(ids, (rng.random(n) < 0.25).astype(float)), "byte")
    d.put("Laundering", (rng.random(n) < 0.3).astype(float), "byte")
    return d.dataset()
