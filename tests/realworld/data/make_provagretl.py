"""Look-alike of a gretl user's ``provagretl.dta`` (an industry-by-country panel of
production data): ``country`` (string), ISIC industry code ``isic``, ``year`` 1990-2003
(unbalanced), output ``prod``, employment ``emp`` and value added ``va`` (positive levels,
logged by the do-file), with an AR(1) dynamic in log output."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["Country A", "Country B", "Country C", "Country D", "Country E", "Country F"]


def make():
    d = LookAlike(seed=1991)
    n_units = 120
    ids, year = d.panel("unit", n_units, list(range(1990, 2004)), "year", dropout=0.1)
    isic = (np.array([15, 17, 18, 20, 21, 24, 25, 26, 27, 28, 29, 31, 33, 34, 36, 19, 22, 23, 30, 32])
            [(ids - 1) % 20])
    country = np.array(COUNTRIES, dtype=object)[(ids - 1) // 20]
    a = d.effect(ids, 0.8)
    lemp = 8 + d.effect(ids, 1.0) + 0.02 * (year - 1990) + d.normal(0, 0.08)
    lva = 0.9 * lemp + 2 + 0.5 * a + d.normal(0, 0.1)
    lprod = np.empty(d.n)
    shocks = d.normal(0, 0.1)
    for i in range(d.n):
        first = i == 0 or ids[i] != ids[i - 1]
        base = 0.3 * lemp[i] + 0.4 * lva[i] + a[i]
        lprod[i] = base + 1.5 + shocks[i] if first else 0.5 * lprod[i - 1] + 0.5 * base + 0.75 + shocks[i]
    d.put("country", country, "str9")
    d.put("isic", isic, "int")
    d.put("prod", np.round(np.exp(lprod), 1), "double")
    d.put("emp", np.round(np.exp(lemp)), "double")
    d.put("va", np.round(np.exp(lva), 1), "double")
    del d.columns["unit"], d.types["unit"]
    return d.dataset()
