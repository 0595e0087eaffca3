"""A small wide-form teaching file ``wide.dta``: 200 people (``id``) with ``wage``,
``exper``, ``manuf`` and ``inlf`` for 1990-1992 (``wage1990`` ... ``inlf1992``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1990)
    n = 200
    d.rows(n)
    d.put("id", np.arange(1, n + 1), "int")
    start = d.uniform_int(0, 15)
    skill = d.normal(0, 0.3)
    manuf = d.binary(0.3)
    for k, year in enumerate((1990, 1991, 1992)):
        inlf = d.binary(0.8)
        d.put(f"wage{year}", np.where(inlf == 1, np.round(np.exp(2 + skill + 0.03 * (start + k)
                                                                  + d.normal(0, 0.2)), 2), np.nan), "float")
        d.put(f"exper{year}", start + k, "byte")
        d.put(f"manuf{year}", np.where(d.binary(0.1) == 1, 1 - manuf, manuf), "byte")
        d.put(f"inlf{year}", inlf, "byte")
    return d.dataset()
