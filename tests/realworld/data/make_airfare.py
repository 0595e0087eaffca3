"""Look-alike of Wooldridge's ``airfare.dta`` (US routes 1997-2000): id, year, lfare,
concen, ldist, ldistsq, y98-y00."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1997)
    ids, year = d.panel("id", 300, [1997, 1998, 1999, 2000], "year")
    ldist = d.group_constant(ids, d.rng.uniform(4.5, 7.9, d.n))
    concen = np.round(np.clip(d.group_constant(ids, d.rng.uniform(0.2, 1, d.n)) + d.normal(0, 0.05), 0.16, 1), 4)
    d.put("concen", concen, "float")
    d.put("ldist", np.round(ldist, 4), "float")
    d.put("ldistsq", np.round(ldist ** 2, 4), "float")
    for y in (98, 99, 0):
        d.put(f"y{y:02d}", (year == 1900 + y + (100 if y == 0 else 0)).astype(int), "byte")
    d.put("lfare", np.round(6.2 - 0.9 * ldist + 0.1 * ldist ** 2 + 0.36 * concen + d.effect(ids, 0.3)
                            + d.normal(0, 0.1), 4), "float")
    return d.dataset()
