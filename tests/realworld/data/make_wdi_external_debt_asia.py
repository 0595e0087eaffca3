"""Look-alike of a World Development Indicators extract in long form (an Excel sheet read with
``firstrow``): twelve South and South-East Asian countries 2000-2022, ``country_name`` (text),
``year``; series read as numbers (``gdp_ppp``, ``gdp_gr_rate``, ``pop_size``, ``Inf_con_pr``,
``gdp_pc_ppp``) and series read as text because WDI writes ``..`` for a missing value
(``external_debt_stocks_gni``, ``fdi_gdp``, trade, capital formation, imports, exports, debt
service, government effectiveness and consumption).  GDP grows with a country level, a trend
and a drag from external debt; the debt share is persistent within a country."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["Bangladesh", "Bhutan", "Cambodia", "China", "India", "Indonesia", "Nepal", "Pakistan",
             "Philippines", "Sri Lanka", "Thailand", "Viet Nam"]


def _text(d, values, share_missing, fmt="{:.6f}"):
    """WDI's text column: numbers as text, '..' where the value is missing."""
    out = np.array([fmt.format(v) for v in values], dtype=object)
    out[d.rng.random(len(out)) < share_missing] = ".."
    return out


def make():
    d = LookAlike(seed=3107)
    d.rows(len(COUNTRIES) * 23)  # country-years 2000-2022, the countries in order
    ids = np.repeat(np.arange(1, len(COUNTRIES) + 1), 23)
    year = np.tile(np.arange(2000, 2023), len(COUNTRIES))
    names = np.array(COUNTRIES, dtype=object)[ids - 1]
    d.put("country_name", names, "str11")
    d.put("year", year, "int")
    t = year - 2000
    level = d.effect(ids, 0.9)
    debt0 = 25 + d.effect(ids, 10.0)
    debt = np.clip(debt0 + 0.4 * t + d.normal(0, 3.0), 2.0, None)
    pop = np.exp(16.5 + d.effect(ids, 1.8) + 0.012 * t)
    gdp_ppp = np.exp(25.5 + level + 0.45 * np.log(pop / 1e7) + 0.05 * t - 0.004 * debt + d.normal(0, 0.05))
    d.put("gdp_ppp", gdp_ppp, "double")
    d.put("gdp_gr_rate", 5.0 + d.effect(ids, 1.5) + d.normal(0, 2.0) - 6.0 * (year == 2020), "double")
    d.put("pop_size", np.round(pop), "double")
    d.put("Inf_con_pr", np.exp(1.3 + d.effect(ids, 0.3) + d.normal(0, 0.5)), "double")
    d.put("gdp_pc_ppp", gdp_ppp / pop, "double")
    d.put("external_debt_stocks_gni", _text(d, debt, 0.04), "str18")
    fdi = 2.0 + d.effect(ids, 1.0) + d.normal(0, 1.2)
    d.put("fdi_gdp", _text(d, fdi, 0.03), "str18")
    gcf = 28 + d.effect(ids, 6.0) + d.normal(0, 2.5)
    d.put("gross_cap_formation_gdp", _text(d, gcf, 0.03), "str18")
    trade = np.exp(np.log(70) + d.effect(ids, 0.5) + d.normal(0, 0.1))
    d.put("trade_gdp", _text(d, trade, 0.03), "str18")
    d.put("gross_fixed_cap_formation_gdp", _text(d, gcf - 1.5 + d.normal(0, 1.0), 0.05), "str18")
    d.put("imports_gdp", _text(d, trade * 0.52 + d.normal(0, 2.0), 0.03), "str18")
    d.put("exports_gdp", _text(d, trade * 0.48 + d.normal(0, 2.0), 0.03), "str18")
    d.put("tot_debt_service_exp", _text(d, np.exp(2.2 + d.effect(ids, 0.5) + d.normal(0, 0.3)), 0.06), "str18")
    d.put("gov_effectiveness_est", _text(d, d.effect(ids, 0.6) + d.normal(0, 0.1), 0.08), "str18")
    d.put("gov_final_cons_exp_gdp", _text(d, 11 + d.effect(ids, 3.0) + d.normal(0, 0.8), 0.03), "str18")
    return d.dataset()
