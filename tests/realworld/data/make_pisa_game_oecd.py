"""Look-alike of a PISA 2015/2018/2022 OECD student file after the team's variable-creation
step: country ``cnt`` (str3) and ``countryname``, ``wave``, school ``cntschid`` (unique
across countries and waves), mean of the ten maths / reading plausible values
``mean_math_score`` / ``mean_read_score`` (about 490, sd 90), ``age`` 15.3-16.3, grade
repetition ``repeat1``, ``high_educ``, school starting age ``schoolstart`` 3-9, ``yearschool``
= age - schoolstart, final student weight ``w_fstuwt``, ``hisei``, ``bfmj2``, ``bmmj1``,
the international grade ``st001d01t`` (str, "Grade 7" ... "Grade 12"), the relative grade
``grade`` (-2 to 2), ``female``, ``relative_age`` and the country-wave mean
``mean_school_age``."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AUS", "AUT", "BEL", "CAN", "CHL", "DEU", "DNK", "ESP", "FIN", "FRA", "GBR", "ITA"]


def make():
    d = LookAlike(seed=13903)
    ids = d.nested(("country_id", len(COUNTRIES)), ("wave_id", (3, 3)), ("school", (6, 9)),
                   (None, (8, 14)))
    country, cw, school = ids["country_id"], ids["wave_id"], ids["school"]
    wave_of_cw = np.tile([2015, 2018, 2022], len(COUNTRIES))
    d.put("cnt", np.array(COUNTRIES, dtype=object)[country - 1], "str3")
    d.put("wave", wave_of_cw[cw - 1], "int")
    d.put("cntschid", school + 100000, "long")
    start_mean = d.rng.uniform(5, 7, size=len(COUNTRIES))[country - 1]
    start = np.clip(np.round(start_mean + d.normal(0, 0.9)), 3, 9)
    age = np.round(d.rng.uniform(15.25, 16.33, d.n), 2)
    repeat = d.binary(0.12)
    high = d.binary(0.55)
    grade = np.clip(np.round(d.normal(0, 0.6)) - repeat, -2, 2) + 0.0
    female = d.binary(0.5)
    hisei = np.round(np.clip(45 + 10 * high + d.normal(0, 15), 11, 89), 2)
    u = d.effect(school, 35) + d.effect(country, 20)
    math = 480.0 + 30 * high - 45 * repeat - 4 * (start - 6) + 20 * grade + 0.8 * (hisei - 50) + u + d.normal(0, 70)
    read = 0.7 * math + 150 + 10 * female + d.normal(0, 45)
    d.put("mean_math_score", np.round(math, 3), "float")
    d.put("mean_read_score", np.round(read, 3), "float")
    d.put("age", age, "float")
    d.put("repeat1", repeat, "float")
    d.put("high_educ", high, "float")
    d.put("schoolstart", start, "float")
    d.put("yearschool", age - start, "float")
    d.put("w_fstuwt", np.round(d.group_constant(school, d.rng.uniform(5, 300, d.n)) * d.rng.uniform(0.9, 1.1, d.n), 4), "double")
    d.put("hisei", hisei, "double")
    d.put("bfmj2", d.with_missing(np.round(hisei + d.normal(0, 8), 2), 0.05), "double")
    d.put("bmmj1", d.with_missing(np.round(hisei + d.normal(0, 8), 2), 0.05), "double")
    levels = np.clip(10 + grade, 7, 12).astype(int)
    d.put("st001d01t", np.array([f"Grade {g}" for g in levels], dtype=object), "str8")
    d.put("grade", grade, "byte")
    d.put("female", female, "float")
    group_mean = {}
    key = school * 100 + levels
    for k in np.unique(key):
        group_mean[k] = age[key == k].mean()
    d.put("relative_age", age - np.array([group_mean[k] for k in key]), "float")
    cw_mean = np.array([start[cw == c].mean() for c in range(1, cw.max() + 1)])
    d.put("mean_school_age", cw_mean[cw - 1], "float")
    for name in ("country_id", "wave_id", "school"):
        del d.columns[name], d.types[name]
    return d.dataset()
