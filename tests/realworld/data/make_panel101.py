"""Look-alike of the Princeton DSS teaching file ``Panel101.dta``: 7 countries (``country``
1-7 labelled A-G) x 10 years (``year`` 1990-1999), outcome ``y`` (in the billions), its 0/1
version ``y_bin``, regressors ``x1``-``x3`` and a 4-point ``opinion`` with its 0/1 ``op``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=101)
    ids, year = d.panel("country", 7, list(range(1990, 2000)), "year")
    d.put("country", ids, "byte", value_labels={k: c for k, c in enumerate("ABCDEFG", start=1)})
    d.put("year", year, "int")
    u = d.effect(ids, 2.0e9)
    x1 = np.round(d.group_constant(ids, d.normal(0.6, 0.5)) + d.normal(0, 0.4), 6)
    x2 = np.round(d.normal(0.5, 1.5), 6)
    x3 = np.round(d.normal(0.5, 1.2), 6)
    y = np.round(1.0e9 + 1.2e9 * x1 + u + d.normal(0, 2.5e9))
    d.put("y", y, "double")
    d.put("y_bin", (y > 0).astype(int), "byte")
    d.put("x1", x1, "float")
    d.put("x2", x2, "float")
    d.put("x3", x3, "float")
    opinion = d.categorical([0.25, 0.25, 0.25, 0.25], [1, 2, 3, 4])
    d.put("opinion", opinion, "byte", value_labels={1: "Str agree", 2: "Agree", 3: "Disag", 4: "Str disag"})
    d.put("op", (opinion <= 2).astype(int), "byte")
    return d.dataset()
