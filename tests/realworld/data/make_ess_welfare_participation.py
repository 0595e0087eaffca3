"""Look-alike of ``outputs\\final_dataset.dta``, a European Social Survey extract merged with
country data (respondents in countries, ``cntry`` numeric with country labels): the political
participation index ``index_politparti`` (0-7 activities), the social-capital index
``index_capital`` (7-71 points) and religiosity ``index_religion`` (0-10), respondent
covariates ``sex`` (1/2), ``age``, household income decile ``hinc`` (1-10), education
``edulvl`` (1-7), ``marital`` (1-5), household size ``hsize``, ``domicil`` (1-5), their
grand-mean-centred versions ``c_index_capital``, ``c_index_religion``, ``c_age``, ``c_edulvl``,
``c_hsize``, and country-level ``religion_comp`` (share religious), ``wealth`` (GDP per head,
thousands), ``welfare_exp`` (social spending, % of GDP), ``welfare_type`` (1 social-democratic,
2 liberal, 3 conservative, 4 post-communist, 5 Mediterranean) and the cross-level product
``capital_wtype``."""
import numpy as np

from lookalike import LookAlike

REGIMES = {1: "Social democratic", 2: "Liberal", 3: "Conservative", 4: "Post-communist", 5: "Mediterranean"}


def make():
    d = LookAlike(seed=2803)
    ids = d.nested(("cntry", 22), (None, (70, 110)))
    c = ids["cntry"]
    d.value_labels["cntry"] = {float(k): f"Country {k:02d}" for k in range(1, 23)}
    d.value_label_of["cntry"] = "cntry"
    regime = d.group_constant(c, np.array([1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5])[c - 1])
    capital = np.clip(np.round(35 + 5 * (regime == 1) - 4 * (regime == 4) + d.effect(c, 4) + d.normal(0, 11)), 7, 71)
    religion = np.clip(np.round(5 + d.effect(c, 1.2) + d.normal(0, 2.6)), 0, 10)
    sex = d.categorical([0.48, 0.52])
    age = np.clip(np.round(d.normal(49, 18)), 15, 95)
    hinc = d.uniform_int(1, 10)
    edulvl = d.categorical([0.08, 0.15, 0.25, 0.15, 0.12, 0.15, 0.10])
    marital = d.categorical([0.5, 0.05, 0.1, 0.08, 0.27])
    hsize = np.clip(np.round(d.normal(2.6, 1.3)), 1, 9)
    domicil = d.categorical([0.2, 0.15, 0.25, 0.3, 0.1])
    relcomp = d.group_constant(c, np.round(d.normal(0.65, 0.15), 3))
    wealth = d.group_constant(c, np.round(np.exp(d.normal(3.4, 0.4)), 1))
    welfare = d.group_constant(c, np.round(d.normal(24, 4) + 3 * (regime == 1) - 4 * (regime == 4), 1))
    slope = 0.04 + d.effect(c, 0.012)
    latent = (0.3 + slope * (capital - 35) + 0.05 * (edulvl - 4) + 0.03 * (hinc - 5) + 0.04 * (welfare - 24)
              + d.effect(c, 0.35) + d.normal(0, 1.1))
    d.put("index_politparti", np.clip(np.round(1.3 + latent), 0, 7), "byte")
    d.put("index_capital", capital, "byte")
    d.put("index_religion", religion, "byte")
    d.put("sex", sex, "byte", value_labels={1: "Male", 2: "Female"})
    d.put("age", age, "int")
    d.put("hinc", hinc, "byte")
    d.put("edulvl", edulvl, "byte")
    d.put("marital", marital, "byte", value_labels={1: "Married", 2: "Separated", 3: "Divorced", 4: "Widowed",
                                                      5: "Never married"})
    d.put("hsize", hsize, "byte")
    d.put("domicil", domicil, "byte")
    d.put("religion_comp", relcomp, "double")
    d.put("wealth", wealth, "double")
    d.put("welfare_exp", welfare, "double")
    d.put("welfare_type", regime, "byte", value_labels=REGIMES)
    for name, v in (("index_capital", capital), ("index_religion", religion), ("age", age),
                    ("edulvl", edulvl), ("hsize", hsize)):
        d.put("c_" + name, v - v.mean(), "float")
    d.put("capital_wtype", capital * regime, "int")
    return d.dataset()
