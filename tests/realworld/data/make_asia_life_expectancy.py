"""Look-alike of ``data_cleaned.dta``, a country-year panel of World Bank indicators for Asian
countries (``country_name`` string, ``year`` 2000-2018, ``id_country`` = egen group() as a
float): life expectancy at birth (``life_exp``, male ``ma_life_exp``, female ``fe_life_exp``),
``mortality_rate`` (per 1,000 adults), ``urban_pop`` (% urban), ``ghe_per`` (government health
spending, % of GDP), ``undernourishment`` and ``pollution`` (some years missing, as in the
source), ``immune`` (DPT immunisation %), ``gni_pcap`` and ``gni10000`` (GNI per capita and the
same in units of 10,000), ``unemployment`` (%), ``ghe_pcap`` (US$), ``bottom_50per_income``
(income share).  Variables from ``urban_pop`` to ``gni_pcap`` are adjacent, as the project's
``urban_pop-gni_pcap`` ranges want; country effects make the fixed-effects tests find
something."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["Afghanistan", "Armenia", "Azerbaijan", "Bangladesh", "Bhutan", "Cambodia", "China",
             "Georgia", "India", "Indonesia", "Iran", "Japan", "Jordan", "Kazakhstan", "Korea",
             "Kyrgyzstan", "Lao PDR", "Malaysia", "Mongolia", "Nepal", "Pakistan", "Philippines",
             "Sri Lanka", "Thailand", "Vietnam"]


def make():
    d = LookAlike(seed=3001)
    ids, year = d.panel("id", len(COUNTRIES), list(range(2000, 2019)), "year")
    t = year - 2000
    d.put("country_name", np.asarray(COUNTRIES, dtype=object)[ids - 1], "str11")
    d.put("year", year, "int")
    urban = np.clip(35 + d.effect(ids, 15) + 0.4 * t + d.normal(0, 0.5), 10, 95)
    ghe = np.clip(2 + d.effect(ids, 0.9) + 0.03 * t + d.normal(0, 0.25), 0.2, 8)
    gni = np.exp(8.6 + d.effect(ids, 0.9) + 0.045 * t + d.normal(0, 0.04))
    unemp = np.clip(5 + d.effect(ids, 2.5) + d.normal(0, 0.8), 0.3, 25)
    life = (66 + 0.06 * (urban - 35) + 0.9 * ghe + 2.5 * (np.log(gni) - 8.6) - 0.1 * unemp
            + d.effect(ids, 3.0) + 0.22 * t + d.normal(0, 0.4))
    d.put("urban_pop", np.round(urban, 3), "double")
    d.put("ghe_per", np.round(ghe, 4), "double")
    d.put("life_exp", np.round(life, 3), "double")
    d.put("undernourishment", d.with_missing(np.clip(18 + d.effect(ids, 7) - 0.4 * t + d.normal(0, 1), 2.5, 50), 0.12), "double")
    d.put("immune", np.clip(np.round(85 + d.effect(ids, 7) + 0.4 * t + d.normal(0, 3)), 40, 99), "double")
    poll = np.clip(40 + d.effect(ids, 15) + d.normal(0, 3), 8, 110)
    d.put("pollution", np.where(year == 2018, np.nan, poll), "double")
    d.put("gni_pcap", np.round(gni), "double")
    d.put("unemployment", np.round(unemp, 3), "double")
    d.put("ghe_pcap", np.round(ghe / 100 * gni * 0.45, 2), "double")
    d.put("bottom_50per_income", np.round(np.clip(0.15 + d.effect(ids, 0.03) + d.normal(0, 0.005), 0.05, 0.3), 4), "double")
    d.put("ma_life_exp", np.round(life - 2.2 + d.normal(0, 0.3), 3), "double")
    d.put("fe_life_exp", np.round(life + 2.4 + d.normal(0, 0.3), 3), "double")
    d.put("mortality_rate", np.round(np.clip(420 - 4.5 * life + d.normal(0, 6), 40, 400), 3), "double")
    d.put("gni10000", gni / 10000, "float")
    d.put("id_country", ids, "float")
    del d.columns["id"], d.types["id"]
    return d.dataset()
