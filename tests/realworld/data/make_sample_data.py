"""Look-alike of ``sample-data.dta`` (filling in a time-invariant value): id, t, x (set at t=1 only)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3)
    ids, t = d.panel("id", 5, [3, 1, 2], "t")
    x = np.where(t == 1, d.uniform_int(1, 9), np.nan)
    d.put("x", x, "byte")
    return d.dataset()
