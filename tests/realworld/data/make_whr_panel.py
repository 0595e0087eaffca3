"""Look-alike of the World Happiness Report panel as the do-file finds it in memory (imported
from a csv whose missing values read "NA"): ``country`` (string), ``region`` (string, ten
regions), ``year`` 2008-2018 (unbalanced), ``lifeladder`` (numeric) and the indicators
``loggdppercapita``, ``socialsupport``, ``healthylifeexpectancyatbirth``,
``freedomtomakelifechoices``, ``generosity``, ``perceptionsofcorruption`` as strings, "NA"
where missing."""
import numpy as np

from lookalike import LookAlike

REGIONS = ["Region A", "Region B", "Region C", "Region D", "Region E", "Region F",
           "Region G", "Region H", "Region I", "Region J"]


def _as_text(values: np.ndarray, share_na: float, rng) -> np.ndarray:
    text = np.array([f"{v:.3f}" for v in values], dtype=object)
    text[rng.random(len(values)) < share_na] = "NA"
    return text


def make():
    d = LookAlike(seed=2019)
    ids, year = d.panel("cid", 140, list(range(2008, 2019)), "year", dropout=0.15)
    country = d.effect(ids, 1.0)
    gdp = 9.2 + 1.1 * country + 0.02 * (year - 2008) + d.normal(0, 0.05)
    social = np.clip(0.8 + 0.08 * country + d.normal(0, 0.04), 0.3, 1.0)
    health = 63 + 6 * country + 0.2 * (year - 2008) + d.normal(0, 0.5)
    freedom = np.clip(0.75 + 0.06 * country + d.normal(0, 0.06), 0.2, 1.0)
    generosity = d.normal(0, 0.15)
    corruption = np.clip(0.75 - 0.08 * country + d.normal(0, 0.05), 0.05, 1.0)
    ladder = (5.4 + 0.35 * (gdp - 9.2) + 2.0 * (social - 0.8) + 0.03 * (health - 63)
              + 1.2 * (freedom - 0.75) + 0.5 * generosity - 0.6 * (corruption - 0.75)
              + d.effect(ids, 0.4) + d.normal(0, 0.2))
    regions = np.array(REGIONS, dtype=object)[(ids - 1) % len(REGIONS)]
    d.put("country", np.array([f"Country {i:03d}" for i in ids], dtype=object), "str11")
    d.put("region", regions, "str8")
    d.put("lifeladder", np.round(ladder, 3), "float")
    d.put("loggdppercapita", _as_text(gdp, 0.02, d.rng), "str6")
    d.put("socialsupport", _as_text(social, 0.01, d.rng), "str5")
    d.put("healthylifeexpectancyatbirth", _as_text(health, 0.03, d.rng), "str6")
    d.put("freedomtomakelifechoices", _as_text(freedom, 0.02, d.rng), "str5")
    d.put("generosity", _as_text(generosity, 0.04, d.rng), "str6")
    d.put("perceptionsofcorruption", _as_text(corruption, 0.05, d.rng), "str5")
    del d.columns["cid"], d.types["cid"]
    return d.dataset()
