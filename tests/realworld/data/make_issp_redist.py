"""Look-alike of a respondent-by-country file built from the ISSP 2009 (social inequality)
for a study of class homogeneity in personal networks: preference for redistribution
``redist`` (1-5), network class homogeneity ``homclass`` (and its strong-tie, weak-tie and
respondent-class versions), class ``class3`` (0-3), demographics, survey weight ``WEIGHT``
and country-level inequality measures and GDP, for ``country2`` (numbered countries)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2009)
    ids = d.nested(("country2", 24), (None, (60, 90)))
    c = ids["country2"]
    for name, sd in (("homclass", 0.25), ("homclass_s", 0.28), ("homclass_w", 0.25), ("homclass_res", 0.27)):
        d.put(name, np.round(np.clip(0.45 + d.normal(0, sd), 0, 1), 3), "float")
    d.put("class3", d.categorical([0.3, 0.3, 0.25, 0.15], [0, 1, 2, 3]), "byte")
    d.put("class3res", d.categorical([0.3, 0.3, 0.25, 0.15], [0, 1, 2, 3]), "byte")
    d.put("female", d.binary(0.52), "byte")
    d.put("agenum", d.uniform_int(18, 85), "byte")
    d.put("edyears", d.uniform_int(6, 20), "byte")
    d.put("Q03pcm", d.categorical([0.2, 0.2, 0.2, 0.2, 0.2], [0, 1, 2, 3, 4]), "byte")
    d.put("workst", d.binary(0.6), "byte")
    d.put("union", d.binary(0.25), "byte")
    d.put("WEIGHT", np.round(d.rng.uniform(0.5, 1.8, d.n), 4), "float")
    for name, mean, sd in (("gini_disp", 31, 5), ("gini_mkt", 47, 4), ("top10", 31, 4), ("middle50", 48, 3),
                           ("d10d1", 10, 3), ("giniindex", 33, 5), ("ttheilge1", 0.2, 0.05)):
        d.put(name, d.group_constant(c, np.round(mean + d.normal(0, sd), 3)), "float")
    d.put("rgdpna", d.group_constant(c, np.round(np.exp(12.5 + d.normal(0, 1)), 0)), "double")
    latent = (-1.0 * d.columns["homclass"] + 0.04 * (d.columns["gini_disp"] - 31) - 0.2 * d.columns["class3"]
              + d.effect(c, 0.4) + d.effect(c, 0.5) * d.columns["homclass"])
    d.put("redist", d.ordinal(latent, [-3.0, -1.8, -0.6, 1.0]), "byte")
    return d.dataset()
