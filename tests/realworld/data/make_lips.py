"""Look-alike of Rabe-Hesketh & Skrondal's ``lips.dta`` (lip cancer in 56 Scottish
counties: observed ``o`` and expected ``e`` cases, ``x`` percent in agriculture)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=56)
    d.rows(56)
    d.put("county", np.arange(1, 57), "byte")
    e = np.round(np.exp(d.normal(1.8, 0.8)), 1)
    x = d.uniform_int(0, 24)
    d.put("o", d.poisson(np.log(e) + 0.07 * (x - 8) + d.normal(0, 0.5)), "int", "observed cases")
    d.put("e", e, "float", "expected cases")
    d.put("x", x, "byte", "percent in agriculture, fishing, forestry")
    return d.dataset("Scottish lip cancer (look-alike)")
