"""Look-alike of the chapter-4 example of Hoffman's longitudinal book (``STATA_Chapter4.dta``):
200 persons ``personid`` with daily positive mood ``posmood`` on seven study days
``studyday`` 1-7 (a random intercept and AR(1)-like day-to-day residuals; a few days
missing)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2015)
    ids, day = d.panel("personid", 200, list(range(1, 8)), "studyday")
    u = d.effect(ids, 0.55)
    e = np.empty(d.n)
    for k in range(d.n):
        fresh = d.rng.normal(0, 0.45)
        e[k] = fresh if day[k] == 1 else 0.35 * e[k - 1] + fresh
    mood = 3.2 + 0.03 * (day == 7) - 0.02 * (day == 1) + u + e
    d.put("posmood", np.round(d.with_missing(np.clip(mood, 1, 5), 0.04), 3), "float")
    return d.dataset()
