"""Look-alike of the GBD dengue model's ``modelingData.dta``: location-years (``location_id``,
``location_name``, ``region_name``, ``yearWindow``, ``is_estimate``) with reported cases
``casesM`` of a sample ``sampleM``, the dengue probability ``denguePr``, an environmental
suitability ``score``, relative-risk trends ``rrMean`` ``rrMean2010``, mean incidence ``meanM``,
expansion factors ``efTotal`` and their 1000 draws ``ef_0``-``ef_999``, ``modelled`` (0/1),
population ``mean_pop`` and ``mean``.  About 300 rows in 60 locations."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1990)
    loc, year = d.panel("location_id", 60, [1990, 1995, 2000, 2005, 2010], "yearWindow")
    d.put("location_name", np.array([f"location {k}" for k in loc]), "str12")
    regions = np.array(["Caribbean", "Oceania", "South Asia", "Southeast Asia", "Tropical Latin America"])
    d.put("region_name", regions[d.group_constant(loc, d.uniform_int(0, 4))], "str22")
    d.put("is_estimate", d.binary(0.8), "byte")
    score = d.group_constant(loc, d.normal(0.5, 2.0))
    d.put("score", score.astype(np.float32), "float")
    pr = np.where(score < -2.5, 0.0, np.clip(0.3 + 0.2 * score, 0.02, 1.0))
    d.put("denguePr", pr.astype(np.float32), "float")
    d.put("rrMean", np.exp(0.02 * (year - 2000) + d.normal(0, 0.1)).astype(np.float32), "float")
    d.put("rrMean2010", np.exp(0.02 * (year - 2010) + d.normal(0, 0.1)).astype(np.float32), "float")
    d.put("meanM", np.exp(d.normal(-6, 1)).astype(np.float32), "float")
    pop = np.round(np.exp(d.group_constant(loc, d.normal(15, 1.2))))
    d.put("mean_pop", pop, "double")
    d.put("mean", d.with_missing(d.normal(0.001, 0.0002), 0.3), "double")
    sample = np.round(pop / 100)
    d.put("sampleM", sample, "double")
    eta = -7 + 0.5 * score + d.effect(loc, 0.8)
    cases = d.rng.negative_binomial(2, 2 / (2 + sample * np.exp(eta)))
    d.put("casesM", np.where(pr > 0, cases, 0), "long")
    d.put("modelled", d.binary(0.6), "byte")
    ef = np.exp(d.group_constant(loc, d.normal(2.5, 0.6)))
    d.put("efTotal", ef.astype(np.float32), "float")
    for i in range(1000):
        d.put(f"ef_{i}", (ef * np.exp(d.rng.normal(0, 0.1, size=d.n))).astype(np.float32), "float")
    return d.dataset()
