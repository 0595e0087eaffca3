"""Look-alike of a gravity panel of FDI into Vietnam by source economy (``da1_panel.csv``):
``iso3`` (string; SGP and HKG among them), ``year`` 2006-2024, inflows ``fdi_usd_m`` (US$
million, about a third zero) and IMF CDIS positions ``position_usd_m`` (from 2009), log
distance ``ln_dist``, Mahalanobis cultural/institutional/economic distances ``cult_dist``
``inst_dist`` ``econ_dist`` (and Kogut-Singh ``cult_dist_ks`` ``inst_dist_ks``, a centred
``inst_dist_c``), source GDP ``ln_gdp``, a free-trade-agreement indicator ``fta`` and
``fta_x_inst``, the offshore-centre flag ``ofc``, the main-sample flag ``main`` (not an
offshore centre, or SGP/HKG) and ``in_2019_sample`` (16 economies of the 2019 paper)."""
import numpy as np

from lookalike import LookAlike

CODES = ["SGP", "HKG", "JPN", "KOR", "CHN", "TWN", "USA", "DEU", "FRA", "GBR", "NLD", "CHE", "THA",
         "MYS", "AUS", "CAN", "IND", "IDN", "PHL", "ITA", "ESP", "BEL", "SWE", "DNK", "NOR", "FIN",
         "AUT", "NZL", "RUS", "BRA", "VGB", "CYM", "BMU", "LUX", "IRL", "MUS", "POL", "TUR", "ISR", "ARE"]
OFC = {"SGP", "HKG", "VGB", "CYM", "BMU", "LUX", "IRL", "MUS"}


def make():
    d = LookAlike(seed=2026)
    ids, year = d.panel("cidx", len(CODES), list(range(2006, 2025)), "year")
    code = np.asarray(CODES)[ids - 1]
    d.columns.pop("cidx"), d.types.pop("cidx")
    d.put("iso3", code, "str3")
    d.put("year", year, "int")
    ln_dist = d.group_constant(ids, d.normal(8.5, 0.8))
    cult = d.group_constant(ids, np.abs(d.normal(2.0, 1.0)))
    inst = np.abs(d.group_constant(ids, d.normal(2.0, 1.0)) + d.normal(0, 0.15))
    econ = np.abs(d.group_constant(ids, d.normal(1.5, 0.8)) + d.normal(0, 0.2))
    ln_gdp = d.group_constant(ids, d.normal(26.5, 1.5)) + 0.02 * (year - 2006) + d.normal(0, 0.05)
    fta = ((year >= d.group_constant(ids, d.uniform_int(2006, 2030))) ).astype(int)
    for name, values in (("ln_dist", ln_dist), ("cult_dist", cult), ("inst_dist", inst), ("econ_dist", econ),
                         ("ln_gdp", ln_gdp)):
        d.put(name, np.round(values, 4), "double")
    d.put("inst_dist_c", np.round(inst - inst.mean(), 4), "double")
    d.put("cult_dist_ks", np.round(cult * 0.8 + d.normal(0, 0.1), 4), "double")
    d.put("inst_dist_ks", np.round(inst * 0.8 + d.normal(0, 0.1), 4), "double")
    d.put("fta", fta, "byte")
    d.put("fta_x_inst", np.round(fta * (inst - inst.mean()), 4), "double")
    mu = np.exp(-1.0 - 0.5 * (ln_dist - 8.5) - 0.3 * cult - 0.2 * inst + 0.6 * (ln_gdp - 26.5) + 0.4 * fta
                + d.effect(ids, 0.8) + 4.0)
    flow = np.where(d.binary(0.35) == 1, 0.0, np.round(mu * np.exp(d.normal(0, 0.5)), 2))
    d.put("fdi_usd_m", flow, "double")
    position = np.where(year >= 2009, np.round(mu * 8 * np.exp(d.normal(0, 0.3)), 2), np.nan)
    d.put("position_usd_m", position, "double")
    ofc = np.isin(code, list(OFC)).astype(int)
    d.put("ofc", ofc, "byte")
    d.put("main", ((ofc == 0) | np.isin(code, ["SGP", "HKG"])).astype(int), "byte")
    d.put("in_2019_sample", np.isin(code, CODES[:16]).astype(int), "byte")
    return d.dataset()
