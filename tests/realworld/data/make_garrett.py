"""Look-alike of Garrett's long panel of 14 OECD countries, 1966-1990 (MLMUS4's ``garrett``):
``country``, ``year``, growth ``gdp``, oil dependence ``oild``, export-weighted demand
``demand``, left power ``leftpow`` and labour organization ``organ``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1990)
    ids, year = d.panel("country", 14, list(range(1966, 1991)), "year")
    organ = d.group_constant(ids, np.round(d.rng.uniform(1, 4, d.n), 2))
    leftpow = np.round(np.clip(d.group_constant(ids, d.rng.uniform(0, 3, d.n)) + d.normal(0, 0.4), 0, None), 2)
    oild = np.round(d.rng.uniform(0, 0.05, d.n) * (1 + (year >= 1974)), 4)
    demand = np.round(3 + d.normal(0, 1.5), 3)
    gdp = np.round(1.5 + 0.4 * demand - 10 * oild - 0.8 * leftpow - 0.5 * organ + 0.4 * leftpow * organ
                   + d.effect(ids, 0.5) + d.normal(0, 1.2), 3)
    d.put("gdp", gdp, "float")
    d.put("oild", oild, "float")
    d.put("demand", demand, "float")
    d.put("leftpow", leftpow, "float")
    d.put("organ", organ, "float")
    return d.dataset()
