"""Look-alike of an AirBase extract, PM10 annual means of 2012 by monitoring station (read
from an Excel sheet with ``firstrow``): ``Country`` (name), ``NUTS2`` region code and
``AirPollutionLevel`` (microgram/m3), several stations per region.  The regions are those of
``make_ess6_wellbeing_regions``."""
import numpy as np

from lookalike import LookAlike
from make_ess6_wellbeing_regions import COUNTRIES, regions


def make():
    d = LookAlike(seed=12113)
    rows = []
    for code, name, nreg in COUNTRIES:
        for r in regions(code, nreg):
            level = d.rng.uniform(12, 38)
            for _ in range(int(d.rng.integers(2, 7))):
                rows.append((name, r, max(3.0, level + d.rng.normal(0, 4))))
    d.rows(len(rows))
    d.put("Country", np.array([r[0] for r in rows], dtype=object), "str14")
    d.put("NUTS2", np.array([r[1] for r in rows], dtype=object), "str4")
    d.put("AirPollutionLevel", np.round([r[2] for r in rows], 3), "double")
    return d.dataset()
