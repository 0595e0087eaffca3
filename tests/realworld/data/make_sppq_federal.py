"""Look-alike of Boehmke & Shipan's state-level federal file (``boehmke-shipan2015sppq-federal``):
one row per state with the average of missed deadlines ``missedDLavg`` and the Democratic share
of the legislature ``leg_dem_pct``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2016)
    d.rows(48)
    dem = np.round(d.rng.uniform(0.25, 0.8, d.n), 4)
    d.put("missedDLavg", np.round(np.abs(2 + 3 * (dem - 0.5) - 4 * (dem - 0.5) ** 2 + d.normal(0, 0.8)), 3),
          "float")
    d.put("leg_dem_pct", dem, "float")
    return d.dataset()
