"""Look-alike of MLMUS ``toenail.dta`` (De Backer et al.: onycholysis in 294 patients at
7 visits; treatment itraconazole/terbinafine; month of visit)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=294)
    ids, visit = d.panel("patient", 294, [1, 2, 3, 4, 5, 6, 7], "visit", dropout=0.15)
    month = np.array([0, 1, 2, 3, 6, 9, 12])[visit - 1] + np.round(d.normal(0, 0.2), 2)
    trt = d.group_constant(ids, d.binary(0.5))
    d.put("outcome", d.bernoulli_logit(-1.6 - 0.4 * month - 0.14 * trt * month + d.effect(ids, 4.0)), "byte")
    d.put("treatment", trt, "byte")
    d.put("month", np.round(np.maximum(month, 0), 2), "float")
    return d.dataset("toenail (look-alike)")
