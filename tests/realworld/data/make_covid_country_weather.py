"""Look-alike of a country-level COVID-19 file (one row per country, about 150, Lesotho and Qatar
among them): deaths and cases 30, 60 and 90 days after the first case (``cases_deaths_30`` ...),
the dates, the Oxford stringency index, temperature and rainfall at those dates (two sources),
population, and the 2017-19 health profile (lower-respiratory, diabetes and respiratory deaths,
median age, GDP, HDI, PM2.5, DALYs, obesity).  The population and women's-share files it is
merged with are ``covid_population2017`` and ``covid_women``."""
import numpy as np

from lookalike import LookAlike

N = 152


def countries() -> tuple[np.ndarray, np.ndarray]:
    names = [f"Country {k:03d}" for k in range(1, N + 1)]
    names[40], names[110] = "Lesotho", "Qatar"
    codes = [f"C{k:02d}" if n.startswith("Country") else n[:3].upper() for k, n in enumerate(names, 1)]
    return np.array(names, dtype=object), np.array(codes, dtype=object)


def make():
    d = LookAlike(seed=11921)
    d.rows(N)
    names, codes = countries()
    pop = np.round(np.exp(d.normal(16, 1.6)))
    age = np.clip(d.normal(31, 9), 15, 48)
    d.put("country", names, "str24")
    d.put("countrycode", codes, "str3")
    d.put("population", pop, "double")
    d.put("total_pop", pop, "double")
    risk = -11 + 0.05 * age + d.normal(0, 0.5)
    for days, k in ((30, 1.0), (60, 2.2), (90, 3.1)):
        cases = d.poisson(np.log(pop) + risk + 4 + np.log(k))
        deaths = d.poisson(np.log(pop) + risk + np.log(k))
        d.put(f"cases_{days}", cases, "double")
        d.put(f"cases_deaths_{days}", deaths.astype(float), "double")
        d.put(f"dates_{days}", 21975 + days + d.uniform_int(0, 40), "int")
        d.put(f"stringency_ind_oxf_{days}", np.round(np.clip(d.normal(60, 18), 0, 100), 2), "float")
        d.put(f"monthly_temp_{days}", np.round(d.normal(17, 8), 2), "float")
        d.put(f"monthly_prec_{days}", np.round(np.exp(d.normal(4, 0.8)), 1), "float")
        d.put(f"month_temp_16_{days}", np.round(d.normal(17, 8), 2), "float")
        d.put(f"month_rainfall_mm_16_{days}", np.round(np.exp(d.normal(4, 0.8)), 1), "float")
    d.columns["cases_deaths_30"][[3, 77]] = np.nan
    d.columns["cases_deaths_60"][40] = np.nan
    d.columns["cases_deaths_90"][40] = np.nan
    d.put("low_resp_inf_dths", np.round(pop * np.exp(-8 + 0.02 * age + d.normal(0, 0.5))), "double")
    d.put("diabetes_deaths", np.round(pop * np.exp(-8.5 + d.normal(0, 0.5))), "double")
    d.put("respiratory_diseases_deaths", np.round(pop * np.exp(-8.2 + d.normal(0, 0.5))), "double")
    d.put("median_age", np.round(age, 1), "float")
    d.put("aged_70_older", np.round(np.clip(age / 4 - 3 + d.normal(0, 1), 0.5, 18), 3), "float")
    d.put("gdp_per_capita", np.round(np.exp(8.5 + 0.05 * (age - 31) + d.normal(0, 0.8)), 1), "float")
    d.put("diabetes_prevalence", np.round(np.clip(d.normal(7.5, 3), 1, 22), 2), "float")
    d.put("life_expectancy", np.round(60 + 0.5 * age + d.normal(0, 3), 2), "float")
    d.put("hdi_index_2018", np.round(np.clip(0.35 + 0.012 * age + d.normal(0, 0.05), 0.35, 0.96), 3), "float")
    d.put("air_pollution_year_pm25", np.round(np.exp(d.normal(3.1, 0.6)), 2), "float")
    d.put("life_exp", np.round(60 + 0.5 * age + d.normal(0, 3), 2), "float")
    d.put("dalys_asthma_normalized", np.round(np.exp(d.normal(-0.5, 0.4)), 4), "float")
    d.put("dalys_lung_disease", np.round(np.exp(d.normal(0.3, 0.4)), 4), "float")
    d.put("obesity_both_percent", np.round(np.clip(d.normal(19, 9), 2, 40), 1), "float")
    d.put("pop_density", np.round(np.exp(d.normal(4.4, 1.3)), 2), "float")
    return d.dataset()
