"""Look-alike of Stock and Watson's seat-belt panel (``Seat Belt data.dta``): ``state``
(numeric code), ``year`` 1983-1997, traffic fatalities per million miles ``fatalityrate``,
seat-belt use rate ``sb_useage`` (missing in early years for some states), 65/70 mph speed
limits ``speed65`` ``speed70``, a 0.08 blood-alcohol law ``ba08``, a drinking age of 21
``drinkage21``, primary/secondary enforcement ``primary`` ``secondary``, per-capita income
``income`` and mean age ``age``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1997)
    ids, year = d.panel("state", 51, list(range(1983, 1998)), "year")
    t = year - 1983
    law = lambda lo, hi: (year >= d.group_constant(ids, d.uniform_int(lo, hi))).astype(int)
    speed65 = law(1987, 2005)
    speed70 = law(1995, 2010) * speed65
    primary = law(1986, 2010)
    secondary = (1 - primary) * law(1984, 1995)
    belt = np.clip(0.3 + 0.03 * t + 0.15 * primary + 0.08 * secondary + d.effect(ids, 0.05) + d.normal(0, 0.03),
                   0.05, 0.95)
    belt = np.where((year < 1990) & (d.group_constant(ids, d.binary(0.5)) == 1), np.nan, belt)
    income = d.group_constant(ids, d.normal(17000, 2500)) * (1.03 ** t) + d.normal(0, 300)
    age = d.group_constant(ids, d.normal(35, 1.5)) + 0.1 * t + d.normal(0, 0.2)
    ba08 = law(1985, 2010)
    drink21 = law(1983, 1988)
    fat = (0.028 - 0.0008 * t + d.effect(ids, 0.004) - 0.004 * np.nan_to_num(belt, nan=0.4) + 0.001 * speed65
           - 0.0005 * ba08 + d.normal(0, 0.0015))
    d.put("fatalityrate", np.round(np.maximum(fat, 0.006), 5), "double")
    d.put("sb_useage", np.round(belt, 3), "double")
    for name, values in (("speed65", speed65), ("speed70", speed70), ("ba08", ba08), ("drinkage21", drink21),
                         ("primary", primary), ("secondary", secondary)):
        d.put(name, values, "byte")
    d.put("income", np.round(income, 0), "double")
    d.put("age", np.round(age, 2), "double")
    return d.dataset()
