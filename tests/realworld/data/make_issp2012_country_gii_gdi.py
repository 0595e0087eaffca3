"""Look-alike of a country-year file of UNDP gender indices (``gii_gdi.dta``): ``alpha3``,
``dateyr`` 2010-2014, the Gender Inequality Index ``gii_`` with its parts (adolescent births,
maternal mortality, seats in parliament, education and labour-force participation by sex) and
the Gender Development Index ``gdi`` with its parts (income, schooling, life expectancy, HDI by
sex); Taiwan is absent."""
import numpy as np

from lookalike import LookAlike
from make_issp2012_iso_table import country_years


def make():
    d = LookAlike(seed=5902)
    ids, year = country_years(d)
    level = d.effect(ids, 1.0)
    drift = -0.005 * (year - 2010)
    gii = np.clip(0.25 + 0.12 * level + drift + d.normal(0, 0.005), 0.03, 0.7)
    d.put("adobirth_gii", np.exp(3.0 + 0.6 * level + d.normal(0, 0.05)), "double")
    d.put("bip_female_gdi", np.exp(9.6 - 0.5 * level + d.normal(0, 0.03)), "double")
    d.put("bip_male_gdi", np.exp(10.1 - 0.4 * level + d.normal(0, 0.03)), "double")
    d.put("educ_female_gii", np.clip(70 - 15 * level + d.normal(0, 1), 5, 100), "double")
    d.put("educ_male_gii", np.clip(75 - 12 * level + d.normal(0, 1), 5, 100), "double")
    d.put("eeducyrs_female_gdi", 15 - 1.5 * level + d.normal(0, 0.1), "double")
    d.put("eeducyrs_male_gdi", 15 - 1.2 * level + d.normal(0, 0.1), "double")
    d.put("elife_female_gdi", 81 - 3 * level + d.normal(0, 0.2), "double")
    d.put("elife_male_gdi", 76 - 3 * level + d.normal(0, 0.2), "double")
    d.put("hdi_female_gdi", np.clip(0.86 - 0.06 * level + d.normal(0, 0.003), 0.4, 0.97), "double")
    d.put("hdi_male_gdi", np.clip(0.89 - 0.05 * level + d.normal(0, 0.003), 0.4, 0.97), "double")
    d.put("lfp_female_gii", np.clip(55 - 8 * level + d.normal(0, 1), 20, 80), "double")
    d.put("lfp_male_gii", np.clip(68 - 2 * level + d.normal(0, 1), 40, 85), "double")
    d.put("meducyrs_female_gdi", 11 - 1.5 * level + d.normal(0, 0.1), "double")
    d.put("meducyrs_male_gdi", 11.5 - 1.2 * level + d.normal(0, 0.1), "double")
    d.put("mmratio_gii", np.exp(2.2 + 0.9 * level + d.normal(0, 0.05)), "double")
    d.put("seatsparl_gii", np.clip(25 - 7 * level + d.normal(0, 1), 3, 50), "double")
    d.put("gii_", gii, "double")
    d.put("gdi", np.clip(0.97 - 0.02 * level + d.normal(0, 0.003), 0.8, 1.02), "double")
    return d.dataset()
