"""Look-alike of Stata's ``grunfeld`` example data (Grunfeld's investment panel): ten
``company``s over ``year`` 1935-1954 (``time`` 1..20), gross investment ``invest``, market value
``mvalue`` and capital stock ``kstock`` in millions; a few firms are large (market values in the
thousands, as GM and US Steel are), so ``mvalue > 1000`` picks out some companies."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1935)
    ids, year = d.panel("company", 10, list(range(1935, 1955)), "year")
    size = np.array([4.8, 3.7, 3.1, 1.2, 0.9, 0.6, 0.5, 0.45, 0.3, 0.1])[ids - 1]
    trend = (year - 1935) / 19.0
    mvalue = np.round(size * 1000 * np.exp(0.25 * trend + d.normal(0, 0.15)), 1)
    kstock = np.round(size * 180 * np.exp(0.9 * trend + d.normal(0, 0.2)), 1)
    invest = np.round(np.maximum(0.9, 0.11 * mvalue + 0.28 * kstock - 20 * size + d.effect(ids, 15)
                                 + d.normal(0, 20 * np.sqrt(size))), 1)
    d.put("invest", invest, "float")
    d.put("mvalue", mvalue, "float")
    d.put("kstock", kstock, "float")
    d.put("time", year - 1934, "float")
    return d.dataset()
