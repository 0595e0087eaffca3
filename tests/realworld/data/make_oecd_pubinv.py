"""Look-alike of a country panel of public investment as the do-file finds it in memory:
``country`` (string), ``time`` (years 1995-2019), public investment ``pubinv`` (% of GDP), GDP
growth ``gdp``, labour-force participation ``lfpr``, population growth ``popgrowth``,
age-dependency ratio ``adr``, and revenue and spending components (% of GDP): ``taxrev``,
``gast``, ``intax``, ``proptax``, ``payrolltax``, ``ssc``, ``wages``, ``intpay``, ``subs``,
``pubconsm``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1995)
    ids, t = d.panel("n", 30, list(range(1995, 2020)), "time")
    c = d.effect(ids, 1.0)
    d.put("country", np.array([f"Country {i:02d}" for i in ids], dtype=object), "str10")
    cols = {}
    for name, mean, sd in [("gdp", 2.2, 2.0), ("lfpr", 72, 4), ("popgrowth", 0.6, 0.4), ("adr", 50, 5),
                           ("taxrev", 34, 5), ("gast", 11, 2), ("intax", 10, 3), ("proptax", 1.8, 0.8),
                           ("payrolltax", 0.5, 0.4), ("ssc", 9, 3), ("wages", 11, 2), ("intpay", 2.5, 1),
                           ("subs", 1.3, 0.5), ("pubconsm", 19, 3)]:
        cols[name] = np.round(mean + sd * (0.7 * c + 0.7 * d.normal(0, 1)), 3)
    pubinv = 3.3 + 0.05 * cols["gdp"] - 0.03 * (cols["taxrev"] - 34) + 0.4 * c + d.normal(0, 0.3)
    d.put("pubinv", np.round(pubinv, 3), "float")
    for name, values in cols.items():
        d.put(name, d.with_missing(values, 0.02), "float")
    del d.columns["n"], d.types["n"]
    return d.dataset()
