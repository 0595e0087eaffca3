"""Look-alike of ``longitudinal_mixed.dta`` from A. C. Acock's A Gentle Introduction to Stata
(chapter 15): one row per NLSY97 youth, all 17 in 1997, ``id`` (1-1000), ``male`` (1 male,
0 female) and ``drink98`` ... ``drink08``, the number of days in the last 30 on which the
person drank in 1998, 2000, ..., 2008 (0-30, rising with age, faster for men; about a third
of the yearly values missing), from a person-level intercept and slope."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13703)
    n = 1000
    d.rows(n)
    d.put("id", np.arange(1, n + 1), "int")
    male = d.binary(0.5)
    d.put("male", male, "byte", value_labels={0: "Female", 1: "Male"})
    start = d.normal(0, 3.0)
    slope = d.normal(0, 0.35)
    for k, year in enumerate(["98", "00", "02", "04", "06", "08"]):
        wave = 2 * k
        mu = 2.5 + start + (0.45 + 0.15 * male + slope) * wave - 0.015 * wave ** 2 + d.normal(0, 2.5)
        days = np.clip(np.round(mu), 0, 30)
        d.put(f"drink{year}", d.with_missing(days, 0.3), "byte")
    return d.dataset()
