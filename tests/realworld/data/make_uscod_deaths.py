"""Look-alike of a US cause-of-death working file (deaths by state, year, age group, sex
and underlying cause), as left in memory by the project's own preparation do-file."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2011)
    n_state, years = 12, list(range(1999, 2008))
    ages = ["Under5", "5to14", "15to29", "30to44", "45to59", "60to75", "75plus"]
    rows = [(s, y, a, sx, u) for s in range(1, n_state + 1) for y in years for a in ages for sx in (1, 2)
            for u in (1, 2)]
    d.rows(len(rows))
    arr = np.array(rows, dtype=object)
    d.put("stateFips", arr[:, 0].astype(int), "byte")
    d.put("year", arr[:, 1].astype(int), "int")
    d.put("age_group", arr[:, 2].astype(object), "str6")
    d.put("sex", arr[:, 3].astype(int), "byte")
    d.put("underlying", arr[:, 4].astype(int), "byte")
    mu = 3 + d.effect(d.columns["stateFips"], 0.3) - 0.02 * (d.columns["year"] - 2003)
    d.put("deaths", d.poisson(mu), "int")
    return d.dataset()
