"""Look-alike of the list of Christmas Bird Count circles that overlap an Important Bird Area
(``circle_id``, some circles listed more than once -- one row per overlapping area)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=17811)
    ids = np.sort(np.random.default_rng(17811).choice(np.arange(1, 241), size=90, replace=False))
    rows = np.repeat(ids, np.where(np.arange(ids.size) % 7 == 0, 2, 1))
    d.rows(rows.size)
    d.put("circle_id", rows, "int")
    d.put("area_id", d.uniform_int(1, 400), "int")
    return d.dataset()
