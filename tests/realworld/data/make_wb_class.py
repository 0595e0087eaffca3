"""``CLASS.dta`` for the energy/GDP look-alike: one row per country code with its region."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2)
    d.rows(40)
    d.put("code", np.array([f"C{k:02d}" for k in range(1, 41)], dtype=object), "str3")
    d.put("region", np.array(["R" + str(k % 6) for k in range(40)], dtype=object), "str2")
    return d.dataset()
